"""FICLEDGER_DATABASE_URL translated to the library's settings, and the library setting the register refuses."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import psycopg
import pytest

from application.audit.verify import verify
from application.errors import DatabaseFunctionsRefused, StoreConfigError
from application.register import Register
from application.store.config import DB_FUNCTIONS, database_url, store_env
from tests.conftest import POSTGRES_URL
from tests.factories import member


def test_sqlite_url_makes_its_folder(tmp_path: Path) -> None:
    env = store_env(f"sqlite:///{tmp_path}/deep/er/ficledger.sqlite3")
    assert env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite"
    assert env["SQLITE_DBNAME"] == f"{tmp_path}/deep/er/ficledger.sqlite3"
    assert (tmp_path / "deep" / "er").is_dir()


def test_postgres_url_with_schema_and_pool() -> None:
    env = store_env("postgresql://alice:s%40cret@db.internal:6543/register?schema=district7&pool_size=4")
    assert env["PERSISTENCE_MODULE"] == "eventsourcing.postgres"
    assert (env["POSTGRES_HOST"], env["POSTGRES_PORT"], env["POSTGRES_DBNAME"]) == ("db.internal", "6543", "register")
    assert (env["POSTGRES_USER"], env["POSTGRES_PASSWORD"]) == ("alice", "s@cret")
    assert (env["POSTGRES_SCHEMA"], env["POSTGRES_POOL_SIZE"]) == ("district7", "4")


@pytest.mark.parametrize("url", ["mysql://x/y", "sqlite://", "sqlite:///"])
def test_other_urls_are_refused(url: str) -> None:
    with pytest.raises(StoreConfigError):
        store_env(url)


def test_default_is_a_file_under_var(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FICLEDGER_DATABASE_URL", raising=False)
    assert database_url() == "sqlite:///var/ficledger.sqlite3"


def tables_functions_and_types(postgres_url: str) -> list[str]:
    schema = parse_qs(urlsplit(postgres_url).query)["schema"][0]
    with psycopg.connect(POSTGRES_URL) as conn:
        rows = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s "
            "UNION ALL SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = %s "
            "UNION ALL SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
            "WHERE n.nspname = %s",
            (schema, schema, schema),
        ).fetchall()
    return [row[0] for row in rows]


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("variable", "value"),
    [("POSTGRES_ENABLE_DB_FUNCTIONS", "y"), ("FICLEDGER_POSTGRES_ENABLE_DB_FUNCTIONS", "true"), (DB_FUNCTIONS, "x")],
)
def test_database_functions_are_refused_and_nothing_is_created(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(DatabaseFunctionsRefused) as refused:
        Register({"FICLEDGER_DATABASE_URL": postgres_url})
    assert isinstance(refused.value, StoreConfigError)
    assert variable in str(refused.value)
    assert "\n" not in str(refused.value)
    assert tables_functions_and_types(postgres_url) == []


@pytest.mark.postgres
def test_database_functions_given_in_the_register_env_are_refused(postgres_url: str) -> None:
    with pytest.raises(DatabaseFunctionsRefused):
        Register({"FICLEDGER_DATABASE_URL": postgres_url, "POSTGRES_ENABLE_DB_FUNCTIONS": "on"})
    assert tables_functions_and_types(postgres_url) == []


def test_database_functions_are_refused_before_an_sqlite_store_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSTGRES_ENABLE_DB_FUNCTIONS", "yes")
    with pytest.raises(DatabaseFunctionsRefused):
        Register({"FICLEDGER_DATABASE_URL": f"sqlite:///{tmp_path}/new/ficledger.sqlite3"})
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "env",
    [
        {"POSTGRES_ENABLE_DB_FUNCTIONS": "no"},
        {"POSTGRES_ENABLE_DB_FUNCTIONS": "0"},
        {"POSTGRES_ENABLE_DB_FUNCTIONS": ""},
        {"FICLEDGER_POSTGRES_ENABLE_DB_FUNCTIONS": "false", "POSTGRES_ENABLE_DB_FUNCTIONS": "yes"},
    ],
)
def test_database_functions_switched_off_are_accepted(
    store_url: str, monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
) -> None:
    for variable, value in env.items():
        monkeypatch.setenv(variable, value)
    register = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        member(register, 1)
        verification = verify(register)
        assert (verification.ok, verification.checked) == (True, 1)
    finally:
        register.close()
