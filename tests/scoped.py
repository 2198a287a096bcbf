"""A district split between two streets, for the tests of scopes: in each street a member (five Party members, on
the key-focus list, hosting nothing), a chamber, and an organization hosted by a member of its own, managed by the
street's working committee; both organizations graded weak for 2023, with an objection about each in the round's
publicity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from application.register import Register
from domain.scope import Scope
from tests.conftest import ASSESSOR, REGISTRAR
from tests.factories import branch, chamber, member

IN, OUT = "招商街道", "蛇口街道"
UNIT_IN, UNIT_OUT = "招商街道党工委", "蛇口街道党工委"
STREET = Scope.parse(f"street={IN}")
UNIT = Scope.parse(f"unit={UNIT_IN}")


@dataclass
class Two:
    """A member, a host, a chamber and an organization in each street, the organizations managed by each street's
    working committee, both graded weak for 2023, with an objection about each in the round's publicity."""

    member_in: UUID
    member_out: UUID
    chamber_in: UUID
    chamber_out: UUID
    host_in: UUID
    host_out: UUID
    branch_in: UUID
    branch_out: UUID
    objection_in: UUID
    objection_out: UUID


def build(app: Register) -> Two:
    ids = {}
    for side, street, unit, n in (("in", IN, UNIT_IN, 1), ("out", OUT, UNIT_OUT, 11)):
        ids[f"member_{side}"] = member(app, n, street)
        app.member_report_party_members(REGISTRAR, ids[f"member_{side}"], 5, date(2020, 1, 1))
        app.designate_key_focus(REGISTRAR, ids[f"member_{side}"], ["tax"])
        ids[f"chamber_{side}"] = chamber(app, f"{street}商会", street=street)
        ids[f"host_{side}"] = member(app, n + 1, street)
        ids[f"branch_{side}"] = branch(
            app, [ids[f"host_{side}"]], street=street, managing_unit=unit, name=f"{street}党支部"
        )
    app.open_round(ASSESSOR, 2023)
    for side in ("in", "out"):
        app.review_branch(ASSESSOR, ids[f"branch_{side}"], 2023, 60, [], date(2024, 1, 10), "评议人", "评议")
        app.grade_branch(ASSESSOR, ids[f"branch_{side}"], 2023)
    app.start_publicity(ASSESSOR, 2023, date(2024, 2, 5))
    for side in ("in", "out"):
        app.raise_objection(ASSESSOR, 2023, ids[f"branch_{side}"], "异议", date(2024, 2, 5))
    objections = {str(o["branch_id"]): o["objection_id"] for o in app.get_round(2023).objections.values()}
    return Two(
        **ids,
        objection_in=objections[str(ids["branch_in"])],
        objection_out=objections[str(ids["branch_out"])],
    )


NAMES = {
    "member": {"in": "企业1", "out": "企业11"},
    "chamber": {"in": f"{IN}商会", "out": f"{OUT}商会"},
    "branch": {"in": f"{IN}党支部", "out": f"{OUT}党支部"},
}
"""The names ``build`` gives the records of each side."""


def ident(two: Two, kind: str, side: str) -> UUID:
    """The id of the record of ``kind`` (member, chamber, branch, objection) on ``side`` (in, out)."""
    found: UUID = getattr(two, f"{kind}_{side}")
    return found
