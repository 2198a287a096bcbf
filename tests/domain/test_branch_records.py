"""An organization's records: frozen, their sequences held as tuples, their fields read by name too."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from domain.branch_records import GradeCorrection, GradeRecord, Rectification, Review, ReviewCorrection

REVIEW = Review(80, ["组织生活不正常"], date(2021, 1, 10), "考核组", "")  # type: ignore[arg-type]


def test_a_record_is_frozen_and_holds_its_sequences_as_tuples() -> None:
    assert REVIEW.veto_findings == ("组织生活不正常",)
    assert Review(80, ("组织生活不正常",), date(2021, 1, 10), "考核组", "") == REVIEW
    with pytest.raises(dataclasses.FrozenInstanceError):
        REVIEW.score = 90  # type: ignore[misc]


def test_a_correction_keeps_what_it_corrected() -> None:
    correction = ReviewCorrection(80, 60, ("组织生活不正常",), (), "复核")
    corrected = REVIEW.corrected(correction)
    assert (corrected.score, corrected.veto_findings, corrected.corrections) == (60, (), (correction,))
    assert REVIEW.corrections == ()
    to_weak = GradeCorrection("average", "weak", "复核")
    grade = GradeRecord("average", {"mapped_grade": "average"}, None).corrected(to_weak)
    assert (grade.grade, grade.corrections) == ("weak", (to_weak,))


def test_a_rectification_closes_by_acceptance() -> None:
    opened = Rectification(2020, "健全制度", date(2021, 6, 30), date(2021, 1, 31), "王建国", "leader", "整顿方案")
    assert not opened.is_closed
    closed = opened.closed(date(2021, 6, 1), "rectified", "区非公党委", "赵立新")
    assert closed.is_closed
    assert (closed.outcome, closed.accepting_unit, closed.accepted_by) == ("rectified", "区非公党委", "赵立新")


def test_a_record_reads_a_field_by_name_as_the_dicts_of_state_version_2_did() -> None:
    assert REVIEW["score"] == 80
    with pytest.raises(KeyError):
        REVIEW["corrected"]
