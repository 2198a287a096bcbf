"""The grading round: one per year, publicity, objections and the conditions for closing."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain.grading_round import GradingRound, grade_standing, round_id, round_status
from domain.values import GradeStanding, GradingPolicy, RoundStatus
from tests.domain.rules import invalid, rejects, replayed


@pytest.fixture
def rnd() -> GradingRound:
    return GradingRound.open(2020, GradingPolicy(publicity_working_days=5))


def test_one_round_a_year(rnd: GradingRound) -> None:
    assert rnd.id == round_id(2020)
    assert rnd.status == "open"
    assert rnd.grading_policy == GradingPolicy()


def test_publicity_lasts_working_days(rnd: GradingRound) -> None:
    invalid(rnd, lambda: rnd.start_publicity(date(2019, 12, 1)), "starts_on")
    invalid(rnd, lambda: rnd.start_publicity(date(2021, 1, 15), date(2021, 1, 1)), "ends_on")
    rnd.start_publicity(date(2021, 1, 15))
    assert rnd.publicity == {"starts_on": date(2021, 1, 15), "ends_on": date(2021, 1, 21)}
    rejects(rnd, lambda: rnd.start_publicity(date(2021, 2, 1)), "grading_round.publicity_already_started")


def test_objections_only_during_publicity(rnd: GradingRound) -> None:
    rejects(rnd, lambda: rnd.raise_objection(uuid4(), uuid4(), "异议"), "grading_round.not_in_publicity")
    rnd.start_publicity(date(2021, 1, 15))
    objection = uuid4()
    rnd.raise_objection(objection, uuid4(), "评分有误")
    rejects(rnd, lambda: rnd.resolve_objection(uuid4(), "x"), "grading_round.unknown_objection")
    rnd.resolve_objection(objection, "维持")
    rejects(rnd, lambda: rnd.resolve_objection(objection, "again"), "grading_round.objection_already_resolved")


def test_closing_conditions(rnd: GradingRound) -> None:
    rejects(rnd, lambda: rnd.close(date(2021, 2, 1), []), "grading_round.publicity_not_started")
    rnd.start_publicity(date(2021, 1, 15))
    rejects(rnd, lambda: rnd.close(date(2021, 1, 21), []), "grading_round.publicity_not_ended")
    objection = uuid4()
    rnd.raise_objection(objection, uuid4(), "异议")
    rejects(rnd, lambda: rnd.close(date(2021, 2, 1), []), "grading_round.objections_unresolved")
    rnd.resolve_objection(objection, "维持")
    rejects(rnd, lambda: rnd.close(date(2021, 2, 1), [uuid4()]), "grading_round.weak_without_rectification")
    rnd.close(date(2021, 2, 1), [])
    assert rnd.status == "closed"
    rejects(rnd, lambda: rnd.close(date(2021, 3, 1), []), "grading_round.closed")
    rejects(rnd, lambda: rnd.raise_objection(uuid4(), uuid4(), "late"), "grading_round.closed")
    assert replayed(rnd) == rnd


def test_status_and_standing_follow_publicity_and_closing(rnd: GradingRound) -> None:
    assert (rnd.status, rnd.standing) == (RoundStatus.OPEN, GradeStanding.PROVISIONAL)
    assert (round_status(False, False), grade_standing(False)) == (rnd.status, rnd.standing)
    rnd.start_publicity(date(2021, 1, 15))
    assert (rnd.status, rnd.standing) == (RoundStatus.PUBLICITY, GradeStanding.PROVISIONAL)
    assert round_status(True, False) == rnd.status
    rnd.close(date(2021, 2, 1), [])
    assert (rnd.status, rnd.standing) == (RoundStatus.CLOSED, GradeStanding.FINAL)
    assert (round_status(True, True), grade_standing(True)) == (rnd.status, rnd.standing)
