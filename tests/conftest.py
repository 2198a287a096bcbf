"""Fixtures shared by the whole suite: a real SQLite file and a real PostgreSQL schema per test; and the Hypothesis
settings every property test runs with."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import hypothesis.core
import psycopg
import pytest
import schemathesis.generation.hypothesis
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase
from hypothesis.vendor import pretty

from application.context import CommandContext
from application.register import Register
from application.settings import get_settings

POSTGRES_URL = os.environ.get("FICLEDGER_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("FICLEDGER_REQUIRE_POSTGRES") == "1"

ROOT = Path(__file__).resolve().parents[1]

# No deadline and no too_slow health check: timing is for benchmarks, and a slow moment on a busy machine is not a
# failure. A failure prints the blob that replays it (@reproduce_failure) and is kept in .hypothesis/examples,
# which every xdist worker shares, so the next run tries it first.
settings.register_profile(
    "ficledger",
    database=DirectoryBasedExampleDatabase(ROOT / ".hypothesis" / "examples"),
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ficledger")

# Schemathesis swaps Hypothesis' printer, process-wide, for one that prints nothing, so a failing property would
# show "n=," instead of its values. Let it make its changes now, then put the printer back.
schemathesis.generation.hypothesis.setup()
hypothesis.core.RepresentationPrinter = pretty.RepresentationPrinter  # type: ignore[misc]

REGISTRAR = CommandContext("li-wei", "registrar", "req-registrar", None)
ASSESSOR = CommandContext("zhang-min", "assessor", "req-assessor", None)


@pytest.fixture(autouse=True)
def settings_read_afresh() -> Iterator[None]:
    """Each test reads the settings from its own environment, so ``monkeypatch.setenv`` before the first read
    takes effect."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _postgres_unreachable() -> str | None:
    try:
        with psycopg.connect(POSTGRES_URL, connect_timeout=3):
            return None
    except psycopg.Error as error:
        return str(error).strip() or type(error).__name__


@pytest.fixture(scope="session")
def postgres_available() -> None:
    problem = _postgres_unreachable()
    if problem:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL at {POSTGRES_URL} is required (FICLEDGER_REQUIRE_POSTGRES=1): {problem}")
        pytest.skip(f"PostgreSQL at {POSTGRES_URL} is unreachable: {problem}")


@contextmanager
def postgres_schema() -> Iterator[str]:
    schema = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{separator}schema={schema}"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def postgres_url(postgres_available: None) -> Iterator[str]:
    """A database URL whose tables live in a schema of their own, dropped afterwards."""
    with postgres_schema() as url:
        yield url


@pytest.fixture
def fresh_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """Makes further empty stores: ``fresh_store("sqlite")`` or ``fresh_store("postgres")``."""
    with ExitStack() as stack:

        def make(kind: str) -> str:
            if kind == "sqlite":
                return f"sqlite:///{tmp_path}/{uuid.uuid4().hex}.sqlite3"
            request.getfixturevalue("postgres_available")
            return stack.enter_context(postgres_schema())

        yield make


@pytest.fixture
def sqlite_url(tmp_path: os.PathLike[str]) -> str:
    return f"sqlite:///{tmp_path}/ficledger.sqlite3"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest) -> str:
    """Each test that uses it runs once on an SQLite file and once on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def module_store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One store of each kind shared by a whole module, for tests that do not depend on what the others wrote:
    its tables are made once instead of once a test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('store')}/ficledger.sqlite3"
        return
    request.getfixturevalue("postgres_available")
    with postgres_schema() as url:
        yield url


@pytest.fixture
def register(store_url: str) -> Iterator[Register]:
    app = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        yield app
    finally:
        app.close()
