"""What changed between two versions of a record, in Chinese: a grade is named by the set it was given under."""

from __future__ import annotations

from typing import Any

from interfaces.console.views.differences import differences

FOUR = [
    {"code": "excellent", "label": "优秀", "min_score": 95},
    {"code": "good", "label": "良好", "min_score": 85},
    {"code": "average", "label": "一般", "min_score": 70},
    {"code": "weak", "label": "软弱涣散", "min_score": 0},
]


def _state(grade: str, corrections: list[dict[str, str]], policy: dict[str, Any]) -> dict[str, Any]:
    basis = {"review_score": 90, "mapped_grade": "good", "policy": policy}
    return {"name": "党支部", "grades": {"2020": {"grade": grade, "basis": basis, "corrections": corrections}}}


def test_a_corrected_grade_of_a_four_grade_round_reads_by_its_labels() -> None:
    correction = {"from_grade": "good", "to_grade": "excellent", "reason": "复核"}
    before = _state("good", [], {"grades": FOUR})
    after = _state("excellent", [correction], {"grades": FOUR})
    changed = {(d.before, d.after) for d in differences("branch", before, after)}
    assert ("良好", "优秀") in changed
    assert ("（无）", "良好") in changed
    assert ("（无）", "优秀") in changed


def test_a_grade_of_a_round_recorded_before_grade_sets_reads_by_the_default_labels() -> None:
    old = {"advanced_min": 90, "average_min": 70}
    changed = differences("branch", _state("average", [], old), _state("advanced", [], old))
    assert [(d.before, d.after) for d in changed] == [("一般", "先进")]
