"""Party organizations (党组织): founding, reading, the registrar's records and the assessor's reviews and grades."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from application.register import Register
from application.state import branch_state
from domain.branch import PartyBranch
from domain.grading_round import round_id
from interfaces.api import schemas
from interfaces.api.auth import ROLES, Principal, require
from interfaces.api.commands import run_command
from interfaces.api.deps import AsOf, Version, get_register
from interfaces.api.routers.common import read_state
from interfaces.api.routes import Command, add_commands
from interfaces.api.states import BranchState

router = APIRouter(prefix="/v1/branches", tags=["branches"], responses=schemas.PROBLEMS)
Registrar = Annotated[Principal, Depends(require("registrar"))]
Assessor = Annotated[Principal, Depends(require("assessor"))]
Reader = Annotated[Principal, Depends(require(*ROLES))]
App = Annotated[Register, Depends(get_register)]


def presenter(app: Register) -> Any:
    def present(branch: PartyBranch) -> dict[str, Any]:
        return branch_state(branch, app.final_years([int(y) for y in branch.grades]))

    return present


def present_then(app: Register) -> Callable[[PartyBranch, datetime], dict[str, Any]]:
    """A past state, its grades final where the year's round had closed by ``moment``."""

    def present(branch: PartyBranch, moment: datetime) -> dict[str, Any]:
        final = set()
        for year in (int(y) for y in branch.grades):
            version = app.version_as_of(round_id(year), moment)
            if version is not None and app.get_round(year, version).is_closed:
                final.add(year)
        return branch_state(branch, final)

    return present


@router.post("", status_code=201, response_model=BranchState, summary="Found a Party organization")
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


@router.get("/{branch_id}", response_model=BranchState, summary="An organization now, at a version, or as of a time")
def get(branch_id: UUID, principal: Reader, app: App, version: Version = None, as_of: AsOf = None) -> JSONResponse:
    return read_state(
        principal, app, branch_id, "branch", app.get_branch, presenter(app), version, as_of, present_then(app)
    )


add_commands(
    router,
    BranchState,
    "branch_id",
    ("registrar",),
    presenter,
    [
        Command(
            "transfer-management",
            schemas.TransferManagement,
            lambda a, i, b, c, v: a.transfer_management(c, i, b.managing_unit, b.basis, b.on, b.reason, v),
        ),
        Command(
            "report-party-members",
            schemas.ReportPartyMembers,
            lambda a, i, b, c, v: a.report_party_members(c, i, b.count, b.on, v),
        ),
        Command(
            "record-organizational-life",
            schemas.OrganizationalLife,
            lambda a, i, b, c, v: a.record_organizational_life(c, i, b.activity, b.held_on, b.attendance, v),
            "Record organizational life (三会一课, 主题党日)",
        ),
        Command("dissolve", schemas.DissolveBody, lambda a, i, b, c, v: a.dissolve_branch(c, i, b.on, b.reason, v)),
        Command(
            "merge",
            schemas.MergeBranch,
            lambda a, i, b, c, v: a.merge_branch(c, i, b.branch_id, b.on, v),
            "Merge into another organization",
        ),
    ],
)
add_commands(
    router,
    BranchState,
    "branch_id",
    ("assessor",),
    presenter,
    [
        Command(
            "review",
            schemas.Review,
            lambda a, i, b, c, v: a.review_branch(
                c, i, b.year, b.score, list(b.veto_findings), b.reviewed_on, b.reviewer, b.summary, v
            ),
            "Record the annual review (述职评议)",
        ),
        Command(
            "grade",
            schemas.GradeBody,
            lambda a, i, b, c, v: a.grade_branch(c, i, b.year, b.grade, b.override_reason, v),
            "Grade a year (分类定级)",
        ),
        Command(
            "correct-grade",
            schemas.CorrectGrade,
            lambda a, i, b, c, v: a.correct_grade(c, i, b.year, b.grade, b.reason, v),
        ),
        Command(
            "open-rectification",
            schemas.OpenRectification,
            lambda a, i, b, c, v: a.open_rectification(c, i, b.year, b.measures, b.due_on, v),
            "Open a rectification (整顿)",
        ),
        Command(
            "close-rectification",
            schemas.CloseRectification,
            lambda a, i, b, c, v: a.close_rectification(c, i, b.on, b.outcome, v),
        ),
    ],
)
