"""Reports written as XLSX and opened again with openpyxl, cell by cell: title rows, row numbers, counts and
percentages, zeros, frozen header, column widths, the print setup and the stamp in the last rows and the footer."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from interfaces.exports import filing, to_xlsx
from interfaces.exports.layout import width
from tests.conftest import REGISTRAR
from tests.interfaces.exports.conftest import REPORTS, Filed


def _book(report: dict[str, Any], district: str = "南山区") -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(to_xlsx(filing(report, district))))


def _body(sheet: Worksheet) -> list[tuple[Any, ...]]:
    """The rows under the header, down to the blank row before the footer."""
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    return rows[: next(n for n, row in enumerate(rows) if all(v is None for v in row))]


def _footer(sheet: Worksheet) -> dict[str, Any]:
    return {row[0]: row[1] for row in list(sheet.iter_rows(values_only=True))[-3:]}


def test_every_sheet_starts_with_the_title_rows_and_a_frozen_header(filed: Filed) -> None:
    book = _book(filed.report("classification", 2020))
    for sheet in book.worksheets:
        assert sheet["A1"].value == "南山区2020年度党组织分类定级情况统计表"
        assert sheet["A2"].value == "截至2021年12月1日；等次已生效；定级工作已结束"
        assert sheet["A1"].font.bold
        assert sheet["A3"].value == "序号"
        assert all(cell.font.bold for cell in sheet[3])
        assert sheet.freeze_panes == "A4"
        last = sheet.cell(3, sheet.max_column).column_letter
        assert {"A1:" + last + "1", "A2:" + last + "2"} <= {str(r) for r in sheet.merged_cells.ranges}


def test_rows_are_numbered_counts_are_numbers_and_shares_are_percentages(filed: Filed) -> None:
    sheet = _book(filed.report("classification", 2020))["按管理单位"]
    assert [c.value for c in sheet[3]] == [
        "序号",
        "管理单位",
        "先进",
        "先进占比",
        "一般",
        "一般占比",
        "软弱涣散",
        "软弱涣散占比",
        "未定级",
        "未定级占比",
        "合计",
    ]
    body = _body(sheet)
    assert [row[0] for row in body[:-1]] == [1, 2, 3]
    assert body[0][:4] == (1, "区非公党委", 1, pytest.approx(1 / 3))
    assert body[1][2:6] == (0, 0, 1, 1)
    assert body[-1] == (None, "合计", 1, 0.2, 2, 0.4, 1, 0.2, 1, 0.2, 5)
    assert all(cell.font.bold for cell in sheet[3 + len(body)])
    for row in sheet.iter_rows(min_row=4, max_row=3 + len(body)):
        assert [c.number_format for c in row[2:]] == ["0", "0.0%"] * 4 + ["0"]
        assert all(c.value is not None for c in row[1:])


def test_a_count_of_nothing_is_zero_not_an_empty_cell(filed: Filed) -> None:
    book = _book(filed.report("key-focus"))
    assert _body(book["按关注原因"]) == [
        (1, "资产规模大", 1, 1),
        (2, "党员人数多", 0, 0),
        (3, "纳税贡献大", 1, 1),
        (4, "发展前景好", 0, 0),
        (None, "重点关注企业", 1, 1),
    ]
    assert book["按关注原因"]["D5"].number_format == "0.0%"


def test_dates_are_dates_in_chinese_and_labels_are_plain(filed: Filed) -> None:
    filed.register.renew_chamber_term(REGISTRAR, filed.chamber, 1, date(2015, 6, 1), date(2020, 6, 1), "王建国")
    sheet = _book(filed.report("chambers"))["逾期未换届"]
    (row,) = _body(sheet)
    assert row[:3] == (1, "南山街道商会", datetime(2020, 6, 1))
    assert sheet["C4"].number_format == 'yyyy"年"m"月"d"日"'
    listing = _body(_book(filed.report("chambers"))["商会名单"])
    assert listing[0][1:7] == ("南山街道商会", "街道商会", "南山街道", "是", "否", "是")


def test_columns_fit_their_widest_cell_with_chinese_counting_double(filed: Filed) -> None:
    book = _book(filed.report("classification", 2020))
    units = book["按管理单位"]
    assert units.column_dimensions["B"].width >= width("南山街道党工委") == 14
    assert units.column_dimensions["H"].width >= width("软弱涣散占比") == 12
    assert units.column_dimensions["C"].width < units.column_dimensions["H"].width
    weak = book["软弱涣散名单"]
    assert weak.column_dimensions["F"].width >= 36
    assert all(d.width <= 60 for d in weak.column_dimensions.values())


def test_sheets_print_on_a4_fitted_to_the_width_with_the_title_rows_on_every_page(filed: Filed) -> None:
    report = filed.report("classification", 2020)
    book = _book(report)
    for sheet in book.worksheets:
        assert int(sheet.page_setup.paperSize) == 9
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.print_title_rows == "$1:$3"
        assert sheet.oddFooter.left.text == f"日志位置 {report['position']} 哈希链头 {report['chain_head']}"
        assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页"
        assert sheet.oddFooter.right.text == f"指纹 {report['fingerprint']}"
    assert book["按管理单位"].page_setup.orientation == "landscape"
    assert book["等次分布"].page_setup.orientation == "portrait"


@pytest.mark.parametrize(("name", "year"), REPORTS)
def test_every_sheet_ends_with_the_reports_stamp(filed: Filed, name: str, year: int | None) -> None:
    report = filed.report(name, year)
    book = _book(report)
    for sheet in book.worksheets:
        assert _footer(sheet) == {
            "日志位置": report["position"],
            "哈希链头": report["chain_head"],
            "指纹": report["fingerprint"],
        }
        assert len(sheet.title) <= 31
        assert sheet.title in {t.sheet for t in filing(report).tables}


def test_the_publicity_list_carries_its_notes_before_the_stamp(filed: Filed) -> None:
    report = filed.report("publicity-notice", 2020)
    sheet = _book(report)["公示名单"]
    assert sheet["A2"].value == "公示期：2021年1月15日至2021年1月21日"
    assert _body(sheet) == [
        (1, "b5", "粤海街道", "先进"),
        (2, "b2", "南山街道", "一般"),
        (3, "b3", "粤海街道", "一般"),
        (4, "b1", "南山街道", "软弱涣散"),
    ]
    footer = {row[0]: row[1] for row in list(sheet.iter_rows(values_only=True))[-5:]}
    assert footer["汇总"] == "先进 1 个、一般 2 个、软弱涣散 1 个，共 4 个"
    assert footer["指纹"] == report["fingerprint"]
