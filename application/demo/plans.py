"""The district as planned before it is recorded: chambers, enterprises and Party organizations, and the calendar
arithmetic the plans use."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import UUID

from domain.member import member_id


@dataclass
class ChamberPlan:
    """A chamber of commerce as planned."""

    name: str
    kind: str
    street: str
    established_on: date
    industry: str | None = None
    registered: bool = True
    plaque_on: date | None = None
    four_good: tuple[int, str] | None = None
    demonstration_year: int | None = None
    overdue: bool = False
    ident: UUID | None = None


@dataclass
class Enterprise:
    """A member enterprise as planned."""

    n: int
    code: str
    name: str
    street: str
    industry: str
    joined_on: date
    hosts: Organization | None = None
    leaves_on: date | None = None
    ident: UUID = field(init=False)

    def __post_init__(self) -> None:
        self.ident = member_id(self.code)


@dataclass
class Organization:
    """A Party organization as planned, with the traits its records follow."""

    name: str
    kind: str
    street: str
    unit: str
    basis: str
    founded_on: date
    count: int
    hosts: list[Enterprise]
    chamber: ChamberPlan | None
    quality: float
    dual_unveiling: bool = False
    troubled: bool = False
    ends: bool = False
    ident: UUID | None = None
    compliance: dict[int, float] = field(default_factory=dict)


def day_between(rng: random.Random, start: date, end: date) -> date:
    """A day from ``start`` to ``end`` (``start`` when the range is empty)."""
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def monday_after(day: date) -> date:
    """``day`` itself when it is a Monday, else the Monday after it."""
    return day + timedelta(days=(7 - day.weekday()) % 7)
