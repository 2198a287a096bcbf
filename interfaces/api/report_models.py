"""The reports as the API answers them in JSON. Each carries its stamp (log position, chain head, fingerprint) and,
when asked ``as_of``, the moment in UTC; a report may gain fields, never lose them."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from domain.rectification import HelperRole
from domain.values import (
    Activity,
    BranchKind,
    ChamberFact,
    ChamberKind,
    Compliance,
    FourGoodLevel,
    GradeStanding,
    KeyFocusCriterion,
    RectificationOutcome,
    RectificationStatus,
    RoundStatus,
    SizeMismatch,
)
from interfaces.api.resources import RectificationDays, ReviewChange


class Stamped(BaseModel):
    """What lets anyone reproduce a report: the last log position in it, the chain head there, the fingerprint."""

    position: int = Field(ge=0, description="The last event included.")
    chain_head: str | None = Field(description="The hash chain's head at position.")
    fingerprint: str = Field(description="sha256: over the report's canonical JSON.", examples=["sha256:0f3a…"])
    as_of: datetime | None = Field(default=None, description="The recorded time asked for, in UTC.")
    scope: str | None = Field(
        default=None,
        description="The scope of the key that asked (street=… or unit=…): the report counts only its records. "
        "Absent for the whole district.",
        examples=["street=招商街道"],
    )


class Named(BaseModel):
    """An organization, member or chamber a report lists: its id and its name as the report's register had it."""

    id: UUID
    name: str


class Counts(BaseModel):
    """Organizations by grade: a count for each grade of the round's set, keyed by its code (the default set:
    advanced, average, weak), then the ungraded and the total."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={"examples": [{"advanced": 3, "average": 12, "weak": 1, "ungraded": 2, "total": 18}]},
    )
    __pydantic_extra__: dict[str, int] = Field(init=False)

    ungraded: int
    total: int


class Shares(BaseModel):
    """Each grade's share of the total, to four places: keyed by the codes of the round's grades, then the
    ungraded."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, float] = Field(init=False)

    ungraded: float


class UnitCounts(Counts):
    managing_unit: str


class StreetCounts(Counts):
    street: str


class KindCounts(Counts):
    kind: BranchKind


class Movements(BaseModel):
    """Organizations graded this year and the year before, by how their grade moved."""

    upgraded: list[Named]
    downgraded: list[Named]
    unchanged: list[Named]
    weak_two_years: list[Named] = Field(
        description="The part of unchanged that held the bottom grade (weak in the default set) both years."
    )


class RectificationPlan(BaseModel):
    """Who helps a weak organization (帮扶责任人) and the plan; null fields: recorded before they were."""

    helper: str | None
    helper_role: HelperRole | None
    plan: str | None


class Acceptance(BaseModel):
    """The acceptance (验收) that closed a rectification; unit and person null: closed before they were recorded."""

    on: date
    outcome: RectificationOutcome
    accepting_unit: str | None
    accepted_by: str | None


class WeakOrganization(BaseModel):
    branch_id: UUID
    name: str
    managing_unit: str
    street: str
    rectification: RectificationStatus
    escalated: bool = Field(
        description="The bottom grade the year before too (weak two years running, in the default set)."
    )
    rectification_of: RectificationPlan | None = Field(description="null: no rectification opened.")
    acceptance: Acceptance | None = Field(description="null: not closed.")


class Override(BaseModel):
    branch_id: UUID
    name: str
    grade: str = Field(description="A grade of the round's set.")
    mapped_grade: str | None = Field(description="The grade the round's policy maps the review to.")
    override_reason: str


class GradeCorrection(BaseModel):
    branch_id: UUID
    name: str
    from_grade: str = Field(description="A grade of the round's set.")
    to_grade: str = Field(description="A grade of the round's set.")
    reason: str


class ReviewCorrection(ReviewChange):
    """A review of the year corrected: what it changed, and why, with the organization it is of."""

    model_config = ConfigDict(extra="ignore")

    branch_id: UUID
    name: str


class RectificationCorrection(RectificationDays):
    """A rectification's days corrected, each as it was and as it is now (the same when not corrected), with the
    organization it is of."""

    model_config = ConfigDict(extra="ignore")

    branch_id: UUID
    name: str


class QuotaWarning(BaseModel):
    """A grade's share of the graded organizations outside the policy's quota: a warning, never a refusal."""

    rule: str = Field(
        examples=["quota.advanced_over"],
        description="quota.advanced_over (the top grade over its quota) or quota.weak_under (the bottom grade "
        "under its quota).",
    )
    grade: str = Field(description="The top or the bottom grade of the round's set.")
    count: int
    graded: int
    share: float
    limit_percent: int


class ClassificationReport(Stamped):
    """The annual classification report (年度分类定级报告): organizations active on 31 December, by grade."""

    report: str = Field(examples=["classification"])
    year: int
    status: GradeStanding
    round: RoundStatus
    on: date = Field(description="The day overdue rectifications are judged on.")
    labels: dict[str, str] = Field(
        description="The round's grades, best first, each code with its Chinese name: the keys of totals and shares."
    )
    totals: Counts
    shares: Shares
    by_managing_unit: list[UnitCounts]
    by_street: list[StreetCounts]
    by_kind: list[KindCounts]
    movements: Movements
    weak: list[WeakOrganization] = Field(
        description="The organizations holding the round's bottom grade (weak in the default set)."
    )
    escalated: list[WeakOrganization] = Field(
        description="Of those, the ones that held the bottom grade of the year before's round too."
    )
    overrides: list[Override]
    corrections: list[GradeCorrection]
    review_corrections: list[ReviewCorrection] = Field(
        description="The year's reviews corrected, from what to what and why; the report reads the corrected review."
    )
    rectification_corrections: list[RectificationCorrection] = Field(
        default_factory=list,
        description="The days of the year's rectifications corrected, and why; the report reads the corrected days.",
    )
    quota_warnings: list[QuotaWarning] = Field(description="The policy's optional quotas the grades break.")


class MemberWithoutOwnOrganization(BaseModel):
    member_id: UUID
    name: str
    street: str
    full_members: int = Field(description="The full (正式) Party members last reported: 3 or more.")
    probationary_members: int | None = Field(description="The probationary ones, who do not count; null: unknown.")
    party_members: int = Field(description="The full members, under the name of the first release.", deprecated=True)


class SizeFlag(BaseModel):
    """An organization whose full Party members do not fit its kind, larger or smaller than it usually holds:
    flagged, never refused."""

    branch_id: UUID
    name: str
    kind: str
    full_members: int
    suggested_kind: str = Field(description="The kind an organization of that size usually is.")
    mismatch: SizeMismatch = Field(description="Larger (too_large) or smaller (too_small) than its kind usually is.")


class OutsideSanYouMember(BaseModel):
    member_id: UUID
    name: str
    san_you: bool | None = Field(description='false: does not meet "三有"; null: not recorded.')
    coverage: str = Field(description="own_organization, joint_branch or none.")


class OutsideSanYou(BaseModel):
    """The members outside the denominator, shown apart: not meeting "三有", or not recorded."""

    members: int
    not_recorded: int
    own_organization: int
    joint_branch: int
    none: int
    rows: list[OutsideSanYouMember]


class CoverageReport(Stamped):
    """The coverage report (两个覆盖): members meeting "三有" with their own Party organization, a joint branch, or
    none; the other members apart."""

    report: str = Field(examples=["coverage"])
    on: date
    members: int = Field(description="Every member enterprise that has not left.")
    san_you_members: int = Field(description='Members meeting "三有": the denominator of the counts and rates.')
    own_organization: int
    joint_branch: int
    none: int
    organization_coverage: float
    work_coverage: float
    without_organization: list[Named]
    outside_san_you: OutsideSanYou
    three_or_more_party_members_without_own_branch: list[MemberWithoutOwnOrganization]
    size_flags: list[SizeFlag] = Field(
        description="Organizations whose kind does not fit their full members: a branch of more than 50, a general "
        "branch of 100 or more (条例 Art. 4)."
    )


class StreetChambers(BaseModel):
    street: str
    by_kind: dict[str, int]
    total: int


class OverdueChamber(BaseModel):
    chamber_id: UUID
    name: str
    term_ended_on: date | None
    postponed_to: date | None = Field(description="The postponement it is past, if the term was postponed.")


class FourGoodTitle(BaseModel):
    chamber_id: UUID
    name: str
    year: int
    until_year: int
    level: FourGoodLevel
    revoked_on: date | None
    revoke_reason: str | None


class DemonstrationSite(BaseModel):
    chamber_id: UUID
    name: str
    year: int


class JointPartyCommittee(BaseModel):
    branch_id: UUID
    name: str
    chamber_id: UUID | None
    chamber: Named | None = Field(description="The chamber it stands in, by name.")


class ChamberCorrection(BaseModel):
    """A correction of a chamber's record, with its reason: the report shows the fact as corrected."""

    chamber_id: UUID
    name: str = Field(description="The chamber's name now.")
    fact: ChamberFact
    level: FourGoodLevel | None = Field(description="The title's level, for a correction of a title's years.")
    from_value: str = Field(description="As first recorded: a name, a day, a year, or a title's years (2018-2019).")
    to_value: str = Field(description="As corrected.")
    reason: str


class ChamberRow(BaseModel):
    chamber_id: UUID
    name: str
    kind: ChamberKind
    street: str
    registered: bool
    fic_plaque: bool
    overdue_for_renewal: bool


class ChambersReport(Stamped):
    """The chamber report: active chambers by kind and street, registration, plaques, terms, titles."""

    report: str = Field(examples=["chambers"])
    on: date
    total: int
    by_kind: dict[str, int]
    by_street: list[StreetChambers]
    registered_as_social_organization: int
    fic_plaque: int
    overdue_for_renewal: list[OverdueChamber]
    overdue_after_postponement: int = Field(description="Of those overdue, the chambers past a postponed end.")
    four_good: list[FourGoodTitle] = Field(description="The titles in force on the report's day.")
    demonstration_sites: list[DemonstrationSite]
    joint_party_committees: list[JointPartyCommittee]
    chamber_corrections: list[ChamberCorrection] = Field(
        description="Corrections of chambers' names, establishment days and award years, with their reasons."
    )
    chambers: list[ChamberRow]


class ActivityRecord(BaseModel):
    held: int
    minimum: int | None = Field(description="The policy's minimum; null where it does not apply.")
    met: bool | None = Field(description="The minimum is met; null where it does not apply.")
    compliance: Compliance = Field(
        description="met, short, or not_applicable (committee meetings without a committee, group meetings "
        "without Party groups): never a shortfall."
    )


class SecretaryLectures(BaseModel):
    """The year's lectures the secretary gave (书记讲党课) against the minimum."""

    by_secretary: int = Field(description="Lectures recorded as given by the secretary.")
    not_said: int = Field(description="Lectures recorded without saying who gave them.")
    minimum: int | None = Field(description="The policy's minimum; null when not checked.")
    compliance: Compliance = Field(
        description="met, short, not_applicable (no minimum), or not_recorded: short of the minimum while some "
        "lectures do not say who gave them."
    )


class OrganizationalLifeRow(BaseModel):
    branch_id: UUID
    name: str
    street: str
    managing_unit: str
    has_committee: bool = Field(description="On the last day it stood in the year.")
    has_party_groups: bool = Field(description="On the last day it stood in the year.")
    activities: dict[Activity, ActivityRecord]
    secretary_lectures: SecretaryLectures
    compliant: bool = Field(
        description="Every minimum that applies is met, and the secretary's lectures are not short."
    )
    election_due_by: date
    overdue_for_election: bool = Field(description="Past election_due_by on the report's day.")


class OverdueElection(BaseModel):
    branch_id: UUID
    name: str
    street: str
    managing_unit: str
    election_due_by: date


class VoidedMeeting(BaseModel):
    branch_id: UUID
    name: str
    activity: Activity
    held_on: date
    reason: str


class FoundingCorrection(BaseModel):
    """An organization's founding day corrected, with the reason: the report counts it from the corrected day."""

    branch_id: UUID
    name: str
    from_on: date
    to_on: date
    reason: str


class ElectionCorrection(BaseModel):
    """An election's day or its term's end corrected, with the reason: the report judges the term by the corrected
    days."""

    branch_id: UUID
    name: str
    from_elected_on: date
    to_elected_on: date
    from_term_ends_on: date
    to_term_ends_on: date
    reason: str


class OrganizationalLifeReport(Stamped):
    """Organizational-life compliance (三会一课, 组织生活会, 民主评议党员) of each organization active in the year,
    and the organizations overdue for election."""

    report: str = Field(examples=["organizational_life"])
    year: int
    on: date = Field(
        description="The day the report stands on: the day asked (today unless given), or 31 December of a year "
        "already past; elections are judged overdue on it."
    )
    minimums: dict[Activity, int]
    branches: int
    compliant: int
    by_activity: dict[Activity, int] = Field(description="Organizations that met each minimum.")
    secretary_lectures_minimum: int = Field(description="Lectures a year the secretary gives at least (0: none).")
    secretary_lectures: dict[Compliance, int] = Field(
        description="Organizations by how their secretary's lectures stand."
    )
    overdue_for_election: list[OverdueElection]
    rows: list[OrganizationalLifeRow]
    voided_meetings: list[VoidedMeeting] = Field(
        description="Activities of the year recorded in error and voided, with the reason: no longer counted."
    )
    founding_corrections: list[FoundingCorrection] = Field(
        description="Founding days corrected from or to the year (or across it), with the reason."
    )
    election_corrections: list[ElectionCorrection] = Field(
        description="Elections whose day or term's end was corrected, the days as they were and are touching the "
        "year (or spanning it), with the reason."
    )


class KeyFocusMember(BaseModel):
    member_id: UUID
    name: str
    credit_code: str
    street: str
    industry: str
    criteria: list[KeyFocusCriterion]


class KeyFocusReport(Stamped):
    """The key-focus list (重点关注对象) with the criteria that put each enterprise on it."""

    report: str = Field(examples=["key_focus"])
    on: date = Field(description="The day the report stands on.")
    total: int
    by_criterion: dict[str, int]
    members: list[KeyFocusMember]
