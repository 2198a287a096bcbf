"""Commands and queries on member enterprises."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from typing import Any
from uuid import UUID

from application.base import Recorded, RegisterBase
from application.context import CommandContext
from application.errors import NotFound, OutsideScope, VersionMismatch
from application.scope import current_scope
from domain.chamber import Chamber
from domain.errors import RuleViolation
from domain.member import Member, checked_credit_code, member_id
from domain.values import MemberStatus

CORRECTIONS = (Member.JoinedOnCorrected, Member.LeftOnCorrected, Member.ChamberDaysCorrected)


def _began(events: list[Any]) -> int:
    """The index of the joining (or joining again) that began the last membership among ``events``."""
    return max(i for i, e in enumerate(events) if isinstance(e, Member.Joined | Member.Rejoined))


def _last_leaving(before: list[Any], events: list[Any]) -> tuple[int, date] | None:
    """The index of the last leaving among ``before`` (the first of ``events``) and its day as last corrected
    (a correction may follow a joining again); None when there is none."""
    lefts = [i for i, e in enumerate(before) if isinstance(e, Member.Left)]
    if not lefts:
        return None
    corrected = [e.to_on for e in events[lefts[-1] :] if isinstance(e, Member.LeftOnCorrected)]
    return lefts[-1], corrected[-1] if corrected else before[lefts[-1]].on


def _days_since(events: list[Any]) -> list[list[date]]:
    """The business days of each of ``events`` (a membership's, after its joining), each as last corrected: a
    leaving day by its correction, a chamber's joining and leaving day by theirs; the corrections themselves
    carry none of their own."""
    days: list[list[date]] = []
    joined: dict[UUID, int] = {}
    left: dict[UUID, int] = {}
    member_left: int | None = None
    for e in events:
        if isinstance(e, Member.LeftOnCorrected) and member_left is not None:
            days[member_left] = [e.to_on]
        elif isinstance(e, Member.ChamberDaysCorrected) and e.chamber_id in joined:
            days[joined[e.chamber_id]] = [e.to_joined_on]
            if e.chamber_id in left and e.to_left_on is not None:
                days[left[e.chamber_id]] = [e.to_left_on]
        if isinstance(e, Member.JoinedChamber):
            joined[e.chamber_id] = len(days)
            left.pop(e.chamber_id, None)
        elif isinstance(e, Member.LeftChamber):
            left[e.chamber_id] = len(days)
        elif isinstance(e, Member.Left):
            member_left = len(days)
        days.append(
            []
            if isinstance(e, CORRECTIONS)
            else [
                value
                for value in (getattr(e, f.name) for f in fields(e))
                if isinstance(value, date) and not isinstance(value, datetime)
            ]
        )
    return days


def _chamber_days(events: list[Any]) -> dict[UUID, tuple[date, date | None]]:
    """The joining and leaving day (None: not left) of the latest membership of each chamber among ``events``, as
    last corrected."""
    days: dict[UUID, tuple[date, date | None]] = {}
    for e in events:
        if isinstance(e, Member.JoinedChamber):
            days[e.chamber_id] = (e.on, None)
        elif isinstance(e, Member.LeftChamber) and e.chamber_id in days:
            days[e.chamber_id] = (days[e.chamber_id][0], e.on)
        elif isinstance(e, Member.ChamberDaysCorrected):
            days[e.chamber_id] = (e.to_joined_on, e.to_left_on)
    return days


class MemberCommands(RegisterBase):
    """Joining, amending, chambers, key focus, suspension and leaving."""

    def get_member(self, ident: UUID, version: int | None = None) -> Member:
        return self._load(Member, ident, "member", version)

    def join_member(
        self,
        ctx: CommandContext,
        credit_code: str,
        name: str,
        street: str,
        industry: str,
        joined_on: date,
        expected_version: int | None = None,
    ) -> Recorded[Member]:
        """A new member, or a member that left joining again on its old stream (at ``expected_version``, if given;
        an enterprise never seen before is at version 0)."""
        ident = member_id(checked_credit_code(credit_code))
        if self.exists(ident):
            try:
                member = self._member_command(ctx, ident, expected_version)
            except NotFound:
                scope = current_scope()
                if scope is None:
                    raise
                raise OutsideScope(scope, "credit_code", "member") from None
            member.rejoin(name, street, industry, joined_on)
        else:
            if expected_version not in (None, 0):
                raise VersionMismatch(expected_version, 0)
            member = Member.join(credit_code, name, street, industry, joined_on)
        return self.record(ctx, member)

    def _member_command(self, ctx: CommandContext, ident: UUID, expected_version: int | None) -> Member:
        member = self.get_member(ident)
        self._expect(member, expected_version)
        return member

    def amend_member(
        self,
        ctx: CommandContext,
        ident: UUID,
        changes: dict[str, Any],
        reason: str,
        expected_version: int | None = None,
    ) -> Recorded[Member]:
        member = self._member_command(ctx, ident, expected_version)
        member.amend(changes, reason)
        return self.record(ctx, member)

    def correct_joined_on(
        self, ctx: CommandContext, ident: UUID, joined_on: date, reason: str, expected_version: int | None = None
    ) -> Recorded[Member]:
        """Correct the day the current membership began, between the day it last left and the first day the log
        records of it after (each day as last corrected)."""
        member = self._member_command(ctx, ident, expected_version)
        events = self._member_events(ident)
        began = _began(events)
        leaving = _last_leaving(events[:began], events)
        later = min((day for days in _days_since(events[began + 1 :]) for day in days), default=None)
        member.correct_joined_on(joined_on, reason, later, leaving[1] if leaving else None)
        return self.record(ctx, member)

    def correct_left_on(
        self, ctx: CommandContext, ident: UUID, on: date, reason: str, expected_version: int | None = None
    ) -> Recorded[Member]:
        """Correct the day the member last left: no earlier than that membership began, no later than it joined
        again (if it did)."""
        member = self._member_command(ctx, ident, expected_version)
        ended = None
        if member.status != MemberStatus.LEFT:
            events = self._member_events(ident)
            began = _began(events)
            before = events[:began]
            leaving = _last_leaving(before, events)
            if leaving is not None:
                start = _began(before[: leaving[0]])
                days = [e.joined_on for e in before[start:] if isinstance(e, Member.Joined | Member.Rejoined)]
                days += [e.to_joined_on for e in before[start:] if isinstance(e, Member.JoinedOnCorrected)]
                ended = (days[-1], leaving[1])
        member.correct_left_on(on, reason, ended)
        return self.record(ctx, member)

    def correct_chamber_days(
        self,
        ctx: CommandContext,
        ident: UUID,
        chamber_id: UUID,
        reason: str,
        joined_on: date | None = None,
        left_on: date | None = None,
        expected_version: int | None = None,
    ) -> Recorded[Member]:
        """Correct the day the member joined a chamber and/or the day it left it, of its latest membership of that
        chamber since it joined the FIC."""
        member = self._member_command(ctx, ident, expected_version)
        chamber = self._load(Chamber, chamber_id, "chamber")
        events = self._member_events(ident)
        recorded = _chamber_days(events[_began(events) + 1 :]).get(chamber_id)
        member.correct_chamber_days(chamber_id, reason, recorded, chamber.established_on, joined_on, left_on)
        return self.record(ctx, member)

    def _member_events(self, ident: UUID) -> list[Any]:
        unstored = (e for e in self._unstored_events() if e.originator_id == ident)
        return [*self.events.get(ident), *unstored]

    def member_join_chamber(
        self, ctx: CommandContext, ident: UUID, chamber_id: UUID, on: date, expected_version: int | None = None
    ) -> Recorded[Member]:
        member = self._member_command(ctx, ident, expected_version)
        chamber = self._load(Chamber, chamber_id, "chamber")
        if chamber.dissolved_on is not None:
            raise RuleViolation("chamber.dissolved", "the chamber is dissolved")
        if isinstance(on, date) and on < chamber.established_on:
            raise RuleViolation(
                "date.before_establishment",
                f"on is before the chamber was established ({chamber.established_on.isoformat()})",
                f"加入日期早于该商会成立日期（{chamber.established_on.isoformat()}）",
            )
        member.join_chamber(chamber_id, on)
        return self.record(ctx, member)

    def member_leave_chamber(
        self, ctx: CommandContext, ident: UUID, chamber_id: UUID, on: date, expected_version: int | None = None
    ) -> Recorded[Member]:
        member = self._member_command(ctx, ident, expected_version)
        member.leave_chamber(chamber_id, on)
        return self.record(ctx, member)

    def designate_key_focus(
        self, ctx: CommandContext, ident: UUID, criteria: list[str], expected_version: int | None = None
    ) -> Recorded[Member]:
        member = self._member_command(ctx, ident, expected_version)
        member.designate_key_focus(criteria)
        return self.record(ctx, member)

    def revoke_key_focus(
        self, ctx: CommandContext, ident: UUID, reason: str, expected_version: int | None = None
    ) -> Recorded[Member]:
        member = self._member_command(ctx, ident, expected_version)
        member.revoke_key_focus(reason)
        return self.record(ctx, member)

    def member_report_party_members(
        self,
        ctx: CommandContext,
        ident: UUID,
        full_members: int,
        on: date,
        probationary_members: int | None = None,
        expected_version: int | None = None,
    ) -> Recorded[Member]:
        member = self._member_command(ctx, ident, expected_version)
        member.report_party_members(full_members, on, probationary_members)
        return self.record(ctx, member)

    def record_san_you(
        self,
        ctx: CommandContext,
        ident: UUID,
        fixed_premises: bool,
        employees: int,
        real_business: bool,
        on: date,
        expected_version: int | None = None,
    ) -> Recorded[Member]:
        """Record the enterprise's "三有" mark: fixed premises, employees, a real business."""
        member = self._member_command(ctx, ident, expected_version)
        member.record_san_you(fixed_premises, employees, real_business, on)
        return self.record(ctx, member)

    def suspend_member(
        self, ctx: CommandContext, ident: UUID, reason: str, expected_version: int | None = None
    ) -> Recorded[Member]:
        member = self._member_command(ctx, ident, expected_version)
        member.suspend(reason)
        return self.record(ctx, member)

    def reinstate_member(
        self, ctx: CommandContext, ident: UUID, reason: str, expected_version: int | None = None
    ) -> Recorded[Member]:
        member = self._member_command(ctx, ident, expected_version)
        member.reinstate(reason)
        return self.record(ctx, member)

    def member_leave(
        self, ctx: CommandContext, ident: UUID, on: date, reason: str, expected_version: int | None = None
    ) -> Recorded[Member]:
        member = self._member_command(ctx, ident, expected_version)
        member.leave(on, reason)
        return self.record(ctx, member)
