"""Business dates are not in the future: an event says what happened, so every date it carries lies on or before the
day it is recorded (in Beijing time), and every year it names on or before that day's year. Only the dates that
look ahead by their nature (a term's end, a due day, a postponement, a publicity's last day) may lie beyond.

The recorded day is the event's own timestamp, so the check needs no clock of its own.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from domain.errors import RuleViolation

BEIJING = timezone(timedelta(hours=8))

FORWARD_DATES = frozenset(
    {
        "ends_on",
        "term_ends_on",
        "due_on",
        "from_due_on",
        "to_due_on",
        "postponed_to",
        "from_term_ends_on",
        "to_term_ends_on",
    }
)
"""The dates that look ahead: a term's end, a rectification's due day (as recorded or corrected), an election
postponed to, a period's end."""

YEARS = frozenset({"year", "to_year"})
"""The fields that name a year an event is about (an award, a demonstration site, a review, a grade, the year a
correction gives one)."""


def recording_day(moment: datetime) -> date:
    """The day, in Beijing, a moment falls on."""
    return moment.astimezone(BEIJING).date()


def future_field(event: Any) -> tuple[str, date | int] | None:
    """The first field of ``event`` that lies beyond the day it is recorded, with its value; None when none does."""
    recorded = recording_day(event.timestamp)
    names = [f.name for f in fields(event)] if is_dataclass(event) else list(vars(event))
    for name in names:
        value = getattr(event, name, None)
        if isinstance(value, date) and not isinstance(value, datetime):
            if name not in FORWARD_DATES and value > recorded:
                return name, value
        elif name in YEARS and isinstance(value, int) and not isinstance(value, bool) and value > recorded.year:
            return name, value
    return None


def check_not_future(event: Any) -> None:
    """RuleViolation ``date.in_future`` when ``event`` carries a business date beyond the day it is recorded."""
    found = future_field(event)
    if found is None:
        return
    name, value = found
    recorded = recording_day(event.timestamp)
    raise RuleViolation(
        "date.in_future",
        f"{name} {value} lies after the day it is recorded ({recorded.isoformat()}): a business date is not in the "
        "future",
        f"日期（{value}）晚于登记当日（{recorded.isoformat()}），不能登记将来的日期",
    )
