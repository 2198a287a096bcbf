"""Lists of members, chambers and Party organizations, from the views, with filters and cursor paging."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from application.projections.views import decode_cursor, encode_cursor
from interfaces.api import schemas
from interfaces.api.auth import ROLES, Principal, require
from interfaces.api.problems import Problem

router = APIRouter(tags=["lists"], responses=schemas.PROBLEMS)
Reader = Annotated[Principal, Depends(require(*ROLES))]
Limit = Annotated[int, Query(ge=1, le=500)]
Cursor = Annotated[str | None, Query(max_length=200, description="next_cursor of the previous page")]
Text = Annotated[str | None, Query(max_length=200)]


class Page(BaseModel):
    """One page of a list; ``next_cursor`` is null on the last page."""

    items: list[dict[str, Any]]
    next_cursor: str | None


def _page(request: Request, kind: str, filters: dict[str, Any], cursor: str | None, limit: int) -> dict[str, Any]:
    register = request.app.state.register
    runner = request.app.state.views
    if not runner.wait_for(register.recorder.max_notification_id()):
        raise Problem(503, "the views are behind the log; try again shortly", slug="views-behind")
    try:
        after = decode_cursor(cursor) if cursor else None
    except ValueError:
        raise Problem(
            422,
            "cursor is not from this API",
            slug="invalid-fields",
            errors=[{"field": "cursor", "message": "invalid"}],
        ) from None
    chosen = {k: v for k, v in filters.items() if v is not None}
    docs = runner.view.page(kind, chosen, after, limit + 1)
    items = docs[:limit]
    return {"items": items, "next_cursor": encode_cursor(items[-1]["id"]) if len(docs) > limit else None}


@router.get("/v1/members", response_model=Page, summary="Member enterprises")
def members(
    request: Request,
    _: Reader,
    street: Text = None,
    status: Literal["active", "suspended", "left"] | None = None,
    key_focus: bool | None = None,
    chamber_id: UUID | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    filters = {"street": street, "status": status, "key_focus": key_focus, "chamber_id": chamber_id and str(chamber_id)}
    return _page(request, "member", filters, cursor, limit)


@router.get("/v1/chambers", response_model=Page, summary="Chambers of commerce")
def chambers(
    request: Request,
    _: Reader,
    street: Text = None,
    kind: Literal["street", "industry", "hometown"] | None = None,
    status: Literal["active", "dissolved"] | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    return _page(request, "chamber", {"street": street, "kind": kind, "status": status}, cursor, limit)


@router.get("/v1/branches", response_model=Page, summary="Party organizations")
def branches(
    request: Request,
    _: Reader,
    street: Text = None,
    kind: Literal["branch", "joint_branch", "general_branch", "committee", "joint_committee"] | None = None,
    status: Literal["active", "dissolved", "merged"] | None = None,
    managing_unit: Text = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    filters = {"street": street, "kind": kind, "status": status, "managing_unit": managing_unit}
    return _page(request, "branch", filters, cursor, limit)
