"""Each kind's template, opened with openpyxl and read cell by cell: the vocabulary's headers in the order of the
command's parameters, the example row, the drop-down lists and the sheet explaining each column."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest

from application.imports import cells
from application.imports.columns import Column, columns_for
from application.imports.kinds.members import EXAMPLE_CODE
from application.imports.registry import KINDS
from application.imports.service import read
from application.imports.template import EXPLANATION, notes, template
from domain import vocabulary
from domain.credit_code import is_valid

EXPECTED = {
    "members": (
        "会员企业",
        [
            "统一社会信用代码",
            "名称",
            "街道",
            "行业",
            "入会日期",
            "所属商会",
            "有固定经营场所",
            "从业人员数",
            "有实际经营业务",
            "“三有”情况日期",
        ],
        [
            EXAMPLE_CODE,
            "深圳市示例科技有限公司",
            "南山街道",
            "软件和信息服务",
            datetime(2020, 1, 5),
            "南山街道商会",
            "是",
            25,
            "是",
            None,
        ],
    ),
    "chambers": (
        "商会",
        ["名称", "类型", "街道", "成立日期", "登记证书号", "登记日期", "章程规定任期（年）"],
        [
            "南山区示例行业商会",
            "行业商会",
            "南山街道",
            datetime(2015, 6, 1),
            "51440305MJL000001X",
            datetime(2016, 3, 1),
            5,
        ],
    ),
    "branches": (
        "党组织",
        [
            "名称",
            "类型",
            "街道",
            "管理单位",
            "管理依据",
            "成立日期",
            "正式党员人数",
            "所在会员企业",
            "所在商会",
            "预备党员人数",
            "设委员会",
            "设党小组",
            "任期届满日",
        ],
        [
            "深圳市示例科技有限公司党支部",
            "党支部",
            "南山街道",
            "区非公党委",
            "属地管理",
            datetime(2021, 7, 1),
            5,
            EXAMPLE_CODE,
            None,
            1,
            "否",
            "否",
            datetime(2024, 6, 30),
        ],
    ),
    "organizational-life": (
        "组织生活",
        ["党组织名称", "活动", "开展日期", "参加人数", "书记讲授"],
        ["深圳市示例科技有限公司党支部", "党员大会", datetime(2024, 3, 28), 5, None],
    ),
    "reviews": (
        "述职评议",
        ["党组织名称", "年度", "得分", "否决事项", "评议日期", "评议人", "概要"],
        [
            "深圳市示例科技有限公司党支部",
            2024,
            92,
            None,
            datetime(2025, 1, 15),
            "区非公党委评议组",
            "组织健全，活动正常",
        ],
    ),
}


def opened(kind: str) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(template(kind)))


def test_every_kind_has_a_template() -> None:
    assert set(KINDS) == set(EXPECTED)


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_the_data_sheet_holds_the_headers_and_one_example_row(kind: str) -> None:
    title, headers, example = EXPECTED[kind]
    book = opened(kind)
    assert book.sheetnames == [title, EXPLANATION]
    sheet = book[title]
    assert [c.value for c in sheet[1]] == headers
    assert [c.value for c in sheet[2]] == example
    assert sheet.max_row == 2
    assert sheet.freeze_panes == "A2"
    required = {c.header for c in KINDS[kind].columns if c.required}
    explained = {c.header: c.explanation or "文字" for c in KINDS[kind].columns}
    for cell in sheet[1]:
        assert cell.font.bold
        assert (cell.fill.fgColor.rgb == "00FFF2CC") == (cell.value in required), cell.value
        assert cell.comment.text == explained[cell.value]
    for cell in sheet[2]:
        if isinstance(cell.value, datetime):
            assert cell.number_format == "yyyy-mm-dd"


def test_the_headers_are_the_vocabulary_s_names_of_the_command_s_parameters() -> None:
    for kind in KINDS.values():
        assert [c.header for c in kind.columns] == [vocabulary.FIELDS[c.field] for c in kind.columns]
    assert [c.field for c in KINDS["members"].columns][:5] == ["credit_code", "name", "street", "industry", "joined_on"]


def test_the_example_credit_code_is_valid() -> None:
    assert is_valid(EXAMPLE_CODE)


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_the_explanation_sheet_explains_each_column(kind: str) -> None:
    sheet = opened(kind)[EXPLANATION]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["列名", "是否必填", "填写要求", "示例"]
    columns = KINDS[kind].columns
    for column, row in zip(columns, rows[1:], strict=False):
        assert row[0] == column.header
        assert row[1] == ("必填" if column.required else "可不填")
        assert row[2] == (column.explanation or "文字")
        assert (row[3] or "") == (cells.text(column.example) if column.example != "" else "")
    assert rows[len(columns) + 1] == [None, None, None, None]
    assert [row[0] for row in rows[len(columns) + 2 :]] == notes()


def test_a_column_of_codes_offers_its_labels_in_a_drop_down_list() -> None:
    sheet = opened("branches")["党组织"]
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists == {
        "B2:B50001": '"党支部,联合党支部,党总支,党委,街道商会联合党委"',
        "E2:E50001": '"属地管理,行业管理"',
        "K2:K50001": '"是,否"',
        "L2:L50001": '"是,否"',
    }


def test_the_template_left_as_it_is_has_no_row_to_import() -> None:
    for kind in KINDS:
        assert read(template(kind), f"{kind}.xlsx", kind).rows == []


def test_a_field_added_to_a_command_appears_in_its_template(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(vocabulary.FIELDS, "legal_representative", "法定代表人")

    def join_member(
        self: object,
        ctx: object,
        credit_code: str,
        name: str,
        legal_representative: str,
        joined_on: date,
        registered_capital: int | None = None,
        expected_version: int | None = None,
    ) -> None:
        """A command with a field more."""

    monkeypatch.setitem(vocabulary.FIELDS, "registered_capital", "注册资本")
    columns = columns_for(join_member, {"credit_code": Column("credit_code", example="x")})
    assert [(c.header, c.required) for c in columns] == [
        ("统一社会信用代码", True),
        ("名称", True),
        ("法定代表人", True),
        ("入会日期", True),
        ("注册资本", False),
    ]
    assert columns[3].read is cells.day
    assert columns[4].read is cells.whole
