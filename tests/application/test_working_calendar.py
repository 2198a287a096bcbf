"""The official calendar behind the domain's port: the State Council's holidays and make-up working days, and a
year it has no notice for refused."""

from __future__ import annotations

from datetime import date

import pytest

from application.working_calendar import StateCouncilCalendar, known_years
from domain.errors import RuleViolation
from domain.grading_round import GradingRound
from domain.working_days import last_working_day, working_days_between

CALENDAR = StateCouncilCalendar()


def test_holidays_are_off_and_make_up_days_are_on() -> None:
    assert CALENDAR.is_working_day(date(2020, 1, 19))  # a Sunday worked before the Spring Festival
    assert not CALENDAR.is_working_day(date(2020, 1, 24))  # New Year's Eve
    assert not CALENDAR.is_working_day(date(2021, 10, 1))  # National Day
    assert CALENDAR.is_working_day(date(2021, 9, 26))  # a Sunday worked before it
    assert not CALENDAR.is_working_day(date(2021, 1, 16))  # a Saturday


def test_the_publicity_of_the_issue_counts_official_days() -> None:
    assert working_days_between(date(2020, 1, 17), date(2020, 1, 17), CALENDAR) == 1
    assert last_working_day(date(2020, 1, 15), 5, CALENDAR) == date(2020, 1, 20)
    assert last_working_day(date(2021, 9, 27), 5, CALENDAR) == date(2021, 10, 8)


def test_the_installed_data_knows_the_years_graded_so_far() -> None:
    assert known_years().start <= 2004
    assert known_years().stop - 1 >= 2026


def test_a_year_without_a_notice_is_refused_not_guessed() -> None:
    unknown = known_years().stop
    with pytest.raises(RuleViolation) as raised:
        CALENDAR.is_working_day(date(unknown, 3, 2))
    assert raised.value.rule == "calendar.year_unknown"
    assert str(unknown) in raised.value.message
    assert str(unknown) in str(raised.value.chinese)
    rnd = GradingRound.open(unknown - 1)
    with pytest.raises(RuleViolation):
        rnd.start_publicity(date(unknown - 1, 12, 29), None, CALENDAR)
    assert rnd.publicity is None
    assert not rnd.pending_events[1:]
