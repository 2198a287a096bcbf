"""Correcting the day a record began: one rule for a member's joining, an organization's founding and a chamber's
establishment, each refused in its own words."""

from __future__ import annotations

from datetime import date

import pytest

from domain.day_corrections import CHAMBER, MEMBERSHIP, ORGANIZATION, BeginningDay, check_corrected_day
from domain.errors import RuleViolation

DAY = date(2020, 5, 1)


@pytest.mark.parametrize("day", [MEMBERSHIP, ORGANIZATION, CHAMBER], ids=lambda d: d.unchanged.split(".")[0])
def test_a_day_no_later_than_what_is_recorded_is_accepted(day: BeginningDay) -> None:
    check_corrected_day(day, DAY, date(2019, 3, 1), "unchanged", first_fact_on=date(2019, 3, 1), first_year=2019)


@pytest.mark.parametrize("day", [MEMBERSHIP, ORGANIZATION, CHAMBER], ids=lambda d: d.unchanged.split(".")[0])
def test_the_same_day_is_refused_as_changing_nothing(day: BeginningDay) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_corrected_day(day, DAY, DAY, "the day is 2020-05-01 already")
    assert refused.value.rule == day.unchanged
    assert refused.value.chinese == f"{day.day_zh}已是2020-05-01"


@pytest.mark.parametrize("day", [MEMBERSHIP, ORGANIZATION, CHAMBER], ids=lambda d: d.unchanged.split(".")[0])
def test_a_day_after_what_the_log_records_is_refused(day: BeginningDay) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_corrected_day(day, DAY, date(2020, 6, 2), "unchanged", first_fact_on=date(2020, 6, 1))
    assert refused.value.rule == day.after_fact
    assert "2020-06-01" in refused.value.chinese


@pytest.mark.parametrize("day", [ORGANIZATION, CHAMBER], ids=lambda d: d.unchanged.split(".")[0])
def test_a_day_in_a_year_after_one_the_log_records_is_refused(day: BeginningDay) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_corrected_day(day, DAY, date(2021, 1, 4), "unchanged", first_year=2020)
    assert refused.value.rule == day.after_fact
    assert f"2020年度的{day.by_year_zh}" in refused.value.chinese
