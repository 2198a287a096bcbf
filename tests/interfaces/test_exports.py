"""Exports opened as a spreadsheet program would: XLSX with openpyxl, CSV with the csv module, cell by cell."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from typing import Any

import openpyxl
import pytest

from application.projections.runner import ViewRunner
from application.register import Register
from application.reports.service import build_report
from domain import values
from domain.coverage import Coverage
from domain.labelled import Labelled
from domain.values import GradeStanding, RoundStatus
from interfaces.exports import sections, to_csv, to_xlsx
from tests.application.reports import scenario
from tests.conftest import ASSESSOR, REGISTRAR
from tests.factories import chamber

ON = date(2021, 12, 1)


@pytest.fixture
def district(sqlite_url: str) -> Iterator[tuple[Register, scenario.District, dict[str, Any]]]:
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    d = scenario.build(register)
    street_chamber = chamber(register, "南山街道商会", "street", scenario.A)
    register.register_chamber(REGISTRAR, street_chamber, "51440305MJL000001X", date(2016, 1, 5))
    register.award_four_good(REGISTRAR, street_chamber, 2020, "city")
    register.designate_key_focus(REGISTRAR, d.members["m1"], ["tax", "assets"])
    register.record_organizational_life(REGISTRAR, d.branches["b3"], "lecture", date(2020, 4, 1), 9)
    try:
        yield register, d, {"chamber": street_chamber}
    finally:
        register.close()


def report(register: Register, name: str, year: int | None = None) -> dict[str, Any]:
    return build_report(register, ViewRunner(register), name, year, on=ON)


def sheet_rows(book: openpyxl.Workbook, title: str) -> list[tuple[Any, ...]]:
    return list(book[title].iter_rows(values_only=True))


def test_classification_xlsx_has_a_sheet_per_section_with_frozen_headers(district: Any) -> None:
    register, _, _ = district
    document = report(register, "classification", 2020)
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(document)))
    assert book.sheetnames[:4] == ["概要 (summary)", "总体 (totals)", "占比 (shares)", "按管理单位 (by_managing_unit)"]
    assert {"等次变化 (movements)", "软弱涣散名单 (weak)", "调整等次 (overrides)", "等次更正 (corrections)"} <= set(
        book.sheetnames
    )
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
    summary = dict(sheet_rows(book, "概要 (summary)")[1:])
    assert summary["报表 (report)"] == "年度分类定级 (classification)"
    assert summary["年度 (year)"] == 2020
    assert summary["状态 (status)"] == "已生效 (final)"
    assert summary["定级工作 (round)"] == "已结束 (closed)"
    assert summary["指纹 (fingerprint)"] == document["fingerprint"]
    assert dict(sheet_rows(book, "总体 (totals)")[1:]) == {
        "先进 (advanced)": 1,
        "一般 (average)": 2,
        "软弱涣散 (weak)": 1,
        "未定级 (ungraded)": 1,
        "合计 (total)": 5,
    }
    units = sheet_rows(book, "按管理单位 (by_managing_unit)")
    assert units[0] == (
        "管理单位 (managing_unit)",
        "先进 (advanced)",
        "一般 (average)",
        "软弱涣散 (weak)",
        "未定级 (ungraded)",
        "合计 (total)",
    )
    assert units[1] == ("区非公党委", 1, 0, 1, 1, 3)
    kinds = {row[0]: row[1:] for row in sheet_rows(book, "按类型 (by_kind)")[1:]}
    assert kinds["党支部 (branch)"] == (0, 1, 1, 1, 3)
    assert kinds["联合党支部 (joint_branch)"] == (0, 1, 0, 0, 1)
    assert kinds["党总支 (general_branch)"] == (1, 0, 0, 0, 1)
    weak = sheet_rows(book, "软弱涣散名单 (weak)")
    assert weak[0][-1] == "整改情况 (rectification)"
    assert weak[1][1:] == ("b1", "区非公党委", "南山街道", "逾期未完成 (overdue)")


def test_csv_is_utf8_with_bom_and_the_same_sections(district: Any) -> None:
    register, _, _ = district
    data = to_csv(report(register, "classification", 2020))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["# 概要 (summary)"]
    start = rows.index(["# 按街道 (by_street)"])
    assert rows[start + 1][0] == "街道 (street)"
    assert rows[start + 2] == ["南山街道", "0", "1", "1", "1", "3"]
    override = rows[rows.index(["# 调整等次 (overrides)"]) + 2]
    assert override[2:] == ["先进 (advanced)", "一般 (average)", "新建即规范"]


def test_coverage_export_names_the_enterprises_to_follow_up(district: Any) -> None:
    register, d, _ = district
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(report(register, "coverage"))))
    summary = dict(sheet_rows(book, "概要 (summary)")[1:])
    assert summary["报表 (report)"] == "两个覆盖 (coverage)"
    assert summary["会员企业 (members)"] == 8
    assert summary["联合党支部覆盖 (joint_branch)"] == 2
    title = next(t for t in book.sheetnames if t.startswith("有3名以上正式党员未单独建党组织的企业"))
    rows = sheet_rows(book, title)
    assert rows[0] == (
        "会员编号 (member_id)",
        "名称 (name)",
        "街道 (street)",
        "正式党员人数 (full_members)",
        "预备党员人数 (probationary_members)",
        "党员人数 (party_members)",
    )
    assert rows[1:] == [(str(d.members["m8"]), "企业8", "南山街道", 5, None, 5)]
    uncovered = {row[0] for row in sheet_rows(book, "未覆盖企业 (without_organization)")[1:]}
    assert str(d.members["m8"]) in uncovered


def test_chamber_export_labels_kinds_and_levels(district: Any) -> None:
    register, _, made = district
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(report(register, "chambers"))))
    assert sheet_rows(book, "按类型 (by_kind)")[1:] == [("街道商会 (street)", 1)]
    assert sheet_rows(book, "按街道 (by_street)") == [
        ("街道 (street)", "街道商会 (street)", "合计 (total)"),
        ("南山街道", 1, 1),
    ]
    assert sheet_rows(book, "“四好”商会 (four_good)")[1:] == [
        (str(made["chamber"]), "南山街道商会", 2020, "市级 (city)")
    ]
    listing = sheet_rows(book, "商会 (chambers)")
    assert listing[0][2:5] == ("类型 (kind)", "街道 (street)", "已登记 (registered)")
    assert listing[1][2:5] == ("街道商会 (street)", "南山街道", "是")


def test_organizational_life_export_spreads_activities_over_columns(district: Any) -> None:
    register, d, _ = district
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(report(register, "organizational-life", 2020))))
    assert dict(sheet_rows(book, "最低要求 (minimums)")[1:]) == {
        "党员大会 (general_meeting)": 4,
        "支委会 (committee_meeting)": 12,
        "党小组会 (group_meeting)": 12,
        "党课 (lecture)": 4,
        "主题党日 (theme_day)": 12,
        "组织生活会 (life_meeting)": 1,
        "民主评议党员 (member_appraisal)": 1,
    }
    rows = sheet_rows(book, "明细 (rows)")
    header = rows[0]
    b3 = next(dict(zip(header, row, strict=True)) for row in rows[1:] if row[0] == str(d.branches["b3"]))
    assert b3["党课 (lecture) 开展次数 (held)"] == 1
    assert b3["党课 (lecture) 最低要求 (minimum)"] == 4
    assert b3["党课 (lecture) 达标 (met)"] == "否"
    assert b3["党课 (lecture) 达标情况 (compliance)"] == "未达标 (short)"
    assert b3["支委会 (committee_meeting) 达标情况 (compliance)"] == "不适用 (not_applicable)"
    assert b3["支委会 (committee_meeting) 最低要求 (minimum)"] is None
    assert b3["主题党日 (theme_day) 开展次数 (held)"] == 0
    assert b3["达标 (compliant)"] == "否"


def test_key_focus_export_labels_the_criteria(district: Any) -> None:
    register, d, _ = district
    data = to_csv(report(register, "key-focus"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    start = rows.index(["# 会员企业 (members)"])
    header, row = rows[start + 1], rows[start + 2]
    listed = dict(zip(header, row, strict=True))
    assert listed["会员编号 (member_id)"] == str(d.members["m1"])
    assert set(listed["关注原因 (criteria)"].split("、")) == {"纳税贡献大 (tax)", "资产规模大 (assets)"}
    by_criterion = rows[rows.index(["# 按关注原因 (by_criterion)"]) + 2 :][:2]
    assert sorted(by_criterion) == [["纳税贡献大 (tax)", "1"], ["资产规模大 (assets)", "1"]]


def _chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


REPORTS = [
    ("classification", 2020),
    ("coverage", None),
    ("chambers", None),
    ("organizational-life", 2020),
    ("key-focus", None),
]
LABELLED = [e for e in [*vars(values).values(), Coverage] if isinstance(e, type) and issubclass(e, Labelled)]
CODES = {code for enum in LABELLED for code in enum.labels()}


@pytest.mark.parametrize(("name", "year"), REPORTS)
def test_every_title_header_and_code_is_chinese_first(district: Any, name: str, year: int | None) -> None:
    register, _, _ = district
    for title, header, rows in sections(report(register, name, year)):
        assert _chinese(title.split(" (")[0]), title
        assert all(_chinese(column.split(" (")[0]) for column in header), header
        for cell in (c for row in rows for c in row if isinstance(c, str)):
            assert not set(cell.split("、")) & CODES, f"{title}: {cell} is a bare code"


def test_a_round_in_publicity_is_labelled_as_its_state_says(district: Any) -> None:
    register, _, _ = district
    register.open_round(ASSESSOR, 2021)
    register.start_publicity(ASSESSOR, 2021, date(2022, 1, 17))
    summary = dict(sections(report(register, "classification", 2021))[0][2])
    assert summary["定级工作 (round)"] == f"{RoundStatus.PUBLICITY.label} (publicity)" == "公示中 (publicity)"
    assert summary["状态 (status)"] == f"{GradeStanding.PROVISIONAL.label} (provisional)"
