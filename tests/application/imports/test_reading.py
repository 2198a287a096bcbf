"""Files read as a clerk means them (a title above the header, merged header cells, formulas' saved values, CSV in
UTF-8 or GB18030), and the files that are refused whole, each with its status, rule and a Chinese message."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest

from application.imports import cells
from application.imports.files import MAX_BYTES, MAX_ROWS, FileRefused
from application.imports.service import read
from application.imports.workbook import UNCOMPUTED
from tests.application.imports.sheets import (
    MEMBER_HEADERS,
    csv_bytes,
    encrypted,
    entity_bomb,
    large_workbook,
    with_cached_values,
    workbook,
    zip_bomb,
)
from tests.factories import credit_code

ROW = [credit_code(1), "企业一", "南山街道", "制造业", "2020/1/5"]


def refused(data: bytes, filename: str = "名册.xlsx", kind: str = "members") -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        read(data, filename, kind)
    return caught.value


def test_the_header_may_stand_under_a_merged_title_and_the_rows_are_numbered_as_excel_numbers_them() -> None:
    data = workbook([MEMBER_HEADERS, ROW], before=[["2024年会员名册"], []], merged=["A1:E1"])
    sheet = read(data, "名册.xlsx", "members")
    assert sheet.header_row == 3
    assert sheet.rows == [(4, ROW)]
    assert [(p.column.field, p.letter) for p in sheet.placed] == [
        ("credit_code", "A"),
        ("name", "B"),
        ("street", "C"),
        ("industry", "D"),
        ("joined_on", "E"),
    ]


def test_a_two_line_header_with_cells_merged_down_and_across() -> None:
    data = workbook(
        [
            ["统一社会信用代码", "企业信息", None, None, "入会日期（年-月-日）"],
            [None, "企业名称", "所在街道", "行业", None],
            ROW,
        ],
        merged=["A1:A2", "B1:D1", "E1:E2"],
    )
    sheet = read(data, "名册.xlsx", "members")
    assert sheet.header_row == 2
    assert [p.letter for p in sheet.placed] == ["A", "B", "C", "D", "E"]
    assert sheet.rows == [(3, ROW)]


def test_a_value_merged_down_over_rows_is_read_in_each_of_them() -> None:
    second = [credit_code(2), "企业二", None, "制造业", "2020/1/5"]
    data = workbook([MEMBER_HEADERS, ROW, second], merged=["C2:C3"])
    assert [values[2] for _, values in read(data, "名册.xlsx", "members").rows] == ["南山街道", "南山街道"]


def test_columns_in_any_order_other_columns_and_empty_rows_passed_over() -> None:
    data = workbook(
        [
            ["序号", "入会日期", "名称*", "统一社会信用代码", "备注", "行业", "街道"],
            [1, "2020/1/5", "企业一", credit_code(1), "无", "制造业", "南山街道"],
            [None, None, None, None, None, None, None],
            [2, "2020/1/6", "企业二", credit_code(2), None, "制造业", "南山街道"],
        ]
    )
    sheet = read(data, "名册.xlsx", "members")
    assert [number for number, _ in sheet.rows] == [2, 4]
    assert {p.column.field: p.letter for p in sheet.placed}["credit_code"] == "D"


def test_the_data_sheet_is_found_after_other_sheets() -> None:
    data = workbook([MEMBER_HEADERS, ROW], extra_sheets=["说明"])
    assert len(read(data, "名册.xlsx", "members").rows) == 1


def test_a_formula_is_read_by_the_value_excel_saved_never_evaluated() -> None:
    row = [credit_code(1), "企业一", "南山街道", "制造业", "=DATE(2021,1,1)"]
    data = with_cached_values(workbook([MEMBER_HEADERS, row]), {"E2": "43835"})
    [(number, values)] = read(data, "名册.xlsx", "members").rows
    assert (number, values[4]) == (2, 43835)


def test_a_formula_saved_without_a_value_is_marked_so() -> None:
    row = [credit_code(1), "企业一", "南山街道", "制造业", "=DATE(2021,1,1)"]
    [(_, values)] = read(workbook([MEMBER_HEADERS, row]), "名册.xlsx", "members").rows
    assert values[4] is UNCOMPUTED


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_in_utf_8_or_gb18030(encoding: str) -> None:
    sheet = read(csv_bytes([MEMBER_HEADERS, ROW], encoding), "名册.csv", "members")
    assert sheet.rows == [(2, ROW)]


def test_csv_separated_by_tabs() -> None:
    data = "\n".join("\t".join(row) for row in [MEMBER_HEADERS, ROW]).encode()
    assert read(data, "名册.txt", "members").rows == [(2, ROW)]


def test_not_a_spreadsheet() -> None:
    problem = refused(b"%PDF-1.7\n\x00\x01binary", "名册.pdf")
    assert (problem.status, problem.rule) == (415, "import.not_a_spreadsheet")
    assert problem.message.startswith("不是电子表格")
    assert refused(b"\x89PNG\r\n\x1a\n\x00\x00", "名册.png").rule == "import.not_a_spreadsheet"
    assert refused(b"just text", "名册.docx").rule == "import.not_a_spreadsheet"


def test_a_zip_that_is_not_a_workbook() -> None:
    archive = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(archive, "w") as package:
        package.writestr("word/document.xml", "<w/>")
    assert refused(archive.getvalue(), "名册.xlsx").rule == "import.not_a_spreadsheet"


def test_a_workbook_locked_with_a_password() -> None:
    problem = refused(encrypted(workbook([MEMBER_HEADERS, ROW])))
    assert (problem.status, problem.rule) == (422, "import.encrypted")
    assert problem.message.startswith("工作簿设有打开密码")


def test_an_old_xls_workbook_is_asked_to_be_saved_as_xlsx() -> None:
    import olefile

    assert olefile.isOleFile(data=encrypted(workbook([["x"]])))
    container = bytearray(encrypted(workbook([["x"]])))
    index = container.find("EncryptedPackage".encode("utf-16-le"))
    container[index : index + 2] = "X".encode("utf-16-le")
    problem = refused(bytes(container), "名册.xls")
    assert (problem.status, problem.rule) == (415, "import.old_workbook")


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    data = zip_bomb()
    assert len(data) < 1024 * 1024
    problem = refused(data)
    assert (problem.status, problem.rule) == (413, "import.unpacks_too_large")
    assert "压缩炸弹" in problem.message


def test_an_xml_entity_bomb_is_refused_unexpanded() -> None:
    problem = refused(entity_bomb(workbook([MEMBER_HEADERS, ROW])))
    assert (problem.status, problem.rule) == (422, "import.unreadable")


def test_a_workbook_cut_short() -> None:
    data = workbook([MEMBER_HEADERS, ROW])
    assert refused(data[: len(data) // 2]).rule == "import.unreadable"


def test_more_than_20_mib() -> None:
    data = csv_bytes([MEMBER_HEADERS]) + b"x" * MAX_BYTES
    problem = refused(data, "名册.csv")
    assert (problem.status, problem.rule) == (413, "import.too_large")


def test_an_empty_file() -> None:
    assert (refused(b"", "名册.csv").status, refused(b"", "名册.csv").rule) == (422, "import.empty")


def test_50_000_rows_are_read_and_50_001_refused() -> None:
    rows = [MEMBER_HEADERS, *([ROW] * MAX_ROWS)]
    assert len(read(csv_bytes(rows), "名册.csv", "members").rows) == MAX_ROWS
    problem = refused(csv_bytes([*rows, ROW]), "名册.csv")
    assert (problem.status, problem.rule) == (413, "import.too_many_rows")


def test_50_001_rows_of_a_workbook_are_refused() -> None:
    data = large_workbook(MEMBER_HEADERS, ROW, MAX_ROWS + 1)
    problem = refused(data)
    assert (problem.status, problem.rule) == (413, "import.too_many_rows")


def test_a_sheet_with_no_header_naming_the_columns() -> None:
    problem = refused(workbook([["序号", "名称", "街道"], [1, "企业一", "南山街道"]]))
    assert (problem.status, problem.rule) == (422, "import.no_header")
    assert "统一社会信用代码、名称、街道、行业、入会日期" in problem.message
    assert "“会员企业”缺少统一社会信用代码、行业、入会日期" in problem.message
    assert refused(csv_bytes([ROW]), "名册.csv").rule == "import.no_header"


def test_a_csv_in_another_encoding() -> None:
    data = ",".join(MEMBER_HEADERS).encode("utf-16-le")[1:]
    assert refused(data.replace(b"\x00", b"\xff"), "名册.csv").rule == "import.encoding"


def test_the_template_s_date_cells_are_read_as_dates() -> None:
    book = openpyxl.Workbook()
    book.active.append(MEMBER_HEADERS)
    book.active.append([credit_code(1), "企业一", "南山街道", "制造业", datetime(2020, 1, 5)])
    out = io.BytesIO()
    book.save(out)
    [(_, values)] = read(out.getvalue(), "名册.xlsx", "members").rows
    assert cells.day(values[4]) == date(2020, 1, 5)
