"""Stores for the command line's tests: one holding a few members, a PostgreSQL schema not made yet, and the
installed ``ficledger`` command run as an operator's script runs it, with its output to a pipe."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import psycopg
import pytest

from application.register import Register
from tests.conftest import POSTGRES_URL
from tests.factories import member


def fill(url: str, members: int = 3) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": url})
    try:
        for n in range(1, members + 1):
            member(register, n)
    finally:
        register.close()


@pytest.fixture
def filled(store_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A store (SQLite, then PostgreSQL) holding three members, named by FICLEDGER_DATABASE_URL."""
    fill(store_url)
    monkeypatch.setenv("FICLEDGER_DATABASE_URL", store_url)
    return store_url


@pytest.fixture
def unmade_schema(postgres_available: None) -> Iterator[str]:
    """A PostgreSQL URL whose ``?schema=`` does not exist; dropped afterwards if a command made it."""
    schema = f"t_{uuid.uuid4().hex[:16]}"
    separator = "&" if "?" in POSTGRES_URL else "?"
    yield f"{POSTGRES_URL}{separator}schema={schema}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def schema_tables(url: str) -> list[str] | None:
    """The tables in the URL's schema, or None when there is no such schema."""
    schema = parse_qs(urlsplit(url).query)["schema"][0]
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone() is None:
            return None
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", (schema,)).fetchall()
    return sorted(row[0] for row in rows)


def ficledger(
    *args: str, env: dict[str, str], timeout: float = 120, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed command with ``env`` added to this environment, its output to pipes (not a terminal), and
    ``stdin`` as its standard input (none when not given)."""
    script = shutil.which("ficledger", path=str(Path(sys.executable).parent))
    command = [script] if script else [sys.executable, "-m", "interfaces.cli"]
    return subprocess.run(
        [*command, *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
    )
