"""Member enterprises (会员企业): joining, reading and every command on one member."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response

from application.register import Register
from application.state import member_state
from interfaces.api import schemas
from interfaces.api.auth import ROLES, Principal, require
from interfaces.api.deps import AsOf, Version, get_register
from interfaces.api.kept_reads import MEMBER
from interfaces.api.resources import MemberState
from interfaces.api.routers.common import COMMAND_ANSWERS, CREATION_ANSWERS, REVALIDATED_READ_ANSWERS, read_state
from interfaces.api.writes import Commanding, Write

router = APIRouter(prefix="/v1/members", tags=["members"])
Registrar = Annotated[Write, Depends(Commanding("registrar"))]
Reader = Annotated[Principal, Depends(require(*ROLES))]
App = Annotated[Register, Depends(get_register)]


def member_location(state: dict[str, object]) -> str:
    return f"/v1/members/{state['id']}"


@router.post(
    "",
    status_code=201,
    response_model=MemberState,
    responses=CREATION_ANSWERS,
    summary="Join (or join again after leaving: If-Match then names the version it left at)",
)
def join_member(body: schemas.JoinMember, write: Registrar) -> JSONResponse:
    return write.run(
        body,
        write.register.join_member,
        body.credit_code,
        body.name,
        body.street,
        body.industry,
        body.joined_on,
        present=member_state,
        location=member_location,
    )


@router.get(
    "/{member_id}",
    response_model=MemberState,
    responses=REVALIDATED_READ_ANSWERS,
    summary="A member now, at a version, or as of a time",
)
def get_member(
    request: Request, member_id: UUID, principal: Reader, app: App, version: Version = None, as_of: AsOf = None
) -> Response:
    return read_state(
        request, principal, app, member_id, "member", app.get_member, member_state, version, as_of, current=MEMBER
    )


@router.post("/{member_id}/amend", response_model=MemberState, responses=COMMAND_ANSWERS, summary="Amend the profile")
def amend_member(member_id: UUID, body: schemas.AmendMember, write: Registrar) -> JSONResponse:
    changes = body.changes.model_dump(exclude_none=True)
    return write.run(body, write.register.amend_member, member_id, changes, body.reason, present=member_state)


@router.post(
    "/{member_id}/correct-joined-on",
    response_model=MemberState,
    responses=COMMAND_ANSWERS,
    summary="Correct the day the membership began",
)
def correct_joined_on(member_id: UUID, body: schemas.CorrectJoinedOn, write: Registrar) -> JSONResponse:
    return write.run(
        body, write.register.correct_joined_on, member_id, body.joined_on, body.reason, present=member_state
    )


@router.post(
    "/{member_id}/correct-left-on",
    response_model=MemberState,
    responses=COMMAND_ANSWERS,
    summary="Correct the day the member last left",
)
def correct_left_on(member_id: UUID, body: schemas.CorrectLeftOn, write: Registrar) -> JSONResponse:
    return write.run(body, write.register.correct_left_on, member_id, body.on, body.reason, present=member_state)


@router.post(
    "/{member_id}/correct-chamber-day",
    response_model=MemberState,
    responses=COMMAND_ANSWERS,
    summary="Correct the day the member joined and/or left a chamber (its latest membership of it)",
)
def correct_chamber_day(member_id: UUID, body: schemas.CorrectChamberDays, write: Registrar) -> JSONResponse:
    return write.run(
        body,
        write.register.correct_chamber_days,
        member_id,
        body.chamber_id,
        body.reason,
        body.joined_on,
        body.left_on,
        present=member_state,
    )


@router.post(
    "/{member_id}/join-chamber", response_model=MemberState, responses=COMMAND_ANSWERS, summary="Join a chamber"
)
def join_chamber(member_id: UUID, body: schemas.ChamberAndDay, write: Registrar) -> JSONResponse:
    return write.run(
        body, write.register.member_join_chamber, member_id, body.chamber_id, body.on, present=member_state
    )


@router.post(
    "/{member_id}/leave-chamber", response_model=MemberState, responses=COMMAND_ANSWERS, summary="Leave a chamber"
)
def leave_chamber(member_id: UUID, body: schemas.ChamberAndDay, write: Registrar) -> JSONResponse:
    return write.run(
        body, write.register.member_leave_chamber, member_id, body.chamber_id, body.on, present=member_state
    )


@router.post(
    "/{member_id}/designate-key-focus",
    response_model=MemberState,
    responses=COMMAND_ANSWERS,
    summary="Put on the key-focus list (重点关注对象)",
)
def designate_key_focus(member_id: UUID, body: schemas.KeyFocus, write: Registrar) -> JSONResponse:
    return write.run(body, write.register.designate_key_focus, member_id, list(body.criteria), present=member_state)


@router.post(
    "/{member_id}/revoke-key-focus",
    response_model=MemberState,
    responses=COMMAND_ANSWERS,
    summary="Take off the key-focus list",
)
def revoke_key_focus(member_id: UUID, body: schemas.Reasoned, write: Registrar) -> JSONResponse:
    return write.run(body, write.register.revoke_key_focus, member_id, body.reason, present=member_state)


@router.post(
    "/{member_id}/report-party-members",
    response_model=MemberState,
    responses=COMMAND_ANSWERS,
    summary="Report the full and probationary Party members",
)
def report_member_party_members(member_id: UUID, body: schemas.ReportPartyMembers, write: Registrar) -> JSONResponse:
    return write.run(
        body,
        write.register.member_report_party_members,
        member_id,
        body.full_members,
        body.on,
        body.probationary_members,
        present=member_state,
    )


@router.post(
    "/{member_id}/record-san-you",
    response_model=MemberState,
    responses=COMMAND_ANSWERS,
    summary='Record its "三有" mark (fixed premises, employees, real business)',
)
def record_san_you(member_id: UUID, body: schemas.RecordSanYou, write: Registrar) -> JSONResponse:
    return write.run(
        body,
        write.register.record_san_you,
        member_id,
        body.fixed_premises,
        body.employees,
        body.real_business,
        body.on,
        present=member_state,
    )


@router.post("/{member_id}/suspend", response_model=MemberState, responses=COMMAND_ANSWERS, summary="Suspend")
def suspend_member(member_id: UUID, body: schemas.Reasoned, write: Registrar) -> JSONResponse:
    return write.run(body, write.register.suspend_member, member_id, body.reason, present=member_state)


@router.post("/{member_id}/reinstate", response_model=MemberState, responses=COMMAND_ANSWERS, summary="Reinstate")
def reinstate_member(member_id: UUID, body: schemas.Reasoned, write: Registrar) -> JSONResponse:
    return write.run(body, write.register.reinstate_member, member_id, body.reason, present=member_state)


@router.post("/{member_id}/leave", response_model=MemberState, responses=COMMAND_ANSWERS, summary="Leave the FIC")
def leave_member(member_id: UUID, body: schemas.LeaveMember, write: Registrar) -> JSONResponse:
    return write.run(body, write.register.member_leave, member_id, body.on, body.reason, present=member_state)
