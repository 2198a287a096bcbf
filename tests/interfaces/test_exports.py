"""Exports opened as a spreadsheet program would: XLSX with openpyxl, CSV with the csv module, cell by cell."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pytest

from application.projections.runner import ViewRunner
from application.register import Register
from application.reports.service import build_report
from interfaces.exports import to_csv, to_xlsx
from tests.application.reports import scenario


@pytest.fixture
def report(sqlite_url: str) -> dict:
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    scenario.build(register)
    document = build_report(register, ViewRunner(register), "classification", 2020, on=date(2021, 12, 1))
    register.close()
    return document


def test_xlsx_has_a_sheet_per_section_with_frozen_headers(report: dict) -> None:
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(report)))
    assert book.sheetnames[:4] == ["summary", "总体 (totals)", "占比 (shares)", "按管理单位 (by_managing_unit)"]
    assert {"等次变化 (movements)", "软弱涣散 (weak)", "调整等次 (overrides)", "等次更正 (corrections)"} <= set(
        book.sheetnames
    )
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
    summary = {row[0]: row[1] for row in book["summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["年度 (year)"] == 2020
    assert summary["状态 (status)"] == "已生效 (final)"
    assert summary["指纹 (fingerprint)"] == report["fingerprint"]
    totals = {row[0]: row[1] for row in book["总体 (totals)"].iter_rows(min_row=2, values_only=True)}
    assert totals == {
        "先进 (advanced)": 1,
        "一般 (average)": 2,
        "软弱涣散 (weak)": 1,
        "未定级 (ungraded)": 1,
        "合计 (total)": 5,
    }
    units = list(book["按管理单位 (by_managing_unit)"].iter_rows(values_only=True))
    assert units[0] == (
        "管理单位 (managing_unit)",
        "先进 (advanced)",
        "一般 (average)",
        "软弱涣散 (weak)",
        "未定级 (ungraded)",
        "合计 (total)",
    )
    assert units[1] == ("区非公党委", 1, 0, 1, 1, 3)
    weak = list(book["软弱涣散 (weak)"].iter_rows(values_only=True))
    assert weak[1][-1] == "逾期未完成 (overdue)"


def test_csv_is_utf8_with_bom_and_the_same_sections(report: dict) -> None:
    data = to_csv(report)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["# summary"]
    start = rows.index(["# 按街道 (by_street)"])
    assert rows[start + 1][0] == "街道 (street)"
    assert rows[start + 2] == ["南山街道", "0", "1", "1", "1", "3"]
    override = rows[rows.index(["# 调整等次 (overrides)"]) + 2]
    assert override[2:] == ["先进 (advanced)", "一般 (average)", "新建即规范"]
