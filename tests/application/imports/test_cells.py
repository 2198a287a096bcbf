"""Cells read as a clerk means them, and refused with a Chinese message when they cannot be."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from application.imports import cells
from domain.errors import InvalidValue
from domain.values import BranchKind, VetoFinding
from tests.factories import credit_code


@pytest.mark.parametrize(
    "written",
    [
        date(2020, 1, 5),
        datetime(2020, 1, 5, 0, 0),
        43835,
        43835.0,
        "2020-01-05",
        "2020/1/5",
        "2020.1.5",
        "2020年1月5日",
        "２０２０年１月５日",
        "２０２０／１／５",
        " 2020 年 1 月 5 日 ",
        "20200105",
        20200105,
        "2020-01-05 00:00:00",
        "2020/1/5 0:00",
    ],
)
def test_a_day_written_as_a_clerk_writes_it(written: object) -> None:
    assert cells.day(written) == date(2020, 1, 5)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2020-13-01", "“2020-13-01”不是日历上的日期"),
        ("2021/2/29", "“2021/2/29”不是日历上的日期"),
        ("1/5/2020", "无法识别的日期“1/5/2020”"),
        ("去年", "无法识别的日期“去年”"),
        (43835.5, "无法识别的日期“43835.5”"),
        (-3, "无法识别的日期“-3”"),
    ],
)
def test_a_day_that_cannot_be_read_says_why(written: object, message: str) -> None:
    with pytest.raises(cells.CellProblem) as refused:
        cells.day(written)
    assert refused.value.message.startswith(message)


@pytest.mark.parametrize(
    ("written", "number"), [(12, 12), (12.0, 12), ("１２", 12), (" 12 ", 12), ("12人", 12), ("1,200", 1200)]
)
def test_a_whole_number(written: object, number: int) -> None:
    assert cells.whole(written) == number


@pytest.mark.parametrize("written", [12.5, "十二", "12.5", True])
def test_not_a_whole_number(written: object) -> None:
    with pytest.raises(cells.CellProblem, match="应为整数"):
        cells.whole(written)


def test_text_drops_stray_spaces_and_keeps_full_width_punctuation() -> None:
    assert cells.text("  深圳市 示例（集团）\u3000有限公司 ") == "深圳市示例（集团）有限公司"
    assert cells.text("Acme   Tech  Ltd") == "Acme Tech Ltd"
    assert cells.text(5.0) == "5"


def test_a_credit_code_in_full_width_letters_lower_case_and_spaces() -> None:
    code = credit_code(7)
    written = " " + "".join(chr(ord(c) + 0xFEE0) for c in code[:9]).lower() + " " + code[9:].lower()
    assert cells.credit_code(written) == code


def test_a_credit_code_with_a_wrong_check_character_is_the_domain_s_refusal() -> None:
    code = credit_code(7)
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(InvalidValue) as refused:
        cells.credit_code(wrong)
    assert refused.value.field == "credit_code"
    assert "check character" in refused.value.message


def test_a_code_by_its_label_or_its_code_and_nothing_else() -> None:
    read = cells.choice(BranchKind)
    assert read("联合党支部") == "joint_branch"
    assert read(" 党 支 部 ") == "branch"
    assert read("Joint_Branch") == "joint_branch"
    with pytest.raises(cells.CellProblem) as refused:
        read("党小组")
    assert refused.value.message == "“党小组”不是可选的值；可选：党支部、联合党支部、党总支、党委、街道商会联合党委"


def test_several_values_in_one_cell() -> None:
    assert cells.words("甲商会、乙商会，丙商会;丁商会\n戊商会") == ["甲商会", "乙商会", "丙商会", "丁商会", "戊商会"]
    read = cells.choices(VetoFinding, others=True)
    assert read("班子不健全、发生违纪问题") == ["leadership_incomplete", "发生违纪问题"]
    with pytest.raises(cells.CellProblem):
        cells.choices(VetoFinding)("发生违纪问题")
