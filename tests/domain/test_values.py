"""The grading policy is data: it maps a review to a grade, and rejects thresholds that make no sense."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidValue
from domain.values import Grade, GradingPolicy


@pytest.mark.parametrize(
    ("score", "vetoes", "grade"),
    [
        (100, [], "advanced"),
        (90, [], "advanced"),
        (89, [], "average"),
        (70, [], "average"),
        (69, [], "weak"),
        (0, [], "weak"),
        (99, ["leadership_incomplete"], "weak"),
    ],
)
def test_default_thresholds(score: int, vetoes: list[str], grade: str) -> None:
    assert GradingPolicy().map(score, vetoes) == grade


policies = st.tuples(st.integers(0, 100), st.integers(0, 100)).map(
    lambda t: GradingPolicy(advanced_min=max(t), average_min=min(t))
)


@given(policies, st.integers(0, 100), st.integers(0, 100))
def test_mapping_is_monotone_in_score(policy: GradingPolicy, low: int, high: int) -> None:
    low, high = min(low, high), max(low, high)
    ranks = policy.grade_set.rank
    assert ranks(policy.map(low, [])) <= ranks(policy.map(high, []))


@given(policies, st.integers(0, 100), st.lists(st.text(min_size=1), min_size=1))
def test_any_veto_makes_it_weak(policy: GradingPolicy, score: int, vetoes: list[str]) -> None:
    assert policy.map(score, vetoes) == Grade.WEAK


@given(policies, st.integers(0, 100))
def test_thresholds_are_respected(policy: GradingPolicy, score: int) -> None:
    grade = policy.map(score, [])
    if score >= policy.advanced_min:
        assert grade == Grade.ADVANCED
    elif score >= policy.average_min:
        assert grade == Grade.AVERAGE
    else:
        assert grade == Grade.WEAK


def test_policy_round_trips_as_data() -> None:
    policy = GradingPolicy(advanced_min=95, minimums={"lecture": 6})
    assert GradingPolicy.from_dict(policy.as_dict()) == policy
    assert GradingPolicy.from_dict({"average_min": 60}).minimums["theme_day"] == 12


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"advanced_min": 60, "average_min": 70}, "policy"),
        ({"advanced_min": "90"}, "policy.advanced_min"),
        ({"colour": 1}, "policy"),
        ({"minimums": {"dancing": 1}}, "policy.minimums"),
        ({"minimums": {"lecture": -1}}, "policy.minimums.lecture"),
        ({"publicity_working_days": 0}, "policy.publicity_working_days"),
    ],
)
def test_nonsense_policies_are_rejected(data: dict, field: str) -> None:
    with pytest.raises(InvalidValue) as raised:
        GradingPolicy.from_dict(data)
    assert raised.value.field == field


def test_grade_labels_are_chinese() -> None:
    assert [g.label for g in Grade] == ["先进", "一般", "软弱涣散"]


def test_a_minimum_that_does_not_apply_is_not_applicable_never_a_shortfall() -> None:
    policy = GradingPolicy()
    assert policy.minimums["life_meeting"] == policy.minimums["member_appraisal"] == 1
    assert policy.compliance("committee_meeting", 12) == "met"
    assert policy.compliance("committee_meeting", 11) == "short"
    assert policy.compliance("committee_meeting", 0, applies=False) == "not_applicable"
    held = {"general_meeting": 4, "lecture": 4, "theme_day": 12, "life_meeting": 1, "member_appraisal": 1}
    assert not policy.complies(held)
    assert policy.complies(held, lambda activity: activity not in ("committee_meeting", "group_meeting"))
    assert not policy.complies({**held, "life_meeting": 0}, lambda a: a not in ("committee_meeting", "group_meeting"))
