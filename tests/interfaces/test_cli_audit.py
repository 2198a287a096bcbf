"""`ficledger verify`, `export` and `import` from the command line, with their exit statuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from application.register import Register
from interfaces.cli import cli
from tests.application.audit.raw import RawStore
from tests.factories import member

runner = CliRunner()


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> str:
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    for n in range(1, 4):
        member(register, n)
    register.close()
    monkeypatch.setenv("FICLEDGER_DATABASE_URL", sqlite_url)
    return sqlite_url


def test_verify_exits_0_then_1_after_tampering(store: str) -> None:
    ok = runner.invoke(cli, ["verify"])
    assert ok.exit_code == 0, ok.output
    assert '"ok": true' in ok.output
    raw = RawStore(store)
    raw.set_state(2, raw.state(2) + b" ")
    bad = runner.invoke(cli, ["verify"])
    assert bad.exit_code == 1
    assert '"first_bad_position": 2' in bad.output


def test_export_then_import_into_an_empty_store(store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "log.jsonl"
    exported = runner.invoke(cli, ["export", "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    assert "Exported 3 events" in exported.output
    monkeypatch.setenv("FICLEDGER_DATABASE_URL", f"sqlite:///{tmp_path}/imported.sqlite3")
    imported = runner.invoke(cli, ["import", str(out)])
    assert imported.exit_code == 0, imported.output
    assert runner.invoke(cli, ["verify"]).exit_code == 0
    again = runner.invoke(cli, ["import", str(out)])
    assert again.exit_code == 1
    assert "not empty" in again.output


def test_an_unusable_database_url_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FICLEDGER_DATABASE_URL", "mysql://somewhere/register")
    result = runner.invoke(cli, ["verify"])
    assert result.exit_code == 2
    assert "unsupported database URL scheme" in result.output
