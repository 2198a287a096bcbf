"""The grading round: one per year, publicity, objections and the conditions for closing."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain.grading_round import GradingRound, grade_standing, round_id, round_status
from domain.values import GradeStanding, GradingPolicy, RoundStatus
from tests.domain.calendars import OFFICIAL
from tests.domain.rules import invalid, rejects, replayed


@pytest.fixture
def rnd() -> GradingRound:
    return GradingRound.open(2020, GradingPolicy(publicity_working_days=5))


def test_one_round_a_year(rnd: GradingRound) -> None:
    assert rnd.id == round_id(2020)
    assert rnd.status == "open"
    assert rnd.grading_policy == GradingPolicy()


def test_publicity_lasts_working_days(rnd: GradingRound) -> None:
    invalid(rnd, lambda: rnd.start_publicity(date(2019, 12, 1), None, OFFICIAL), "starts_on")
    invalid(rnd, lambda: rnd.start_publicity(date(2021, 1, 15), date(2021, 1, 1), OFFICIAL), "ends_on")
    rnd.start_publicity(date(2021, 1, 15), None, OFFICIAL)
    assert rnd.publicity == {"starts_on": date(2021, 1, 15), "ends_on": date(2021, 1, 21)}
    rejects(
        rnd, lambda: rnd.start_publicity(date(2021, 2, 1), None, OFFICIAL), "grading_round.publicity_already_started"
    )


def test_objections_only_during_publicity(rnd: GradingRound) -> None:
    rejects(
        rnd, lambda: rnd.raise_objection(uuid4(), uuid4(), "异议", date(2021, 1, 15)), "grading_round.not_in_publicity"
    )
    rnd.start_publicity(date(2021, 1, 15), None, OFFICIAL)
    objection = uuid4()
    rnd.raise_objection(objection, uuid4(), "评分有误", date(2021, 1, 21))
    rejects(rnd, lambda: rnd.resolve_objection(uuid4(), "x"), "grading_round.unknown_objection")
    rnd.resolve_objection(objection, "维持")
    rejects(rnd, lambda: rnd.resolve_objection(objection, "again"), "grading_round.objection_already_resolved")


def test_closing_conditions(rnd: GradingRound) -> None:
    rejects(rnd, lambda: rnd.close(date(2021, 2, 1), []), "grading_round.publicity_not_started")
    rnd.start_publicity(date(2021, 1, 15), None, OFFICIAL)
    rejects(rnd, lambda: rnd.close(date(2021, 1, 21), []), "grading_round.publicity_not_ended")
    objection = uuid4()
    rnd.raise_objection(objection, uuid4(), "异议", date(2021, 1, 18))
    rejects(rnd, lambda: rnd.close(date(2021, 2, 1), []), "grading_round.objections_unresolved")
    rnd.resolve_objection(objection, "维持")
    rejects(rnd, lambda: rnd.close(date(2021, 2, 1), [uuid4()]), "grading_round.weak_without_rectification")
    rnd.close(date(2021, 2, 1), [])
    assert rnd.status == "closed"
    rejects(rnd, lambda: rnd.close(date(2021, 3, 1), []), "grading_round.closed")
    rejects(rnd, lambda: rnd.raise_objection(uuid4(), uuid4(), "late", date(2021, 1, 18)), "grading_round.closed")
    assert replayed(rnd) == rnd


def test_status_and_standing_follow_publicity_and_closing(rnd: GradingRound) -> None:
    assert (rnd.status, rnd.standing) == (RoundStatus.OPEN, GradeStanding.PROVISIONAL)
    assert (round_status(False, False), grade_standing(False)) == (rnd.status, rnd.standing)
    rnd.start_publicity(date(2021, 1, 15), None, OFFICIAL)
    assert (rnd.status, rnd.standing) == (RoundStatus.PUBLICITY, GradeStanding.PROVISIONAL)
    assert round_status(True, False) == rnd.status
    rnd.close(date(2021, 2, 1), [])
    assert (rnd.status, rnd.standing) == (RoundStatus.CLOSED, GradeStanding.FINAL)
    assert (round_status(True, True), grade_standing(True)) == (rnd.status, rnd.standing)


def test_publicity_counts_the_official_working_days() -> None:
    """The Spring Festival of 2021 is off and its make-up Sunday (7 February) and Saturday (20 February) are on."""
    rnd = GradingRound.open(2020)
    rnd.start_publicity(date(2021, 2, 9), None, OFFICIAL)
    assert rnd.publicity == {"starts_on": date(2021, 2, 9), "ends_on": date(2021, 2, 20)}
    days = GradingRound.open(2019)
    days.start_publicity(date(2020, 1, 15), None, OFFICIAL)
    assert days.publicity == {"starts_on": date(2020, 1, 15), "ends_on": date(2020, 1, 20)}


@pytest.mark.parametrize(
    ("starts_on", "ends_on"),
    [
        (date(2021, 1, 15), date(2021, 1, 15)),  # one working day
        (date(2021, 1, 16), date(2021, 1, 17)),  # a weekend
        (date(2021, 1, 2), date(2021, 1, 3)),  # holidays
        (date(2021, 2, 8), date(2021, 2, 14)),  # a week holding the Spring Festival: 3 working days
    ],
)
def test_a_publicity_shorter_than_the_policy_is_refused(starts_on: date, ends_on: date) -> None:
    rnd = GradingRound.open(2020)
    rejects(rnd, lambda: rnd.start_publicity(starts_on, ends_on, OFFICIAL), "publicity.too_short")
    rnd.start_publicity(date(2021, 1, 15), date(2021, 1, 21), OFFICIAL)
    assert rnd.publicity == {"starts_on": date(2021, 1, 15), "ends_on": date(2021, 1, 21)}


def test_the_policy_sets_the_publicity_length() -> None:
    rnd = GradingRound.open(2020, GradingPolicy(publicity_working_days=7))
    rejects(rnd, lambda: rnd.start_publicity(date(2021, 1, 15), date(2021, 1, 21), OFFICIAL), "publicity.too_short")
    rnd.start_publicity(date(2021, 1, 15), date(2021, 1, 25), OFFICIAL)


def test_a_year_the_calendar_does_not_know_is_refused_not_guessed() -> None:
    rnd = GradingRound.open(2021)
    rejects(rnd, lambda: rnd.start_publicity(date(2022, 1, 17), None, OFFICIAL), "calendar.year_unknown")
    rejects(rnd, lambda: rnd.start_publicity(date(2021, 12, 29), None, OFFICIAL), "calendar.year_unknown")


def test_objections_are_dated_within_the_period(rnd: GradingRound) -> None:
    rnd.start_publicity(date(2021, 1, 15), None, OFFICIAL)
    for outside in (date(2021, 1, 14), date(2021, 1, 22)):
        rejects(
            rnd,
            lambda on=outside: rnd.raise_objection(uuid4(), uuid4(), "异议", on),
            "publicity.objection_outside_period",
        )
    for inside in (date(2021, 1, 15), date(2021, 1, 21)):
        rnd.raise_objection(uuid4(), uuid4(), "异议", inside)
    assert sorted(o["raised_on"] for o in rnd.objections.values()) == [date(2021, 1, 15), date(2021, 1, 21)]
    assert rnd.in_publicity


def test_grades_are_given_only_before_they_are_posted(rnd: GradingRound) -> None:
    rnd.require_grading()
    rnd.start_publicity(date(2021, 1, 15), None, OFFICIAL)
    rejects(rnd, rnd.require_grading, "publicity.grades_posted")
    rnd.close(date(2021, 2, 1), [])
    rejects(rnd, rnd.require_grading, "grade.requires_open_round")
