"""Chinese names of codes: the domain's own label first, the console's table for the rest."""

from __future__ import annotations

import pytest

from domain.values import Grade
from interfaces.console.labels import label, options


def test_a_grade_is_named_by_the_domains_own_label() -> None:
    assert label("grade", "weak") == Grade.WEAK.label == "软弱涣散"


@pytest.mark.parametrize(
    ("vocabulary", "code", "chinese"),
    [
        ("branch_kind", "joint_branch", "联合党支部"),
        ("chamber_kind", "hometown", "异地商会"),
        ("member_status", "left", "已退会"),
        ("round_status", "publicity", "公示中"),
        ("role", "assessor", "评定员"),
        ("event", "PartyBranch.GradeCorrected", "更正等次"),
        ("veto", "no_organizational_life", "组织生活不正常"),
        ("grade", "ungraded", "未定级"),
    ],
)
def test_codes_without_a_domain_label_use_the_consoles_table(vocabulary: str, code: str, chinese: str) -> None:
    assert label(vocabulary, code) == chinese


def test_an_unknown_code_is_shown_as_it_is_and_nothing_as_nothing() -> None:
    assert label("grade", "excellent") == "excellent"
    assert label("no-such-vocabulary", "x") == "x"
    assert label("grade", None) == ""


def test_options_follow_the_domains_order_with_chinese_names() -> None:
    assert options("grade") == [("advanced", "先进"), ("average", "一般"), ("weak", "软弱涣散")]
    assert ("theme_day", "主题党日") in options("activity")
