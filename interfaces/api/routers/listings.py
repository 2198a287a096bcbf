"""Lists of members, chambers and Party organizations, from the views: filters, ``q`` (part of a name, or a credit
code), in the order of names, a page at a time behind an opaque cursor."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from enum import StrEnum
from typing import Annotated, Any
from uuid import UUID

import orjson
from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, Field

from application.projections.views import Keep, Search, decode_cursor, encode_cursor
from application.reports.organizational_life import overdue
from application.scope import list_filters
from domain import credit_code as credit_codes
from domain.member import member_id
from domain.values import (
    BranchKind,
    BranchStatus,
    ChamberKind,
    ChamberStatus,
    KeyFocusCriterion,
    LeaveReason,
    ManagementBasis,
    MemberStatus,
)
from interfaces.api.access_log import note_records
from interfaces.api.auth import ROLES, Principal, require
from interfaces.api.deps import optional
from interfaces.api.etags import not_modified
from interfaces.api.kept_pages import KeptPage, page_tag
from interfaces.api.problems import REQUEST_ID_HEADER, Problem, problem_responses
from interfaces.api.resources import FourGood, OrganizationTerm, PartyMembers, Structure, Term
from interfaces.api.schemas import CREDIT_CODE_PATTERN, text, text_schema

router = APIRouter(tags=["lists"])
CURSOR_PATTERN = r"^[A-Za-z0-9_-]+$"
Reader = Annotated[Principal, Depends(require(*ROLES))]
Limit = Annotated[int, Query(ge=1, le=500, description="Items on a page")]
Cursor = optional(
    str,
    {"type": "string", "minLength": 1, "maxLength": 1000, "pattern": CURSOR_PATTERN},
    Query(min_length=1, max_length=1000, pattern=CURSOR_PATTERN, description="next_cursor of the previous page"),
)
Filter = optional(text(200), text_schema(200))
Q = optional(
    text(200),
    text_schema(200),
    Query(description="Part of a name (ASCII letters in any case), or a credit code"),
)
CreditCodeFilter = optional(
    str,
    {"type": "string", "minLength": 18, "maxLength": 18, "pattern": CREDIT_CODE_PATTERN},
    Query(min_length=18, max_length=18, pattern=CREDIT_CODE_PATTERN, description="The member with this credit code"),
)
KeyFocusFilter = optional(bool, {"type": "boolean"})
OverdueFilter = optional(
    bool,
    {"type": "boolean"},
    Query(description="Past the (postponed) end of its term today, without an election recorded"),
)
ChamberFilter = optional(UUID, {"type": "string", "format": "uuid"})


def code(enum: type[StrEnum]) -> Any:
    """An optional filter on one of the domain's codes."""
    return optional(enum, {"$ref": f"#/components/schemas/{enum.__name__}"})


MemberStatusFilter = code(MemberStatus)
ChamberKindFilter = code(ChamberKind)
ChamberStatusFilter = code(ChamberStatus)
BranchKindFilter = code(BranchKind)
BranchStatusFilter = code(BranchStatus)


PAGE_TAG = {
    "ETag": {
        "description": "A hash of the page's body; If-None-Match naming it is answered 304 Not Modified while the page "
        "is unchanged",
        "schema": {"type": "string"},
    }
}
LIST_ANSWERS = {
    200: {"headers": {**PAGE_TAG, **REQUEST_ID_HEADER}},
    304: {
        "description": "Not modified: the page is still the one If-None-Match names",
        "headers": {**PAGE_TAG, **REQUEST_ID_HEADER},
    },
    **problem_responses(400, 401, 403, 422, 503),
}


class MemberItem(BaseModel):
    """A member as the list shows it (more fields may follow)."""

    id: UUID
    version: int
    credit_code: str
    name: str
    street: str
    industry: str
    status: MemberStatus
    joined_on: date
    left_on: date | None
    left_reason: LeaveReason | None
    chamber_ids: list[UUID]
    key_focus_criteria: list[KeyFocusCriterion]
    party_members: PartyMembers | None


class ChamberItem(BaseModel):
    """A chamber as the list shows it (more fields may follow)."""

    id: UUID
    version: int
    name: str
    kind: ChamberKind
    street: str
    status: ChamberStatus
    established_on: date
    certificate_no: str | None
    registered_on: date | None
    fic_plaque_on: date | None
    terms: list[Term]
    four_good: list[FourGood]
    demonstration_site_years: list[int]
    dissolved_on: date | None


class BranchItem(BaseModel):
    """A Party organization as the list shows it (more fields may follow)."""

    id: UUID
    version: int
    name: str
    kind: BranchKind
    status: BranchStatus
    street: str
    host_member_ids: list[UUID]
    host_chamber_id: UUID | None
    managing_unit: str
    management_basis: ManagementBasis
    founded_on: date
    ended_on: date | None
    full_members: int = Field(description="Full (正式) Party members: every threshold counts these only.")
    probationary_members: int | None = Field(description="Probationary (预备) Party members; null when not reported.")
    party_member_count: int = Field(
        description="The full members, under the name of the first release.", deprecated=True
    )
    structures: list[Structure]
    terms: list[OrganizationTerm]


class MemberPage(BaseModel):
    """One page of members, by name; ``next_cursor`` is null on the last page."""

    items: list[MemberItem]
    next_cursor: str | None = Field(description="Pass as cursor for the next page; null on the last page.")


class ChamberPage(BaseModel):
    """One page of chambers, by name; ``next_cursor`` is null on the last page."""

    items: list[ChamberItem]
    next_cursor: str | None = Field(description="Pass as cursor for the next page; null on the last page.")


class BranchPage(BaseModel):
    """One page of Party organizations, by name; ``next_cursor`` is null on the last page."""

    items: list[BranchItem]
    next_cursor: str | None = Field(description="Pass as cursor for the next page; null on the last page.")


def _search(q: str | None, members: bool) -> Search | None:
    if q is None:
        return None
    code = credit_codes.normalize(q)
    return Search(q.strip(), str(member_id(code)) if members and credit_codes.is_valid(code) else None)


def _page(
    request: Request,
    principal: Principal,
    kind: str,
    filters: dict[str, Any],
    cursor: str | None,
    limit: int,
    keep: Keep | None = None,
    judged: Hashable = None,
) -> Response:
    """A page of the list of ``kind``, cut to the caller's scope; ``keep`` judges what no column holds, ``judged``
    being all that its judgement depends on. The page is kept by the view position it was read at (``PageCache``)
    and answered with a hash of its body as the ``ETag``, and 304 to an ``If-None-Match`` naming it."""
    try:
        after = decode_cursor(cursor) if cursor else None
    except ValueError:
        raise Problem(
            422,
            "cursor is not from this API",
            slug="invalid-fields",
            errors=[{"field": "cursor", "message": "not a next_cursor of this list"}],
        ) from None
    chosen = list_filters(principal.scope, kind, {k: v for k, v in filters.items() if v is not None})
    key = (kind, principal.scope, None if chosen is None else tuple(sorted(chosen.items())), after, limit, judged)
    runner, pages = request.app.state.views, request.app.state.pages
    settled = runner.settled()
    kept = None if settled is None else pages.get(key, settled)
    if kept is None:
        view = runner.readable(request.app.state.register.recorder.max_notification_id())
        held = view.position()
        docs = view.page(kind, chosen, after, limit + 1, keep) if chosen is not None else []
        items = docs[:limit]
        body = orjson.dumps({"items": items, "next_cursor": encode_cursor(items[-1]) if len(docs) > limit else None})
        kept = KeptPage(held, body, page_tag(body), tuple(str(item["id"]) for item in items))
        if view.position() == held:
            pages.put(key, kept)
    note_records(request, *kept.ids)
    if not_modified(request, kept.tag):
        return Response(status_code=304, headers={"ETag": kept.tag})
    return Response(kept.body, media_type="application/json", headers={"ETag": kept.tag})


@router.get("/v1/members", response_model=MemberPage, responses=LIST_ANSWERS, summary="Member enterprises")
def list_members(
    request: Request,
    principal: Reader,
    q: Q = None,
    credit_code: CreditCodeFilter = None,
    street: Filter = None,
    status: MemberStatusFilter = None,
    key_focus: KeyFocusFilter = None,
    chamber_id: ChamberFilter = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    filters = {
        "q": _search(q, members=True),
        "id": credit_code and str(member_id(credit_code)),
        "street": street,
        "status": status,
        "key_focus": key_focus,
        "chamber_id": chamber_id and str(chamber_id),
    }
    return _page(request, principal, "member", filters, cursor, limit)


@router.get("/v1/chambers", response_model=ChamberPage, responses=LIST_ANSWERS, summary="Chambers of commerce")
def list_chambers(
    request: Request,
    principal: Reader,
    q: Q = None,
    street: Filter = None,
    kind: ChamberKindFilter = None,
    status: ChamberStatusFilter = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    filters = {"q": _search(q, members=False), "street": street, "kind": kind, "status": status}
    return _page(request, principal, "chamber", filters, cursor, limit)


@router.get("/v1/branches", response_model=BranchPage, responses=LIST_ANSWERS, summary="Party organizations")
def list_branches(
    request: Request,
    principal: Reader,
    q: Q = None,
    street: Filter = None,
    kind: BranchKindFilter = None,
    status: BranchStatusFilter = None,
    managing_unit: Filter = None,
    overdue_for_election: OverdueFilter = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    filters = {
        "q": _search(q, members=False),
        "street": street,
        "kind": kind,
        "status": status,
        "managing_unit": managing_unit,
    }
    today = date.today()
    keep = _overdue_for_election(overdue_for_election, today)
    judged = None if keep is None else (overdue_for_election, today)
    return _page(request, principal, "branch", filters, cursor, limit, keep, judged)


def _overdue_for_election(wanted: bool | None, today: date) -> Keep | None:
    """Keeps the organizations that are (or are not) overdue for election on ``today``, as the domain judges."""
    if wanted is None:
        return None

    def keep(doc: dict[str, Any]) -> bool:
        return overdue(doc, today) is wanted

    return keep
