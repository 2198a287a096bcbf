"""The audit routes (auditors and admins only): histories, the whole log, verification of the hash chain, and the
access log. A scoped auditor reads the histories of its scope's records; the rest is the whole district's."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel

from application.audit.history import history, log_page
from application.audit.verify import verify
from application.register import Register
from application.scope import confined_to
from domain.checks import MAX_YEAR, MIN_YEAR
from domain.grading_round import round_id
from interfaces.api.access_log import AccessWriter, note_records
from interfaces.api.auth import Principal, require
from interfaces.api.deps import get_register, optional
from interfaces.api.problems import REQUEST_ID_HEADER, Problem, problem_responses

router = APIRouter(tags=["audit"])
Auditor = Annotated[Principal, Depends(require("auditor"))]
App = Annotated[Register, Depends(get_register)]
LINK_PATTERN = r"^[0-9a-f]{64}$"
HeadPosition = optional(
    int,
    {"type": "integer", "minimum": 1, "maximum": 2**62},
    Query(ge=1, le=2**62, description="Position of a published head"),
)
Head = optional(
    str,
    {"type": "string", "pattern": LINK_PATTERN},
    Query(pattern=LINK_PATTERN, description="A head published earlier, e.g. a report's chain_head"),
)
HISTORY_ANSWERS = {200: {"headers": dict(REQUEST_ID_HEADER)}, **problem_responses(400, 401, 403, 404, 422)}
LOG_ANSWERS = {200: {"headers": dict(REQUEST_ID_HEADER)}, **problem_responses(400, 401, 403, 422)}


class Actor(BaseModel):
    name: str
    role: str


class EventRecord(BaseModel):
    """One recorded event as an auditor reads it."""

    position: int
    version: int
    type: str
    recorded_at: str
    actor: Actor
    reason: str | None
    request_id: str | None
    data: dict[str, Any]
    aggregate_id: UUID | None = None
    aggregate_type: str | None = None


class History(BaseModel):
    events: list[EventRecord]


class LogPage(BaseModel):
    events: list[EventRecord]
    next_after: int


class VerifyResult(BaseModel):
    ok: bool
    checked: int
    head: str | None
    head_position: int | None
    first_bad_position: int | None = None
    problem: str | None = None


@router.get(
    "/v1/members/{member_id}/history",
    response_model=History,
    responses=HISTORY_ANSWERS,
    summary="Every event of a member",
)
def get_member_history(member_id: UUID, principal: Auditor, app: App) -> dict[str, Any]:
    with confined_to(principal.scope):
        return {"events": history(app, member_id, "member", "Member")}


@router.get(
    "/v1/chambers/{chamber_id}/history",
    response_model=History,
    responses=HISTORY_ANSWERS,
    summary="Every event of a chamber",
)
def get_chamber_history(chamber_id: UUID, principal: Auditor, app: App) -> dict[str, Any]:
    with confined_to(principal.scope):
        return {"events": history(app, chamber_id, "chamber", "Chamber")}


@router.get(
    "/v1/branches/{branch_id}/history",
    response_model=History,
    responses=HISTORY_ANSWERS,
    summary="Every event of an organization",
)
def get_branch_history(branch_id: UUID, principal: Auditor, app: App) -> dict[str, Any]:
    with confined_to(principal.scope):
        return {"events": history(app, branch_id, "branch", "PartyBranch")}


@router.get(
    "/v1/grading-rounds/{year}/history",
    response_model=History,
    responses=HISTORY_ANSWERS,
    summary="Every event of a grading round",
)
def get_round_history(
    year: Annotated[int, Path(ge=MIN_YEAR, le=MAX_YEAR)], request: Request, principal: Auditor, app: App
) -> dict[str, Any]:
    note_records(request, round_id(year))
    with confined_to(principal.scope):
        return {"events": history(app, round_id(year), "grading round", "GradingRound")}


@router.get(
    "/v1/audit/events",
    response_model=LogPage,
    responses=LOG_ANSWERS,
    summary="The whole log in order, a page at a time",
)
def list_events(
    _: Auditor,
    app: App,
    after: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:
    return log_page(app, after, limit)


@router.get(
    "/v1/audit/verify",
    response_model=VerifyResult,
    responses=LOG_ANSWERS,
    summary="Recompute the hash chain over the stored log",
)
def verify_log(
    _: Auditor,
    app: App,
    position: HeadPosition = None,
    head: Head = None,
) -> dict[str, Any]:
    if (position is None) != (head is None):
        missing = "head" if head is None else "position"
        raise Problem(
            422,
            "give position and head together",
            slug="invalid-fields",
            errors=[{"field": missing, "message": "give position and head together"}],
        )
    anchor = (position, head) if position is not None and head is not None else None
    return verify(app, anchor).as_dict()


class KeyRecord(BaseModel):
    name: str
    role: str


class AccessRecord(BaseModel):
    """One request on record: who asked what, when, about which records, and how it was answered."""

    position: int
    at: str
    request_id: str
    key: KeyRecord
    scope: str | None
    method: str
    path: str
    record_ids: list[str]
    status: int


class AccessPage(BaseModel):
    entries: list[AccessRecord]
    next_after: int


@router.get(
    "/v1/audit/access",
    response_model=AccessPage,
    responses=LOG_ANSWERS,
    summary="The access log in order, a page at a time: who read or changed what",
)
def list_access(
    request: Request,
    _: Auditor,
    after: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:
    writer: AccessWriter = request.app.state.access
    writer.flush()
    page = writer.store.page(after, limit)
    return {
        "entries": [{"position": position, **access.as_dict()} for position, access in page],
        "next_after": page[-1][0] if page else after,
    }
