"""A seeded district: chambers, member enterprises, Party organizations and years of organizational life and
grading, recorded through the Register's commands in the order they happened, so that every rule holds and every
event names a realistic member of staff, request id and reason.

The same seed and size give the same log, apart from the times events were recorded and the random (uuid4) ids of
chambers, Party organizations and objections. Single facts go through the Register's command methods; where many
events land on one organization (a year's organizational life, a review, a grade and its rectification), the
domain's command methods run on the organization held in memory and the Register records them in one transaction.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

from application.register import Register
from domain.grading_round import round_id
from domain.member import member_id
from interfaces.demo.chambers import ChamberHistory
from interfaces.demo.grading import GradingYears
from interfaces.demo.members import MemberHistory, demo_credit_code
from interfaces.demo.organizations import OrganizationHistory
from interfaces.demo.recording import Summary
from interfaces.demo.size import DEMO, Size

__all__ = [
    "DEMO",
    "District",
    "DistrictConflict",
    "Size",
    "Summary",
    "build_district",
    "demo_credit_code",
    "is_loaded",
    "shown_url",
]


class DistrictConflict(Exception):
    """The store holds records, but not the complete demo district of this seed."""


def is_loaded(register: Register, seed: int = 2020, size: Size = DEMO) -> bool:
    """True when the store holds this seed's complete district, False when the store is empty.

    Raises DistrictConflict when it holds anything else: another seed's district, an interrupted load, other
    records. The first enterprise to join marks the district; its last year's publicity marks it complete."""
    if register.exists(member_id(demo_credit_code(seed, 0))):
        if register.exists(round_id(size.last_year)) and register.get_round(size.last_year).publicity:
            return True
    elif not register.recorder.max_notification_id():
        return False
    raise DistrictConflict(
        f"{shown_url(register.database_url)} holds records, but not the complete demo district of seed {seed}; "
        "load the demo into an empty store (set FICLEDGER_DATABASE_URL, or remove the file)"
    )


def shown_url(url: str) -> str:
    """A database URL fit to print: without its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@")))


class District(GradingYears, OrganizationHistory, MemberHistory, ChamberHistory):
    """Builds one district into a register: plans it, then runs its calendar up to the day it stands at."""

    def build(self) -> Summary:
        if is_loaded(self.register, self.seed, self.size):
            return Summary(loaded=False)
        started = time.perf_counter()
        self.position = first = self.register.recorder.max_notification_id() or 0
        self._plan_chambers()
        self._plan_enterprises()
        self._plan_organizations()
        self._plan_member_lives()
        self._plan_years()
        self.agenda.run(self.size.stands_on)
        self.summary.events = self.position - first
        self.summary.seconds = time.perf_counter() - started
        return self.summary


def build_district(
    register: Register, seed: int = 2020, size: Size = DEMO, progress: Callable[[int], None] | None = None
) -> Summary:
    """Load a district into an empty ``register`` once; on a store that has it already, record nothing.

    Raises DistrictConflict for a store that holds anything else."""
    return District(register, seed, size, progress).build()
