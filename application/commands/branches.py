"""Commands and queries on Party organizations: founding, management, members, structure, elections,
organizational life and dissolution."""

from __future__ import annotations

from collections import Counter
from dataclasses import fields
from datetime import date, datetime
from functools import cached_property
from threading import Lock
from uuid import UUID

from eventsourcing.utils import get_topic

from application.base import Recorded, RegisterBase
from application.context import CommandContext
from domain.branch import PartyBranch
from domain.chamber import Chamber
from domain.dates import FORWARD_DATES
from domain.errors import RuleViolation
from domain.hosting import check_hosts_free
from domain.member import Member
from domain.values import Activity, parse_enum

YEARLY = (PartyBranch.Reviewed, PartyBranch.Graded, PartyBranch.RectificationOpened)
"""The events about a year of the organization's life: it was founded by that year."""
CORRECTED_DAYS = (
    PartyBranch.FoundedOnCorrected,
    PartyBranch.ElectionHeld,
    PartyBranch.ElectionCorrected,
    PartyBranch.ManagementTransferred,
    PartyBranch.TransferDayCorrected,
)
"""The events whose days a founding correction reads from the organization's state, as corrected: its elections
and transfers (and the founding day itself)."""


class Hosts:
    """Every organization ever founded in each member enterprise, read from the log once, then only what was
    recorded since."""

    def __init__(self) -> None:
        self.organizations: dict[UUID, list[UUID]] = {}
        self.position = 0
        self.lock = Lock()

    def add(self, event: PartyBranch.Founded) -> None:
        for member in event.host_member_ids:
            self.organizations.setdefault(member, []).append(event.originator_id)


class BranchCommands(RegisterBase):
    """What a registrar records on a Party organization."""

    @cached_property
    def _hosts(self) -> Hosts:
        return Hosts()

    def organizations_hosted_by(self, members: list[UUID]) -> dict[UUID, UUID]:
        """Each of ``members`` that hosts an active organization (its own or a joint one), with that
        organization."""
        hosts = self._hosts
        with hosts.lock:
            for position, event in self.scan_stored([get_topic(PartyBranch.Founded)], start=hosts.position + 1):
                hosts.position = position
                hosts.add(event)
            found = {m: list(hosts.organizations.get(m, [])) for m in members}
        for event in self._unstored_events():
            if isinstance(event, PartyBranch.Founded):
                for member in set(event.host_member_ids).intersection(members):
                    found[member].append(event.originator_id)
        hosted: dict[UUID, UUID] = {}
        for member, organizations in found.items():
            active = next((i for i in dict.fromkeys(organizations) if self.get_branch(i).is_active), None)
            if active is not None:
                hosted[member] = active
        return hosted

    def get_branch(self, ident: UUID, version: int | None = None) -> PartyBranch:
        return self._load(PartyBranch, ident, "branch", version)

    def found_branch(
        self,
        ctx: CommandContext,
        name: str,
        kind: str,
        street: str,
        managing_unit: str,
        management_basis: str,
        founded_on: date,
        full_members: int,
        host_member_ids: list[UUID] | None = None,
        host_chamber_id: UUID | None = None,
        *,
        probationary_members: int | None = None,
        has_committee: bool | None = None,
        has_party_groups: bool = False,
        term_ends_on: date | None = None,
        joint_units_approved_by: str | None = None,
    ) -> Recorded[PartyBranch]:
        """Found an organization in active member enterprises, or in a chamber that is not dissolved; its founding
        elects its first committee (or secretary), for a term of the default length unless ``term_ends_on``; a
        joint branch covering more units than the policy's names who approved it."""
        for ident in host_member_ids or []:
            member = self._reference(Member, ident, "member", "host_member_ids")
            if member.status != "active":
                raise RuleViolation("branch.host_member_not_active", f"host member {ident} is {member.status}")
        if host_chamber_id is not None:
            chamber = self._reference(Chamber, host_chamber_id, "chamber", "host_chamber_id")
            if chamber.dissolved_on is not None:
                raise RuleViolation("chamber.dissolved", "the host chamber is dissolved")
            if isinstance(founded_on, date) and founded_on < chamber.established_on:
                raise RuleViolation(
                    "date.before_establishment",
                    f"founded_on is before the host chamber was established ({chamber.established_on.isoformat()})",
                    f"成立日期早于所在商会成立日期（{chamber.established_on.isoformat()}）",
                )
        branch = PartyBranch.found(
            name,
            kind,
            street,
            managing_unit,
            management_basis,
            founded_on,
            full_members,
            host_member_ids=host_member_ids,
            host_chamber_id=host_chamber_id,
            probationary_members=probationary_members,
            has_committee=has_committee,
            has_party_groups=has_party_groups,
            term_ends_on=term_ends_on,
            joint_units_approved_by=joint_units_approved_by,
        )
        check_hosts_free(self.organizations_hosted_by(branch.host_member_ids))
        return self.record(ctx, branch)

    def _branch_command(self, ident: UUID, expected_version: int | None) -> PartyBranch:
        branch = self.get_branch(ident)
        self._expect(branch, expected_version)
        return branch

    def transfer_management(
        self,
        ctx: CommandContext,
        ident: UUID,
        managing_unit: str,
        basis: str,
        on: date,
        reason: str,
        expected_version: int | None = None,
    ) -> Recorded[PartyBranch]:
        branch = self._branch_command(ident, expected_version)
        branch.transfer_management(managing_unit, basis, on, reason)
        return self.record(ctx, branch)

    def report_party_members(
        self,
        ctx: CommandContext,
        ident: UUID,
        full_members: int,
        on: date,
        probationary_members: int | None = None,
        expected_version: int | None = None,
    ) -> Recorded[PartyBranch]:
        branch = self._branch_command(ident, expected_version)
        branch.report_party_members(full_members, on, probationary_members)
        return self.record(ctx, branch)

    def record_structure(
        self,
        ctx: CommandContext,
        ident: UUID,
        has_committee: bool,
        has_party_groups: bool,
        on: date,
        expected_version: int | None = None,
    ) -> Recorded[PartyBranch]:
        branch = self._branch_command(ident, expected_version)
        branch.record_structure(has_committee, has_party_groups, on)
        return self.record(ctx, branch)

    def record_election(
        self,
        ctx: CommandContext,
        ident: UUID,
        elected_on: date,
        term_ends_on: date | None = None,
        expected_version: int | None = None,
    ) -> Recorded[PartyBranch]:
        branch = self._branch_command(ident, expected_version)
        branch.record_election(elected_on, term_ends_on)
        return self.record(ctx, branch)

    def correct_election(
        self,
        ctx: CommandContext,
        ident: UUID,
        elected_on: date,
        reason: str,
        to_elected_on: date | None = None,
        to_term_ends_on: date | None = None,
        expected_version: int | None = None,
    ) -> Recorded[PartyBranch]:
        """Correct, with a reason, the day of an election recorded on ``elected_on`` and/or its term's end."""
        branch = self._branch_command(ident, expected_version)
        branch.correct_election(elected_on, reason, to_elected_on, to_term_ends_on)
        return self.record(ctx, branch)

    def correct_transfer_day(
        self, ctx: CommandContext, ident: UUID, on: date, to_on: date, reason: str, expected_version: int | None = None
    ) -> Recorded[PartyBranch]:
        """Correct, with a reason, the day of a management transfer recorded on ``on``."""
        branch = self._branch_command(ident, expected_version)
        branch.correct_transfer_day(on, to_on, reason)
        return self.record(ctx, branch)

    def postpone_election(
        self,
        ctx: CommandContext,
        ident: UUID,
        postponed_to: date,
        approved_by: str,
        approved_on: date,
        expected_version: int | None = None,
    ) -> Recorded[PartyBranch]:
        branch = self._branch_command(ident, expected_version)
        branch.postpone_election(postponed_to, approved_by, approved_on)
        return self.record(ctx, branch)

    def record_organizational_life(
        self,
        ctx: CommandContext,
        ident: UUID,
        activity: str,
        held_on: date,
        attendance: int,
        expected_version: int | None = None,
        *,
        by_secretary: bool | None = None,
    ) -> Recorded[PartyBranch]:
        """Record an activity held; a lecture may say whether the secretary gave it."""
        branch = self._branch_command(ident, expected_version)
        branch.record_organizational_life(activity, held_on, attendance, by_secretary)
        return self.record(ctx, branch)

    def rename_branch(
        self, ctx: CommandContext, ident: UUID, name: str, reason: str, expected_version: int | None = None
    ) -> Recorded[PartyBranch]:
        branch = self._branch_command(ident, expected_version)
        branch.rename(name, reason)
        return self.record(ctx, branch)

    def correct_branch_founded_on(
        self, ctx: CommandContext, ident: UUID, on: date, reason: str, expected_version: int | None = None
    ) -> Recorded[PartyBranch]:
        """Correct the day an organization was founded: no later than any business day its log records after the
        founding (the days that look ahead aside), in no year after one it was reviewed, graded or rectified for,
        and not before the chamber it stands in was established."""
        branch = self._branch_command(ident, expected_version)
        unstored = (e for e in self._unstored_events() if e.originator_id == ident)
        later = [e for e in [*self.events.get(ident), *unstored][1:] if not isinstance(e, CORRECTED_DAYS)]
        days = [
            value
            for e in later
            for f in fields(e)
            if f.name not in FORWARD_DATES
            for value in (getattr(e, f.name),)
            if isinstance(value, date) and not isinstance(value, datetime)
        ]
        days += [t.starts_on for t in branch.terms[1:]] + [t.on for t in branch.transfers]
        years = [e.year for e in later if isinstance(e, YEARLY)]
        if branch.host_chamber_id is not None and isinstance(on, date):
            chamber = self._load(Chamber, branch.host_chamber_id, "chamber")
            if on < chamber.established_on:
                raise RuleViolation(
                    "date.before_establishment",
                    f"founded_on is before the host chamber was established ({chamber.established_on.isoformat()})",
                    f"成立日期早于所在商会成立日期（{chamber.established_on.isoformat()}）",
                )
        branch.correct_founded_on(on, reason, min(days, default=None), min(years, default=None))
        return self.record(ctx, branch)

    def void_meeting(
        self,
        ctx: CommandContext,
        ident: UUID,
        activity: str,
        held_on: date,
        reason: str,
        expected_version: int | None = None,
        *,
        by_secretary: bool | None = None,
    ) -> Recorded[PartyBranch]:
        """Void, with a reason, one activity of a day that was recorded in error (of a day's lectures, the one
        ``by_secretary`` names, or the only kind left)."""
        branch = self._branch_command(ident, expected_version)
        activity = parse_enum(Activity, activity, "activity").value
        recorded: Counter[bool | None] = Counter()
        voided: Counter[bool | None] = Counter()
        unstored = (e for e in self._unstored_events() if e.originator_id == ident)
        for event in (*self.events.get(ident), *unstored):
            if isinstance(event, PartyBranch.OrganizationalLifeRecorded | PartyBranch.MeetingVoided) and (
                event.activity,
                event.held_on,
            ) == (activity, held_on):
                tally = voided if isinstance(event, PartyBranch.MeetingVoided) else recorded
                tally[event.by_secretary] += 1
        branch.void_meeting(activity, held_on, reason, recorded, voided, by_secretary)
        return self.record(ctx, branch)

    def dissolve_branch(
        self, ctx: CommandContext, ident: UUID, on: date, reason: str, expected_version: int | None = None
    ) -> Recorded[PartyBranch]:
        branch = self._branch_command(ident, expected_version)
        branch.dissolve(on, reason)
        return self.record(ctx, branch)

    def merge_branch(
        self, ctx: CommandContext, ident: UUID, into: UUID, on: date, expected_version: int | None = None
    ) -> Recorded[PartyBranch]:
        """Merge an organization into another that is still active."""
        branch = self._branch_command(ident, expected_version)
        if into != ident:
            target = self._reference(PartyBranch, into, "branch", "branch_id")
            if not target.is_active:
                raise RuleViolation("branch.merge_target_not_active", f"the target organization is {target.status}")
        branch.merge_into(into, on)
        return self.record(ctx, branch)
