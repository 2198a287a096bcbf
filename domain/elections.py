"""Terms of a Party organization (换届): how long an elected committee (or secretary) serves, postponement with
approval, and when an organization is overdue for election (中办《关于党的基层组织任期的意见》, 2018)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from domain.errors import InvalidValue, RuleViolation
from domain.values import BranchKind, add_years, parse_enum

DEFAULT_TERM_YEARS: dict[str, int] = {
    BranchKind.BRANCH.value: 3,
    BranchKind.JOINT_BRANCH.value: 3,
    BranchKind.GENERAL_BRANCH.value: 3,
    BranchKind.COMMITTEE.value: 5,
    BranchKind.JOINT_COMMITTEE.value: 5,
}
"""Years of a term by kind: branches and general branches 3, Party committees 5."""


@dataclass(frozen=True)
class TermPolicy:
    """How long an organization's term lasts by its kind, and how far an approved postponement may reach. Data,
    with the defaults of the 2018 opinion."""

    years: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_TERM_YEARS))
    max_postponement_years: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "years", {**DEFAULT_TERM_YEARS, **self.years})
        for kind, years in self.years.items():
            parse_enum(BranchKind, kind, "term_policy.years")
            if not isinstance(years, int) or isinstance(years, bool) or not 1 <= years <= 10:
                raise InvalidValue(f"term_policy.years.{kind}", "must be a whole number from 1 to 10")
        postponement = self.max_postponement_years
        if not isinstance(postponement, int) or isinstance(postponement, bool) or not 0 <= postponement <= 5:
            raise InvalidValue("term_policy.max_postponement_years", "must be a whole number from 0 to 5")

    def ends_on(self, kind: str, starts_on: date) -> date:
        """The last day of a full term of an organization of ``kind`` elected on ``starts_on``."""
        return add_years(starts_on, self.years[kind]) - timedelta(days=1)

    def latest_postponement(self, ends_on: date) -> date:
        """The latest day a term ending on ``ends_on`` may be postponed to."""
        return add_years(ends_on, self.max_postponement_years)

    def as_dict(self) -> dict[str, Any]:
        return {"years": dict(self.years), "max_postponement_years": self.max_postponement_years}


@dataclass(frozen=True)
class Term:
    """One term of an organization's leadership: elected on ``starts_on`` (the founding, or an election) to serve
    until ``ends_on``; ``postponed_to`` the day an approved postponement moved the election to."""

    starts_on: date
    ends_on: date
    postponed_to: date | None = None
    approved_by: str | None = None
    approved_on: date | None = None

    @property
    def due_by(self) -> date:
        """The last day the term stands: its end, or the day it was postponed to."""
        return self.postponed_to or self.ends_on


def overdue_for_election(due_by: date, ended_on: date | None, on: date) -> bool:
    """Whether, on that day, an organization that had not ended by then is past the (postponed) end of its term."""
    if ended_on is not None and ended_on <= on:
        return False
    return due_by < on


def check_approval_in_term(approved_on: date, starts_on: date) -> None:
    """RuleViolation ``election.approval_before_term`` when a postponement's approval precedes the term it
    postpones."""
    if approved_on < starts_on:
        raise RuleViolation(
            "election.approval_before_term",
            "the approval cannot precede the term it postpones",
            "批准日期不能早于本届产生日期",
        )


def check_postponement_limit(policy: TermPolicy, ends_on: date, postponed_to: date) -> None:
    """RuleViolation ``election.postponement_too_long`` when a term ending on ``ends_on`` is postponed past the
    policy's limit."""
    latest = policy.latest_postponement(ends_on)
    if postponed_to > latest:
        raise RuleViolation(
            "election.postponement_too_long",
            f"an election can be postponed by at most {policy.max_postponement_years} year: to {latest.isoformat()}",
            f"延期换届一般不超过{policy.max_postponement_years}年，最迟至{latest.isoformat()}",
        )
