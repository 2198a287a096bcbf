"""Finding the records a row names: a member by its credit code, a chamber by its name, a Party organization by
its name (read from the log's foundings, since organizations' names are not claimed as chambers' are)."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.utils import get_topic

from application.imports.outcome import RowRejected
from application.register import Register
from domain.branch import PartyBranch
from domain.errors import InvalidValue
from domain.member import Member, checked_credit_code, member_id


def name_key(name: str) -> str:
    """A name as compared: white space folded, case ignored."""
    return " ".join(name.split()).casefold()


def member_by_code(register: Register, code: str, field: str) -> UUID:
    """The member enterprise with this credit code, which must be in the register."""
    try:
        ident = member_id(checked_credit_code(code))
    except InvalidValue as error:
        raise InvalidValue(field, error.message) from None
    if not register.exists(ident):
        raise RowRejected(field, f"登记册中没有统一社会信用代码为 {code} 的会员企业")
    return ident


def chamber_by_name(register: Register, name: str, field: str) -> UUID:
    """The chamber, not dissolved, of this name."""
    ident = register.chamber_named(name)
    if ident is None:
        raise RowRejected(field, f"登记册中没有名为“{name}”的商会（或已注销）")
    return ident


def members_registered(register: Register) -> set[UUID]:
    """The ids of every enterprise that ever joined, read once from the log (one query instead of one a row)."""
    return {event.originator_id for event in register.scan([get_topic(Member.Joined)])}


class BranchNames:
    """The Party organizations by name, read once from the log before the import's batch opens."""

    def __init__(self, register: Register) -> None:
        self.register = register
        self.by_name: dict[str, list[UUID]] = {}
        for event in register.scan([get_topic(PartyBranch.Founded)]):
            self.by_name.setdefault(name_key(event.name), []).append(event.originator_id)

    def active(self, name: str) -> list[UUID]:
        """The organizations of this name that stand."""
        return [i for i in self.by_name.get(name_key(name), []) if self.register.get_branch(i).is_active]

    def the_one(self, name: str, field: str) -> UUID:
        """The one standing organization of this name."""
        found = self.active(name)
        if not found:
            raise RowRejected(field, f"登记册中没有名为“{name}”的党组织（或已撤销、合并）")
        if len(found) > 1:
            raise RowRejected(field, f"登记册中有 {len(found)} 个名为“{name}”的党组织，无法确定是哪一个")
        return found[0]
