"""Request bodies of the commands, with the limits the register enforces stated in the schema and the examples shown
in the OpenAPI document. Codes are the domain's own vocabularies (``domain.values``)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any
from uuid import UUID

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from domain import credit_code, texts
from domain.checks import MAX_TEXT, MAX_YEAR, MIN_YEAR
from domain.grade_set import MAX_GRADES, MIN_GRADES
from domain.grade_set import MAX_LABEL as MAX_GRADE_LABEL
from domain.rectification import HelperRole
from domain.values import (
    Activity,
    BranchKind,
    ChamberKind,
    FourGoodLevel,
    KeyFocusCriterion,
    LeaveReason,
    ManagementBasis,
    RectificationOutcome,
)

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ALLOWED = texts.character_class()
VISIBLE = ALLOWED.replace("[^", "[^\\s", 1)
PLAIN_TEXT = rf"^{ALLOWED}*$"
"""Text without control or invisible characters (tab and line feed allowed): what every text field accepts."""
FILLED_TEXT = rf"^{ALLOWED}*{VISIBLE}{ALLOWED}*$"
"""The same, with at least one character that is not white space: what a required text field accepts."""
DAY_PATTERN = rf"^({MIN_YEAR}|19[5-9][0-9]|2[01][0-9][0-9]|{MAX_YEAR})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
GRADE_CODE_PATTERN = r"^[a-z][a-z0-9_]{0,31}$"
CODE_CHARACTER = "[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]"
CREDIT_CODE_PATTERN = rf"^{CODE_CHARACTER}{{2}}[0-9]{{6}}{CODE_CHARACTER}{{10}}$"


def _plain(value: str) -> str:
    """``domain.texts``' check: a refused text answers 422 naming its rule (``text.invisible``)."""
    found = texts.fault(value, required=False)
    if found is not None:
        raise PydanticCustomError(found.rule, found.message)
    return value


def _filled(value: str) -> str:
    found = texts.fault(value, required=True)
    if found is not None:
        raise PydanticCustomError(found.rule, found.message)
    return value


def _iso_day(value: Any) -> Any:
    if not isinstance(value, str) or not ISO_DAY.match(value):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


def _register_year(value: date) -> date:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"must be between {MIN_YEAR} and {MAX_YEAR}")
    return value


def _credit_code(value: str) -> str:
    problem = credit_code.problem(value)
    if problem:
        raise ValueError(problem)
    return value


def text(max_length: int, *, required: bool = True) -> Any:
    """A text field of at most ``max_length`` characters without control characters; ``required``: not blank.

    The schema states the limits as a length and a pattern; the validators give the clear messages.
    """
    limits = [
        StringConstraints(min_length=1 if required else 0, max_length=max_length),
        AfterValidator(_filled if required else _plain),
    ]
    return Annotated[str, *limits, WithJsonSchema(text_schema(max_length, required=required), mode="validation")]


def text_schema(max_length: int, *, required: bool = True) -> dict[str, Any]:
    """What ``text`` accepts, as JSON Schema."""
    if required:
        return {"type": "string", "minLength": 1, "maxLength": max_length, "pattern": FILLED_TEXT}
    return {"type": "string", "maxLength": max_length, "pattern": PLAIN_TEXT}


Text = text(MAX_TEXT)
OptionalText = text(MAX_TEXT, required=False)
Name = text(200)
Short = text(100)
CreditCode = Annotated[
    str,
    StringConstraints(max_length=18),
    AfterValidator(_credit_code),
    WithJsonSchema(
        {
            "type": "string",
            "minLength": 18,
            "maxLength": 18,
            "pattern": CREDIT_CODE_PATTERN,
            "description": "The unified social credit code (GB 32100-2015), its check character included",
        },
        mode="validation",
    ),
]
Day = Annotated[
    date,
    BeforeValidator(_iso_day),
    AfterValidator(_register_year),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "pattern": DAY_PATTERN,
            "description": f"A date written YYYY-MM-DD, from {MIN_YEAR} to {MAX_YEAR}",
            "examples": ["2020-12-31"],
        },
        mode="validation",
    ),
]


def _integral(value: Any) -> Any:
    """A number written with a zero fraction (``58.0``) is the whole number JSON Schema takes it for."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def whole(minimum: int, maximum: int) -> Any:
    """A whole number from ``minimum`` to ``maximum``: not a string, not a boolean, not a fraction."""
    return Annotated[int, Strict(), Field(ge=minimum, le=maximum), BeforeValidator(_integral)]


Year = Annotated[whole(MIN_YEAR, MAX_YEAR), Field(examples=[2020])]
Count = whole(0, 1_000_000)
Flag = Annotated[bool, Strict()]
Score = whole(0, 100)
GradeCode = Annotated[
    str,
    StringConstraints(min_length=1, max_length=32, pattern=GRADE_CODE_PATTERN),
    Field(
        description="A grade of the round's set (default advanced, average, weak); another code of the right "
        "shape is refused naming the round's grades",
        examples=["advanced"],
    ),
]


class Body(BaseModel):
    """Every command body: strict types, no unknown fields, and an optional reason stored on the event."""

    model_config = ConfigDict(extra="forbid")

    reason: OptionalText | None = Field(default=None, description="Why; stored on the recorded event.")


class JoinMember(Body):
    credit_code: CreditCode = Field(examples=["91440305MA0000001W"])
    name: Name = Field(examples=["深圳市南山精密制造有限公司"])
    street: Short = Field(examples=["南山街道"])
    industry: Short = Field(examples=["制造业"])
    joined_on: Day = Field(examples=["2020-03-01"])


class MemberChanges(BaseModel):
    """The fields of a member's profile to change; at least one."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"minProperties": 1})

    name: Name | None = None
    street: Short | None = None
    industry: Short | None = None


class AmendMember(Body):
    changes: MemberChanges = Field(examples=[{"name": "新名称有限公司"}])
    reason: Text = Field(examples=["工商变更登记"])


class CorrectJoinedOn(Body):
    joined_on: Day = Field(description="The day the current membership began, as it should have been recorded.")
    reason: Text


class CorrectLeftOn(Body):
    on: Day = Field(description="The day the member last left, as it should have been recorded.")
    reason: Text


class CorrectChamberDays(Body):
    chamber_id: UUID
    joined_on: Day | None = Field(
        default=None, description="The day it joined the chamber, as it should have been recorded; leave out to keep."
    )
    left_on: Day | None = Field(
        default=None, description="The day it left the chamber, as it should have been recorded; leave out to keep."
    )
    reason: Text


class ChamberAndDay(Body):
    chamber_id: UUID
    on: Day


class KeyFocus(Body):
    criteria: list[KeyFocusCriterion] = Field(min_length=1, max_length=4, examples=[["assets", "tax"]])


class Reasoned(Body):
    reason: Text = Field(examples=["经核实"])


class LeaveMember(Body):
    on: Day
    reason: LeaveReason


class EstablishChamber(Body):
    name: Name = Field(examples=["南山街道商会"])
    kind: ChamberKind
    street: Short = Field(examples=["南山街道"])
    established_on: Day


class RegisterChamber(Body):
    certificate_no: Short = Field(examples=["51440305MJL000001X"])
    on: Day
    charter_term_years: whole(1, 10) | None = Field(
        default=None, description="The term its charter sets, in years; leave out for the default 5."
    )


class OnDay(Body):
    on: Day


class RenewTerm(Body):
    term: whole(1, 1000)
    starts_on: Day
    ends_on: Day | None = Field(
        default=None, description="Leave out for a full term (the charter's, else 5 years); never longer."
    )
    president: Short


class PostponeChamberTerm(Body):
    postponed_to: Day = Field(description="At most one year past the term's end.")
    approved_by: Name = Field(examples=["区工商联"], description="Who approved it.")
    approved_on: Day


class AwardFourGood(Body):
    year: Year = Field(description="The first year of the title's period.")
    level: FourGoodLevel
    until_year: Year | None = Field(
        default=None, description="The last year of its period; leave out for two years (year and the next)."
    )


class RevokeFourGood(Body):
    year: Year = Field(description="The first year of the revoked title's period.")
    level: FourGoodLevel
    on: Day
    reason: Text


class RenameChamber(Body):
    name: Name = Field(examples=["南山区粤海街道商会"])
    reason: Text


class CorrectEstablishedOn(Body):
    established_on: Day = Field(description="The day the chamber was established, as it should have been recorded.")
    reason: Text


class CorrectFourGoodYears(Body):
    year: Year = Field(description="The first year of the title's period, as recorded.")
    level: FourGoodLevel
    to_year: Year = Field(description="The first year as it should have been recorded.")
    to_until_year: Year | None = Field(
        default=None, description="The last year as it should have been recorded; leave out to keep the length."
    )
    reason: Text


class CorrectDemonstrationSiteYear(Body):
    year: Year = Field(description="The year as recorded.")
    to_year: Year = Field(description="The year as it should have been recorded.")
    reason: Text


class YearOnly(Body):
    year: Year


class Dissolve(Body):
    on: Day
    reason: Text


class FoundBranch(Body):
    name: Name = Field(examples=["深圳市南山精密制造有限公司党支部"])
    kind: BranchKind
    host_member_ids: list[UUID] | None = Field(default=None, max_length=200)
    host_chamber_id: UUID | None = None
    street: Short
    managing_unit: Name = Field(examples=["区非公党委"])
    management_basis: ManagementBasis
    founded_on: Day
    full_members: Count = Field(description="Full (正式) Party members: every threshold counts these only.")
    probationary_members: Count | None = Field(
        default=None, description="Probationary (预备) Party members; leave out when not known."
    )
    has_committee: Flag | None = Field(
        default=None,
        description="Whether it has a committee (支部委员会); leave out for what the rules expect: a branch with 7 or "
        "more full members, a general branch or a Party committee.",
    )
    has_party_groups: Flag = Field(default=False, description="Whether it has Party groups (党小组).")
    term_ends_on: Day | None = Field(
        default=None,
        description="The last day of the term its founding elects; leave out for a full term (3 years, 5 for a "
        "Party committee).",
    )
    joint_units_approved_by: Name | None = Field(
        default=None,
        description="A joint branch covers generally no more than 5 units: more only with the higher Party "
        "organization's approval, named here (批准单位). Leave out otherwise.",
    )


class TransferManagement(Body):
    managing_unit: Name = Field(examples=["南山街道党工委"])
    basis: ManagementBasis
    on: Day
    reason: Text


class CorrectTransfer(Body):
    """Correct the day of a management transfer."""

    on: Day = Field(description="The day of the transfer as recorded: it names the transfer.")
    to_on: Day = Field(description="Not before the founding nor the transfer before, not after the transfer after.")
    reason: Text


class ReportPartyMembers(Body):
    full_members: Count = Field(description="Full (正式) Party members: every threshold counts these only.")
    probationary_members: Count | None = Field(
        default=None, description="Probationary (预备) Party members; leave out when not known."
    )
    on: Day


class RecordSanYou(Body):
    fixed_premises: Flag = Field(description="Has fixed premises (有固定经营场所).")
    employees: Count = Field(description="Employees; 10 or more meet the mark.")
    real_business: Flag = Field(description="Has a real business (有实际经营业务).")
    on: Day


class RecordStructure(Body):
    has_committee: Flag = Field(description="Whether it has a committee (支部委员会).")
    has_party_groups: Flag = Field(description="Whether it has Party groups (党小组).")
    on: Day


class RecordElection(Body):
    elected_on: Day
    term_ends_on: Day | None = Field(
        default=None, description="Leave out for a full term (3 years, 5 for a Party committee)."
    )


class CorrectElection(Body):
    """Correct the day of a recorded election and/or its term's end; a day left out stays as recorded."""

    elected_on: Day = Field(description="The day of the election as recorded: it names the term.")
    to_elected_on: Day | None = Field(
        default=None, description="After the founding and the election before, before the election after."
    )
    to_term_ends_on: Day | None = Field(
        default=None, description="After the election and within a full term (3 years, 5 for a Party committee)."
    )
    reason: Text


class PostponeElection(Body):
    postponed_to: Day = Field(description="At most one year past the term's end.")
    approved_by: Name = Field(examples=["区非公党委"], description="The Party organization that approved it.")
    approved_on: Day


class RecordOrganizationalLife(Body):
    activity: Activity
    held_on: Day
    attendance: whole(0, 100_000)
    by_secretary: Flag | None = Field(
        default=None,
        description="Of a lecture (党课): whether the organization's secretary gave it (书记讲党课); leave out for "
        "another activity or when not known.",
    )


class RenameBranch(Body):
    name: Name = Field(examples=["深圳市南山精密制造有限公司党支部"])
    reason: Text


class CorrectFoundedOn(Body):
    founded_on: Day = Field(description="The day the organization was founded, as it should have been recorded.")
    reason: Text


class VoidMeeting(Body):
    activity: Activity
    held_on: Day
    reason: Text
    by_secretary: Flag | None = Field(
        default=None,
        description="Of a day's lectures, void the one the secretary gave (true) or another's (false); needed only "
        "when that day's lectures differ.",
    )


class MergeBranch(Body):
    branch_id: UUID
    on: Day


class ReviewBranch(Body):
    year: Year
    score: Score
    veto_findings: list[Name] = Field(default_factory=list, max_length=50, examples=[[]])
    reviewed_on: Day
    reviewer: Name
    summary: OptionalText = ""


class GradeBranch(Body):
    year: Year
    grade: GradeCode | None = Field(
        default=None, description="A grade of the round's set; leave out to take the grade its policy maps."
    )
    override_reason: Text | None = Field(default=None, description="Required when grade differs from the mapping.")


class CorrectGrade(Body):
    year: Year
    grade: GradeCode = Field(description="A grade of the set the year's grade was given under.")
    reason: Text


class CorrectReview(Body):
    year: Year
    score: Score | None = Field(default=None, description="Leave out to keep the score.")
    veto_findings: list[Name] | None = Field(
        default=None, max_length=50, description="Leave out to keep the findings; [] clears them."
    )
    reviewed_on: Day | None = Field(
        default=None,
        description="Leave out to keep the day; not before the reviewed year, nor after a rectification of that "
        "year opened.",
    )
    reason: Text


class OpenRectification(Body):
    year: Year
    measures: Text
    due_on: Day | None = Field(default=None, description="Default: one year after opened_on (policy)")
    opened_on: Day | None = Field(
        default=None, description="The day it opens; once given, the rectification closes no earlier"
    )
    helper: Text | None = Field(default=None, description="The helper (帮扶责任人), a name; required")
    helper_role: HelperRole | None = Field(default=None, description="leader (上级领导) or instructor (党建指导员)")
    plan: Text | None = Field(default=None, description="The rectification plan (整顿方案); required")


class CorrectRectification(Body):
    """Correct the days of a year's rectification; a day left out stays as recorded."""

    year: Year
    opened_on: Day | None = Field(
        default=None, description="No earlier than the review, no later than the round closed."
    )
    due_on: Day | None = Field(default=None, description="No earlier than the opening.")
    closed_on: Day | None = Field(default=None, description="Of one that closed: no earlier than the opening.")
    reason: Text


class CloseRectification(Body):
    """Closing is the acceptance (验收) by the managing unit, naming who accepted it."""

    on: Day
    outcome: RectificationOutcome
    accepted_by: Text | None = Field(default=None, description="Who accepted it (验收人); required")
    accepting_unit: Text | None = Field(default=None, description="Default and only allowed: the managing unit")


class GradeLevel(BaseModel):
    """One grade of a round's set: its code, its Chinese label and the lowest score that earns it."""

    model_config = ConfigDict(extra="forbid")

    code: GradeCode = Field(description="Lower-case ASCII: a-z first, then a-z, 0-9 or _; at most 32.")
    label: text(MAX_GRADE_LABEL) = Field(description="The Chinese name shown and printed.", examples=["先进"])
    min_score: Score = Field(description="The lowest review score earning it; 0 for the bottom grade.")


class Policy(BaseModel):
    """How a round maps reviews to grades, its publicity period and the organizational-life minimums.

    ``grades`` sets the round's grades, best first (2 to 6, lowest scores falling strictly to 0); left out, the
    round gives the default three: advanced 先进 from ``advanced_min`` (90), average 一般 from ``average_min``
    (70), weak 软弱涣散 below. Give both only when they agree."""

    model_config = ConfigDict(extra="forbid")

    advanced_min: Score | None = Field(
        default=None, description="Shorthand for the default three grades: advanced from this score (default 90)."
    )
    average_min: Score | None = Field(
        default=None, description="Shorthand for the default three grades: average from this score (default 70)."
    )
    grades: list[GradeLevel] | None = Field(
        default=None,
        min_length=MIN_GRADES,
        max_length=MAX_GRADES,
        description="The round's grades, best first: the bottom one is what a veto finding gives and what calls "
        "for rectification; the top one is what advanced_max_percent counts.",
        examples=[
            [
                {"code": "excellent", "label": "优秀", "min_score": 95},
                {"code": "good", "label": "良好", "min_score": 85},
                {"code": "average", "label": "一般", "min_score": 70},
                {"code": "weak", "label": "软弱涣散", "min_score": 0},
            ]
        ],
    )
    publicity_working_days: whole(1, 60) = 5
    minimums: dict[Activity, whole(0, 366)] = Field(default_factory=dict)
    advanced_max_percent: whole(0, 100) | None = Field(
        default=None, description="Optional quota: the top grade at most this % of the graded; beyond it, a warning."
    )
    weak_min_percent: whole(0, 100) | None = Field(
        default=None,
        description="Optional quota: the bottom grade at least this % of the graded; below it, a warning.",
    )
    secretary_lectures: whole(0, 366) = Field(
        default=1, description="Lectures (党课) a year the secretary gives at least (书记讲党课); 0: not checked."
    )


class OpenRound(Body):
    year: Year
    policy: Policy | None = None


class StartPublicity(Body):
    starts_on: Day
    ends_on: Day | None = None


class RaiseObjection(Body):
    branch_id: UUID
    text: Text
    raised_on: Day | None = Field(
        default=None, description="The day it was received, within the publicity; by default the day it is recorded"
    )


class ResolveObjection(Body):
    objection_id: UUID
    resolution: Text
