"""The resources as the API answers them: each aggregate's state, with examples for the OpenAPI document. They
describe what ``application.state`` presents; the suite holds every answer against them."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from domain.rectification import HelperRole
from domain.values import (
    Activity,
    BranchKind,
    BranchStatus,
    ChamberKind,
    ChamberStatus,
    FourGoodLevel,
    Grade,
    KeyFocusCriterion,
    LeaveReason,
    ManagementBasis,
    MemberStatus,
    RectificationOutcome,
    RoundStatus,
)


class Shape(BaseModel):
    """A part of an answer: exactly these fields."""

    model_config = ConfigDict(extra="forbid")


class Common(Shape):
    id: UUID
    version: int = Field(ge=1, description="The aggregate's version; the ETag of the answer.")
    created_at: datetime = Field(description="When the first event was recorded (RFC 3339, UTC).")
    modified_at: datetime = Field(description="When the last event was recorded (RFC 3339, UTC).")


class PartyMembers(Shape):
    """The Party members an enterprise last reported."""

    full_members: int = Field(description="Full (正式) Party members: every threshold counts these only.")
    probationary_members: int | None = Field(description="Probationary (预备) Party members; null when not reported.")
    on: date
    count: int = Field(description="The full members, under the name of the first release.", deprecated=True)


class SanYouMark(Shape):
    """An enterprise's "三有" mark as last recorded."""

    fixed_premises: bool
    employees: int
    real_business: bool
    on: date


class MemberState(Common):
    """A member enterprise (会员企业)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "8db5e7c5-d16f-572e-b38a-9d21468f1af9",
                    "version": 3,
                    "created_at": "2020-03-02T08:30:00Z",
                    "modified_at": "2021-01-15T08:30:00Z",
                    "credit_code": "91440305MA0000001W",
                    "name": "深圳市南山精密制造有限公司",
                    "street": "南山街道",
                    "industry": "制造业",
                    "status": "active",
                    "joined_on": "2020-03-01",
                    "left_on": None,
                    "left_reason": None,
                    "chamber_ids": ["6b783d8a-2781-47a4-b84a-e678bb45734c"],
                    "key_focus": True,
                    "key_focus_criteria": ["assets", "tax"],
                    "party_members": {"full_members": 4, "probationary_members": 1, "on": "2020-05-01", "count": 4},
                    "san_you_mark": {
                        "fixed_premises": True,
                        "employees": 35,
                        "real_business": True,
                        "on": "2020-05-01",
                    },
                    "san_you": True,
                }
            ]
        }
    )

    credit_code: str
    name: str
    street: str
    industry: str
    status: MemberStatus
    joined_on: date
    left_on: date | None
    left_reason: LeaveReason | None
    chamber_ids: list[UUID]
    key_focus: bool
    key_focus_criteria: list[KeyFocusCriterion]
    party_members: PartyMembers | None
    san_you_mark: SanYouMark | None = Field(description='Its "三有" mark as last recorded; null when never recorded.')
    san_you: bool | None = Field(
        description='Meets "三有" (fixed premises, 10+ employees, a real business): counted in the coverage '
        "denominator; null when never recorded."
    )


TERM = {"term": 1, "starts_on": "2016-09-02", "ends_on": "2021-09-01", "president": "黄涛波"}
NO_POSTPONEMENT = {"postponed_to": None, "approved_by": None, "approved_on": None}


class Term(Shape):
    term: int
    starts_on: date
    ends_on: date
    president: str
    postponed_to: date | None = Field(None, description="An approved postponement of the next renewal.")
    approved_by: str | None = None
    approved_on: date | None = None


class FourGood(Shape):
    year: int = Field(description="The first year of the title's period.")
    until_year: int = Field(description="The last year of the title's period: it lapses at that year's end.")
    level: FourGoodLevel
    revoked_on: date | None = None
    revoke_reason: str | None = None


class FourGoodStanding(FourGood):
    in_force: bool = Field(description="Within its period and not revoked, today.")


class ChamberState(Common):
    """A chamber of commerce (商会)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "6b783d8a-2781-47a4-b84a-e678bb45734c",
                    "version": 5,
                    "created_at": "2020-03-02T08:30:00Z",
                    "modified_at": "2021-01-15T08:30:00Z",
                    "name": "南山区粤海街道商会",
                    "kind": "street",
                    "street": "粤海街道",
                    "status": "active",
                    "established_on": "2016-09-02",
                    "registered_as_social_organization": True,
                    "certificate_no": "51440305MJR0000009",
                    "registered_on": "2017-07-28",
                    "charter_term_years": None,
                    "fic_plaque": True,
                    "fic_plaque_on": "2020-07-19",
                    "terms": [{**TERM, **NO_POSTPONEMENT}],
                    "current_term": {**TERM, **NO_POSTPONEMENT},
                    "renewal_due_by": "2021-09-01",
                    "overdue_for_renewal": False,
                    "four_good": [
                        {
                            "year": 2020,
                            "until_year": 2021,
                            "level": "city",
                            "revoked_on": None,
                            "revoke_reason": None,
                            "in_force": True,
                        }
                    ],
                    "demonstration_site_years": [2020],
                    "dissolved_on": None,
                    "dissolved_reason": None,
                }
            ]
        }
    )

    name: str
    kind: ChamberKind
    street: str
    status: ChamberStatus
    established_on: date
    registered_as_social_organization: bool
    certificate_no: str | None
    registered_on: date | None
    charter_term_years: int | None = Field(description="The term its charter sets; null: the default 5 years.")
    fic_plaque: bool
    fic_plaque_on: date | None
    terms: list[Term]
    current_term: Term | None
    renewal_due_by: date = Field(description="The last day the current term stands, past any postponement.")
    overdue_for_renewal: bool = Field(
        description="The current term has ended (past any approved postponement) and no new one was recorded."
    )
    four_good: list[FourGoodStanding]
    demonstration_site_years: list[int]
    dissolved_on: date | None
    dissolved_reason: str | None


class Transfer(Shape):
    managing_unit: str
    basis: ManagementBasis
    on: date
    reason: str


class ReviewChange(Shape):
    """What a review correction changed, and why."""

    from_score: int
    to_score: int
    from_veto_findings: list[str]
    to_veto_findings: list[str]
    reason: str


class BranchReview(Shape):
    """The review as it stands, corrections applied; each correction keeps what it changed."""

    score: int
    veto_findings: list[str]
    reviewed_on: date
    reviewer: str
    summary: str
    corrections: list[ReviewChange] = Field(default_factory=list)


class Correction(Shape):
    from_grade: Grade
    to_grade: Grade
    reason: str


class GradeRecord(Shape):
    grade: Grade
    basis: dict[str, object] = Field(description="The review and the round's policy the grade rests on.")
    override_reason: str | None
    corrections: list[Correction]
    final: bool = Field(description="The year's round has closed (provisional until then).")


class Structure(Shape):
    """Whether the organization has a committee and Party groups, from a day on; null: not recorded (founded
    before these facts were kept)."""

    since: date
    has_committee: bool | None
    has_party_groups: bool | None


class OrganizationTerm(Shape):
    """A term of the organization's committee (or secretary), from its founding or an election."""

    starts_on: date = Field(description="The founding or the election that began it.")
    ends_on: date
    postponed_to: date | None = Field(description="An approved postponement of the next election.")
    approved_by: str | None
    approved_on: date | None


class Rectification(Shape):
    year: int
    measures: str
    due_on: date
    opened_on: date | None = Field(
        default=None, description="The day it opened (not known for one opened before the day was recorded)"
    )
    helper: str | None = Field(default=None, description="The helper (帮扶责任人); not known for an older one")
    helper_role: HelperRole | None = None
    plan: str | None = Field(default=None, description="The rectification plan (整顿方案)")
    closed_on: date | None
    outcome: RectificationOutcome | None
    accepting_unit: str | None = Field(default=None, description="The managing unit that accepted it (验收)")
    accepted_by: str | None = Field(default=None, description="Who accepted it; not known for an older one")


TERM_OF_BRANCH = {
    "starts_on": "2018-01-01",
    "ends_on": "2020-12-31",
    "postponed_to": None,
    "approved_by": None,
    "approved_on": None,
}


class LectureSpeakers(BaseModel):
    """A year's lectures (党课) that say who gave them."""

    secretary: int = Field(description="Given by the organization's secretary (书记讲党课).")
    other: int = Field(description="Given by someone else.")


class BranchState(Common):
    """A Party organization (党组织) in member enterprises or a chamber."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "54d72542-5aa8-48ab-a6fc-0eb9e73e49c0",
                    "version": 7,
                    "created_at": "2020-03-02T08:30:00Z",
                    "modified_at": "2021-02-01T08:30:00Z",
                    "name": "深圳市南山精密制造有限公司党支部",
                    "kind": "branch",
                    "status": "active",
                    "street": "南山街道",
                    "host_member_ids": ["8db5e7c5-d16f-572e-b38a-9d21468f1af9"],
                    "host_chamber_id": None,
                    "managing_unit": "区非公党委",
                    "management_basis": "territorial",
                    "founded_on": "2018-01-01",
                    "full_members": 8,
                    "probationary_members": 1,
                    "party_member_count": 8,
                    "has_committee": True,
                    "has_party_groups": False,
                    "structures": [{"since": "2018-01-01", "has_committee": True, "has_party_groups": False}],
                    "terms": [TERM_OF_BRANCH],
                    "current_term": TERM_OF_BRANCH,
                    "election_due_by": "2020-12-31",
                    "overdue_for_election": True,
                    "ended_on": None,
                    "end_reason": None,
                    "merged_into": None,
                    "transfers": [],
                    "organizational_life": {"2020": {"general_meeting": 4, "theme_day": 12}},
                    "reviews": {
                        "2020": {
                            "score": 62,
                            "veto_findings": [],
                            "reviewed_on": "2021-01-10",
                            "reviewer": "区非公党委考核组",
                            "summary": "组织生活不经常",
                            "corrections": [],
                        }
                    },
                    "grades": {
                        "2020": {
                            "grade": "weak",
                            "basis": {"review_score": 62, "veto_findings": [], "mapped_grade": "weak"},
                            "override_reason": None,
                            "corrections": [],
                            "final": True,
                        }
                    },
                    "rectifications": [
                        {
                            "year": 2020,
                            "measures": "恢复三会一课",
                            "due_on": "2021-06-30",
                            "closed_on": None,
                            "outcome": None,
                        }
                    ],
                }
            ]
        }
    )

    name: str
    kind: BranchKind
    status: BranchStatus
    street: str
    host_member_ids: list[UUID]
    host_chamber_id: UUID | None
    managing_unit: str
    management_basis: ManagementBasis
    founded_on: date
    full_members: int = Field(description="Full (正式) Party members: every threshold counts these only.")
    probationary_members: int | None = Field(description="Probationary (预备) Party members; null when not reported.")
    party_member_count: int = Field(
        description="The full members, under the name of the first release.", deprecated=True
    )
    has_committee: bool = Field(
        description="It has a committee (支部委员会): as recorded, or, when never recorded, as the rules expect "
        "(7 or more full members, a general branch or a Party committee)."
    )
    has_party_groups: bool = Field(description="It has Party groups (党小组), as recorded.")
    structures: list[Structure]
    terms: list[OrganizationTerm]
    current_term: OrganizationTerm
    election_due_by: date = Field(description="The last day of the current term, or the day it was postponed to.")
    overdue_for_election: bool = Field(description="Today is past election_due_by and no election was recorded.")
    ended_on: date | None
    end_reason: str | None
    merged_into: UUID | None
    transfers: list[Transfer]
    organizational_life: dict[str, dict[Activity, int]] = Field(description="Meetings held, by year and activity.")
    lecture_speakers: dict[str, LectureSpeakers] = Field(
        description="By year, the lectures that say who gave them: by the secretary, by someone else (a lecture "
        "recorded without saying is counted in organizational_life only)."
    )
    reviews: dict[str, BranchReview] = Field(description="Annual reviews by year.")
    grades: dict[str, GradeRecord] = Field(description="Grades by year.")
    rectifications: list[Rectification]


class Publicity(Shape):
    starts_on: date
    ends_on: date


class Objection(Shape):
    objection_id: UUID
    branch_id: UUID
    text: str
    raised_on: date | None = Field(
        default=None, description="The day it was received (not known for one recorded before the day was)"
    )
    resolution: str | None


class RoundState(Common):
    """A year's grading round (年度分类定级)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "3591bd70-4614-590c-8b19-b0c05394c443",
                    "version": 5,
                    "created_at": "2020-12-01T08:30:00Z",
                    "modified_at": "2021-02-21T08:30:00Z",
                    "year": 2020,
                    "status": "closed",
                    "policy": {"advanced_min": 90, "average_min": 70, "publicity_working_days": 5},
                    "publicity": {"starts_on": "2021-02-08", "ends_on": "2021-02-12"},
                    "objections": [
                        {
                            "objection_id": "13b49c84-8b22-43d1-8028-86eda88c5466",
                            "branch_id": "54d72542-5aa8-48ab-a6fc-0eb9e73e49c0",
                            "text": "申请复核",
                            "resolution": "维持原等次",
                        }
                    ],
                    "closed_on": "2021-02-21",
                }
            ]
        }
    )

    year: int
    status: RoundStatus
    policy: dict[str, object] = Field(description="The grading policy recorded when the round opened.")
    publicity: Publicity | None
    objections: list[Objection]
    closed_on: date | None
