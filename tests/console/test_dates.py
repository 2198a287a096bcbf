"""Dates as a clerk reads and types them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from interfaces.console.dates import day, end_of_day, moment, parse_day


def test_a_day_reads_year_month_day_without_leading_zeros() -> None:
    assert day(date(2020, 1, 5)) == "2020年1月5日"
    assert day("2021-12-31") == "2021年12月31日"
    assert day(None) == ""
    assert day("not a date") == "not a date"


def test_a_recorded_time_is_shown_in_beijing_time() -> None:
    assert moment("2021-01-15T20:30:05Z") == "2021年1月16日 04:30:05"
    assert moment(datetime(2021, 1, 15, 8, 0, tzinfo=UTC)) == "2021年1月15日 16:00:00"


@pytest.mark.parametrize("text", ["2020-01-05", "2020/1/5", "2020年1月5日", " 2020-1-05 "])
def test_a_typed_day_is_read_as_the_clerk_means_it(text: str) -> None:
    assert parse_day(text) == date(2020, 1, 5)


@pytest.mark.parametrize("text", ["", "2020-13-01", "5 January", "2020-01"])
def test_a_day_that_is_no_day_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a day"):
        parse_day(text)


def test_the_end_of_a_day_is_midnight_in_beijing() -> None:
    assert end_of_day(date(2021, 3, 1)) == datetime(2021, 3, 1, 15, 59, 59, 999999, tzinfo=UTC)
