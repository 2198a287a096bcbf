"""`ficledger import-sheet KIND FILE [--dry-run]` on both stores: rows recorded in one go, a dry run, every refused
row by number in FILE.result.xlsx (opened here), a bad file refused in one line, and progress in rows."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from application.register import Register
from domain.member import member_id
from interfaces.cli import cli
from tests.application.imports.sheets import MEMBER_HEADERS, csv_bytes, encrypted, workbook
from tests.factories import credit_code
from tests.interfaces.conftest import ficledger

runner = CliRunner()
ROWS = [
    MEMBER_HEADERS,
    [credit_code(1), "企业一", "南山街道", "制造业", "2020/1/5"],
    [credit_code(2), "企业二", "南山街道", "制造业", "2020年1月6日"],
]


@pytest.fixture
def store(store_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("FICLEDGER_DATABASE_URL", store_url)
    return store_url


def events(url: str) -> int:
    register = Register({"FICLEDGER_DATABASE_URL": url})
    try:
        return register.recorder.max_notification_id() or 0
    finally:
        register.close()


def outcome(path: Path) -> tuple[dict[str, object], list[list[object]]]:
    """The result workbook's summary, and its rows under the header 行号."""
    sheet = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))["导入结果"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    split = next(i for i, row in enumerate(rows) if row[0] == "行号")
    summary = {row[0]: row[1] for row in rows[:split] if row[0]}
    assert rows[split] == ["行号", "结果", "列", "字段", "问题"]
    return summary, rows[split + 1 :]


def test_rows_recorded_then_unchanged_with_each_row_s_outcome_beside_the_file(store: str, tmp_path: Path) -> None:
    source = tmp_path / "名册.xlsx"
    source.write_bytes(workbook(ROWS))
    done = runner.invoke(cli, ["import-sheet", "members", str(source), "--actor", "li-wei"])
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("2 行：接受 2，未变化 0；已登记，导入编号 ")
    assert events(store) == 2
    summary, rows = outcome(tmp_path / "名册.xlsx.result.xlsx")
    assert summary["导入类型"] == "members"
    assert summary["工作表"] == "会员企业"
    assert (summary["行数"], summary["接受"], summary["未变化"], summary["拒绝"]) == (2, 2, 0, 0)
    assert summary["已登记"] == "是"
    assert rows == [[2, "接受", None, None, None], [3, "接受", None, None, None]]
    register = Register({"FICLEDGER_DATABASE_URL": store})
    try:
        joined = register.mapper.to_domain_event(register.recorder.select_notifications(1, 1)[0])
        assert vars(joined)["_meta"]["actor"] == {"name": "li-wei", "role": "registrar"}
        assert vars(joined)["_meta"]["import_id"] == summary["导入编号"]
        assert vars(joined)["_meta"]["file_sha256"] == summary["文件 SHA-256"]
        assert register.get_member(member_id(credit_code(2))).name == "企业二"
    finally:
        register.close()
    again = runner.invoke(cli, ["import-sheet", "members", str(source)])
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("2 行：接受 0，未变化 2；均已在登记册中，没有新登记的内容")
    assert events(store) == 2


def test_a_dry_run_records_nothing(store: str, tmp_path: Path) -> None:
    source = tmp_path / "名册.csv"
    source.write_bytes(csv_bytes(ROWS, "gb18030"))
    done = runner.invoke(cli, ["import-sheet", "members", str(source), "--dry-run"])
    assert done.exit_code == 0, done.output
    assert "试导入，未登记任何内容" in done.stdout
    assert events(store) == 0
    summary, _ = outcome(tmp_path / "名册.csv.result.xlsx")
    assert (summary["试导入（不登记）"], summary["已登记"], summary["接受"]) == ("是", "否", 2)


def test_refused_rows_exit_1_record_nothing_and_are_listed_by_row_in_chinese(store: str, tmp_path: Path) -> None:
    source = tmp_path / "名册.csv"
    wrong = credit_code(3)[:-1] + ("0" if credit_code(3)[-1] != "0" else "1")
    source.write_bytes(csv_bytes([*ROWS, [wrong, "企业三", "南山街道", "制造业", "去年"], ROWS[1]]))
    done = runner.invoke(cli, ["import-sheet", "members", str(source)])
    assert done.exit_code == 1
    assert done.stderr.splitlines()[-1].startswith("4 行：接受 2，未变化 0，拒绝 2，未登记任何内容")
    assert events(store) == 0
    summary, rows = outcome(tmp_path / "名册.csv.result.xlsx")
    assert (summary["拒绝"], summary["已登记"]) == (2, "否")
    assert rows == [
        [2, "接受", None, None, None],
        [3, "接受", None, None, None],
        [4, "拒绝", "A", "统一社会信用代码", f"校验码为{wrong[-1]}，应为{credit_code(3)[-1]}，请核对"],
        [4, "拒绝", "E", "入会日期", "无法识别的日期“去年”：请写作 2020-01-05、2020/1/5 或 2020年1月5日"],
        [5, "拒绝", "A", "统一社会信用代码", "与第 2 行重复（统一社会信用代码相同）"],
    ]


def test_a_bad_file_is_refused_in_one_line_with_exit_2(store: str, tmp_path: Path) -> None:
    source = tmp_path / "名册.xlsx"
    source.write_bytes(encrypted(workbook(ROWS)))
    done = runner.invoke(cli, ["import-sheet", "members", str(source)])
    assert done.exit_code == 2
    assert done.stderr.startswith("拒绝导入 (refused)：工作簿设有打开密码")
    assert "Traceback" not in done.output
    assert not (tmp_path / "名册.xlsx.result.xlsx").exists()


def test_an_unknown_kind_exits_2(sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FICLEDGER_DATABASE_URL", sqlite_url)
    source = tmp_path / "名册.csv"
    source.write_bytes(csv_bytes(ROWS))
    done = runner.invoke(cli, ["import-sheet", "enterprises", str(source)])
    assert done.exit_code == 2
    assert done.stderr.startswith("没有“enterprises”这类导入；可选：members、chambers、branches")


def test_through_a_pipe_progress_is_counted_in_rows(sqlite_url: str, tmp_path: Path) -> None:
    source = tmp_path / "名册.csv"
    source.write_bytes(csv_bytes(ROWS))
    done = ficledger("import-sheet", "members", str(source), env={"FICLEDGER_DATABASE_URL": sqlite_url})
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines[:2] == ["导入表格 (importing rows)：1 / 2 行 (50%)", "导入表格 (importing rows)：2 / 2 行 (100%)"]
    assert lines[2].startswith("导入表格 (importing rows)：完成，2 行，")
