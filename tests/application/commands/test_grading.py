"""The grading year on both stores: reviews, rounds, closing, and corrections after the round closed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

import pytest

from application.register import Register
from domain.errors import RuleViolation
from tests.conftest import ASSESSOR
from tests.factories import branch, member


def _review(app: Register, ident: UUID, score: int) -> None:
    app.review_branch(ASSESSOR, ident, 2020, score, [], date(2021, 1, 10), "考核组", "")


def _rule(call: Callable[[], object]) -> str:
    with pytest.raises(RuleViolation) as raised:
        call()
    return raised.value.rule


def test_grading_needs_a_review_and_an_open_round(register: Register) -> None:
    ident = branch(register, [member(register, 1)])
    assert _rule(lambda: register.grade_branch(ASSESSOR, ident, 2020)) == "grade.requires_review"
    _review(register, ident, 91)
    assert _rule(lambda: register.grade_branch(ASSESSOR, ident, 2020)) == "grade.requires_open_round"
    register.open_round(ASSESSOR, 2020, {"advanced_min": 95})
    assert _rule(lambda: register.open_round(ASSESSOR, 2020)) == "grading_round.already_open"
    graded = register.grade_branch(ASSESSOR, ident, 2020).aggregate
    assert graded.grade_for(2020) == "average"
    assert graded.grades[2020].basis["policy"]["advanced_min"] == 95


def test_closing_a_round_and_what_follows(register: Register) -> None:
    weak = branch(register, [member(register, 1)])
    good = branch(register, [member(register, 2)])
    _review(register, weak, 50)
    _review(register, good, 80)
    register.open_round(ASSESSOR, 2020)
    register.grade_branch(ASSESSOR, weak, 2020)
    register.grade_branch(ASSESSOR, good, 2020)
    register.start_publicity(ASSESSOR, 2020, date(2021, 1, 15))
    assert _rule(lambda: register.close_round(ASSESSOR, 2020, date(2021, 2, 1))) == (
        "grading_round.weak_without_rectification"
    )
    register.open_rectification(
        ASSESSOR,
        weak,
        2020,
        "整顿",
        date(2021, 6, 30),
        date(2021, 1, 31),
        helper="王建国",
        helper_role="leader",
        plan="整顿方案",
    )
    assert register.close_round(ASSESSOR, 2020, date(2021, 2, 1)).aggregate.is_closed
    assert register.final_years([2020, 2021]) == {2020}
    assert _rule(lambda: register.review_branch(ASSESSOR, good, 2020, 1, [], date(2021, 1, 1), "x", "")) == (
        "review.already_recorded"
    )
    assert register.correct_grade(ASSESSOR, good, 2020, "advanced", "复核").aggregate.grade_for(2020) == "advanced"


def test_a_dissolved_weak_branch_needs_no_rectification(register: Register) -> None:
    weak = branch(register, [member(register, 1)])
    _review(register, weak, 50)
    register.open_round(ASSESSOR, 2020)
    register.grade_branch(ASSESSOR, weak, 2020)
    register.start_publicity(ASSESSOR, 2020, date(2021, 1, 15))
    register.dissolve_branch(ASSESSOR, weak, date(2021, 1, 20), "撤销")
    assert register.weak_without_rectification(2020) == []
    assert register.close_round(ASSESSOR, 2020, date(2021, 2, 1)).aggregate.is_closed
