"""Quotas on a round's grades (比例控制): optional parts of the grading policy, such as "the top grade at most N %"
and "the bottom grade at least M %" of the graded organizations. Grades outside them are a warning in the
classification report, never a refusal: the grades rest on the reviews."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.values import GradingPolicy


@dataclass(frozen=True)
class QuotaWarning:
    """A grade whose share of the graded organizations lies outside the policy's quota: ``rule`` names which."""

    rule: str
    grade: str
    count: int
    graded: int
    share: float
    limit_percent: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "grade": self.grade,
            "count": self.count,
            "graded": self.graded,
            "share": self.share,
            "limit_percent": self.limit_percent,
        }


def quota_warnings(policy: GradingPolicy, counts: Mapping[str, int]) -> list[QuotaWarning]:
    """The quotas of ``policy`` that the year's grades (``counts`` by grade) break: the top grade's share against
    ``advanced_max_percent``, the bottom grade's against ``weak_min_percent``; none when nothing is graded."""
    grades = policy.grade_set
    graded = sum(counts.get(code, 0) for code in grades.codes)
    if not graded:
        return []
    warnings = []
    top, bottom = counts.get(grades.top, 0), counts.get(grades.bottom, 0)
    if policy.advanced_max_percent is not None and top * 100 > policy.advanced_max_percent * graded:
        warnings.append(
            QuotaWarning(
                "quota.advanced_over", grades.top, top, graded, round(top / graded, 4), policy.advanced_max_percent
            )
        )
    if policy.weak_min_percent is not None and bottom * 100 < policy.weak_min_percent * graded:
        warnings.append(
            QuotaWarning(
                "quota.weak_under", grades.bottom, bottom, graded, round(bottom / graded, 4), policy.weak_min_percent
            )
        )
    return warnings
