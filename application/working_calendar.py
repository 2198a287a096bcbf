"""The official working-day calendar behind the domain's port (``domain.working_days.WorkingCalendar``): the
``chinese-calendar`` package's data of the State Council's yearly notices, statutory holidays and make-up working
days (调休) included.

``chinese-calendar`` was chosen over ``holidays``: both know the make-up working days of the years published so far,
but ``holidays`` answers for any year up to 2100 by computing the festivals, without the make-up days of a year not
yet published, while ``chinese-calendar`` refuses a year it has no notice for, which is the answer the register
needs (a year not known is refused, not guessed). Each year's notice comes with a new release of the package.
"""

from __future__ import annotations

from datetime import date

import chinese_calendar

from domain.working_days import YearNotInCalendar


def known_years() -> range:
    """The years the installed calendar has the State Council's notice for."""
    days = [*chinese_calendar.holidays, *chinese_calendar.workdays]
    return range(min(d.year for d in days), max(d.year for d in days) + 1)


class StateCouncilCalendar:
    """Working days as the State Council fixes them each year; ``YearNotInCalendar`` for a year not in the data."""

    def __init__(self) -> None:
        self.years = known_years()

    def is_working_day(self, day: date) -> bool:
        if day.year not in self.years:
            raise YearNotInCalendar(day.year)
        return bool(chinese_calendar.is_workday(day))
