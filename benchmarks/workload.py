"""A realistic mix of write commands, runnable in-process on the Register or as HTTP requests.

Each client gets its own slice of branches and members, as separate offices would, so conflicts are rare.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from application.context import CommandContext
from application.register import Register
from domain.credit_code import check_character

REGISTRAR = CommandContext("bench-registrar", "registrar", None, None)
ACTIVITIES = ("general_meeting", "committee_meeting", "group_meeting", "lecture", "theme_day")


@dataclass(frozen=True)
class Op:
    """One command: its HTTP form (path and JSON body) and its in-process form."""

    path: str
    body: dict[str, Any]
    call: Callable[[Register], object]


def bench_code(client: int, n: int) -> str:
    body = f"91{310100 + client:06d}B{n:08d}"[:17]
    return body + check_character(body)


@dataclass
class Slice:
    """The aggregates one client writes to."""

    client: int
    members: list[UUID]
    branches: list[UUID]


def prepare(
    register: Register, clients: int, members_per_client: int = 20, branches_per_client: int = 20
) -> list[Slice]:
    """Members and branches for each client to write to."""
    slices = []
    for client in range(clients):
        members = [
            register.join_member(
                REGISTRAR, bench_code(client, n), f"基准企业{client}-{n}", "基准街道", "制造业", date(2019, 1, 1)
            ).aggregate.id
            for n in range(members_per_client)
        ]
        branches = [
            register.found_branch(
                REGISTRAR,
                f"基准党支部{client}-{n}",
                "branch",
                "基准街道",
                "区非公党委",
                "territorial",
                date(2019, 1, 1),
                5,
                host_member_ids=[members[n % len(members)]],
            ).aggregate.id
            for n in range(branches_per_client)
        ]
        slices.append(Slice(client, members, branches))
    return slices


def operations(part: Slice, seed: int, start: int = 1_000_000) -> Iterator[Op]:
    """An endless, seeded stream of commands on one client's slice: 40 % organizational life, 20 % each of
    joining, amending a profile and reporting Party members."""
    rng = random.Random(seed)
    counter = itertools.count(start)
    day0 = date(2020, 1, 1)
    while True:
        kind = rng.random()
        if kind < 0.4:
            branch = rng.choice(part.branches)
            body = {
                "activity": rng.choice(ACTIVITIES),
                "held_on": (day0 + timedelta(days=rng.randrange(365))).isoformat(),
                "attendance": rng.randrange(3, 40),
            }
            yield Op(
                f"/v1/branches/{branch}/record-organizational-life",
                body,
                lambda r, b=branch, d=body: r.record_organizational_life(
                    REGISTRAR, b, d["activity"], date.fromisoformat(d["held_on"]), d["attendance"]
                ),
            )
        elif kind < 0.6:
            n = next(counter)
            body = {
                "credit_code": bench_code(part.client, n),
                "name": f"新会员企业{part.client}-{n}",
                "street": "基准街道",
                "industry": "服务业",
                "joined_on": "2020-06-01",
            }
            yield Op(
                "/v1/members",
                body,
                lambda r, d=body: r.join_member(
                    REGISTRAR, d["credit_code"], d["name"], d["street"], d["industry"], date(2020, 6, 1)
                ),
            )
        elif kind < 0.8:
            member = rng.choice(part.members)
            body = {"changes": {"industry": f"行业{next(counter)}"}, "reason": "基准测试更正"}
            yield Op(
                f"/v1/members/{member}/amend",
                body,
                lambda r, m=member, d=body: r.amend_member(REGISTRAR, m, d["changes"], d["reason"]),
            )
        else:
            branch = rng.choice(part.branches)
            body = {
                "full_members": rng.randrange(3, 60),
                "probationary_members": rng.randrange(0, 4),
                "on": "2020-07-01",
            }
            yield Op(
                f"/v1/branches/{branch}/report-party-members",
                body,
                lambda r, b=branch, d=body: r.report_party_members(
                    REGISTRAR, b, d["full_members"], date(2020, 7, 1), d["probationary_members"]
                ),
            )
