"""The command line on a store it cannot use: missing, unreachable, refusing the login, cut short or corrupt.

Exit status 2 and one line when the command cannot run (nothing is created); 1 when the log is not as recorded;
never a traceback. A missing PostgreSQL schema is made by the commands that create a store.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from application.demo import district
from application.demo.district import Receipt, Summary
from application.register import Register
from interfaces.cli import cli
from tests.api.concurrent_support import free_port
from tests.factories import member
from tests.interfaces.conftest import ficledger, fill, schema_tables

runner = CliRunner()
KEYS = "admin:desk:admin-token-123"
READING = [["verify"], ["report", "coverage"], ["rebuild"], ["export", "--out", "{folder}/log.jsonl"]]
READING_IDS = ["verify", "report", "rebuild", "export"]


def invoke(url: str, args: list[str], monkeypatch: pytest.MonkeyPatch, folder: Path | None = None) -> Result:
    monkeypatch.setenv("FICLEDGER_DATABASE_URL", url)
    return runner.invoke(cli, [a.format(folder=folder) for a in args])


def assert_one_line(result: Result, status: int, start: str) -> None:
    assert result.exit_code == status, result.output
    assert "Traceback" not in result.output
    [line] = result.stderr.splitlines()
    assert line.startswith(start), line


@pytest.mark.parametrize("args", READING, ids=READING_IDS)
def test_a_missing_sqlite_store_is_exit_2_and_nothing_is_created(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path}/absent/x.sqlite3"
    result = invoke(url, args, monkeypatch, tmp_path)
    assert_one_line(result, 2, f"存储不存在：{url} (store not found)")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.postgres
@pytest.mark.parametrize("args", READING, ids=READING_IDS)
def test_a_missing_postgres_schema_is_exit_2_and_not_made(
    args: list[str], unmade_schema: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = invoke(unmade_schema, args, monkeypatch, tmp_path)
    assert_one_line(result, 2, f"存储不存在：{unmade_schema}")
    assert schema_tables(unmade_schema) is None
    assert list(tmp_path.iterdir()) == []


@pytest.mark.postgres
@pytest.mark.parametrize("args", READING, ids=READING_IDS)
def test_a_postgres_schema_without_a_store_is_exit_2_and_gains_no_table(
    args: list[str], postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = invoke(postgres_url, args, monkeypatch, tmp_path)
    assert_one_line(result, 2, f"存储不存在：{postgres_url} (store not found)")
    assert schema_tables(postgres_url) == []


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("url", "reason"),
    [
        (f"postgresql://postgres@127.0.0.1:{free_port()}/test", "Connection refused"),
        ("postgresql://no_such_role:a-wrong-password@127.0.0.1:5432/test", 'role "no_such_role" does not exist'),
        ("postgresql://postgres:a-wrong-password@127.0.0.1:5432/no_such_database", "no_such_database"),
    ],
    ids=["unreachable", "login refused", "no database"],
)
@pytest.mark.parametrize("args", [["verify"], ["report", "coverage"], ["import", "{folder}/log.jsonl"]])
def test_a_database_that_cannot_be_used_is_exit_2_in_one_line(
    postgres_available: None,
    url: str,
    reason: str,
    args: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "log.jsonl").write_text("{}\n", encoding="utf-8")
    result = invoke(url, args, monkeypatch, tmp_path)
    assert_one_line(result, 2, "无法使用存储：postgresql://")
    assert reason in result.stderr
    assert "a-wrong-password" not in result.output


def cut_short(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)


def scribble(path: Path) -> None:
    """Overwrite the pages after the first with noise, as a failing disk would."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(4096)
        handle.write(bytes(range(256)) * ((size - 8192) // 256))


def not_sqlite(path: Path) -> None:
    path.write_text("member,name\n1,深圳市南山企业1有限公司\n" * 100, encoding="utf-8")


def emptied(path: Path) -> None:
    path.write_bytes(b"")


DAMAGE = [cut_short, scribble, not_sqlite, emptied]


@pytest.fixture(params=DAMAGE, ids=[d.__name__ for d in DAMAGE])
def damaged(request: pytest.FixtureRequest, sqlite_url: str) -> str:
    """An SQLite store of thirty members, then damaged."""
    fill(sqlite_url, 30)
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    assert path.stat().st_size > 8 * 4096
    request.param(path)
    return sqlite_url


def test_verify_of_a_damaged_file_exits_1_with_its_one_line_verdict(
    damaged: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = invoke(damaged, ["verify"], monkeypatch)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    [line] = result.stdout.splitlines()
    verdict = json.loads(line)
    assert verdict["ok"] is False
    assert verdict["problem"].startswith(f"存储已损坏：{damaged}：")


@pytest.mark.parametrize(
    "args", [["report", "coverage"], ["export", "--out", "{folder}/log.jsonl"], ["serve"], ["demo", "--load-only"]]
)
def test_other_commands_on_a_damaged_file_exit_1_in_one_line(
    damaged: str, args: list[str], tmp_path: Path, served: list[tuple[Any, ...]], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.setenv("FICLEDGER_API_KEYS", KEYS)
    result = invoke(damaged, args, monkeypatch, folder)
    assert_one_line(result, 1, f"存储已损坏：{damaged}：")
    assert list(folder.iterdir()) == []
    assert served == []


@pytest.mark.e2e
def test_serve_refuses_a_file_cut_short_in_one_line(sqlite_url: str) -> None:
    fill(sqlite_url, 30)
    cut_short(Path(sqlite_url.removeprefix("sqlite:///")))
    result = ficledger("serve", "--port", str(free_port()), env={"FICLEDGER_DATABASE_URL": sqlite_url, **api_keys()})
    assert result.returncode == 1, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"存储已损坏：{sqlite_url}：")
    assert "Traceback" not in result.stderr


def api_keys() -> dict[str, str]:
    return {"FICLEDGER_API_KEYS": KEYS}


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[Any, ...]]]:
    """What ``serve`` and ``demo`` would serve, instead of serving it."""
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr("interfaces.api.server.serve", lambda *args: calls.append(args))
    yield calls
    for args in calls:
        args[0].close()


@pytest.mark.postgres
def test_serve_makes_a_missing_schema(
    unmade_schema: str, served: list[tuple[Any, ...]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FICLEDGER_API_KEYS", KEYS)
    result = invoke(unmade_schema, ["serve", "--port", "8123"], monkeypatch)
    assert result.exit_code == 0, result.output
    assert "ficledger_events" in (schema_tables(unmade_schema) or [])
    [(register, _keys, _host, port, _workers)] = served
    assert (register.database_url, port) == (unmade_schema, 8123)


@pytest.mark.postgres
def test_demo_makes_a_missing_schema(
    unmade_schema: str, served: list[tuple[Any, ...]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(district, "build_district", lambda *a, **k: Summary(Receipt(2020, date.today(), 0, ""), False))
    monkeypatch.chdir(tmp_path)
    result = invoke(unmade_schema, ["demo", "--load-only"], monkeypatch)
    assert result.exit_code == 0, result.output
    assert "ficledger_events" in (schema_tables(unmade_schema) or [])


@pytest.mark.postgres
def test_import_makes_a_missing_schema(
    unmade_schema: str, postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(postgres_url)
    out = tmp_path / "log.jsonl"
    assert invoke(postgres_url, ["export", "--out", str(out)], monkeypatch).exit_code == 0
    imported = invoke(unmade_schema, ["import", str(out)], monkeypatch)
    assert imported.exit_code == 0, imported.output
    assert invoke(unmade_schema, ["verify"], monkeypatch).exit_code == 0


def test_serve_makes_a_missing_sqlite_file_and_its_folder(
    tmp_path: Path, served: list[tuple[Any, ...]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FICLEDGER_API_KEYS", KEYS)
    result = invoke(f"sqlite:///{tmp_path}/new/x.sqlite3", ["serve"], monkeypatch)
    assert result.exit_code == 0, result.output
    with sqlite3.connect(tmp_path / "new" / "x.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM stored_events").fetchone() == (0,)


@pytest.mark.parametrize("variable", ["POSTGRES_ENABLE_DB_FUNCTIONS", "FICLEDGER_POSTGRES_ENABLE_DB_FUNCTIONS"])
def test_database_functions_are_refused_with_one_line(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    member(register, 1)
    register.close()
    monkeypatch.setenv("FICLEDGER_DATABASE_URL", sqlite_url)
    monkeypatch.setenv(variable, "yes")
    result = runner.invoke(cli, ["verify"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert result.output.startswith(f"不能启用 {variable}=yes")
    assert "Traceback" not in result.output
