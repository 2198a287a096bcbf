"""Party organizations (党组织): founding, reading, the registrar's records and the assessor's reviews and grades."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response

from application.register import Register
from application.state import branch_state
from domain.branch import PartyBranch
from domain.grading_round import round_id
from interfaces.api import schemas
from interfaces.api.auth import ROLES, Principal, require
from interfaces.api.deps import AsOf, Version, get_register
from interfaces.api.kept_reads import BRANCH
from interfaces.api.resources import BranchState
from interfaces.api.routers.common import COMMAND_ANSWERS, CREATION_ANSWERS, READ_ANSWERS, read_state
from interfaces.api.writes import Commanding, Creating, Write

router = APIRouter(prefix="/v1/branches", tags=["branches"])
Registrar = Annotated[Write, Depends(Commanding("registrar"))]
RegistrarCreating = Annotated[Write, Depends(Creating("registrar"))]
Assessor = Annotated[Write, Depends(Commanding("assessor"))]
Reader = Annotated[Principal, Depends(require(*ROLES))]
App = Annotated[Register, Depends(get_register)]


def presenter(app: Register) -> Callable[[PartyBranch], dict[str, Any]]:
    """A branch now, its grades final for the years whose round has closed."""

    def present(branch: PartyBranch) -> dict[str, Any]:
        return branch_state(branch, app.final_years(list(branch.grades)))

    return present


def present_then(app: Register) -> Callable[[PartyBranch, datetime], dict[str, Any]]:
    """A past state, its grades final where the year's round had closed by ``moment``."""

    def present(branch: PartyBranch, moment: datetime) -> dict[str, Any]:
        final = set()
        for year in branch.grades:
            version = app.version_as_of(round_id(year), moment)
            if version is not None and app.get_round(year, version).is_closed:
                final.add(year)
        return branch_state(branch, final)

    return present


def branch_location(state: dict[str, object]) -> str:
    return f"/v1/branches/{state['id']}"


@router.post(
    "", status_code=201, response_model=BranchState, responses=CREATION_ANSWERS, summary="Found a Party organization"
)
def found_branch(body: schemas.FoundBranch, write: RegistrarCreating) -> JSONResponse:
    return write.run(
        body,
        write.register.found_branch,
        body.name,
        body.kind,
        body.street,
        body.managing_unit,
        body.management_basis,
        body.founded_on,
        body.full_members,
        host_member_ids=body.host_member_ids,
        host_chamber_id=body.host_chamber_id,
        probationary_members=body.probationary_members,
        has_committee=body.has_committee,
        has_party_groups=body.has_party_groups,
        term_ends_on=body.term_ends_on,
        joint_units_approved_by=body.joint_units_approved_by,
        present=presenter(write.register),
        location=branch_location,
    )


@router.get(
    "/{branch_id}",
    response_model=BranchState,
    responses=READ_ANSWERS,
    summary="An organization now, at a version, or as of a time",
)
def get_branch(
    request: Request, branch_id: UUID, principal: Reader, app: App, version: Version = None, as_of: AsOf = None
) -> Response:
    return read_state(
        request,
        principal,
        app,
        branch_id,
        "branch",
        app.get_branch,
        presenter(app),
        version,
        as_of,
        present_then(app),
        current=BRANCH,
    )


@router.post(
    "/{branch_id}/transfer-management",
    response_model=BranchState,
    responses=COMMAND_ANSWERS,
    summary="Transfer to another managing unit",
)
def transfer_management(branch_id: UUID, body: schemas.TransferManagement, write: Registrar) -> JSONResponse:
    return write.run(
        body,
        write.register.transfer_management,
        branch_id,
        body.managing_unit,
        body.basis,
        body.on,
        body.reason,
        present=presenter(write.register),
    )


@router.post(
    "/{branch_id}/correct-transfer",
    response_model=BranchState,
    responses=COMMAND_ANSWERS,
    summary="Correct the day of a management transfer, with a reason",
)
def correct_transfer(branch_id: UUID, body: schemas.CorrectTransfer, write: Registrar) -> JSONResponse:
    return write.run(
        body,
        write.register.correct_transfer_day,
        branch_id,
        body.on,
        body.to_on,
        body.reason,
        present=presenter(write.register),
    )


@router.post(
    "/{branch_id}/report-party-members",
    response_model=BranchState,
    responses=COMMAND_ANSWERS,
    summary="Report the full and probationary Party members",
)
def report_branch_party_members(branch_id: UUID, body: schemas.ReportPartyMembers, write: Registrar) -> JSONResponse:
    return write.run(
        body,
        write.register.report_party_members,
        branch_id,
        body.full_members,
        body.on,
        body.probationary_members,
        present=presenter(write.register),
    )


@router.post(
    "/{branch_id}/record-structure",
    response_model=BranchState,
    responses=COMMAND_ANSWERS,
    summary="Record whether it has a committee and Party groups (支部委员会, 党小组)",
)
def record_structure(branch_id: UUID, body: schemas.RecordStructure, write: Registrar) -> JSONResponse:
    return write.run(
        body,
        write.register.record_structure,
        branch_id,
        body.has_committee,
        body.has_party_groups,
        body.on,
        present=presenter(write.register),
    )


@router.post(
    "/{branch_id}/record-election",
    response_model=BranchState,
    responses=COMMAND_ANSWERS,
    summary="Record the election of its committee (换届选举)",
)
def record_election(branch_id: UUID, body: schemas.RecordElection, write: Registrar) -> JSONResponse:
    return write.run(
        body,
        write.register.record_election,
        branch_id,
        body.elected_on,
        body.term_ends_on,
        present=presenter(write.register),
    )


@router.post(
    "/{branch_id}/correct-election",
    response_model=BranchState,
    responses=COMMAND_ANSWERS,
    summary="Correct the day of an election or its term's end, with a reason",
)
def correct_election(branch_id: UUID, body: schemas.CorrectElection, write: Registrar) -> JSONResponse:
    return write.run(
        body,
        write.register.correct_election,
        branch_id,
        body.elected_on,
        body.reason,
        body.to_elected_on,
        body.to_term_ends_on,
        present=presenter(write.register),
    )


@router.post(
    "/{branch_id}/postpone-election",
    response_model=BranchState,
    responses=COMMAND_ANSWERS,
    summary="Postpone its election, with approval (延期换届)",
)
def postpone_election(branch_id: UUID, body: schemas.PostponeElection, write: Registrar) -> JSONResponse:
    return write.run(
        body,
        write.register.postpone_election,
        branch_id,
        body.postponed_to,
        body.approved_by,
        body.approved_on,
        present=presenter(write.register),
    )


@router.post(
    "/{branch_id}/record-organizational-life",
    response_model=BranchState,
    responses=COMMAND_ANSWERS,
    summary="Record organizational life (三会一课, 主题党日)",
)
def record_organizational_life(
    branch_id: UUID, body: schemas.RecordOrganizationalLife, write: Registrar
) -> JSONResponse:
    return write.run(
        body,
        write.register.record_organizational_life,
        branch_id,
        body.activity,
        body.held_on,
        body.attendance,
        present=presenter(write.register),
        by_secretary=body.by_secretary,
    )


@router.post("/{branch_id}/dissolve", response_model=BranchState, responses=COMMAND_ANSWERS, summary="Dissolve")
def dissolve_branch(branch_id: UUID, body: schemas.Dissolve, write: Registrar) -> JSONResponse:
    return write.run(
        body, write.register.dissolve_branch, branch_id, body.on, body.reason, present=presenter(write.register)
    )


@router.post(
    "/{branch_id}/merge",
    response_model=BranchState,
    responses=COMMAND_ANSWERS,
    summary="Merge into another organization",
)
def merge_branch(branch_id: UUID, body: schemas.MergeBranch, write: Registrar) -> JSONResponse:
    return write.run(
        body, write.register.merge_branch, branch_id, body.branch_id, body.on, present=presenter(write.register)
    )


@router.post(
    "/{branch_id}/review",
    response_model=BranchState,
    responses=COMMAND_ANSWERS,
    summary="Record the annual review (述职评议)",
)
def review_branch(branch_id: UUID, body: schemas.ReviewBranch, write: Assessor) -> JSONResponse:
    return write.run(
        body,
        write.register.review_branch,
        branch_id,
        body.year,
        body.score,
        list(body.veto_findings),
        body.reviewed_on,
        body.reviewer,
        body.summary,
        present=presenter(write.register),
    )


@router.post(
    "/{branch_id}/grade", response_model=BranchState, responses=COMMAND_ANSWERS, summary="Grade a year (分类定级)"
)
def grade_branch(branch_id: UUID, body: schemas.GradeBranch, write: Assessor) -> JSONResponse:
    return write.run(
        body,
        write.register.grade_branch,
        branch_id,
        body.year,
        body.grade,
        body.override_reason,
        present=presenter(write.register),
    )


@router.post(
    "/{branch_id}/correct-grade", response_model=BranchState, responses=COMMAND_ANSWERS, summary="Correct a grade"
)
def correct_grade(branch_id: UUID, body: schemas.CorrectGrade, write: Assessor) -> JSONResponse:
    return write.run(
        body,
        write.register.correct_grade,
        branch_id,
        body.year,
        body.grade,
        body.reason,
        present=presenter(write.register),
    )


@router.post(
    "/{branch_id}/rename", response_model=BranchState, responses=COMMAND_ANSWERS, summary="Rename an organization"
)
def rename_branch(branch_id: UUID, body: schemas.RenameBranch, write: Registrar) -> JSONResponse:
    return write.run(
        body, write.register.rename_branch, branch_id, body.name, body.reason, present=presenter(write.register)
    )


@router.post(
    "/{branch_id}/correct-founded-on",
    response_model=BranchState,
    responses=COMMAND_ANSWERS,
    summary="Correct the day an organization was founded, with a reason",
)
def correct_founded_on(branch_id: UUID, body: schemas.CorrectFoundedOn, write: Registrar) -> JSONResponse:
    return write.run(
        body,
        write.register.correct_branch_founded_on,
        branch_id,
        body.founded_on,
        body.reason,
        present=presenter(write.register),
    )


@router.post(
    "/{branch_id}/void-meeting",
    response_model=BranchState,
    responses=COMMAND_ANSWERS,
    summary="Void an organizational-life activity recorded in error",
)
def void_meeting(branch_id: UUID, body: schemas.VoidMeeting, write: Registrar) -> JSONResponse:
    return write.run(
        body,
        write.register.void_meeting,
        branch_id,
        body.activity,
        body.held_on,
        body.reason,
        present=presenter(write.register),
        by_secretary=body.by_secretary,
    )


@router.post(
    "/{branch_id}/correct-review",
    response_model=BranchState,
    responses=COMMAND_ANSWERS,
    summary="Correct a review's score or findings",
)
def correct_review(branch_id: UUID, body: schemas.CorrectReview, write: Assessor) -> JSONResponse:
    return write.run(
        body,
        write.register.correct_review,
        branch_id,
        body.year,
        body.reason,
        body.score,
        body.veto_findings,
        present=presenter(write.register),
        reviewed_on=body.reviewed_on,
    )


@router.post(
    "/{branch_id}/open-rectification",
    response_model=BranchState,
    responses=COMMAND_ANSWERS,
    summary="Open a rectification (整顿)",
)
def open_rectification(branch_id: UUID, body: schemas.OpenRectification, write: Assessor) -> JSONResponse:
    return write.run(
        body,
        write.register.open_rectification,
        branch_id,
        body.year,
        body.measures,
        body.due_on,
        body.opened_on,
        helper=body.helper,
        helper_role=body.helper_role,
        plan=body.plan,
        present=presenter(write.register),
    )


@router.post(
    "/{branch_id}/close-rectification",
    response_model=BranchState,
    responses=COMMAND_ANSWERS,
    summary="Close the rectification by its acceptance (验收)",
)
def close_rectification(branch_id: UUID, body: schemas.CloseRectification, write: Assessor) -> JSONResponse:
    return write.run(
        body,
        write.register.close_rectification,
        branch_id,
        body.on,
        body.outcome,
        accepted_by=body.accepted_by,
        accepting_unit=body.accepting_unit,
        present=presenter(write.register),
    )


@router.post(
    "/{branch_id}/correct-rectification",
    response_model=BranchState,
    responses=COMMAND_ANSWERS,
    summary="Correct a rectification's days",
)
def correct_rectification(branch_id: UUID, body: schemas.CorrectRectification, write: Assessor) -> JSONResponse:
    return write.run(
        body,
        write.register.correct_rectification_days,
        branch_id,
        body.year,
        body.reason,
        body.opened_on,
        body.due_on,
        body.closed_on,
        present=presenter(write.register),
    )
