"""A working-day calendar for the domain's tests: the State Council's 2020 and 2021 as published (statutory holidays
and make-up working days of those years), and no other year."""

from __future__ import annotations

from datetime import date, timedelta

from domain.working_days import YearNotInCalendar


def _days(first: date, last: date) -> set[date]:
    return {first + timedelta(days=n) for n in range((last - first).days + 1)}


HOLIDAYS = (
    _days(date(2020, 1, 1), date(2020, 1, 1))
    | _days(date(2020, 1, 24), date(2020, 2, 2))
    | _days(date(2021, 1, 1), date(2021, 1, 3))
    | _days(date(2021, 2, 11), date(2021, 2, 17))
)
MAKE_UP_WORKING_DAYS = {date(2020, 1, 19), date(2021, 2, 7), date(2021, 2, 20)}


class Published2020And2021:
    """Working days of 2020 and 2021 (the Spring Festivals' holidays and make-up days); other years unknown."""

    def is_working_day(self, day: date) -> bool:
        if day.year not in (2020, 2021):
            raise YearNotInCalendar(day.year)
        if day in MAKE_UP_WORKING_DAYS:
            return True
        return day.weekday() < 5 and day not in HOLIDAYS


OFFICIAL = Published2020And2021()
