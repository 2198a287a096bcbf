"""Commands and queries on chambers of commerce, and the name claims that keep their names unique."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import cached_property
from threading import Lock
from uuid import UUID

from eventsourcing.utils import get_topic

from application.base import Recorded, RegisterBase
from application.context import CommandContext
from application.errors import ConcurrentWrite
from domain.branch import PartyBranch
from domain.chamber import (
    Chamber,
    ChamberName,
    chamber_name_id,
    chamber_name_key,
    claimed_under_earlier_form,
    earlier_chamber_name_id,
)
from domain.errors import RuleViolation
from domain.member import Member


class EarlierClaims:
    """The claims on chamber names made under the earlier form of names, by the form names have now; read from the
    log once, then only what was recorded since."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[UUID]] = {}
        self.position = 0
        self.lock = Lock()


class ChamberCommands(RegisterBase):
    """Establishing, registering, plaques, terms, titles, corrections (name, establishment day, award years) and
    dissolution."""

    @cached_property
    def _earlier_claims(self) -> EarlierClaims:
        return EarlierClaims()

    def _claims_on(self, name: str) -> list[ChamberName]:
        """Every claim on a name that compares equal to ``name``: the claim it has now, and any made under the
        earlier form of names."""
        earlier = self._earlier_claims
        with earlier.lock:
            for position, event in self.scan_stored([get_topic(ChamberName.Claimed)], start=earlier.position + 1):
                earlier.position = position
                if claimed_under_earlier_form(event.name, event.originator_id):
                    earlier.by_key.setdefault(chamber_name_key(event.name), []).append(event.originator_id)
            found = list(earlier.by_key.get(chamber_name_key(name), []))
        ids = dict.fromkeys([chamber_name_id(name), *found])
        return [self._load(ChamberName, i, "chamber name") for i in ids if self.exists(i)]

    def get_chamber(self, ident: UUID, version: int | None = None) -> Chamber:
        return self._load(Chamber, ident, "chamber", version)

    def establish_chamber(
        self, ctx: CommandContext, name: str, kind: str, street: str, established_on: date
    ) -> Recorded[Chamber]:
        """A new chamber; its name must not belong to another chamber that has not been dissolved."""
        chamber = Chamber.establish(name, kind, street, established_on)
        claims = self._claims_on(chamber.name)
        held = next((c for c in claims if c.chamber_id is not None), None)
        own = next((c for c in claims if c.id == chamber_name_id(chamber.name)), None)
        if held is not None:
            raise RuleViolation("chamber.name_taken", "another chamber that is not dissolved has this name")
        if own is not None:
            own.reclaim(chamber.id)
            claim = own
        else:
            claim = ChamberName.claim(chamber.name, chamber.id)
        try:
            return self.record(ctx, chamber, claim)
        except ConcurrentWrite:
            raise RuleViolation("chamber.name_taken", "another chamber took this name at the same time") from None

    def chamber_named(self, name: str) -> UUID | None:
        """The chamber not dissolved that holds ``name`` (compared as the name claims compare names), or None."""
        return next((c.chamber_id for c in self._claims_on(name) if c.chamber_id is not None), None)

    def _chamber_command(self, ident: UUID, expected_version: int | None) -> Chamber:
        chamber = self.get_chamber(ident)
        self._expect(chamber, expected_version)
        return chamber

    def register_chamber(
        self,
        ctx: CommandContext,
        ident: UUID,
        certificate_no: str,
        on: date,
        charter_term_years: int | None = None,
        expected_version: int | None = None,
    ) -> Recorded[Chamber]:
        """Registered as a social organization, with the term its charter sets when it says one."""
        chamber = self._chamber_command(ident, expected_version)
        chamber.register(certificate_no, on, charter_term_years)
        return self.record(ctx, chamber)

    def hang_fic_plaque(
        self, ctx: CommandContext, ident: UUID, on: date, expected_version: int | None = None
    ) -> Recorded[Chamber]:
        chamber = self._chamber_command(ident, expected_version)
        chamber.hang_fic_plaque(on)
        return self.record(ctx, chamber)

    def renew_chamber_term(
        self,
        ctx: CommandContext,
        ident: UUID,
        term: int,
        starts_on: date,
        ends_on: date | None,
        president: str,
        expected_version: int | None = None,
    ) -> Recorded[Chamber]:
        """A new term; without ``ends_on`` it lasts a full term (the charter's, else five years)."""
        chamber = self._chamber_command(ident, expected_version)
        chamber.renew_term(term, starts_on, ends_on, president)
        return self.record(ctx, chamber)

    def postpone_chamber_term(
        self,
        ctx: CommandContext,
        ident: UUID,
        postponed_to: date,
        approved_by: str,
        approved_on: date,
        expected_version: int | None = None,
    ) -> Recorded[Chamber]:
        """Postpone the current term's renewal with approval, by at most a year past its end."""
        chamber = self._chamber_command(ident, expected_version)
        chamber.postpone_term(postponed_to, approved_by, approved_on)
        return self.record(ctx, chamber)

    def award_four_good(
        self,
        ctx: CommandContext,
        ident: UUID,
        year: int,
        level: str,
        until_year: int | None = None,
        expected_version: int | None = None,
    ) -> Recorded[Chamber]:
        """A Four Good title for the years ``year`` to ``until_year`` (by default two years)."""
        chamber = self._chamber_command(ident, expected_version)
        chamber.award_four_good(year, level, until_year)
        return self.record(ctx, chamber)

    def revoke_four_good(
        self,
        ctx: CommandContext,
        ident: UUID,
        year: int,
        level: str,
        on: date,
        reason: str,
        expected_version: int | None = None,
    ) -> Recorded[Chamber]:
        """Revoke the title at ``level`` whose period starts in ``year``, from ``on``."""
        chamber = self._chamber_command(ident, expected_version)
        chamber.revoke_four_good(year, level, on, reason)
        return self.record(ctx, chamber)

    def designate_demonstration_site(
        self, ctx: CommandContext, ident: UUID, year: int, expected_version: int | None = None
    ) -> Recorded[Chamber]:
        chamber = self._chamber_command(ident, expected_version)
        chamber.designate_demonstration_site(year)
        return self.record(ctx, chamber)

    def rename_chamber(
        self, ctx: CommandContext, ident: UUID, name: str, reason: str, expected_version: int | None = None
    ) -> Recorded[Chamber]:
        """Change or correct a chamber's name, with a reason: the new name is claimed (refused when another chamber
        not dissolved holds it) and the old name's claim released, in one recording."""
        chamber = self._chamber_command(ident, expected_version)
        old_ids = (chamber_name_id(chamber.name), earlier_chamber_name_id(chamber.name))
        chamber.rename(name, reason)
        claims = self._claims_on(chamber.name)
        if any(c.chamber_id not in (None, chamber.id) for c in claims):
            raise RuleViolation("chamber.name_taken", "another chamber that is not dissolved has this name")
        target = chamber_name_id(chamber.name)
        own = {c.id: c for c in claims}
        own.update((i, self._load(ChamberName, i, "chamber name")) for i in old_ids if i not in own and self.exists(i))
        changed: list[ChamberName] = []
        for claim in own.values():
            if claim.id != target and claim.chamber_id == chamber.id:
                claim.release()
                changed.append(claim)
        held = own.get(target)
        if held is None:
            changed.append(ChamberName.claim(chamber.name, chamber.id))
        elif held.chamber_id is None:
            held.reclaim(chamber.id)
            changed.append(held)
        try:
            return self.record(ctx, chamber, *changed)
        except ConcurrentWrite:
            raise RuleViolation("chamber.name_taken", "another chamber took this name at the same time") from None

    def correct_chamber_established_on(
        self, ctx: CommandContext, ident: UUID, on: date, reason: str, expected_version: int | None = None
    ) -> Recorded[Chamber]:
        """Correct the day a chamber was established, no later than what the log records of it: its own facts, a
        member joining it, an organization founded in it."""
        chamber = self._chamber_command(ident, expected_version)
        chamber.correct_established_on(on, reason, self._first_day_elsewhere(chamber.id))
        return self.record(ctx, chamber)

    def _first_day_elsewhere(self, chamber_id: UUID) -> date | None:
        """The earliest day the log records of a chamber outside its own stream: a member joining it (as last
        corrected), an organization founded in it."""
        kinds = (Member.JoinedChamber, Member.ChamberDaysCorrected, PartyBranch.Founded)
        topics = [get_topic(kind) for kind in kinds]
        events = [e for _, e in self.scan_stored(topics)] + [e for e in self._unstored_events() if isinstance(e, kinds)]
        founded: list[date] = []
        joined: dict[UUID, list[date]] = defaultdict(list)
        for e in events:
            if isinstance(e, PartyBranch.Founded):
                if e.host_chamber_id == chamber_id:
                    founded.append(e.founded_on)
            elif e.chamber_id != chamber_id:
                continue
            elif isinstance(e, Member.JoinedChamber):
                joined[e.originator_id].append(e.on)
            elif joined[e.originator_id]:
                joined[e.originator_id][-1] = e.to_joined_on
        return min([*founded, *(day for days in joined.values() for day in days)], default=None)

    def correct_four_good_years(
        self,
        ctx: CommandContext,
        ident: UUID,
        year: int,
        level: str,
        to_year: int,
        reason: str,
        to_until_year: int | None = None,
        expected_version: int | None = None,
    ) -> Recorded[Chamber]:
        """Correct the years of the title at ``level`` whose period starts in ``year`` (by default it keeps its
        length)."""
        chamber = self._chamber_command(ident, expected_version)
        chamber.correct_four_good_years(year, level, to_year, reason, to_until_year)
        return self.record(ctx, chamber)

    def correct_demonstration_site_year(
        self,
        ctx: CommandContext,
        ident: UUID,
        year: int,
        to_year: int,
        reason: str,
        expected_version: int | None = None,
    ) -> Recorded[Chamber]:
        """Correct the year a demonstration site was designated for."""
        chamber = self._chamber_command(ident, expected_version)
        chamber.correct_demonstration_site_year(year, to_year, reason)
        return self.record(ctx, chamber)

    def dissolve_chamber(
        self, ctx: CommandContext, ident: UUID, on: date, reason: str, expected_version: int | None = None
    ) -> Recorded[Chamber]:
        """Dissolve a chamber and free its name for a future chamber."""
        chamber = self._chamber_command(ident, expected_version)
        chamber.dissolve(on, reason)
        ids = (chamber_name_id(chamber.name), earlier_chamber_name_id(chamber.name))
        claims = (self._load(ChamberName, i, "chamber name") for i in ids if self.exists(i))
        claim = next((c for c in claims if c.chamber_id == chamber.id), None)
        if claim is None:
            return self.record(ctx, chamber)
        claim.release()
        return self.record(ctx, chamber, claim)
