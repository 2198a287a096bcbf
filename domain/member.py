"""The member enterprise (会员企业) aggregate: joining, leaving and what happens between."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domain import checks, credit_code
from domain.coverage import enough_for_an_organization, san_you_of
from domain.day_corrections import MEMBERSHIP, check_corrected_day
from domain.errors import InvalidValue, RuleViolation
from domain.values import KeyFocusCriterion, LeaveReason, MemberStatus, parse_enum

MEMBER_NAMESPACE = uuid5(NAMESPACE_URL, "https://ficledger/member")
AMENDABLE = ("name", "street", "industry")


def member_id(code: str) -> UUID:
    """A member's id: one enterprise, one id, whatever the case or spacing of its credit code."""
    return uuid5(MEMBER_NAMESPACE, credit_code.normalize(code))


def checked_credit_code(value: Any) -> str:
    """``value`` as a normalized credit code, or InvalidValue saying what is wrong with it."""
    code = checks.text(value, "credit_code", max_length=40)
    problem = credit_code.problem(code)
    if problem:
        raise InvalidValue("credit_code", problem)
    return credit_code.normalize(code)


class Member(Aggregate):
    """A private enterprise that joined the FIC. Its id derives from its credit code.

    Version 2 keeps the enterprise's full (正式) and probationary (预备) Party members apart; a snapshot of version 1
    reads its count as full members, probationary unknown. Version 3 keeps the day it joined each chamber it is in
    (not known for a snapshot of version 2). Version 4 keeps its "三有" mark; a snapshot of version 3 reads with
    none recorded."""

    class_version = 4

    class Joined(Aggregate.Created):
        credit_code: str
        name: str
        street: str
        industry: str
        joined_on: date

    class Rejoined(Aggregate.Event):
        name: str
        street: str
        industry: str
        joined_on: date

        def apply(self, member: Member) -> None:
            member.name, member.street, member.industry = self.name, self.street, self.industry
            member.joined_on = self.joined_on
            member.status = MemberStatus.ACTIVE
            member.left_on = None
            member.left_reason = None

    class ProfileAmended(Aggregate.Event):
        changes: dict[str, str]
        reason: str

        def apply(self, member: Member) -> None:
            for key, value in self.changes.items():
                setattr(member, key, value)

    class JoinedOnCorrected(Aggregate.Event):
        """The day the current membership began, recorded wrongly, corrected with a reason; the history keeps the
        day first recorded."""

        from_joined_on: date
        to_joined_on: date
        reason: str

        def apply(self, member: Member) -> None:
            member.joined_on = self.to_joined_on

    class JoinedChamber(Aggregate.Event):
        chamber_id: UUID
        on: date

        def apply(self, member: Member) -> None:
            member.chamber_ids.append(self.chamber_id)
            member.chambers_joined_on[str(self.chamber_id)] = self.on

    class LeftChamber(Aggregate.Event):
        chamber_id: UUID
        on: date

        def apply(self, member: Member) -> None:
            member.chamber_ids.remove(self.chamber_id)
            member.chambers_joined_on.pop(str(self.chamber_id), None)

    class ChamberDaysCorrected(Aggregate.Event):
        """The days of the member's latest membership of a chamber, recorded wrongly, corrected with a reason: each
        day as it was and as it is now (the same when not corrected; the left days null while it is in the
        chamber)."""

        chamber_id: UUID
        from_joined_on: date
        to_joined_on: date
        from_left_on: date | None
        to_left_on: date | None
        reason: str

        def apply(self, member: Member) -> None:
            if self.chamber_id in member.chamber_ids:
                member.chambers_joined_on[str(self.chamber_id)] = self.to_joined_on

    class KeyFocusDesignated(Aggregate.Event):
        criteria: list[str]

        def apply(self, member: Member) -> None:
            member.key_focus_criteria = list(self.criteria)

    class KeyFocusRevoked(Aggregate.Event):
        reason: str

        def apply(self, member: Member) -> None:
            member.key_focus_criteria = []

    class PartyMembersReported(Aggregate.Event):
        """Version 1 carried one ``count``: it reads as full members, probationary unknown."""

        class_version = 2

        full_members: int
        probationary_members: int | None
        on: date

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["full_members"] = state.pop("count")
            state["probationary_members"] = None

        def apply(self, member: Member) -> None:
            member.party_members = {
                "full_members": self.full_members,
                "probationary_members": self.probationary_members,
                "on": self.on,
            }

    class SanYouRecorded(Aggregate.Event):
        """Whether the enterprise has fixed premises, how many employees and whether a real business ("三有")."""

        fixed_premises: bool
        employees: int
        real_business: bool
        on: date

        def apply(self, member: Member) -> None:
            member.san_you_mark = {
                "fixed_premises": self.fixed_premises,
                "employees": self.employees,
                "real_business": self.real_business,
                "on": self.on,
            }

    class Suspended(Aggregate.Event):
        reason: str

        def apply(self, member: Member) -> None:
            member.status = MemberStatus.SUSPENDED

    class Reinstated(Aggregate.Event):
        reason: str

        def apply(self, member: Member) -> None:
            member.status = MemberStatus.ACTIVE

    class Left(Aggregate.Event):
        on: date
        reason: str

        def apply(self, member: Member) -> None:
            member.status = MemberStatus.LEFT
            member.left_on = self.on
            member.left_reason = self.reason
            member.chamber_ids = []
            member.key_focus_criteria = []

    class LeftOnCorrected(Aggregate.Event):
        """The day the member last left, recorded wrongly, corrected with a reason; the history keeps the day first
        recorded."""

        from_on: date
        to_on: date
        reason: str

        def apply(self, member: Member) -> None:
            if member.status == MemberStatus.LEFT:
                member.left_on = self.to_on

    def __init__(self, credit_code: str, name: str, street: str, industry: str, joined_on: date) -> None:
        self.credit_code = credit_code
        self.name = name
        self.street = street
        self.industry = industry
        self.joined_on = joined_on
        self.status: str = MemberStatus.ACTIVE
        self.left_on: date | None = None
        self.left_reason: str | None = None
        self.chamber_ids: list[UUID] = []
        self.chambers_joined_on: dict[str, date] = {}
        self.key_focus_criteria: list[str] = []
        self.party_members: dict[str, Any] | None = None
        self.san_you_mark: dict[str, Any] | None = None

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        reported = state.get("party_members")
        if reported is not None:
            state["party_members"] = {
                "full_members": reported["count"],
                "probationary_members": None,
                "on": reported["on"],
            }

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        """A snapshot of version 2 did not keep the day the member joined each chamber: not known."""
        state["chambers_joined_on"] = {}

    @staticmethod
    def upcast_v3_v4(state: dict[str, Any]) -> None:
        """A snapshot of version 3 had no "三有" mark: none recorded."""
        state["san_you_mark"] = None

    @property
    def san_you(self) -> bool | None:
        """Whether the enterprise meets "三有" by its last mark (None: never recorded)."""
        return san_you_of(self.san_you_mark)

    @property
    def key_focus(self) -> bool:
        return bool(self.key_focus_criteria)

    @property
    def calls_for_own_organization(self) -> bool:
        """Whether the enterprise's last reported full Party members are enough for an organization of its own."""
        return self.party_members is not None and enough_for_an_organization(self.party_members["full_members"])

    @classmethod
    def join(cls, credit_code: str, name: str, street: str, industry: str, joined_on: date) -> Member:
        """A new member; the code's check character must be right."""
        code = checked_credit_code(credit_code)
        return cls._create(
            cls.Joined,
            id=member_id(code),
            credit_code=code,
            name=checks.text(name, "name", max_length=200),
            street=checks.text(street, "street", max_length=100),
            industry=checks.text(industry, "industry", max_length=100),
            joined_on=checks.day(joined_on, "joined_on"),
        )

    def rejoin(self, name: str, street: str, industry: str, joined_on: date) -> None:
        """Join again after leaving; the history continues on the same stream."""
        if self.status != MemberStatus.LEFT:
            raise RuleViolation("member.already_member", "this enterprise is already a member")
        joined_on = checks.day(joined_on, "joined_on")
        if self.left_on is not None and joined_on < self.left_on:
            raise RuleViolation("member.rejoin_before_leaving", "cannot join again before the day it left")
        self.trigger_event(
            self.Rejoined,
            name=checks.text(name, "name", max_length=200),
            street=checks.text(street, "street", max_length=100),
            industry=checks.text(industry, "industry", max_length=100),
            joined_on=joined_on,
        )

    def correct_joined_on(
        self, joined_on: date, reason: str, first_fact_on: date | None = None, left_before_on: date | None = None
    ) -> None:
        """Correct the day the current membership began, with a reason. ``first_fact_on`` is the earliest day of
        what the log records of this membership after its joining, ``left_before_on`` the day it last left before
        joining again (None: none); the corrected day falls between them."""
        joined_on = checks.day(joined_on, "joined_on")
        reason = checks.text(reason, "reason")
        check_corrected_day(
            MEMBERSHIP,
            self.joined_on,
            joined_on,
            f"the member joined on {joined_on.isoformat()} already",
            first_fact_on,
        )
        if left_before_on is not None and joined_on < left_before_on:
            raise RuleViolation("member.rejoin_before_leaving", "cannot join again before the day it left")
        self.trigger_event(self.JoinedOnCorrected, from_joined_on=self.joined_on, to_joined_on=joined_on, reason=reason)

    def correct_left_on(self, on: date, reason: str, ended: tuple[date, date] | None = None) -> None:
        """Correct the day the member last left, with a reason: no earlier than the day that membership began and,
        when it joined again since, no later than that day. ``ended`` is the joining and leaving day of the
        membership that ended last when the member has joined again since (None: it has not)."""
        on = checks.day(on, "on")
        reason = checks.text(reason, "reason")
        if self.status == MemberStatus.LEFT and self.left_on is not None:
            began, left, rejoined = self.joined_on, self.left_on, None
        elif ended is not None:
            (began, left), rejoined = ended, self.joined_on
        else:
            raise RuleViolation("member.not_left", "the member has not left; there is no leaving day to correct")
        if on == left:
            raise RuleViolation(
                "member.correction_changes_nothing",
                f"the member left on {on.isoformat()} already",
                f"退会日期已是{on.isoformat()}",
            )
        if on < began:
            raise RuleViolation("date.before_joining", f"the date is before the member joined ({began})")
        if rejoined is not None and on > rejoined:
            raise RuleViolation(
                "member.rejoin_before_leaving",
                f"the member joined again on {rejoined.isoformat()}; it left no later",
                f"该企业于{rejoined.isoformat()}重新入会，退会日期不能晚于该日",
            )
        self.trigger_event(self.LeftOnCorrected, from_on=left, to_on=on, reason=reason)

    def correct_chamber_days(
        self,
        chamber_id: UUID,
        reason: str,
        recorded: tuple[date, date | None] | None,
        established_on: date,
        joined_on: date | None = None,
        left_on: date | None = None,
    ) -> None:
        """Correct the day the member joined a chamber and/or the day it left it, with a reason, by the rules they
        were recorded under. ``recorded`` is the joining and leaving day (None: not left) of its latest membership
        of the chamber since it joined the FIC (None: none), ``established_on`` the chamber's establishment."""
        reason = checks.text(reason, "reason")
        joined = None if joined_on is None else checks.day(joined_on, "joined_on")
        left = None if left_on is None else checks.day(left_on, "left_on")
        if recorded is None:
            raise RuleViolation(
                "member.chamber_not_joined", "the member has not joined this chamber since it joined the FIC"
            )
        was_joined, was_left = recorded
        if left is not None and was_left is None:
            raise RuleViolation(
                "member.chamber_not_left", "the member has not left this chamber; there is no leaving day to correct"
            )
        to_joined = was_joined if joined is None else joined
        to_left = was_left if left is None else left
        if (to_joined, to_left) == (was_joined, was_left):
            raise RuleViolation(
                "member.correction_changes_nothing",
                "the days equal those recorded",
                "更正后的加入、退出商会日期与现有记录相同",
            )
        if to_joined < established_on:
            raise RuleViolation(
                "date.before_establishment",
                f"joined_on is before the chamber was established ({established_on.isoformat()})",
                f"加入日期早于该商会成立日期（{established_on.isoformat()}）",
            )
        for day in (to_joined, to_left):
            if day is not None and day < self.joined_on:
                raise RuleViolation("date.before_joining", f"the date is before the member joined ({self.joined_on})")
        if to_left is not None and to_left < to_joined:
            raise RuleViolation(
                "member.left_chamber_before_joining",
                f"the member joined this chamber on {to_joined.isoformat()}; it cannot leave before",
                f"该企业于{to_joined.isoformat()}加入此商会，退出日期不能早于加入日期",
            )
        self.trigger_event(
            self.ChamberDaysCorrected,
            chamber_id=chamber_id,
            from_joined_on=was_joined,
            to_joined_on=to_joined,
            from_left_on=was_left,
            to_left_on=to_left,
            reason=reason,
        )

    def amend(self, changes: dict[str, Any], reason: str) -> None:
        """Change the name, street or industry, giving a reason."""
        self._require_member()
        if not isinstance(changes, dict) or not changes:
            raise InvalidValue("changes", "must name at least one field to change")
        unknown = sorted(set(changes) - set(AMENDABLE))
        if unknown:
            raise InvalidValue("changes", f"cannot amend {', '.join(unknown)}; amendable: {', '.join(AMENDABLE)}")
        cleaned = {k: checks.text(v, f"changes.{k}", max_length=200) for k, v in changes.items()}
        effective = {k: v for k, v in cleaned.items() if getattr(self, k) != v}
        if not effective:
            raise RuleViolation("member.amendment_changes_nothing", "the changes equal the current profile")
        self.trigger_event(self.ProfileAmended, changes=effective, reason=checks.text(reason, "reason"))

    def join_chamber(self, chamber_id: UUID, on: date) -> None:
        self._require_member()
        if chamber_id in self.chamber_ids:
            raise RuleViolation("member.already_in_chamber", "the member already belongs to this chamber")
        self.trigger_event(self.JoinedChamber, chamber_id=chamber_id, on=self._not_before_joining(on))

    def leave_chamber(self, chamber_id: UUID, on: date) -> None:
        self._require_member()
        if chamber_id not in self.chamber_ids:
            raise RuleViolation("member.not_in_chamber", "the member does not belong to this chamber")
        on = self._not_before_joining(on)
        joined = self.chambers_joined_on.get(str(chamber_id))
        if joined is not None and on < joined:
            raise RuleViolation(
                "member.left_chamber_before_joining",
                f"the member joined this chamber on {joined.isoformat()}; it cannot leave before",
                f"该企业于{joined.isoformat()}加入此商会，退出日期不能早于加入日期",
            )
        self.trigger_event(self.LeftChamber, chamber_id=chamber_id, on=on)

    def designate_key_focus(self, criteria: list[str]) -> None:
        self._require_member()
        if not isinstance(criteria, list) or not criteria:
            raise InvalidValue("criteria", "must list at least one criterion")
        chosen = sorted({parse_enum(KeyFocusCriterion, c, "criteria").value for c in criteria})
        if chosen == sorted(self.key_focus_criteria):
            raise RuleViolation("member.key_focus_unchanged", "already on the key-focus list with these criteria")
        self.trigger_event(self.KeyFocusDesignated, criteria=chosen)

    def revoke_key_focus(self, reason: str) -> None:
        self._require_member()
        if not self.key_focus:
            raise RuleViolation("member.not_key_focus", "the member is not on the key-focus list")
        self.trigger_event(self.KeyFocusRevoked, reason=checks.text(reason, "reason"))

    def report_party_members(self, full_members: int, on: date, probationary_members: int | None = None) -> None:
        """The enterprise's full and probationary Party members on a day (probationary None: not reported); three
        or more full members call for an organization of its own."""
        self._require_member()
        self.trigger_event(
            self.PartyMembersReported,
            full_members=checks.count(full_members, "full_members"),
            probationary_members=None
            if probationary_members is None
            else checks.count(probationary_members, "probationary_members"),
            on=self._not_before_joining(on),
        )

    def record_san_you(self, fixed_premises: bool, employees: int, real_business: bool, on: date) -> None:
        """Record whether the enterprise has fixed premises, its employees and whether it has a real business, as
        found on ``on``: meeting all three ("三有") counts it in the coverage denominator."""
        self._require_member()
        for value, field in ((fixed_premises, "fixed_premises"), (real_business, "real_business")):
            if not isinstance(value, bool):
                raise InvalidValue(field, "must be true or false")
        employees = checks.count(employees, "employees")
        on = self._not_before_joining(on)
        mark = self.san_you_mark
        if mark is not None and (mark["fixed_premises"], mark["employees"], mark["real_business"]) == (
            fixed_premises,
            employees,
            real_business,
        ):
            raise RuleViolation(
                "member.san_you_unchanged", "the mark equals the one recorded", "与已记录的“三有”情况相同"
            )
        self.trigger_event(
            self.SanYouRecorded,
            fixed_premises=fixed_premises,
            employees=employees,
            real_business=real_business,
            on=on,
        )

    def suspend(self, reason: str) -> None:
        self._require_member()
        if self.status != MemberStatus.ACTIVE:
            raise RuleViolation("member.not_active", "only an active member can be suspended")
        self.trigger_event(self.Suspended, reason=checks.text(reason, "reason"))

    def reinstate(self, reason: str) -> None:
        self._require_member()
        if self.status != MemberStatus.SUSPENDED:
            raise RuleViolation("member.not_suspended", "only a suspended member can be reinstated")
        self.trigger_event(self.Reinstated, reason=checks.text(reason, "reason"))

    def leave(self, on: date, reason: str) -> None:
        self._require_member()
        code = parse_enum(LeaveReason, reason, "reason").value
        self.trigger_event(self.Left, on=self._not_before_joining(on), reason=code)

    def _require_member(self) -> None:
        if self.status == MemberStatus.LEFT:
            raise RuleViolation("member.left", "the enterprise has left; only joining again is allowed")

    def _not_before_joining(self, on: date) -> date:
        on = checks.day(on, "on")
        if on < self.joined_on:
            raise RuleViolation("date.before_joining", f"the date is before the member joined ({self.joined_on})")
        return on
