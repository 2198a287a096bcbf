"""Quotas on a round's grades (比例控制): optional parts of the grading policy, such as "advanced at most N %" and
"weak at least M %" of the graded organizations. A grade set outside them is a warning in the classification report,
never a refusal: the grades rest on the reviews."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.values import Grade, GradingPolicy


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
    """The quotas of ``policy`` that the year's grades (``counts`` by grade) break; none when nothing is graded."""
    graded = sum(counts.get(grade.value, 0) for grade in Grade)
    if not graded:
        return []
    warnings = []
    advanced, weak = counts.get(Grade.ADVANCED.value, 0), counts.get(Grade.WEAK.value, 0)
    if policy.advanced_max_percent is not None and advanced * 100 > policy.advanced_max_percent * graded:
        warnings.append(
            QuotaWarning(
                "quota.advanced_over",
                Grade.ADVANCED.value,
                advanced,
                graded,
                round(advanced / graded, 4),
                policy.advanced_max_percent,
            )
        )
    if policy.weak_min_percent is not None and weak * 100 < policy.weak_min_percent * graded:
        warnings.append(
            QuotaWarning(
                "quota.weak_under", Grade.WEAK.value, weak, graded, round(weak / graded, 4), policy.weak_min_percent
            )
        )
    return warnings
