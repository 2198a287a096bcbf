"""What every part of the generator shares: the register, the seeded randomness, the calendar, the plans, and the
way each command is recorded with a member of staff, a request id and a reason."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from uuid import UUID

from application.base import Recorded
from application.context import CommandContext
from application.register import Register
from domain.branch import PartyBranch
from interfaces.demo import names
from interfaces.demo.agenda import Agenda
from interfaces.demo.plans import ChamberPlan, Enterprise, Organization
from interfaces.demo.size import DEMO, Size

A = TypeVar("A")
DISTRICT_COMMITTEE = "区非公党委"


@dataclass
class Summary:
    """What the generator recorded, and how fast."""

    loaded: bool = True
    events: int = 0
    seconds: float = 0.0
    members: list[UUID] = field(default_factory=list)
    chambers: list[UUID] = field(default_factory=list)
    branches: list[UUID] = field(default_factory=list)

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0


class Recording:
    """The generator's state, and how it records: one request per command, counted as it goes.

    Party organizations are held in memory once founded: the generator is the store's only writer while it runs,
    so the copy it holds is the recorded state, and the many events of an organization's year are recorded in one
    transaction without loading it again."""

    def __init__(
        self, register: Register, seed: int = 2020, size: Size = DEMO, progress: Callable[[int], None] | None = None
    ) -> None:
        self.register = register
        self.seed = seed
        self.size = size
        self.progress = progress or (lambda _: None)
        self.rng = random.Random(seed)
        self.requests = random.Random(f"ficledger-demo-requests-{seed}")
        self.agenda = Agenda()
        self.summary = Summary()
        self.streets = names.STREETS[: size.streets]
        self.chambers: list[ChamberPlan] = []
        self.enterprises: list[Enterprise] = []
        self.organizations: list[Organization] = []
        self.branches: dict[UUID, PartyBranch] = {}
        self.organization_of: dict[UUID, Organization] = {}
        self.graded: dict[int, list[UUID]] = {}
        self.objections: dict[int, list[tuple[UUID, UUID]]] = {}
        self.overdue: Organization | None = None
        self.taken: set[str] = set()
        self.position = 0
        years = size.years
        self.reform_year = 2020 if 2020 in years else years[len(years) // 2]

    def _ctx(self, role: str, reason: str) -> CommandContext:
        staff = names.REGISTRARS if role == "registrar" else names.ASSESSORS
        request = uuid.UUID(int=self.requests.getrandbits(128), version=4)
        return CommandContext(self.requests.choice(staff), role, str(request), reason)

    def _track(self, recorded: Recorded[A]) -> A:
        if recorded.position is not None:
            self.progress(recorded.position - self.position)
            self.position = recorded.position
        return recorded.aggregate

    def _command(self, command: Callable[..., Recorded[Any]], reason: str, *args: Any, role: str = "registrar") -> Any:
        """Run one of the Register's commands as a member of staff in ``role``, giving ``reason``."""
        return self._track(command(self._ctx(role, reason), *args))

    def _save(self, ctx: CommandContext, aggregate: Any) -> None:
        """Record what the domain's command methods triggered on ``aggregate``, in one transaction."""
        if aggregate.pending_events:
            self._track(self.register.record(ctx, aggregate))

    def _branch(self, recorded: Recorded[PartyBranch]) -> PartyBranch:
        branch = self._track(recorded)
        self.branches[branch.id] = branch
        return branch
