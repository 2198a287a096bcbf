"""Store faults read out of what the databases really raise, told apart from the failures that are not the store's;
the fault logged once when it begins and once when it ends; an SQLite file deleted or replaced under the service."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import psycopg
import pytest
from eventsourcing.persistence import OperationalError

from application.register import Register
from application.store.faults import StoreFault, StoreHealth, store_fault
from tests.api.concurrent_support import free_port
from tests.conftest import POSTGRES_URL
from tests.factories import member


def raised_by(action: object) -> BaseException:
    try:
        action()  # type: ignore[operator]
    except Exception as error:
        return error
    raise AssertionError("nothing was raised")


def test_a_write_to_a_read_only_sqlite_file_is_a_read_only_store(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    read_only = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    error = raised_by(lambda: read_only.execute("INSERT INTO t VALUES (1)"))
    read_only.close()
    fault = store_fault(error)
    assert fault is not None
    assert fault.kind == "read-only"
    assert "readonly" in fault.cause

    def as_the_library_raises_it() -> None:
        raise OperationalError(error) from error

    wrapped = raised_by(as_the_library_raises_it)
    assert getattr(store_fault(wrapped), "kind", None) == "read-only"


def test_failures_that_are_not_the_stores_are_not_faults(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "x.sqlite3") as conn:
        conn.execute("CREATE TABLE t (x PRIMARY KEY)")
        conn.execute("INSERT INTO t VALUES (1)")
        duplicate = raised_by(lambda: conn.execute("INSERT INTO t VALUES (1)"))
        syntax = raised_by(lambda: conn.execute("SELEC 1"))
    assert store_fault(duplicate) is None
    assert store_fault(syntax) is None
    assert store_fault(RuntimeError("a bug")) is None
    assert store_fault(FileNotFoundError(2, "a template")) is None


@pytest.mark.postgres
def test_postgres_faults_are_read_from_their_sqlstate(postgres_available: None) -> None:
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        read_only = raised_by(
            lambda: conn.execute("BEGIN READ ONLY; CREATE TEMPORARY TABLE ficledger_t (x int); COMMIT")
        )
        conn.execute("ROLLBACK")
        gone = raised_by(lambda: conn.execute("SELECT * FROM no_schema_here.ficledger_events"))
        canceled = raised_by(lambda: conn.execute("SET statement_timeout = 1; SELECT pg_sleep(1)"))
    refused = raised_by(lambda: psycopg.connect(f"postgresql://postgres@127.0.0.1:{free_port()}/x", connect_timeout=3))
    kinds = {
        name: getattr(store_fault(error), "kind", None)
        for name, error in [("read only", read_only), ("gone", gone), ("canceled", canceled), ("refused", refused)]
    }
    assert kinds == {"read only": "read-only", "gone": "vanished", "canceled": None, "refused": "unreachable"}
    assert getattr(store_fault(psycopg.errors.DiskFull("no space left on device")), "kind", None) == "full"


def test_a_fault_is_logged_when_it_begins_and_when_it_ends(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="ficledger.store")
    health = StoreHealth("sqlite:///var/x.sqlite3")
    health.succeeded()
    for _ in range(50):
        health.failed(StoreFault("full", "database or disk is full"))
    assert health.fault is not None
    health.failed(StoreFault("read-only", "attempt to write a readonly database"))
    health.succeeded()
    health.succeeded()
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 3
    assert "存储空间已满" in lines[0]
    assert "存储变为只读" in lines[1]
    assert "1 refused" in lines[2]
    assert health.fault is None


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_a_write_to_an_sqlite_file_deleted_or_replaced_under_the_service_is_refused(
    sqlite_url: str, tmp_path: Path, how: str
) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    try:
        member(register, 1)
        path = Path(sqlite_url.removeprefix("sqlite:///"))
        if how == "replaced":
            shutil.copy(path, tmp_path / "copy.sqlite3")
            (tmp_path / "copy.sqlite3").replace(path)
        else:
            path.unlink()
        with pytest.raises(StoreFault) as vanished:
            member(register, 2)
        assert vanished.value.kind == "vanished"
    finally:
        register.close()
