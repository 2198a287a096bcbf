"""Party organizations (党组织): founding, reading, the registrar's records and the assessor's reviews and grades."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from application.register import Register
from application.state import branch_state
from domain.branch import PartyBranch
from interfaces.api import schemas
from interfaces.api.auth import ROLES, Principal, require
from interfaces.api.commands import run_command
from interfaces.api.deps import get_register
from interfaces.api.routers.common import read_state

router = APIRouter(prefix="/v1/branches", tags=["branches"], responses=schemas.PROBLEMS)
Registrar = Annotated[Principal, Depends(require("registrar"))]
Assessor = Annotated[Principal, Depends(require("assessor"))]
Reader = Annotated[Principal, Depends(require(*ROLES))]
App = Annotated[Register, Depends(get_register)]


def presenter(app: Register) -> Any:
    def present(branch: PartyBranch) -> dict[str, Any]:
        return branch_state(branch, app.final_years([int(y) for y in branch.grades]))

    return present


@router.post("", status_code=201, response_model=schemas.State, summary="Found a Party organization")
def found(body: schemas.FoundBranch, request: Request, principal: Registrar, app: App) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, _: app.found_branch(
            ctx,
            body.name,
            body.kind,
            body.street,
            body.managing_unit,
            body.management_basis,
            body.founded_on,
            body.party_member_count,
            host_member_ids=body.host_member_ids,
            host_chamber_id=body.host_chamber_id,
        ),
        presenter(app),
        created=lambda state: f"/v1/branches/{state['id']}",
    )


@router.get("/{branch_id}", response_model=schemas.State, summary="An organization now, at a version, or as of a time")
def get(
    branch_id: UUID,
    request: Request,
    principal: Reader,
    app: App,
    version: Annotated[int | None, Query(ge=1, le=10**9)] = None,
    as_of: datetime | None = None,
) -> JSONResponse:
    return read_state(request, principal, app, branch_id, "branch", app.get_branch, presenter(app), version, as_of)


@router.post("/{branch_id}/transfer-management", response_model=schemas.State)
def transfer_management(
    branch_id: UUID, body: schemas.TransferManagement, request: Request, principal: Registrar, app: App
) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, v: app.transfer_management(ctx, branch_id, body.managing_unit, body.basis, body.on, body.reason, v),
        presenter(app),
    )


@router.post("/{branch_id}/report-party-members", response_model=schemas.State)
def report_party_members(
    branch_id: UUID, body: schemas.ReportPartyMembers, request: Request, principal: Registrar, app: App
) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, v: app.report_party_members(ctx, branch_id, body.count, body.on, v),
        presenter(app),
    )


@router.post("/{branch_id}/record-organizational-life", response_model=schemas.State)
def record_organizational_life(
    branch_id: UUID, body: schemas.OrganizationalLife, request: Request, principal: Registrar, app: App
) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, v: app.record_organizational_life(ctx, branch_id, body.activity, body.held_on, body.attendance, v),
        presenter(app),
    )


@router.post("/{branch_id}/dissolve", response_model=schemas.State)
def dissolve(
    branch_id: UUID, body: schemas.DissolveBody, request: Request, principal: Registrar, app: App
) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, v: app.dissolve_branch(ctx, branch_id, body.on, body.reason, v),
        presenter(app),
    )


@router.post("/{branch_id}/merge", response_model=schemas.State, summary="Merge into another organization")
def merge(branch_id: UUID, body: schemas.MergeBranch, request: Request, principal: Registrar, app: App) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, v: app.merge_branch(ctx, branch_id, body.branch_id, body.on, v),
        presenter(app),
    )


@router.post("/{branch_id}/review", response_model=schemas.State, summary="Record the annual review (述职评议)")
def review(branch_id: UUID, body: schemas.Review, request: Request, principal: Assessor, app: App) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, v: app.review_branch(
            ctx,
            branch_id,
            body.year,
            body.score,
            list(body.veto_findings),
            body.reviewed_on,
            body.reviewer,
            body.summary,
            v,
        ),
        presenter(app),
    )


@router.post("/{branch_id}/grade", response_model=schemas.State, summary="Grade a year (分类定级)")
def grade(branch_id: UUID, body: schemas.GradeBody, request: Request, principal: Assessor, app: App) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, v: app.grade_branch(ctx, branch_id, body.year, body.grade, body.override_reason, v),
        presenter(app),
    )


@router.post("/{branch_id}/correct-grade", response_model=schemas.State)
def correct_grade(
    branch_id: UUID, body: schemas.CorrectGrade, request: Request, principal: Assessor, app: App
) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, v: app.correct_grade(ctx, branch_id, body.year, body.grade, body.reason, v),
        presenter(app),
    )


@router.post("/{branch_id}/open-rectification", response_model=schemas.State, summary="Open a rectification (整顿)")
def open_rectification(
    branch_id: UUID, body: schemas.OpenRectification, request: Request, principal: Assessor, app: App
) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, v: app.open_rectification(ctx, branch_id, body.year, body.measures, body.due_on, v),
        presenter(app),
    )


@router.post("/{branch_id}/close-rectification", response_model=schemas.State)
def close_rectification(
    branch_id: UUID, body: schemas.CloseRectification, request: Request, principal: Assessor, app: App
) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, v: app.close_rectification(ctx, branch_id, body.on, body.outcome, v),
        presenter(app),
    )
