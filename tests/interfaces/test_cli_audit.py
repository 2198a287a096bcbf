"""`ficledger verify`, `export` and `import` from the command line, with their exit statuses, on both stores."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from application.projections.runner import ViewRunner
from application.register import Register
from interfaces.cli import cli
from tests.application.audit.raw import RawStore

runner = CliRunner()


def test_verify_prints_one_line_of_json_exits_0_then_1_after_tampering(filled: str) -> None:
    ok = runner.invoke(cli, ["verify"])
    assert ok.exit_code == 0, ok.output
    assert ok.stdout.count("\n") == 1
    verdict = json.loads(ok.stdout)
    assert (verdict["ok"], verdict["checked"], verdict["head_position"]) == (True, 3, 3)
    raw = RawStore(filled)
    raw.set_state(2, raw.state(2) + b" ")
    bad = runner.invoke(cli, ["verify"])
    assert bad.exit_code == 1
    assert bad.stdout.count("\n") == 1
    verdict = json.loads(bad.stdout)
    assert (verdict["ok"], verdict["first_bad_position"]) == (False, 2)


def test_verify_against_a_published_head(filled: str) -> None:
    head = json.loads(runner.invoke(cli, ["verify"]).stdout)["head"]
    assert runner.invoke(cli, ["verify", "--position", "3", "--head", head]).exit_code == 0
    assert runner.invoke(cli, ["verify", "--position", "3", "--head", "0" * 64]).exit_code == 1
    alone = runner.invoke(cli, ["verify", "--position", "3"])
    assert alone.exit_code == 2
    assert "--position 与 --head 须一起给出" in alone.stderr


def test_export_then_import_into_an_empty_store(
    filled: str, fresh_store: Callable[[str], str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "log.jsonl"
    exported = runner.invoke(cli, ["export", "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    assert "已导出 3 个事件" in exported.stdout
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5
    monkeypatch.setenv("FICLEDGER_DATABASE_URL", fresh_store("sqlite" if filled.startswith("sqlite") else "postgres"))
    imported = runner.invoke(cli, ["import", str(out)])
    assert imported.exit_code == 0, imported.output
    assert "已导入 3 个事件" in imported.stdout
    assert runner.invoke(cli, ["verify"]).exit_code == 0
    again = runner.invoke(cli, ["import", str(out)])
    assert again.exit_code == 1
    assert again.stderr.startswith("拒绝导入")
    assert "not empty" in again.stderr


def test_a_report_on_an_imported_store_builds_its_views_first(
    filled: str, fresh_store: Callable[[str], str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "log.jsonl"
    assert runner.invoke(cli, ["export", "--out", str(out)]).exit_code == 0
    monkeypatch.setenv("FICLEDGER_DATABASE_URL", fresh_store("sqlite" if filled.startswith("sqlite") else "postgres"))
    assert runner.invoke(cli, ["import", str(out)]).exit_code == 0
    made = runner.invoke(cli, ["report", "coverage"])
    assert made.exit_code == 0, made.output
    document = json.loads(made.stdout)
    assert (document["report"], document["members"], document["position"]) == ("coverage", 3, 3)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty folder for the command's files."""
    made = tmp_path / "out"
    made.mkdir()
    return made


def test_export_of_an_altered_log_says_so_exits_1_and_writes_no_file(filled: str, folder: Path) -> None:
    raw = RawStore(filled)
    raw.set_state(2, raw.state(2).replace(b"2", b"7", 1))
    exported = runner.invoke(cli, ["export", "--out", str(folder / "log.jsonl")])
    assert exported.exit_code == 1
    assert exported.stderr.splitlines()[-1].startswith("未导出 (not exported)：日志在位置 2 被改动过")
    assert "Traceback" not in exported.output
    assert list(folder.iterdir()) == []


def test_an_export_that_fails_keeps_the_file_that_was_there(filled: str, folder: Path) -> None:
    out = folder / "log.jsonl"
    out.write_text("an earlier export\n", encoding="utf-8")
    raw = RawStore(filled)
    raw.run(f"DELETE FROM {raw.chain}")
    assert runner.invoke(cli, ["export", "--out", str(out)]).exit_code == 1
    assert out.read_text(encoding="utf-8") == "an earlier export\n"
    assert list(folder.iterdir()) == [out]


def test_an_unusable_database_url_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FICLEDGER_DATABASE_URL", "mysql://somewhere/register")
    result = runner.invoke(cli, ["verify"])
    assert result.exit_code == 2
    assert result.stderr.startswith("数据库地址无法使用 (FICLEDGER_DATABASE_URL)")
    assert "unsupported database URL scheme" in result.stderr


def test_a_report_on_a_log_cut_under_its_views_exits_1_in_one_line(filled: str) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": filled})
    with ViewRunner(register) as views:
        views.catch_up()
    register.close()
    assert runner.invoke(cli, ["report", "coverage"]).exit_code == 0
    raw = RawStore(filled)
    raw.run(f"DELETE FROM {raw.events} WHERE {raw.pos} > 1")
    raw.run(f"DELETE FROM {raw.chain} WHERE position > 1")
    result = runner.invoke(cli, ["report", "coverage"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("视图已处理到日志位置 3，日志却只到 1")
    assert runner.invoke(cli, ["rebuild"]).exit_code == 0
    assert runner.invoke(cli, ["report", "coverage"]).exit_code == 0
