"""Quotas on a round's grades: optional parts of the policy, breaking them is a warning, never a refusal."""

from __future__ import annotations

import pytest

from domain.errors import InvalidValue
from domain.quotas import quota_warnings
from domain.values import GradingPolicy

QUOTAS = GradingPolicy(advanced_max_percent=20, weak_min_percent=5)


def test_no_quota_no_warning() -> None:
    assert quota_warnings(GradingPolicy(), {"advanced": 9, "average": 1, "weak": 0}) == []


def test_grades_within_the_quotas_give_no_warning() -> None:
    assert quota_warnings(QUOTAS, {"advanced": 4, "average": 15, "weak": 1, "ungraded": 7}) == []


def test_too_many_advanced_and_too_few_weak_are_warned() -> None:
    warnings = quota_warnings(QUOTAS, {"advanced": 5, "average": 15, "weak": 0})
    assert [(w.rule, w.grade, w.count, w.graded, w.limit_percent) for w in warnings] == [
        ("quota.advanced_over", "advanced", 5, 20, 20),
        ("quota.weak_under", "weak", 0, 20, 5),
    ]
    assert warnings[0].share == 0.25


def test_nothing_graded_warns_of_nothing() -> None:
    assert quota_warnings(QUOTAS, {"ungraded": 3}) == []


def test_quotas_are_policy_data_kept_only_when_set() -> None:
    assert "advanced_max_percent" not in GradingPolicy().as_dict()
    assert GradingPolicy.from_dict(QUOTAS.as_dict()) == QUOTAS
    assert GradingPolicy.from_dict({}).weak_min_percent is None
    with pytest.raises(InvalidValue) as raised:
        GradingPolicy.from_dict({"advanced_max_percent": 101})
    assert raised.value.field == "policy.advanced_max_percent"


def test_the_quotas_count_the_top_and_the_bottom_grade_of_the_rounds_set() -> None:
    four = GradingPolicy.from_dict(
        {
            "grades": [
                {"code": "excellent", "label": "优秀", "min_score": 95},
                {"code": "good", "label": "良好", "min_score": 85},
                {"code": "average", "label": "一般", "min_score": 70},
                {"code": "weak", "label": "软弱涣散", "min_score": 0},
            ],
            "advanced_max_percent": 10,
            "weak_min_percent": 5,
        }
    )
    counts = {"excellent": 2, "good": 8, "average": 10, "weak": 0, "advanced": 50, "ungraded": 4}
    warnings = quota_warnings(four, counts)
    assert [(w.rule, w.grade, w.count, w.graded, w.limit_percent) for w in warnings] == [
        ("quota.weak_under", "weak", 0, 20, 5),
    ]
    assert [w.grade for w in quota_warnings(four, {**counts, "excellent": 3, "weak": 2})] == ["excellent"]
