"""A chamber's leadership terms (换届) and its Four Good titles (“四好”商会) over time: how long a term lasts (five
years, or what the chamber's charter says), how far an approved postponement may reach, when a chamber is overdue
for renewal, and which titles are in force on a day."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from domain.errors import InvalidValue
from domain.values import add_years

DEFAULT_TERM_YEARS = 5
"""Years of a chamber's term when its charter names none (the model charter of social organizations)."""
FOUR_GOOD_PERIOD_YEARS = 2
"""Years a Four Good title stands when its period's end is not given (e.g. awarded for 2021–2022)."""


@dataclass(frozen=True)
class ChamberTermPolicy:
    """How long a chamber's term lasts when its charter says nothing, and how far an approved postponement may
    reach past a term's end. Data, with the defaults of the ACFIC charter practice."""

    years: int = DEFAULT_TERM_YEARS
    max_postponement_years: int = 1

    def __post_init__(self) -> None:
        if not isinstance(self.years, int) or isinstance(self.years, bool) or not 1 <= self.years <= 10:
            raise InvalidValue("term_policy.years", "must be a whole number from 1 to 10")
        postponement = self.max_postponement_years
        if not isinstance(postponement, int) or isinstance(postponement, bool) or not 0 <= postponement <= 5:
            raise InvalidValue("term_policy.max_postponement_years", "must be a whole number from 0 to 5")

    def term_years(self, charter_term_years: int | None) -> int:
        """Years of a term: the charter's, when recorded, else the policy's."""
        return charter_term_years or self.years

    def ends_on(self, starts_on: date, charter_term_years: int | None = None) -> date:
        """The last day of a full term starting on ``starts_on``."""
        return add_years(starts_on, self.term_years(charter_term_years)) - timedelta(days=1)

    def latest_end(self, starts_on: date, charter_term_years: int | None = None) -> date:
        """The latest end a term starting on ``starts_on`` may be given: the anniversary of its start after a full
        term (a term written "2016年1月至2021年1月" is a full one)."""
        return add_years(starts_on, self.term_years(charter_term_years))

    def latest_postponement(self, ends_on: date) -> date:
        """The latest day a term ending on ``ends_on`` may be postponed to."""
        return add_years(ends_on, self.max_postponement_years)


def term_due_by(term: Mapping[str, Any]) -> date:
    """The last day a term stands: its end, or the day an approved postponement moved it to."""
    due = term.get("postponed_to") or term["ends_on"]
    return due if isinstance(due, date) else date.fromisoformat(due)


def in_force(title: Mapping[str, Any], on: date) -> bool:
    """Whether a Four Good title stands on ``on``: inside its period (whole years) and not revoked by then."""
    revoked_on = title.get("revoked_on")
    if revoked_on is not None and not isinstance(revoked_on, date):
        revoked_on = date.fromisoformat(revoked_on)
    if revoked_on is not None and revoked_on <= on:
        return False
    return int(title["year"]) <= on.year <= int(title["until_year"])
