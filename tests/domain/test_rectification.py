"""A rectification is opened within its year's round: after the review that found the weakness, before the round
closes."""

from __future__ import annotations

from datetime import date

from domain.grading_round import GradingRound
from domain.rectification import require_opened_within_round, require_round_closes_after_openings
from domain.values import GradingPolicy
from tests.domain.calendars import OFFICIAL
from tests.domain.rules import rejects

REVIEWED = date(2021, 1, 12)


def test_a_rectification_opened_on_or_after_the_review_of_an_opened_round_is_within_it() -> None:
    require_opened_within_round(2020, True, REVIEWED, REVIEWED)
    require_opened_within_round(2020, True, REVIEWED, date(2021, 3, 1))
    require_opened_within_round(2020, True, REVIEWED, None)


def test_a_rectification_without_its_years_round_is_outside_it() -> None:
    rejects(None, lambda: require_opened_within_round(2020, False, REVIEWED, REVIEWED), "rectification.outside_round")


def test_a_rectification_opened_before_the_review_is_outside_the_round() -> None:
    rejects(
        None,
        lambda: require_opened_within_round(2020, True, REVIEWED, date(2021, 1, 11)),
        "rectification.outside_round",
    )


def test_a_round_closes_no_earlier_than_any_rectification_of_its_year_opened() -> None:
    require_round_closes_after_openings(2020, date(2021, 3, 1), [None, date(2021, 2, 1), date(2021, 3, 1)])
    require_round_closes_after_openings(2020, date(2021, 3, 1), [])
    rejects(
        None,
        lambda: require_round_closes_after_openings(2020, date(2021, 2, 28), [date(2021, 3, 1), None]),
        "rectification.outside_round",
    )


def test_closing_the_round_before_a_rectification_opened_is_refused() -> None:
    rnd = GradingRound.open(2020, GradingPolicy())
    rnd.start_publicity(date(2021, 1, 15), None, OFFICIAL)
    rejects(rnd, lambda: rnd.close(date(2021, 2, 1), [], [date(2021, 2, 2)]), "rectification.outside_round")
    rnd.close(date(2021, 2, 2), [], [date(2021, 2, 2)])
    assert rnd.is_closed
