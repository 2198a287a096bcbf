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
        records of it after."""
        member = self._member_command(ctx, ident, expected_version)
        unstored = (e for e in self._unstored_events() if e.originator_id == ident)
        events = [*self.events.get(ident), *unstored]
        began = max(i for i, e in enumerate(events) if isinstance(e, Member.Joined | Member.Rejoined))
        left = [e.on for e in events[:began] if isinstance(e, Member.Left)]
        later = [
            value
            for e in events[began + 1 :]
            if not isinstance(e, Member.JoinedOnCorrected)
            for value in (getattr(e, f.name) for f in fields(e))
            if isinstance(value, date) and not isinstance(value, datetime)
        ]
        member.correct_joined_on(joined_on, reason, min(later, default=None), left[-1] if left else None)
        return self.record(ctx, member)

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
