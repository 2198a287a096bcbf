"""Request and response bodies of the API, with the examples shown in the OpenAPI document."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _printable(value: str) -> str:
    if CONTROL.search(value):
        raise ValueError("must not contain control characters")
    return value


def _iso_day(value: Any) -> Any:
    if not isinstance(value, str) or not ISO_DAY.match(value):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


Text = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_printable)]
Name = Annotated[str, StringConstraints(max_length=200), AfterValidator(_printable)]
Short = Annotated[str, StringConstraints(max_length=100), AfterValidator(_printable)]
Code = Annotated[str, StringConstraints(max_length=40), AfterValidator(_printable)]
Day = Annotated[date, BeforeValidator(_iso_day), Field(examples=["2020-12-31"])]
Year = Annotated[int, Strict(), Field(ge=1949, le=2200, examples=[2020])]
Count = Annotated[int, Strict(), Field(ge=0, le=1_000_000)]


class Body(BaseModel):
    """Every command body: strict types, no unknown fields, and an optional reason stored on the event."""

    model_config = ConfigDict(extra="forbid")

    reason: Text | None = Field(default=None, description="Why; stored on the recorded event.")


class JoinMember(Body):
    credit_code: Code = Field(examples=["91440305MA0000001W"])
    name: Name = Field(examples=["深圳市南山精密制造有限公司"])
    street: Short = Field(examples=["南山街道"])
    industry: Short = Field(examples=["制造业"])
    joined_on: Day = Field(examples=["2020-03-01"])


class AmendMember(Body):
    changes: dict[Literal["name", "street", "industry"], Name] = Field(examples=[{"name": "新名称有限公司"}])
    reason: Text = Field(examples=["工商变更登记"])


class ChamberAndDay(Body):
    chamber_id: UUID
    on: Day


class KeyFocus(Body):
    criteria: list[Literal["assets", "party_members", "tax", "prospects"]] = Field(
        max_length=4, examples=[["assets", "tax"]]
    )


class Reasoned(Body):
    reason: Text = Field(examples=["经核实"])


class LeaveMember(Body):
    on: Day
    reason: Literal["withdrew", "removed", "dissolved"]


class EstablishChamber(Body):
    name: Name = Field(examples=["南山街道商会"])
    kind: Literal["street", "industry", "hometown"]
    street: Short = Field(examples=["南山街道"])
    established_on: Day


class RegisterChamber(Body):
    certificate_no: Short = Field(examples=["51440305MJL000001X"])
    on: Day


class OnDay(Body):
    on: Day


class RenewTerm(Body):
    term: Annotated[int, Strict(), Field(ge=1, le=1000)]
    starts_on: Day
    ends_on: Day
    president: Short


class AwardFourGood(Body):
    year: Year
    level: Literal["district", "city", "province", "national"]


class YearOnly(Body):
    year: Year


class DissolveBody(Body):
    on: Day
    reason: Text


class FoundBranch(Body):
    name: Name = Field(examples=["深圳市南山精密制造有限公司党支部"])
    kind: Literal["branch", "joint_branch", "general_branch", "committee", "joint_committee"]
    host_member_ids: list[UUID] | None = Field(default=None, max_length=200)
    host_chamber_id: UUID | None = None
    street: Short
    managing_unit: Name = Field(examples=["区非公党委"])
    management_basis: Literal["territorial", "industry"]
    founded_on: Day
    party_member_count: Count


class TransferManagement(Body):
    managing_unit: Name = Field(examples=["南山街道党工委"])
    basis: Literal["territorial", "industry"]
    on: Day
    reason: Text


class ReportPartyMembers(Body):
    count: Count
    on: Day


class OrganizationalLife(Body):
    activity: Literal["general_meeting", "committee_meeting", "group_meeting", "lecture", "theme_day"]
    held_on: Day
    attendance: Annotated[int, Strict(), Field(ge=0, le=100_000)]


class MergeBranch(Body):
    branch_id: UUID
    on: Day


class Review(Body):
    year: Year
    score: Annotated[int, Strict(), Field(ge=0, le=100)]
    veto_findings: list[Name] = Field(default_factory=list, max_length=50, examples=[[]])
    reviewed_on: Day
    reviewer: Name
    summary: Text = ""


class GradeBody(Body):
    year: Year
    grade: Literal["advanced", "average", "weak"] | None = None
    override_reason: Text | None = None


class CorrectGrade(Body):
    year: Year
    grade: Literal["advanced", "average", "weak"]
    reason: Text


class OpenRectification(Body):
    year: Year
    measures: Text
    due_on: Day


class CloseRectification(Body):
    on: Day
    outcome: Literal["rectified", "not_rectified", "reorganized"]


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    advanced_min: Annotated[int, Strict(), Field(ge=0, le=100)] = 90
    average_min: Annotated[int, Strict(), Field(ge=0, le=100)] = 70
    publicity_working_days: Annotated[int, Strict(), Field(ge=1, le=60)] = 5
    minimums: dict[
        Literal["general_meeting", "committee_meeting", "group_meeting", "lecture", "theme_day"],
        Annotated[int, Strict(), Field(ge=0, le=366)],
    ] = Field(default_factory=dict)


class OpenRound(Body):
    year: Year
    policy: Policy | None = None


class StartPublicity(Body):
    starts_on: Day
    ends_on: Day | None = None


class RaiseObjection(Body):
    branch_id: UUID
    text: Text


class ResolveObjection(Body):
    objection_id: UUID
    resolution: Text


class Problem(BaseModel):
    """An RFC 9457 problem."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str
    errors: list[dict[str, str]] | None = None
    rule: str | None = None


PROBLEMS: dict[int | str, dict[str, Any]] = {
    status: {"model": Problem, "content": {"application/problem+json": {}}}
    for status in (400, 401, 403, 404, 409, 412, 422)
}
