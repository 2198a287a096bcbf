"""Building the demo district into an empty store, and telling whether a store holds it.

The planners lay out a seeded district (chambers, member enterprises, Party organizations and years of
organizational life and grading) and run its calendar day by day up to the day it stands on, asking the Register's
commands as its staff would, in one batch stored every few thousand events. The same seed, size and day give the
same log, apart from the times events were recorded and the random (uuid4) ids of chambers, Party organizations
and objections."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from application.demo import names
from application.demo.agenda import Calendar
from application.demo.chambers import plan_chambers
from application.demo.grading import plan_rounds
from application.demo.members import plan_enterprises, plan_member_lives
from application.demo.organizational_life import plan_organizational_life
from application.demo.organizations import plan_organizations
from application.demo.plans import District
from application.demo.size import DEMO, Size
from application.demo.staff import Staff
from application.register import Register


@dataclass(frozen=True)
class Receipt:
    """What marks a complete load: the seed, the day the district stands on, and the log's last position and its
    chain link when the load ended. A store holds that load while its link at that position is the same."""

    seed: int
    stands_on: date
    position: int
    head: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "stands_on": self.stands_on.isoformat(),
            "position": self.position,
            "head": self.head,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Receipt:
        return cls(int(data["seed"]), date.fromisoformat(data["stands_on"]), int(data["position"]), str(data["head"]))


@dataclass
class Summary:
    """What a load recorded, and how fast; ``loaded`` is False when the store held the district already."""

    receipt: Receipt
    loaded: bool = True
    events: int = 0
    seconds: float = 0.0
    members: list[UUID] = field(default_factory=list)
    chambers: list[UUID] = field(default_factory=list)
    branches: list[UUID] = field(default_factory=list)

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0


class DistrictConflict(Exception):
    """The store holds records, but not a complete demo district of this seed that the receipt vouches for."""


def is_loaded(register: Register, seed: int, receipt: Receipt | None) -> bool:
    """True when ``receipt`` marks a complete load of this seed's district into this store, False when the store is
    empty; DistrictConflict when it holds anything else (another seed's district, an interrupted load, other
    records, or a load whose receipt is lost)."""
    if receipt is not None and register.chain_head_at(receipt.position) == receipt.head:
        if receipt.seed == seed:
            return True
        raise DistrictConflict(
            f"存储中是种子 {receipt.seed} 的演示区，不是种子 {seed} 的 "
            f"(the store holds the demo district of seed {receipt.seed}, not of seed {seed})"
        )
    if not register.recorder.max_notification_id():
        return False
    raise DistrictConflict(
        f"存储中已有记录，但不是种子 {seed} 的完整演示区 "
        f"(the store holds records, but not the complete demo district of seed {seed})"
    )


def build_district(
    register: Register,
    seed: int = 2020,
    size: Size = DEMO,
    until: date | None = None,
    receipt: Receipt | None = None,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Load the district of ``seed`` as it stands on ``until`` (today by default) into an empty store, or record
    nothing when ``receipt`` shows the store has it already.

    Raises DistrictConflict for a store that holds anything else."""
    if is_loaded(register, seed, receipt) and receipt is not None:
        return Summary(receipt, loaded=False)
    calendar = Calendar(until or date.today(), size.years)
    started = time.perf_counter()
    report = progress or (lambda _: None)
    with register.batch() as batch:
        staff = Staff(register, seed, batch, report)
        district = District(staff, size, calendar, random.Random(seed), streets=names.STREETS[: size.streets])
        for plan in (
            plan_chambers,
            plan_enterprises,
            plan_organizations,
            plan_member_lives,
            plan_organizational_life,
            plan_rounds,
        ):
            plan(district)
        district.agenda.run(calendar.until)
        staff.commit()
    position = batch.position or 0
    return Summary(
        Receipt(seed, calendar.until, position, register.chain_head_at(position) or ""),
        events=batch.stored,
        seconds=time.perf_counter() - started,
        members=district.members,
        chambers=district.chamber_ids,
        branches=district.branches,
    )
