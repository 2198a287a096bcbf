"""The grade set of a grading policy (等次设置): the grades a round gives, best first, each with its Chinese label and
the lowest score that earns it. The bottom grade is the one a veto finding gives and the one that calls for
rectification (整顿); the top grade is the one the top quota counts.

The default set is the three grades of the rules: advanced 先进 from 90, average 一般 from 70, weak 软弱涣散 from 0.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from domain import checks
from domain.errors import InvalidValue

MIN_GRADES = 2
MAX_GRADES = 6
MAX_LABEL = 20
FIELD = "policy.grades"
CODE = re.compile(r"[a-z][a-z0-9_]{0,31}")
RESERVED = frozenset({"ungraded", "total", "managing_unit", "street", "kind"})
"""Words the reports already key their rows by: no grade is coded so."""

SHORTHAND_CODES = ("advanced", "average", "weak")
SHORTHAND_LABELS = ("先进", "一般", "软弱涣散")


@dataclass(frozen=True)
class GradeLevel:
    """One grade of a set: its code (stored and sent), its Chinese label (shown) and the lowest score earning it."""

    code: str
    label: str
    min_score: int

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "label": self.label, "min_score": self.min_score}


@dataclass(frozen=True)
class GradeSet:
    """The grades of a policy, best first; build one with ``GradeSet.of`` (checked) or ``GradeSet.banded``."""

    levels: tuple[GradeLevel, ...]

    @classmethod
    def of(cls, data: Any, field: str = FIELD) -> GradeSet:
        """A set from a list of ``{code, label, min_score}``, best first: 2 to 6 grades, codes lower-case ASCII
        identifiers and unique, labels unique text, lowest scores strictly decreasing to 0 for the bottom grade."""
        if not isinstance(data, Sequence) or isinstance(data, str | bytes):
            raise InvalidValue(field, "must be a list of grades, best first")
        if not MIN_GRADES <= len(data) <= MAX_GRADES:
            raise InvalidValue(field, f"must hold {MIN_GRADES} to {MAX_GRADES} grades")
        levels = tuple(_level(item, n, field) for n, item in enumerate(data))
        codes = [level.code for level in levels]
        if len(set(codes)) < len(codes):
            raise InvalidValue(field, "each grade has its own code")
        labels = [level.label for level in levels]
        if len(set(labels)) < len(labels):
            raise InvalidValue(field, "each grade has its own label")
        scores = [level.min_score for level in levels]
        if any(lower >= higher for higher, lower in pairwise(scores)):
            raise InvalidValue(field, "min_score must fall strictly from the best grade to the bottom one")
        if scores[-1] != 0:
            raise InvalidValue(field, "the bottom grade's min_score is 0: every score earns a grade")
        return cls(levels)

    @classmethod
    def banded(cls, advanced_min: int, average_min: int) -> GradeSet:
        """The default three grades with the shorthand's bands (``advanced_min``, ``average_min``); the shorthand
        keeps its own rule, 0 ≤ average_min ≤ advanced_min ≤ 100, by which recorded rounds ran."""
        scores = (advanced_min, average_min, 0)
        return cls(tuple(GradeLevel(*level) for level in zip(SHORTHAND_CODES, SHORTHAND_LABELS, scores, strict=True)))

    @property
    def shorthand(self) -> tuple[int, int] | None:
        """``(advanced_min, average_min)`` when the set is the default three grades, else None."""
        if tuple(level.code for level in self.levels) != SHORTHAND_CODES:
            return None
        if tuple(level.label for level in self.levels) != SHORTHAND_LABELS:
            return None
        return self.levels[0].min_score, self.levels[1].min_score

    @property
    def codes(self) -> list[str]:
        return [level.code for level in self.levels]

    @property
    def top(self) -> str:
        """The best grade: the one the top quota counts."""
        return self.levels[0].code

    @property
    def bottom(self) -> str:
        """The lowest grade: veto findings give it, it calls for rectification, the bottom quota counts it."""
        return self.levels[-1].code

    def labels(self) -> dict[str, str]:
        """Every code with its Chinese label, best first."""
        return {level.code: level.label for level in self.levels}

    def label(self, code: str) -> str:
        """The Chinese label of ``code``, or the code itself when the set has no such grade."""
        return self.labels().get(code, code)

    def rank(self, code: str) -> int | None:
        """Higher is better, 0 for the bottom grade; None for a code outside the set."""
        codes = self.codes
        return len(codes) - 1 - codes.index(code) if code in codes else None

    def map(self, score: int, veto_findings: Sequence[str]) -> str:
        """The grade a review earns: any veto finding gives the bottom grade, else the best grade its score
        reaches."""
        if veto_findings:
            return self.bottom
        return next(level.code for level in self.levels if score >= level.min_score)

    def check(self, code: Any, field: str = "grade") -> str:
        """``code`` as a grade of the set, or InvalidValue naming ``field`` and the set's codes."""
        if not isinstance(code, str) or code not in self.codes:
            raise InvalidValue(field, f"must be one of: {', '.join(self.codes)}")
        return code

    def as_list(self) -> list[dict[str, Any]]:
        return [level.as_dict() for level in self.levels]


def _level(item: Any, n: int, field: str) -> GradeLevel:
    if not isinstance(item, Mapping):
        raise InvalidValue(field, f"grade {n + 1} must be an object of code, label and min_score")
    unknown = set(item) - {"code", "label", "min_score"}
    if unknown:
        raise InvalidValue(field, f"grade {n + 1} has unknown keys: {', '.join(sorted(map(str, unknown)))}")
    code, score = item.get("code"), item.get("min_score")
    if not isinstance(code, str) or not CODE.fullmatch(code) or code in RESERVED:
        raise InvalidValue(
            field,
            f"grade {n + 1}'s code must be a lower-case ASCII identifier (a-z, 0-9, _; at most 32), "
            f"none of {', '.join(sorted(RESERVED))}",
        )
    label = checks.text(item.get("label"), field, max_length=MAX_LABEL)
    if not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= 100:
        raise InvalidValue(field, f"grade {n + 1}'s min_score must be a whole number from 0 to 100")
    return GradeLevel(code, label, score)


DEFAULT = GradeSet.banded(90, 70)
"""The three grades of the rules: advanced 先进 from 90, average 一般 from 70, weak 软弱涣散 below."""


def set_of(policy: Mapping[str, Any] | None) -> GradeSet:
    """The grade set of a recorded policy dict: its ``grades``, else the default three grades with its bands (a
    policy recorded before grade sets were data)."""
    policy = policy or {}
    if policy.get("grades") is None:
        return _banded(policy.get("advanced_min", 90), policy.get("average_min", 70))
    try:
        key = tuple(tuple(sorted(level.items())) for level in policy["grades"])
        hash(key)
    except (AttributeError, TypeError):
        return GradeSet.of(policy["grades"])
    return _recorded(key)


@lru_cache(maxsize=256)
def _banded(advanced_min: int, average_min: int) -> GradeSet:
    return GradeSet.banded(advanced_min, average_min)


@lru_cache(maxsize=256)
def _recorded(key: tuple[tuple[tuple[str, Any], ...], ...]) -> GradeSet:
    return GradeSet.of([dict(level) for level in key])
