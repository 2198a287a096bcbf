"""The district as planned before it is recorded (chambers, enterprises, Party organizations) and the state every
planner shares while it is built."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from application.demo.agenda import Agenda, Calendar
from application.demo.size import Size
from application.demo.staff import Staff
from application.register import Register
from domain.branch import PartyBranch
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
    four_good_revoked: bool = False
    demonstration_year: int | None = None
    overdue: bool = False
    postponed_renewal: date | None = None
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
    probationary: int = 0
    committee: bool = False
    groups: bool = False
    dual_unveiling: bool = False
    troubled: bool = False
    ends: bool = False
    ident: UUID | None = None
    compliance: dict[int, float] = field(default_factory=dict)


@dataclass
class District:
    """What the planners share: the staff who record, the size and calendar, the seeded randomness, the agenda, the
    plans, and what the register answered that later plans depend on."""

    staff: Staff
    size: Size
    calendar: Calendar
    rng: random.Random
    agenda: Agenda = field(default_factory=Agenda)
    streets: list[str] = field(default_factory=list)
    chambers: list[ChamberPlan] = field(default_factory=list)
    enterprises: list[Enterprise] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    organization_of: dict[UUID, Organization] = field(default_factory=dict)
    graded: dict[int, list[UUID]] = field(default_factory=dict)
    objections: dict[int, list[tuple[UUID, UUID]]] = field(default_factory=dict)
    overdue: Organization | None = None
    overdue_election: Organization | None = None
    postponed_election: Organization | None = None
    taken: set[str] = field(default_factory=set)
    first_meeting: dict[int, tuple[UUID, str, date]] = field(default_factory=dict)
    """The first meeting recorded in each year, as (organization, activity, day): the one a correction may void."""
    members: list[UUID] = field(default_factory=list)
    chamber_ids: list[UUID] = field(default_factory=list)
    branches: list[UUID] = field(default_factory=list)

    @property
    def register(self) -> Register:
        return self.staff.register

    def branch(self, ident: UUID) -> PartyBranch:
        """A Party organization as the register holds it now."""
        return self.staff.register.get_branch(ident)

    def active_branches(self) -> list[PartyBranch]:
        """The organizations founded so far that are still active, in the order they were founded."""
        return [b for b in map(self.branch, self.branches) if b.is_active]
