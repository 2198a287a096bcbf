"""The Party organization (党组织) aggregate: founding, management, organizational life, reviews and grades."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields, replace
from datetime import date, timedelta
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain import checks
from domain.branch_records import (
    GradeCorrection,
    GradeRecord,
    Rectification,
    RectificationCorrection,
    Review,
    ReviewCorrection,
    Transfer,
)
from domain.by_year import ByYear
from domain.coverage import MIN_FULL_MEMBERS, Coverage, coverage_by, enough_for_an_organization
from domain.day_corrections import ORGANIZATION, check_corrected_day
from domain.elections import (
    Term,
    TermPolicy,
    check_approval_in_term,
    check_postponement_limit,
    overdue_for_election,
)
from domain.errors import InvalidValue, RuleViolation
from domain.hosting import HostingPolicy
from domain.lectures import LectureSpeakers, lecture_to_void, speaker
from domain.rectification import DEFAULT_POLICY as DEFAULT_RECTIFICATION
from domain.rectification import HelperRole, RectificationPolicy
from domain.structure import (
    Structure,
    check_committee,
    check_party_groups,
    committee_expected,
    minimum_applies,
    structure_on,
)
from domain.values import (
    Activity,
    BranchKind,
    BranchStatus,
    GradingPolicy,
    ManagementBasis,
    Movement,
    RectificationOutcome,
    RectificationStatus,
    movement_between,
    parse_enum,
)


def stood(founded_on: date, ended_on: date | None, first: date, last: date | None = None) -> bool:
    """Whether an organization stood on a day from ``first`` to ``last`` (both included; ``last`` defaults to
    ``first``): founded by ``last`` and not ended by ``first``. On the day it ends it no longer stands."""
    return founded_on <= (last or first) and (ended_on is None or first < ended_on)


def managing_unit_on(units: Iterable[tuple[date, str]], day: date) -> str:
    """The unit that managed an organization on ``day``, given each unit with the day it took over, the founding
    unit first; before the founding, the founding unit."""
    taken = list(units)
    unit = taken[0][1]
    for since, name in taken:
        if since <= day:
            unit = name
    return unit


Record = TypeVar("Record", bound=Mapping[str, Any])
R = TypeVar("R")


def latest_rectification(rectifications: Sequence[Record], year: int) -> Record | None:
    """The last rectification opened for a year's weak grade, or None."""
    return next((r for r in reversed(rectifications) if r["year"] == year), None)


def rectification_status(due_on: date | None, closed: bool, on: date) -> RectificationStatus:
    """Where a rectification stands on a day: ``due_on`` None when none was opened; overdue once the due day has
    passed without it being closed."""
    if due_on is None:
        return RectificationStatus.NONE
    if closed:
        return RectificationStatus.CLOSED
    return RectificationStatus.OVERDUE if due_on < on else RectificationStatus.OPEN


def review_correction(event: Any) -> dict[str, Any]:
    """What a review correction changed, and why, as the review's record keeps it."""
    return {
        "from_score": event.from_score,
        "to_score": event.to_score,
        "from_veto_findings": list(event.from_veto_findings),
        "to_veto_findings": list(event.to_veto_findings),
        "reason": event.reason,
        "from_reviewed_on": event.from_reviewed_on,
        "to_reviewed_on": event.to_reviewed_on,
    }


def last_day_in(year: int, ended_on: date | None) -> date:
    """The last day of ``year`` an organization stood, for one that stood in it: 31 December, or the day before
    it ended."""
    last = date(year, 12, 31)
    return min(last, ended_on - timedelta(days=1)) if ended_on is not None else last


class PartyBranch(Aggregate):
    """A Party organization hosted by one enterprise, several (a joint branch), or a chamber.

    Version 2 keeps full (正式) and probationary (预备) Party members apart, whether the organization has a
    committee and Party groups, and its terms; a snapshot of version 1 reads as its events do. Version 3 keeps its
    reviews, grades and organizational life by year as a whole number, its records as frozen value objects
    (``domain.branch_records``) and the hosting policy it was founded under (``max_joint_units``); a snapshot of
    version 2 reads its dicts keyed by year as text into them, and the default policy. Version 4 keeps, by year,
    how many lectures say the secretary gave them and how many someone else (``lecture_speakers``), and who
    approved a joint branch covering more units than the policy's (``joint_units_approved_by``); a snapshot of
    version 3 knows no lecture that said, and no approval, as its events do."""

    class_version = 4

    class Founded(Aggregate.Created):
        """Version 2 records full and probationary members, the committee, Party groups and the first term's end.
        A version 1 founding's count reads as full members, probationary unknown, committee and groups not
        recorded, and a first term of the default length. Version 3 records the hosting policy it was founded
        under (``max_joint_units``, the units a joint branch may cover); an earlier founding reads the default.
        Version 4 records who approved a joint branch covering more units than that (``joint_units_approved_by``);
        an earlier founding needed no approval."""

        class_version = 4

        name: str
        kind: str
        host_member_ids: list[UUID]
        host_chamber_id: UUID | None
        street: str
        managing_unit: str
        management_basis: str
        founded_on: date
        full_members: int
        probationary_members: int | None
        has_committee: bool | None
        has_party_groups: bool | None
        term_ends_on: date
        max_joint_units: int
        joint_units_approved_by: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["full_members"] = state.pop("party_member_count")
            state["probationary_members"] = None
            state["has_committee"] = None
            state["has_party_groups"] = None
            state["term_ends_on"] = TermPolicy().ends_on(state["kind"], state["founded_on"])

        @staticmethod
        def upcast_v2_v3(state: dict[str, Any]) -> None:
            state["max_joint_units"] = HostingPolicy().max_joint_units

        @staticmethod
        def upcast_v3_v4(state: dict[str, Any]) -> None:
            state["joint_units_approved_by"] = None

    class Renamed(Aggregate.Event):
        """The organization's name changed or corrected, with a reason; the history keeps the name before."""

        from_name: str
        to_name: str
        reason: str

        def apply(self, branch: PartyBranch) -> None:
            branch.name = self.to_name

    class FoundedOnCorrected(Aggregate.Event):
        """The day the organization was founded, recorded wrongly, corrected with a reason; its first structure and
        first term start on the corrected day. The history keeps the day first recorded."""

        from_on: date
        to_on: date
        reason: str

        def apply(self, branch: PartyBranch) -> None:
            branch.founded_on = self.to_on
            if branch.structures[0].since == self.from_on:
                branch.structures[0] = replace(branch.structures[0], since=self.to_on)
            if branch.terms[0].starts_on == self.from_on:
                branch.terms[0] = replace(branch.terms[0], starts_on=self.to_on)

    class ManagementTransferred(Aggregate.Event):
        managing_unit: str
        basis: str
        on: date
        reason: str

        def apply(self, branch: PartyBranch) -> None:
            branch.managing_unit = self.managing_unit
            branch.management_basis = self.basis
            branch.transfers.append(Transfer(self.managing_unit, self.basis, self.on, self.reason))

    class TransferDayCorrected(Aggregate.Event):
        """The day of a management transfer, recorded wrongly, corrected with a reason: the last transfer recorded
        on ``from_on`` took effect on ``to_on``. The history keeps the day first recorded."""

        from_on: date
        to_on: date
        reason: str

        def apply(self, branch: PartyBranch) -> None:
            index = max(i for i, t in enumerate(branch.transfers) if t.on == self.from_on)
            branch.transfers[index] = replace(branch.transfers[index], on=self.to_on)

    class PartyMemberCountReported(Aggregate.Event):
        """Version 1 carried one ``count``: it reads as full members, probationary unknown."""

        class_version = 2

        full_members: int
        probationary_members: int | None
        on: date

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["full_members"] = state.pop("count")
            state["probationary_members"] = None

        def apply(self, branch: PartyBranch) -> None:
            branch.full_members = self.full_members
            branch.probationary_members = self.probationary_members

    class StructureRecorded(Aggregate.Event):
        """From ``on``, whether the organization has a committee and Party groups."""

        has_committee: bool
        has_party_groups: bool
        on: date

        def apply(self, branch: PartyBranch) -> None:
            branch.structures.append(Structure(self.on, self.has_committee, self.has_party_groups))

    class ElectionHeld(Aggregate.Event):
        """A new committee (or secretary) elected on ``elected_on``, serving until ``term_ends_on``."""

        elected_on: date
        term_ends_on: date

        def apply(self, branch: PartyBranch) -> None:
            branch.terms.append(Term(self.elected_on, self.term_ends_on))

    class ElectionCorrected(Aggregate.Event):
        """The day of an election and/or its term's end, recorded wrongly, corrected with a reason; each as it was
        and as it is now (the same when not corrected). The history keeps the days first recorded."""

        from_elected_on: date
        to_elected_on: date
        from_term_ends_on: date
        to_term_ends_on: date
        reason: str

        def apply(self, branch: PartyBranch) -> None:
            index = next(i for i, t in enumerate(branch.terms) if i and t.starts_on == self.from_elected_on)
            branch.terms[index] = replace(
                branch.terms[index], starts_on=self.to_elected_on, ends_on=self.to_term_ends_on
            )

    class ElectionPostponed(Aggregate.Event):
        """The current term's election moved to ``postponed_to``, approved by ``approved_by`` on ``approved_on``."""

        postponed_to: date
        approved_by: str
        approved_on: date

        def apply(self, branch: PartyBranch) -> None:
            branch.terms[-1] = replace(
                branch.terms[-1],
                postponed_to=self.postponed_to,
                approved_by=self.approved_by,
                approved_on=self.approved_on,
            )

    class OrganizationalLifeRecorded(Aggregate.Event):
        """Version 2 records whether the secretary gave a lecture (``by_secretary``; None for another activity
        or when not said); an activity recorded earlier does not say."""

        class_version = 2

        activity: str
        held_on: date
        attendance: int
        by_secretary: bool | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["by_secretary"] = None

        def apply(self, branch: PartyBranch) -> None:
            per_year = branch.organizational_life.setdefault(self.held_on.year, {})
            per_year[self.activity] = per_year.get(self.activity, 0) + 1
            if self.by_secretary is not None:
                speakers = branch.lecture_speakers.get(self.held_on.year, LectureSpeakers())
                branch.lecture_speakers[self.held_on.year] = speakers.counted(self.by_secretary, 1)

    class MeetingVoided(Aggregate.Event):
        """An activity recorded in error, voided with a reason: it no longer counts; its record stays in the
        history. Version 2 says, of a lecture, whether the one voided was the secretary's (None: one that did not
        say, or another activity); one voided earlier did not."""

        class_version = 2

        activity: str
        held_on: date
        reason: str
        by_secretary: bool | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["by_secretary"] = None

        def apply(self, branch: PartyBranch) -> None:
            per_year = branch.organizational_life[self.held_on.year]
            per_year[self.activity] -= 1
            if not per_year[self.activity]:
                del per_year[self.activity]
            if self.by_secretary is not None:
                speakers = branch.lecture_speakers[self.held_on.year]
                branch.lecture_speakers[self.held_on.year] = speakers.counted(self.by_secretary, -1)

    class Reviewed(Aggregate.Event):
        year: int
        score: int
        veto_findings: list[str]
        reviewed_on: date
        reviewer: str
        summary: str

        def apply(self, branch: PartyBranch) -> None:
            branch.reviews[self.year] = Review(
                self.score, tuple(self.veto_findings), self.reviewed_on, self.reviewer, self.summary
            )

    class ReviewCorrected(Aggregate.Event):
        """A year's review score, findings and day corrected with a reason; the review as first recorded stays in
        the history and in the record's corrections. Version 2 may correct the day (``to_reviewed_on``; None: the
        day unchanged); an earlier correction left it."""

        class_version = 2

        year: int
        from_score: int
        to_score: int
        from_veto_findings: list[str]
        to_veto_findings: list[str]
        reason: str
        from_reviewed_on: date | None
        to_reviewed_on: date | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["from_reviewed_on"] = None
            state["to_reviewed_on"] = None

        def apply(self, branch: PartyBranch) -> None:
            branch.reviews[self.year] = branch.reviews[self.year].corrected(ReviewCorrection(**review_correction(self)))

    class Graded(Aggregate.Event):
        year: int
        grade: str
        basis: dict[str, Any]
        override_reason: str | None

        def apply(self, branch: PartyBranch) -> None:
            branch.grades[self.year] = GradeRecord(self.grade, dict(self.basis), self.override_reason)

    class GradeCorrected(Aggregate.Event):
        year: int
        from_grade: str
        to_grade: str
        reason: str

        def apply(self, branch: PartyBranch) -> None:
            correction = GradeCorrection(self.from_grade, self.to_grade, self.reason)
            branch.grades[self.year] = branch.grades[self.year].corrected(correction)

    class RectificationOpened(Aggregate.Event):
        """Version 2 records the day it opened; version 3 the helper (帮扶责任人) with their role, and the plan.
        An earlier opening's day, helper and plan are not known."""

        class_version = 3

        year: int
        measures: str
        due_on: date
        opened_on: date | None
        helper: str | None
        helper_role: str | None
        plan: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["opened_on"] = None

        @staticmethod
        def upcast_v2_v3(state: dict[str, Any]) -> None:
            state["helper"] = None
            state["helper_role"] = None
            state["plan"] = None

        def apply(self, branch: PartyBranch) -> None:
            branch.rectifications.append(
                Rectification(
                    self.year,
                    self.measures,
                    self.due_on,
                    self.opened_on,
                    self.helper,
                    self.helper_role,
                    self.plan,
                )
            )

    class RectificationClosed(Aggregate.Event):
        """Version 2 closes by acceptance (验收): the managing unit that accepted it and the person who did. A
        version 1 closing's acceptance is not known."""

        class_version = 2

        on: date
        outcome: str
        accepting_unit: str | None
        accepted_by: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["accepting_unit"] = None
            state["accepted_by"] = None

        def apply(self, branch: PartyBranch) -> None:
            branch.rectifications[-1] = branch.rectifications[-1].closed(
                self.on, self.outcome, self.accepting_unit, self.accepted_by
            )

    class RectificationDaysCorrected(Aggregate.Event):
        """A year's rectification's days (opening, due, closing) corrected with a reason; each day as it was and
        as it is now (the same when not corrected). The days first recorded stay in the history and in the
        record's corrections."""

        year: int
        from_opened_on: date | None
        to_opened_on: date | None
        from_due_on: date
        to_due_on: date
        from_closed_on: date | None
        to_closed_on: date | None
        reason: str

        def apply(self, branch: PartyBranch) -> None:
            index = max(i for i, r in enumerate(branch.rectifications) if r.year == self.year)
            correction = RectificationCorrection(
                self.from_opened_on,
                self.to_opened_on,
                self.from_due_on,
                self.to_due_on,
                self.from_closed_on,
                self.to_closed_on,
                self.reason,
            )
            branch.rectifications[index] = branch.rectifications[index].corrected(correction)

    class Dissolved(Aggregate.Event):
        on: date
        reason: str

        def apply(self, branch: PartyBranch) -> None:
            branch.ended_on = self.on
            branch.status = BranchStatus.DISSOLVED
            branch.end_reason = self.reason

    class MergedInto(Aggregate.Event):
        branch_id: UUID
        on: date

        def apply(self, branch: PartyBranch) -> None:
            branch.ended_on = self.on
            branch.status = BranchStatus.MERGED
            branch.merged_into = self.branch_id

    def __init__(
        self,
        name: str,
        kind: str,
        host_member_ids: list[UUID],
        host_chamber_id: UUID | None,
        street: str,
        managing_unit: str,
        management_basis: str,
        founded_on: date,
        full_members: int,
        probationary_members: int | None,
        has_committee: bool | None,
        has_party_groups: bool | None,
        term_ends_on: date,
        max_joint_units: int,
        joint_units_approved_by: str | None,
    ) -> None:
        self.name = name
        self.kind = kind
        self.host_member_ids = list(host_member_ids)
        self.host_chamber_id = host_chamber_id
        self.street = street
        self.managing_unit = managing_unit
        self.management_basis = management_basis
        self.founded_on = founded_on
        self.full_members = full_members
        self.probationary_members = probationary_members
        self.structures: list[Structure] = [Structure(founded_on, has_committee, has_party_groups)]
        self.terms: list[Term] = [Term(founded_on, term_ends_on)]
        self.max_joint_units = max_joint_units
        self.joint_units_approved_by = joint_units_approved_by
        self.status: str = BranchStatus.ACTIVE
        self.ended_on: date | None = None
        self.end_reason: str | None = None
        self.merged_into: UUID | None = None
        self.transfers: list[Transfer] = []
        self.organizational_life: ByYear[dict[str, int]] = ByYear()
        self.lecture_speakers: ByYear[LectureSpeakers] = ByYear()
        self.reviews: ByYear[Review] = ByYear()
        self.grades: ByYear[GradeRecord] = ByYear()
        self.rectifications: list[Rectification] = []

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A snapshot of version 1 as its events read: the count as full members, committee and groups not
        recorded, a first term of the default length from the founding."""
        founded_on = state["founded_on"]
        state["full_members"] = state.pop("party_member_count")
        state["probationary_members"] = None
        state["structures"] = [Structure(founded_on, None, None)]
        state["terms"] = [Term(founded_on, TermPolicy().ends_on(state["kind"], founded_on))]

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        """A snapshot of version 2 kept its records as dicts, those by year keyed by the year as text; they read
        as the records of version 3, a field a dict of an earlier release lacks as not known. Its founding's
        hosting policy reads as the default, as its founding event does."""
        state["max_joint_units"] = HostingPolicy().max_joint_units
        state["transfers"] = [_record(Transfer, t) for t in state["transfers"]]
        state["organizational_life"] = ByYear((int(y), dict(held)) for y, held in state["organizational_life"].items())
        state["reviews"] = ByYear((int(y), _record(Review, r, ReviewCorrection)) for y, r in state["reviews"].items())
        state["grades"] = ByYear((int(y), _record(GradeRecord, g, GradeCorrection)) for y, g in state["grades"].items())
        state["rectifications"] = [_record(Rectification, r) for r in state["rectifications"]]

    @staticmethod
    def upcast_v3_v4(state: dict[str, Any]) -> None:
        """A snapshot of version 3 knows no lecture that said who gave it, and its founding needed no approval for
        the units it covers."""
        state["lecture_speakers"] = ByYear()
        state["joint_units_approved_by"] = None

    @classmethod
    def found(
        cls,
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
        term_policy: TermPolicy | None = None,
        hosting_policy: HostingPolicy | None = None,
        joint_units_approved_by: str | None = None,
    ) -> PartyBranch:
        """Found an organization; the host is one or more member enterprises, or a chamber, never both.

        Its founding elects its first committee (or secretary): the term ends on ``term_ends_on``, by default
        a term of ``term_policy``'s length. ``has_committee`` defaults to what the rules expect of its kind and
        full members. A joint branch covering more units than ``hosting_policy`` allows names who approved it
        (``joint_units_approved_by``)."""
        kind = parse_enum(BranchKind, kind, "kind").value
        members = list(dict.fromkeys(host_member_ids or []))
        if members and host_chamber_id is not None:
            raise InvalidValue("host_chamber_id", "give host_member_ids or host_chamber_id, not both")
        if not members and host_chamber_id is None:
            raise InvalidValue("host_member_ids", "give host_member_ids or host_chamber_id")
        if kind == BranchKind.JOINT_BRANCH and len(members) < 2:
            raise RuleViolation("branch.joint_needs_two_hosts", "a joint branch has two or more host members")
        if kind == BranchKind.JOINT_COMMITTEE and host_chamber_id is None:
            raise RuleViolation("branch.joint_committee_needs_chamber", "a joint committee is hosted by a chamber")
        if kind not in (BranchKind.JOINT_BRANCH, BranchKind.JOINT_COMMITTEE) and len(members) > 1:
            raise RuleViolation("branch.single_host", f"a {kind} has one host enterprise; use a joint branch")
        hosting_policy = hosting_policy or HostingPolicy()
        approval = hosting_policy.check_joint_units(kind, len(members), joint_units_approved_by)
        full_members = checks.count(full_members, "full_members")
        probationary = (
            None if probationary_members is None else checks.count(probationary_members, "probationary_members")
        )
        if not enough_for_an_organization(full_members):
            raise RuleViolation(
                "branch.too_few_party_members",
                f"an organization needs at least {MIN_FULL_MEMBERS} full Party members; "
                "fewer are covered by a joint branch",
            )
        committee = committee_expected(kind, full_members) if has_committee is None else has_committee
        committee = check_committee(kind, full_members, committee)
        founded_on = checks.day(founded_on, "founded_on")
        ends_on = cls._term_end(kind, founded_on, term_ends_on, term_policy or TermPolicy())
        return cls._create(
            cls.Founded,
            name=checks.text(name, "name", max_length=200),
            kind=kind,
            host_member_ids=members,
            host_chamber_id=host_chamber_id,
            street=checks.text(street, "street", max_length=100),
            managing_unit=checks.text(managing_unit, "managing_unit", max_length=200),
            management_basis=parse_enum(ManagementBasis, management_basis, "management_basis").value,
            founded_on=founded_on,
            full_members=full_members,
            probationary_members=probationary,
            has_committee=committee,
            has_party_groups=check_party_groups(has_party_groups),
            term_ends_on=ends_on,
            max_joint_units=hosting_policy.max_joint_units,
            joint_units_approved_by=approval,
        )

    @staticmethod
    def _term_end(kind: str, starts_on: date, ends_on: date | None, policy: TermPolicy) -> date:
        """The end of a term elected on ``starts_on``: as given, or a full term of the policy; never before the
        election nor beyond a full term."""
        full_term = policy.ends_on(kind, starts_on)
        if ends_on is None:
            return full_term
        ends_on = checks.day(ends_on, "term_ends_on")
        if ends_on <= starts_on:
            raise RuleViolation(
                "election.term_end_before_election",
                "a term must end after the day it was elected",
                "任期届满日须晚于选举日期",
            )
        if ends_on > full_term:
            raise RuleViolation(
                "election.term_too_long",
                f"a {kind}'s term is {policy.years[kind]} years: it ends by {full_term.isoformat()}; "
                "a longer one is a postponement with approval",
                f"每届任期{policy.years[kind]}年，最迟于{full_term.isoformat()}届满；超出须经批准延期换届",
            )
        return ends_on

    @property
    def is_active(self) -> bool:
        return self.status == BranchStatus.ACTIVE

    @property
    def party_member_count(self) -> int:
        """The full Party members: what every threshold counts (the name of the first release)."""
        return self.full_members

    @property
    def structure(self) -> Structure:
        return self.structures[-1]

    @property
    def has_committee(self) -> bool:
        """Whether the organization has a committee now: as recorded, or as the rules expect when not recorded."""
        return self.structure.committee(self.kind, self.full_members)

    @property
    def has_party_groups(self) -> bool:
        return self.structure.party_groups

    @property
    def current_term(self) -> Term:
        return self.terms[-1]

    def is_overdue_for_election(self, on: date) -> bool:
        """Whether, on that day, the organization is past the (postponed) end of its current term."""
        return overdue_for_election(self.current_term.due_by, self.ended_on, on)

    def requires(self, activity: str, year: int) -> bool:
        """Whether the minimum for ``activity`` applies to the organization's ``year``, as it was set up on the
        last day it stood in that year."""
        structure = structure_on(self.structures, last_day_in(year, self.ended_on))
        return minimum_applies(activity, structure.committee(self.kind, self.full_members), structure.party_groups)

    @property
    def coverage(self) -> Coverage:
        """What the organization gives the enterprises that host it."""
        return coverage_by(self.kind)

    def stood_on(self, first: date, last: date | None = None) -> bool:
        """Whether the organization stood on a day from ``first`` to ``last`` (both included)."""
        return stood(self.founded_on, self.ended_on, first, last)

    def grade_for(self, year: int) -> str | None:
        """The year's grade as it now reads (corrected or not), or None when the year is not graded."""
        record = self.grades.get(year)
        return record.grade if record else None

    def movement(self, year: int) -> Movement | None:
        """How the year's grade compares with the year before's, when both years are graded: each ranked within the
        set of the policy it was given under."""
        record, before = self.grades.get(year), self.grades.get(year - 1)
        if record is None or before is None or record.rank is None or before.rank is None:
            return None
        return movement_between(record.rank, before.rank)

    def graded_bottom(self, year: int) -> bool:
        """Whether the year's grade is the bottom grade of its round's set (weak in the default set)."""
        record = self.grades.get(year)
        return record is not None and record.is_bottom

    def escalated(self, year: int) -> bool:
        """Bottom-graded in ``year`` and in the year before (weak two years running)."""
        return self.graded_bottom(year) and self.graded_bottom(year - 1)

    def rectification_for(self, year: int) -> Rectification | None:
        """The last rectification opened for the year's weak grade, or None."""
        return next((r for r in reversed(self.rectifications) if r.year == year), None)

    def rectification_status(self, year: int, on: date) -> RectificationStatus:
        """Where the rectification of the year's weak grade stands on ``on``."""
        found = self.rectification_for(year)
        if found is None:
            return rectification_status(None, False, on)
        return rectification_status(found.due_on, found.is_closed, on)

    def complies_with(self, policy: GradingPolicy, year: int) -> bool:
        """Whether the year's organizational life reaches every minimum of ``policy`` that applies to it."""
        held = self.organizational_life.get(year, {})
        return policy.complies(held, lambda activity: self.requires(activity, year))

    def review_for(self, year: int) -> Review:
        """The year's review, which any grade for that year rests on."""
        review = self.reviews.get(year)
        if review is None:
            raise RuleViolation("grade.requires_review", f"no review recorded for {year}: a grade rests on a review")
        return review

    def rename(self, name: str, reason: str) -> None:
        """Change or correct the organization's name, with a reason."""
        self._require_active()
        name = checks.text(name, "name", max_length=200)
        reason = checks.text(reason, "reason")
        if name == self.name:
            raise RuleViolation(
                "branch.rename_changes_nothing", f"the organization is named {name} already", "新名称与现有名称相同"
            )
        self.trigger_event(self.Renamed, from_name=self.name, to_name=name, reason=reason)

    def correct_founded_on(
        self, on: date, reason: str, first_fact_on: date | None = None, first_year: int | None = None
    ) -> None:
        """Correct the day the organization was founded, with a reason: no later than ``first_fact_on``, the
        earliest day the log records of it after its founding (a meeting, a review, an election, a transfer ...),
        nor in a year after ``first_year``, the first year it was reviewed, graded or rectified for, and before its
        first term's end."""
        self._require_active()
        on = checks.day(on, "founded_on")
        reason = checks.text(reason, "reason")
        check_corrected_day(
            ORGANIZATION,
            self.founded_on,
            on,
            f"the organization was founded on {on.isoformat()} already",
            first_fact_on,
            first_year,
        )
        first_term_ends_on = self.terms[0].ends_on
        if on >= first_term_ends_on:
            raise RuleViolation(
                "branch.founded_after_recorded_fact",
                f"its first term ends on {first_term_ends_on.isoformat()}; it was founded before",
                f"该党组织第一届任期于{first_term_ends_on.isoformat()}届满，成立日期须早于该日",
            )
        self.trigger_event(self.FoundedOnCorrected, from_on=self.founded_on, to_on=on, reason=reason)

    def transfer_management(self, managing_unit: str, basis: str, on: date, reason: str) -> None:
        self._require_active()
        managing_unit = checks.text(managing_unit, "managing_unit", max_length=200)
        basis = parse_enum(ManagementBasis, basis, "basis").value
        if managing_unit == self.managing_unit and basis == self.management_basis:
            raise RuleViolation("branch.transfer_to_same_unit", "the organization is already managed so")
        on = self._not_before_founding(on, "on")
        if self.transfers and on < self.transfers[-1].on:
            raise RuleViolation("branch.transfer_before_previous", "a transfer cannot precede the previous one")
        self.trigger_event(
            self.ManagementTransferred,
            managing_unit=managing_unit,
            basis=basis,
            on=on,
            reason=checks.text(reason, "reason"),
        )

    def correct_transfer_day(self, on: date, to_on: date, reason: str) -> None:
        """Correct, with a reason, the day of the last management transfer recorded on ``on``: not before the
        founding nor the transfer before, not after the transfer after."""
        self._require_active()
        on = checks.day(on, "on")
        reason = checks.text(reason, "reason")
        index = max((i for i, t in enumerate(self.transfers) if t.on == on), default=None)
        if index is None:
            raise RuleViolation(
                "branch.transfer_not_recorded",
                f"no management transfer recorded on {on.isoformat()} to correct",
                f"该党组织没有{on.isoformat()}的管理移交记录，无从更正",
            )
        to_on = self._not_before_founding(to_on, "to_on")
        if to_on == on:
            raise RuleViolation(
                "branch.transfer_correction_changes_nothing",
                f"the transfer took effect on {on.isoformat()} already",
                f"管理移交日期已是{on.isoformat()}",
            )
        if index and to_on < self.transfers[index - 1].on:
            raise RuleViolation("branch.transfer_before_previous", "a transfer cannot precede the previous one")
        if index + 1 < len(self.transfers) and to_on > self.transfers[index + 1].on:
            after = self.transfers[index + 1].on
            raise RuleViolation(
                "branch.transfer_after_next",
                f"the next transfer took effect on {after.isoformat()}; this one no later",
                f"下一次管理移交于{after.isoformat()}生效，本次移交日期不能晚于该日",
            )
        self.trigger_event(self.TransferDayCorrected, from_on=on, to_on=to_on, reason=reason)

    def report_party_members(self, full_members: int, on: date, probationary_members: int | None = None) -> None:
        """The organization's full and probationary Party members on a day (probationary None: not reported)."""
        self._require_active()
        self.trigger_event(
            self.PartyMemberCountReported,
            full_members=checks.count(full_members, "full_members"),
            probationary_members=None
            if probationary_members is None
            else checks.count(probationary_members, "probationary_members"),
            on=self._not_before_founding(on, "on"),
        )

    def record_structure(self, has_committee: bool, has_party_groups: bool, on: date) -> None:
        """Record from a day on whether the organization has a committee and Party groups."""
        self._require_active()
        committee = check_committee(self.kind, self.full_members, has_committee)
        groups = check_party_groups(has_party_groups)
        on = self._not_before_founding(on, "on")
        if on < self.structure.since:
            raise RuleViolation(
                "structure.before_previous",
                "a change of structure cannot precede the previous one",
                "组织设置变更日期不能早于上一次变更",
            )
        if (committee, groups) == (self.structure.has_committee, self.structure.has_party_groups):
            raise RuleViolation(
                "structure.changes_nothing", "the organization is already set up so", "组织设置与现有情况相同"
            )
        self.trigger_event(self.StructureRecorded, has_committee=committee, has_party_groups=groups, on=on)

    def record_election(
        self, elected_on: date, term_ends_on: date | None = None, policy: TermPolicy | None = None
    ) -> None:
        """Record the election of a new committee (or secretary) on ``elected_on``; the term ends on
        ``term_ends_on``, by default a full term of ``policy``."""
        self._require_active()
        elected_on = checks.day(elected_on, "elected_on")
        if elected_on < self.founded_on:
            raise RuleViolation(
                "election.before_founding", "the organization did not exist on that day", "选举日期早于该党组织成立日期"
            )
        if elected_on <= self.current_term.starts_on:
            raise RuleViolation(
                "election.before_previous",
                f"the current term was elected on {self.current_term.starts_on.isoformat()}; "
                "an election must follow it",
                f"本届于{self.current_term.starts_on.isoformat()}产生，换届选举须在其后",
            )
        ends_on = self._term_end(self.kind, elected_on, term_ends_on, policy or TermPolicy())
        self.trigger_event(self.ElectionHeld, elected_on=elected_on, term_ends_on=ends_on)

    def correct_election(
        self,
        elected_on: date,
        reason: str,
        to_elected_on: date | None = None,
        to_term_ends_on: date | None = None,
        policy: TermPolicy | None = None,
    ) -> None:
        """Correct, with a reason, the day of the election recorded on ``elected_on`` and/or its term's end (None:
        unchanged), by the rules it was recorded under: after the founding and the election before, before the
        election after, the term ending after the election and within a full term of ``policy``; a postponement of
        the term still later than its end, by no more than the policy allows, approved no earlier than the
        election."""
        self._require_active()
        elected_on = checks.day(elected_on, "elected_on")
        reason = checks.text(reason, "reason")
        index = next((i for i, t in enumerate(self.terms) if i and t.starts_on == elected_on), None)
        if index is None:
            raise RuleViolation(
                "election.not_recorded",
                f"no election recorded on {elected_on.isoformat()} to correct",
                f"该党组织没有{elected_on.isoformat()}的换届选举记录，无从更正",
            )
        term = self.terms[index]
        policy = policy or TermPolicy()
        to_day = term.starts_on if to_elected_on is None else checks.day(to_elected_on, "to_elected_on")
        if to_day < self.founded_on:
            raise RuleViolation(
                "election.before_founding", "the organization did not exist on that day", "选举日期早于该党组织成立日期"
            )
        before = self.terms[index - 1].starts_on
        if to_day <= before:
            raise RuleViolation(
                "election.before_previous",
                f"the term before was elected on {before.isoformat()}; an election must follow it",
                f"上一届于{before.isoformat()}产生，换届选举须在其后",
            )
        if index + 1 < len(self.terms) and to_day >= self.terms[index + 1].starts_on:
            after = self.terms[index + 1].starts_on
            raise RuleViolation(
                "election.after_next",
                f"the next term was elected on {after.isoformat()}; this election came before it",
                f"下一届于{after.isoformat()}产生，本次选举日期须早于该日",
            )
        ends_on = term.ends_on if to_term_ends_on is None else checks.day(to_term_ends_on, "to_term_ends_on")
        ends_on = self._term_end(self.kind, to_day, ends_on, policy)
        if (to_day, ends_on) == (term.starts_on, term.ends_on):
            raise RuleViolation(
                "election.correction_changes_nothing",
                f"the election of {elected_on.isoformat()} already reads so",
                "更正后的选举日期和任期届满日与现有记录相同",
            )
        if term.postponed_to is not None:
            self._check_postponement(replace(term, starts_on=to_day, ends_on=ends_on), policy)
        self.trigger_event(
            self.ElectionCorrected,
            from_elected_on=term.starts_on,
            to_elected_on=to_day,
            from_term_ends_on=term.ends_on,
            to_term_ends_on=ends_on,
            reason=reason,
        )

    @staticmethod
    def _check_postponement(term: Term, policy: TermPolicy) -> None:
        """A corrected term's postponement still holds: approved no earlier than the election, to a day later
        than the term's end and within the policy's limit."""
        if term.approved_on is not None:
            check_approval_in_term(term.approved_on, term.starts_on)
        postponed_to = term.postponed_to or term.ends_on
        if postponed_to <= term.ends_on:
            raise RuleViolation(
                "election.postponement_not_later",
                f"the term was postponed to {postponed_to.isoformat()}: it ends before that",
                f"本届已延期至{postponed_to.isoformat()}，任期届满日须早于该日",
            )
        check_postponement_limit(policy, term.ends_on, postponed_to)

    def postpone_election(
        self, postponed_to: date, approved_by: str, approved_on: date, policy: TermPolicy | None = None
    ) -> None:
        """Postpone the current term's election, with the approval of ``approved_by``, by at most ``policy``'s
        limit (one year) past the term's end."""
        self._require_active()
        policy = policy or TermPolicy()
        term = self.current_term
        postponed_to = checks.day(postponed_to, "postponed_to")
        approved_by = checks.text(approved_by, "approved_by", max_length=200)
        approved_on = checks.day(approved_on, "approved_on")
        check_approval_in_term(approved_on, term.starts_on)
        if postponed_to <= term.due_by:
            raise RuleViolation(
                "election.postponement_not_later",
                f"the term already stands until {term.due_by.isoformat()}",
                f"延期后的日期须晚于{term.due_by.isoformat()}",
            )
        check_postponement_limit(policy, term.ends_on, postponed_to)
        self.trigger_event(
            self.ElectionPostponed, postponed_to=postponed_to, approved_by=approved_by, approved_on=approved_on
        )

    def record_organizational_life(
        self, activity: str, held_on: date, attendance: int, by_secretary: bool | None = None
    ) -> None:
        """Record an activity held; a lecture may say whether the secretary gave it."""
        self._require_active()
        activity = parse_enum(Activity, activity, "activity").value
        self.trigger_event(
            self.OrganizationalLifeRecorded,
            activity=activity,
            held_on=self._not_before_founding(held_on, "held_on"),
            attendance=checks.count(attendance, "attendance", maximum=100_000),
            by_secretary=speaker(activity, by_secretary),
        )

    def void_meeting(
        self,
        activity: str,
        held_on: date,
        reason: str,
        recorded: Mapping[bool | None, int],
        voided: Mapping[bool | None, int],
        by_secretary: bool | None = None,
    ) -> None:
        """Void, with a reason, one ``activity`` held on ``held_on`` that was recorded in error; ``recorded`` and
        ``voided`` are how many such activities of that day the organization's log records and has voided, by
        whether the secretary gave them (None: not said). Of a day's lectures, the one ``by_secretary`` names, or
        the only kind left."""
        self._require_active()
        activity = parse_enum(Activity, activity, "activity").value
        held_on = checks.day(held_on, "held_on")
        reason = checks.text(reason, "reason")
        asked = speaker(activity, by_secretary)
        kinds = [asked] if asked is not None else list(recorded)
        if not sum(recorded.get(kind, 0) for kind in kinds):
            raise RuleViolation(
                "meeting.not_recorded",
                f"no {activity} held on {held_on.isoformat()} is recorded",
                f"该党组织没有{held_on.isoformat()}的{Activity(activity).label}记录",
            )
        remaining = {kind: recorded.get(kind, 0) - voided.get(kind, 0) for kind in kinds}
        if not any(left > 0 for left in remaining.values()):
            raise RuleViolation(
                "meeting.already_voided",
                f"the {activity} held on {held_on.isoformat()} is already voided",
                f"该党组织{held_on.isoformat()}的{Activity(activity).label}记录已经作废",
            )
        kind = lecture_to_void(remaining, asked)
        self.trigger_event(self.MeetingVoided, activity=activity, held_on=held_on, reason=reason, by_secretary=kind)

    def review(
        self, year: int, score: int, veto_findings: list[str], reviewed_on: date, reviewer: str, summary: str
    ) -> None:
        """Record the annual review (述职评议) for a year: one per year."""
        self._require_active()
        year = checks.year(year)
        score, findings = _score(score), _findings(veto_findings)
        reviewed_on = checks.day(reviewed_on, "reviewed_on")
        if year < self.founded_on.year:
            raise RuleViolation("review.before_founding", "the organization did not exist in that year")
        if reviewed_on < date(year, 1, 1):
            raise InvalidValue("reviewed_on", "a review of a year cannot be held before that year begins")
        if year in self.reviews:
            raise RuleViolation("review.already_recorded", f"a review for {year} is already recorded")
        self.trigger_event(
            self.Reviewed,
            year=year,
            score=score,
            veto_findings=findings,
            reviewed_on=reviewed_on,
            reviewer=checks.text(reviewer, "reviewer", max_length=200),
            summary=checks.text(summary, "summary", required=False),
        )

    def correct_review(
        self,
        year: int,
        reason: str,
        score: int | None = None,
        veto_findings: list[str] | None = None,
        reviewed_on: date | None = None,
    ) -> None:
        """Correct a year's review score, veto findings and/or day (None: unchanged) with a reason; the review as
        first recorded stays in the history. A grade already given keeps its basis: correct it apart if it changes.
        The day stays in the reviewed year or after, and no later than a rectification of that year opened."""
        self._require_active()
        year = checks.year(year)
        record = self.reviews.get(year)
        if record is None:
            raise RuleViolation(
                "review.not_recorded",
                f"no review recorded for {year} to correct",
                f"{year}年度尚未记录述职评议，无从更正",
            )
        to_score = record.score if score is None else _score(score)
        to_findings = list(record.veto_findings) if veto_findings is None else _findings(veto_findings)
        to_day = record.reviewed_on if reviewed_on is None else self._review_day(year, reviewed_on)
        if (to_score, to_findings, to_day) == (record.score, list(record.veto_findings), record.reviewed_on):
            raise RuleViolation(
                "review.correction_changes_nothing",
                f"the review for {year} already reads so",
                f"更正后的{year}年度述职评议与现有记录相同",
            )
        reason = checks.text(reason, "reason")
        moved = to_day != record.reviewed_on
        self.trigger_event(
            self.ReviewCorrected,
            year=year,
            from_score=record.score,
            to_score=to_score,
            from_veto_findings=list(record.veto_findings),
            to_veto_findings=to_findings,
            reason=reason,
            from_reviewed_on=record.reviewed_on if moved else None,
            to_reviewed_on=to_day if moved else None,
        )

    def _review_day(self, year: int, reviewed_on: date) -> date:
        """A corrected review day: not before the reviewed year begins, nor after a rectification of that year
        opened (which rests on the review)."""
        reviewed_on = checks.day(reviewed_on, "reviewed_on")
        if reviewed_on < date(year, 1, 1):
            raise InvalidValue("reviewed_on", "a review of a year cannot be held before that year begins")
        rectification = self.rectification_for(year)
        if rectification is not None and rectification.opened_on is not None and reviewed_on > rectification.opened_on:
            raise RuleViolation(
                "review.after_rectification",
                f"the rectification for {year} opened on {rectification.opened_on.isoformat()}, on the review: the "
                "review was held no later",
                f"{year}年度的整顿已于{rectification.opened_on.isoformat()}依据该评议启动，评议日期不能晚于此日",
            )
        return reviewed_on

    def grade(
        self,
        year: int,
        policy: GradingPolicy,
        round_id: UUID,
        grade: str | None = None,
        override_reason: str | None = None,
    ) -> None:
        """Grade a year from its review under the round's policy; an assessor's other grade needs a written reason."""
        self._require_active()
        year = checks.year(year)
        review = self.review_for(year)
        if year in self.grades:
            raise RuleViolation("grade.already_graded", f"already graded for {year}; correct the grade instead")
        mapped = policy.map(review.score, list(review.veto_findings))
        chosen = mapped if grade is None else policy.grade_set.check(grade, "grade")
        reason: str | None = None
        if chosen != mapped:
            if not override_reason or not str(override_reason).strip():
                raise RuleViolation(
                    "grade.override_requires_reason",
                    f"the policy maps this review to {mapped}; another grade needs an override_reason",
                )
            reason = checks.text(override_reason, "override_reason")
        self.trigger_event(
            self.Graded,
            year=year,
            grade=chosen,
            basis={
                "review_score": review.score,
                "veto_findings": list(review.veto_findings),
                "mapped_grade": mapped,
                "round_id": str(round_id),
                "policy": policy.as_dict(),
            },
            override_reason=reason,
        )

    def correct_grade(self, year: int, grade: str, reason: str) -> None:
        """Correct a year's grade to another grade of the set it was given under (its basis's policy); the
        original stays in the history."""
        self._require_active()
        year = checks.year(year)
        record = self.grades.get(year)
        if record is None:
            raise RuleViolation("grade.not_graded", f"no grade for {year} to correct")
        to_grade = record.grade_set.check(grade, "grade")
        current = record.grade
        if current == to_grade:
            raise RuleViolation("grade.correction_changes_nothing", f"the grade for {year} is already {to_grade}")
        self.trigger_event(
            self.GradeCorrected, year=year, from_grade=current, to_grade=to_grade, reason=checks.text(reason, "reason")
        )

    def open_rectification(
        self,
        year: int,
        measures: str,
        due_on: date | None,
        opened_on: date | None = None,
        *,
        helper: str | None = None,
        helper_role: str | None = None,
        plan: str | None = None,
        policy: RectificationPolicy = DEFAULT_RECTIFICATION,
    ) -> None:
        """Open on ``opened_on`` (None: not given) the rectification (整顿) that a weak grade requires, naming its
        helper (帮扶责任人) in a role and its plan, due by ``due_on`` (None: the policy's default after opening);
        once its opening day is known, it closes no earlier."""
        self._require_active()
        year = checks.year(year)
        if not self.graded_bottom(year):
            raise RuleViolation(
                "rectification.requires_weak_grade",
                f"the organization is not graded {self._bottom_of(year)} (the bottom grade) for {year}",
            )
        if self.open_rectification_record() is not None:
            raise RuleViolation("rectification.already_open", "a rectification is already open")
        if self.rectification_for(year) is not None:
            raise RuleViolation("rectification.already_done", f"a rectification for {year} was already opened")
        if helper is None or not str(helper).strip():
            raise RuleViolation(
                "rectification.helper_required",
                "a rectification names its helper (帮扶责任人)",
                "启动整顿须明确帮扶责任人",
            )
        if plan is None or not str(plan).strip():
            raise RuleViolation("rectification.plan_required", "a rectification has a plan", "启动整顿须有整顿方案")
        if opened_on is not None:
            opened_on = self._not_before_founding(opened_on, "opened_on")
            if opened_on.year < year:
                raise InvalidValue("opened_on", "cannot fall before the graded year")
        if due_on is None:
            if opened_on is None:
                raise RuleViolation(
                    "rectification.due_unknown",
                    "without its opening day, a rectification needs its due day",
                    "未填写启动日期时须填写整顿期限",
                )
            due_on = policy.due_on(opened_on)
        due_on = checks.day(due_on, "due_on")
        if due_on.year < year:
            raise InvalidValue("due_on", "cannot fall before the graded year")
        if opened_on is not None and due_on < opened_on:
            raise InvalidValue("due_on", "must not be before opened_on")
        self.trigger_event(
            self.RectificationOpened,
            year=year,
            measures=checks.text(measures, "measures"),
            due_on=due_on,
            opened_on=opened_on,
            helper=checks.text(helper, "helper"),
            helper_role=parse_enum(HelperRole, helper_role, "helper_role").value,
            plan=checks.text(plan, "plan"),
        )

    def close_rectification(
        self, on: date, outcome: str, *, accepted_by: str | None = None, accepting_unit: str | None = None
    ) -> None:
        """Close the open rectification by its acceptance (验收) on ``on``: by the unit managing the organization
        (``accepting_unit`` defaults to it), naming the person who accepted it."""
        self._require_active()
        current = self.open_rectification_record()
        if current is None:
            raise RuleViolation("rectification.none_open", "no rectification is open")
        on = checks.day(on, "on")
        if on.year < current.year:
            raise InvalidValue("on", "cannot fall before the graded year")
        opened_on = current.opened_on
        if opened_on is not None and on < opened_on:
            raise RuleViolation(
                "rectification.before_opening",
                f"the rectification opened on {opened_on.isoformat()}; it cannot close before",
                f"整顿于{opened_on.isoformat()}启动，结束日期不能早于启动日期",
            )
        if accepted_by is None or not str(accepted_by).strip():
            raise RuleViolation(
                "rectification.acceptor_required",
                "a rectification closes only by acceptance, naming who accepted it",
                "整顿须经验收方可结束，须写明验收人",
            )
        managing = self.managing_unit
        if accepting_unit is not None and checks.text(accepting_unit, "accepting_unit") != managing:
            raise RuleViolation(
                "rectification.acceptor_not_managing_unit",
                f"a rectification is accepted by the managing unit ({managing})",
                f"整顿须由管理单位（{managing}）验收",
            )
        self.trigger_event(
            self.RectificationClosed,
            on=on,
            outcome=parse_enum(RectificationOutcome, outcome, "outcome").value,
            accepting_unit=managing,
            accepted_by=checks.text(accepted_by, "accepted_by"),
        )

    def correct_rectification_days(
        self,
        year: int,
        reason: str,
        opened_on: date | None = None,
        due_on: date | None = None,
        closed_on: date | None = None,
    ) -> None:
        """Correct, with a reason, the days of the rectification of ``year`` (None: unchanged), under the rules
        they were recorded by: opened in or after the graded year and not before the founding, due no earlier than
        opened, closed (only one that closed) no earlier than opened and not before the graded year. The round's
        rules (opened no earlier than the review, no later than the round closed) are the command's."""
        self._require_active()
        year = checks.year(year)
        record = self.rectification_for(year)
        if record is None:
            raise RuleViolation(
                "rectification.not_recorded",
                f"no rectification for {year} to correct",
                f"{year}年度没有整顿记录，无从更正",
            )
        to_opened = record.opened_on if opened_on is None else self._not_before_founding(opened_on, "opened_on")
        if to_opened is not None and to_opened.year < year:
            raise InvalidValue("opened_on", "cannot fall before the graded year")
        to_due = record.due_on if due_on is None else checks.day(due_on, "due_on")
        if to_due.year < year:
            raise InvalidValue("due_on", "cannot fall before the graded year")
        if to_opened is not None and to_due < to_opened:
            raise InvalidValue("due_on", "must not be before opened_on")
        if closed_on is not None and not record.is_closed:
            raise InvalidValue("closed_on", "the rectification has not closed")
        to_closed = record.closed_on if closed_on is None else checks.day(closed_on, "closed_on")
        if to_closed is not None:
            if to_closed.year < year:
                raise InvalidValue("closed_on", "cannot fall before the graded year")
            if to_opened is not None and to_closed < to_opened:
                raise RuleViolation(
                    "rectification.before_opening",
                    f"the rectification opened on {to_opened.isoformat()}; it cannot close before",
                    f"整顿于{to_opened.isoformat()}启动，结束日期不能早于启动日期",
                )
        if (to_opened, to_due, to_closed) == (record.opened_on, record.due_on, record.closed_on):
            raise RuleViolation(
                "rectification.correction_changes_nothing",
                f"the rectification for {year} already reads so",
                f"更正后的{year}年度整顿日期与现有记录相同",
            )
        self.trigger_event(
            self.RectificationDaysCorrected,
            year=year,
            from_opened_on=record.opened_on,
            to_opened_on=to_opened,
            from_due_on=record.due_on,
            to_due_on=to_due,
            from_closed_on=record.closed_on,
            to_closed_on=to_closed,
            reason=checks.text(reason, "reason"),
        )

    def _bottom_of(self, year: int) -> str:
        record = self.grades.get(year)
        return record.grade_set.bottom if record else "weak"

    def open_rectification_record(self) -> Rectification | None:
        """The rectification open now, if any: only the last one opened can be."""
        if self.rectifications and not self.rectifications[-1].is_closed:
            return self.rectifications[-1]
        return None

    def dissolve(self, on: date, reason: str) -> None:
        self._require_active()
        self.trigger_event(self.Dissolved, on=self._not_before_founding(on, "on"), reason=checks.text(reason, "reason"))

    def merge_into(self, branch_id: UUID, on: date) -> None:
        self._require_active()
        if branch_id == self.id:
            raise RuleViolation("branch.merge_into_itself", "an organization cannot merge into itself")
        self.trigger_event(self.MergedInto, branch_id=branch_id, on=self._not_before_founding(on, "on"))

    def _require_active(self) -> None:
        if not self.is_active:
            raise RuleViolation(
                f"branch.{self.status}", f"the organization is {self.status}; nothing more can be recorded"
            )

    def _not_before_founding(self, on: date, field: str) -> date:
        on = checks.day(on, field)
        if on < self.founded_on:
            raise RuleViolation("date.before_founding", f"{field} is before the organization was founded")
        return on


def _record(cls: type[R], data: Mapping[str, Any], correction: type[Any] | None = None) -> R:
    """A record of ``cls`` from the dict a snapshot of version 2 kept: its fields, those the dict lacks at their
    defaults (not known); its ``corrections`` as records of ``correction``."""
    known = {f.name: data[f.name] for f in fields(cls) if f.name in data}  # type: ignore[arg-type]
    if correction is not None:
        known["corrections"] = [_record(correction, c) for c in data.get("corrections", [])]
    return cls(**known)


def _score(score: Any) -> int:
    if not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= 100:
        raise InvalidValue("score", "must be a whole number from 0 to 100")
    return score


def _findings(veto_findings: Any) -> list[str]:
    if not isinstance(veto_findings, list):
        raise InvalidValue("veto_findings", "must be a list")
    return list(dict.fromkeys(checks.text(f, "veto_findings", max_length=200) for f in veto_findings))
