"""Member enterprises (会员企业): joining, reading and every command on one member."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from application.register import Register
from application.state import member_state
from interfaces.api import schemas
from interfaces.api.auth import ROLES, Principal, require
from interfaces.api.commands import run_command
from interfaces.api.deps import get_register
from interfaces.api.routers.common import read_state

router = APIRouter(prefix="/v1/members", tags=["members"], responses=schemas.PROBLEMS)
Registrar = Annotated[Principal, Depends(require("registrar"))]
Reader = Annotated[Principal, Depends(require(*ROLES))]
App = Annotated[Register, Depends(get_register)]


@router.post("", status_code=201, response_model=schemas.State, summary="Join (or join again after leaving)")
def join(body: schemas.JoinMember, request: Request, principal: Registrar, app: App) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, _: app.join_member(ctx, body.credit_code, body.name, body.street, body.industry, body.joined_on),
        member_state,
        created=lambda state: f"/v1/members/{state['id']}",
    )


@router.get("/{member_id}", response_model=schemas.State, summary="A member now, at a version, or as of a time")
def get(
    member_id: UUID,
    request: Request,
    principal: Reader,
    app: App,
    version: Annotated[int | None, Query(ge=1, le=10**9)] = None,
    as_of: datetime | None = None,
) -> JSONResponse:
    return read_state(request, principal, app, member_id, "member", app.get_member, member_state, version, as_of)


@router.post("/{member_id}/amend", response_model=schemas.State)
def amend(member_id: UUID, body: schemas.AmendMember, request: Request, principal: Registrar, app: App) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, v: app.amend_member(ctx, member_id, dict(body.changes), body.reason, v),
        member_state,
    )


@router.post("/{member_id}/join-chamber", response_model=schemas.State)
def join_chamber(
    member_id: UUID, body: schemas.ChamberAndDay, request: Request, principal: Registrar, app: App
) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, v: app.member_join_chamber(ctx, member_id, body.chamber_id, body.on, v),
        member_state,
    )


@router.post("/{member_id}/leave-chamber", response_model=schemas.State)
def leave_chamber(
    member_id: UUID, body: schemas.ChamberAndDay, request: Request, principal: Registrar, app: App
) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, v: app.member_leave_chamber(ctx, member_id, body.chamber_id, body.on, v),
        member_state,
    )


@router.post("/{member_id}/designate-key-focus", response_model=schemas.State)
def designate_key_focus(
    member_id: UUID, body: schemas.KeyFocus, request: Request, principal: Registrar, app: App
) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, v: app.designate_key_focus(ctx, member_id, list(body.criteria), v),
        member_state,
    )


@router.post("/{member_id}/revoke-key-focus", response_model=schemas.State)
def revoke_key_focus(
    member_id: UUID, body: schemas.Reasoned, request: Request, principal: Registrar, app: App
) -> JSONResponse:
    return run_command(
        request, principal, body, lambda ctx, v: app.revoke_key_focus(ctx, member_id, body.reason, v), member_state
    )


@router.post("/{member_id}/report-party-members", response_model=schemas.State, summary="Report full Party members")
def report_party_members(
    member_id: UUID, body: schemas.ReportPartyMembers, request: Request, principal: Registrar, app: App
) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, v: app.member_report_party_members(ctx, member_id, body.count, body.on, v),
        member_state,
    )


@router.post("/{member_id}/suspend", response_model=schemas.State)
def suspend(member_id: UUID, body: schemas.Reasoned, request: Request, principal: Registrar, app: App) -> JSONResponse:
    return run_command(
        request, principal, body, lambda ctx, v: app.suspend_member(ctx, member_id, body.reason, v), member_state
    )


@router.post("/{member_id}/reinstate", response_model=schemas.State)
def reinstate(
    member_id: UUID, body: schemas.Reasoned, request: Request, principal: Registrar, app: App
) -> JSONResponse:
    return run_command(
        request, principal, body, lambda ctx, v: app.reinstate_member(ctx, member_id, body.reason, v), member_state
    )


@router.post("/{member_id}/leave", response_model=schemas.State)
def leave(member_id: UUID, body: schemas.LeaveMember, request: Request, principal: Registrar, app: App) -> JSONResponse:
    return run_command(
        request, principal, body, lambda ctx, v: app.member_leave(ctx, member_id, body.on, body.reason, v), member_state
    )
