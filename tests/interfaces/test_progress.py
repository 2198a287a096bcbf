"""Progress of long commands when their output is not a terminal: plain lines, one per tenth, and a summary."""

from __future__ import annotations

import io
import json
from pathlib import Path

from interfaces.progress import PlainProgress
from tests.interfaces.conftest import ficledger, fill


def test_through_a_pipe_progress_is_plain_lines_and_a_summary(sqlite_url: str, tmp_path: Path) -> None:
    fill(sqlite_url, 20)
    out = tmp_path / "log.jsonl"
    exported = ficledger("export", "--out", str(out), env={"FICLEDGER_DATABASE_URL": sqlite_url})
    assert exported.returncode == 0, exported.stderr
    assert "\r" not in exported.stderr
    lines = exported.stderr.splitlines()
    assert lines[:-1] == [f"导出 (exporting)：{2 * n} / 20 个事件 ({10 * n}%)" for n in range(1, 11)]
    assert lines[-1].startswith("导出 (exporting)：完成，20 个事件，")
    assert exported.stdout.startswith("已导出 20 个事件")

    verified = ficledger("verify", env={"FICLEDGER_DATABASE_URL": sqlite_url})
    assert verified.returncode == 0, verified.stderr
    assert json.loads(verified.stdout)["checked"] == 20
    assert verified.stdout.count("\n") == 1
    assert "\r" not in verified.stderr
    assert verified.stderr.splitlines()[-1].startswith("校验哈希链 (verifying)：完成，20 个事件，")

    imported = ficledger("import", str(out), env={"FICLEDGER_DATABASE_URL": f"sqlite:///{tmp_path}/copy.sqlite3"})
    assert imported.returncode == 0, imported.stderr
    [line] = imported.stderr.splitlines()
    assert line.startswith("导入 (importing)：完成，20 个事件，")


def test_plain_progress_writes_each_tenth_once() -> None:
    stream = io.StringIO()
    plain = PlainProgress("校验", 1000, stream)
    for _ in range(250):
        plain.update(4)
    plain.finish()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 11
    assert lines[0] == "校验：100 / 1,000 个事件 (10%)"
    assert lines[9] == "校验：1,000 / 1,000 个事件 (100%)"
    assert lines[10].startswith("校验：完成，1,000 个事件，")


def test_without_a_total_only_the_summary_is_written_for_a_short_run() -> None:
    stream = io.StringIO()
    plain = PlainProgress("导入", None, stream)
    plain.update(5000)
    plain.finish()
    assert stream.getvalue().splitlines()[0].startswith("导入：完成，5,000 个事件，")
