"""Member enterprises (会员企业): joining, reading and every command on one member."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from application.register import Register
from application.state import member_state
from interfaces.api import schemas
from interfaces.api.auth import ROLES, Principal, require
from interfaces.api.commands import run_command
from interfaces.api.deps import AsOf, Version, get_register
from interfaces.api.routers.common import read_state
from interfaces.api.routes import Command, add_commands
from interfaces.api.states import MemberState

router = APIRouter(prefix="/v1/members", tags=["members"], responses=schemas.PROBLEMS)
Registrar = Annotated[Principal, Depends(require("registrar"))]
Reader = Annotated[Principal, Depends(require(*ROLES))]
App = Annotated[Register, Depends(get_register)]


@router.post("", status_code=201, response_model=MemberState, summary="Join (or join again after leaving)")
def join(body: schemas.JoinMember, request: Request, principal: Registrar, app: App) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, version: app.join_member(
            ctx, body.credit_code, body.name, body.street, body.industry, body.joined_on, version
        ),
        member_state,
        created=lambda state: f"/v1/members/{state['id']}",
    )


@router.get("/{member_id}", response_model=MemberState, summary="A member now, at a version, or as of a time")
def get(member_id: UUID, principal: Reader, app: App, version: Version = None, as_of: AsOf = None) -> JSONResponse:
    return read_state(principal, app, member_id, "member", app.get_member, member_state, version, as_of)


add_commands(
    router,
    MemberState,
    "member_id",
    ("registrar",),
    lambda _: member_state,
    [
        Command("amend", schemas.AmendMember, lambda a, i, b, c, v: a.amend_member(c, i, dict(b.changes), b.reason, v)),
        Command(
            "join-chamber",
            schemas.ChamberAndDay,
            lambda a, i, b, c, v: a.member_join_chamber(c, i, b.chamber_id, b.on, v),
        ),
        Command(
            "leave-chamber",
            schemas.ChamberAndDay,
            lambda a, i, b, c, v: a.member_leave_chamber(c, i, b.chamber_id, b.on, v),
        ),
        Command(
            "designate-key-focus",
            schemas.KeyFocus,
            lambda a, i, b, c, v: a.designate_key_focus(c, i, list(b.criteria), v),
            "Put on the key-focus list (重点关注对象)",
        ),
        Command("revoke-key-focus", schemas.Reasoned, lambda a, i, b, c, v: a.revoke_key_focus(c, i, b.reason, v)),
        Command(
            "report-party-members",
            schemas.ReportPartyMembers,
            lambda a, i, b, c, v: a.member_report_party_members(c, i, b.count, b.on, v),
            "Report full Party members",
        ),
        Command("suspend", schemas.Reasoned, lambda a, i, b, c, v: a.suspend_member(c, i, b.reason, v)),
        Command("reinstate", schemas.Reasoned, lambda a, i, b, c, v: a.reinstate_member(c, i, b.reason, v)),
        Command("leave", schemas.LeaveMember, lambda a, i, b, c, v: a.member_leave(c, i, b.on, b.reason, v)),
    ],
)
