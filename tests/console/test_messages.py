"""Refusals in Chinese, placed beside the field they concern."""

from __future__ import annotations

import pytest

from application.errors import ConcurrentWrite, InvalidValue, NotFound, RuleViolation, VersionMismatch
from domain import checks
from interfaces.console.messages import explain


def test_a_broken_rule_is_explained_in_chinese_beside_its_field_with_the_forms_year() -> None:
    explained = explain(RuleViolation("grade.requires_review", "no review recorded for 2021"), {"year": 2021})
    assert explained.field == "year"
    assert explained.message == "2021年度尚未录入述职评议，定级须以评议为依据"


def test_a_message_naming_a_value_the_form_lacks_still_reads_plainly() -> None:
    assert explain(RuleViolation("review.already_recorded", "x")).message == "该年度的述职评议已经录入"


def test_an_unknown_rule_gets_a_general_chinese_message_for_the_whole_form() -> None:
    explained = explain(RuleViolation("something.new", "x"))
    assert explained.field is None
    assert explained.message == "此操作不符合登记规则"


@pytest.mark.parametrize(
    ("message", "chinese"),
    [
        ("check character is 1, expected X", "校验码为1，应为X，请核对"),
        ("must be 18 characters, got 5", "应为18位，现为5位"),
        ("must not be empty", "必须填写"),
        ("must be a whole number from 0 to 100", "必须是0至100之间的整数"),
        ("something the table does not know", "填写的内容不符合要求"),
    ],
)
def test_an_invalid_value_is_explained_beside_its_field(message: str, chinese: str) -> None:
    explained = explain(InvalidValue("credit_code", message))
    assert explained == explained.__class__("credit_code", chinese)


def test_a_nested_field_is_placed_beside_its_form_field() -> None:
    assert explain(InvalidValue("changes.name", "must not be empty")).field == "changes"


@pytest.mark.parametrize("error", [VersionMismatch(2, 3), ConcurrentWrite()])
def test_a_record_changed_meanwhile_asks_to_reload(error: Exception) -> None:
    explained = explain(error)
    assert explained.field is None
    assert "刷新" in explained.message


def test_a_missing_record_is_named_by_its_kind() -> None:
    assert explain(NotFound("branch", "x")).message == "找不到该党组织"


def test_an_error_that_is_no_refusal_is_raised_again() -> None:
    with pytest.raises(KeyError):
        explain(KeyError("bug"))


NEW_RULES = [
    "text.control",
    "text.invisible",
    "text.empty",
    "date.in_future",
    "member.left_chamber_before_joining",
    "rectification.before_opening",
    "branch.host_already_organized",
    "branch.joint_too_many_units",
    "publicity.too_short",
    "publicity.objection_outside_period",
    "publicity.grades_posted",
    "calendar.year_unknown",
]


@pytest.mark.parametrize("rule", NEW_RULES)
def test_each_rule_of_the_official_texts_has_a_chinese_message(rule: str) -> None:
    message = explain(RuleViolation(rule, "x")).message
    assert message != "此操作不符合登记规则"
    assert any("\u4e00" <= c <= "\u9fff" for c in message)


def test_a_refused_text_is_explained_beside_its_field_in_chinese() -> None:
    with pytest.raises(InvalidValue) as raised:
        checks.text("南山\u202e商会", "name")
    assert explain(raised.value) == explain(raised.value).__class__(
        "name", "不能含有不可见字符（零宽字符、文字方向控制符等）"
    )
