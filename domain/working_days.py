"""Working days by the official calendar (the State Council's: statutory holidays off, make-up working days on), as a
port the domain asks; the application supplies the calendar. A year the calendar does not know is refused, never
guessed from the days of the week.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Protocol

from domain.errors import RuleViolation

MAX_SPAN_DAYS = 400
"""How far a period of working days may reach: past it, the calendar is taken to be of no use."""


class YearNotInCalendar(RuleViolation):
    """The calendar has no holidays and make-up working days for ``year`` yet (they are published each year)."""

    def __init__(self, year: int) -> None:
        super().__init__(
            "calendar.year_unknown",
            f"the working-day calendar does not know {year} yet: its holidays and make-up working days are not "
            "published or not installed; working days are not guessed",
            f"工作日历尚无{year}年的法定节假日和调休安排（国务院办公厅尚未公布，或日历数据尚未更新），不能推算工作日",
        )
        self.year = year


class WorkingCalendar(Protocol):
    """Whether a day is a working day; ``YearNotInCalendar`` for a year the calendar does not know."""

    def is_working_day(self, day: date) -> bool: ...


def working_days_between(first: date, last: date, calendar: WorkingCalendar, enough: int | None = None) -> int:
    """The working days from ``first`` to ``last``, both included (0 when ``last`` is before ``first``); counting
    stops at ``enough``, so the days beyond need not be known to the calendar."""
    count, day = 0, first
    while day <= last and (enough is None or count < enough):
        count += calendar.is_working_day(day)
        day += timedelta(days=1)
    return count


def last_working_day(start: date, days: int, calendar: WorkingCalendar) -> date:
    """The last day of a period of ``days`` working days (at least 1) that begins on ``start``."""
    counted, day = 0, start
    while True:
        if calendar.is_working_day(day):
            counted += 1
            if counted >= days:
                return day
        day += timedelta(days=1)
        if (day - start).days > MAX_SPAN_DAYS:
            raise YearNotInCalendar(day.year)
