"""FICLEDGER_DATABASE_URL translated to the library's settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from application.errors import StoreConfigError
from application.store.config import database_url, store_env


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
