"""Valid test data: credit codes with the right check character, and members, chambers and branches."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from application.register import Register
from domain.credit_code import check_character
from tests.conftest import REGISTRAR


def credit_code(n: int, region: str = "440305") -> str:
    """The n-th valid credit code of an enterprise (registration authority 9, kind 1) in a region."""
    body = f"91{region}MA{n:07d}"[:17]
    return body + check_character(body)


def member(app: Register, n: int = 1, street: str = "南山街道", joined_on: date = date(2019, 3, 1)) -> UUID:
    return app.join_member(REGISTRAR, credit_code(n), f"企业{n}", street, "制造业", joined_on).aggregate.id


def chamber(app: Register, name: str = "南山街道商会", kind: str = "street", street: str = "南山街道") -> UUID:
    return app.establish_chamber(REGISTRAR, name, kind, street, date(2015, 6, 1)).aggregate.id


def branch(
    app: Register,
    hosts: list[UUID],
    *,
    kind: str = "branch",
    street: str = "南山街道",
    managing_unit: str = "区非公党委",
    founded_on: date = date(2019, 5, 1),
    name: str = "党支部",
    full_members: int = 5,
    **facts: Any,
) -> UUID:
    """An organization of 5 full Party members (no committee); ``facts`` are the founding's other keywords."""
    return app.found_branch(
        REGISTRAR, name, kind, street, managing_unit, "territorial", founded_on, full_members, hosts, **facts
    ).aggregate.id
