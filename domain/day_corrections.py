"""Correcting the day a record began (a member's joining, an organization's founding, a chamber's establishment):
the corrected day must change something and fall no later than anything the log records of the record since, by
day or by year. One rule, three records; each names its own codes and words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.errors import RuleViolation


@dataclass(frozen=True)
class BeginningDay:
    """How a record's first day is spoken of in a correction's refusals: its two rule codes (the day unchanged, the
    day after what is recorded), the record and the day in English and Chinese, and what the log records of it by
    year."""

    unchanged: str
    after_fact: str
    record: str
    began: str
    record_zh: str
    day_zh: str
    by_year: str = ""
    by_year_zh: str = ""


MEMBERSHIP = BeginningDay(
    "member.correction_changes_nothing",
    "member.joined_after_recorded_fact",
    "this membership",
    "it began",
    "该会员",
    "入会日期",
)
ORGANIZATION = BeginningDay(
    "branch.correction_changes_nothing",
    "branch.founded_after_recorded_fact",
    "this organization",
    "it was founded",
    "该党组织",
    "成立日期",
    "review or grade",
    "述职评议或定级",
)
CHAMBER = BeginningDay(
    "chamber.correction_changes_nothing",
    "chamber.established_after_recorded_fact",
    "this chamber",
    "it was established",
    "该商会",
    "成立日期",
    "title or demonstration site",
    "称号或示范点",
)


def check_corrected_day(
    day: BeginningDay,
    current: date,
    corrected: date,
    unchanged_en: str,
    first_fact_on: date | None = None,
    first_year: int | None = None,
) -> None:
    """RuleViolation ``day.unchanged`` when ``corrected`` is the ``current`` day (said in English as
    ``unchanged_en``), ``day.after_fact`` when it falls after ``first_fact_on``, the earliest day the log records
    of the record, or in a year after ``first_year``, the first year it records."""
    if corrected == current:
        raise RuleViolation(day.unchanged, unchanged_en, f"{day.day_zh}已是{corrected.isoformat()}")
    if first_fact_on is not None and corrected > first_fact_on:
        raise RuleViolation(
            day.after_fact,
            f"the log records {day.record} on {first_fact_on.isoformat()}; {day.began} no later",
            f"登记册记有{day.record_zh}{first_fact_on.isoformat()}的事项，{day.day_zh}不能晚于该日",
        )
    if first_year is not None and corrected.year > first_year:
        raise RuleViolation(
            day.after_fact,
            f"the log records {day.record}'s {day.by_year} for {first_year}; {day.began} no later",
            f"登记册记有{day.record_zh}{first_year}年度的{day.by_year_zh}，{day.day_zh}不能晚于该年",
        )
