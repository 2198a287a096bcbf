"""Grading rounds (年度分类定级): opening, publicity (公示) and its printable list, objections and closing."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from application.register import Register
from application.scope import round_as_seen
from application.state import round_state
from domain.checks import MAX_YEAR, MIN_YEAR
from domain.grading_round import GradingRound, round_id
from interfaces.api import schemas
from interfaces.api.access_log import note_records
from interfaces.api.auth import ROLES, Principal, require
from interfaces.api.deps import AsOf, Version, get_register
from interfaces.api.problems import REQUEST_ID_HEADER, problem_responses
from interfaces.api.resources import RoundState
from interfaces.api.routers.common import COMMAND_ANSWERS, CREATION_ANSWERS, READ_ANSWERS, read_state
from interfaces.api.routers.reports import OCTET_STREAM, XLSX, built_report, xlsx_response
from interfaces.api.writes import Commanding, Creating, Write
from interfaces.exports import filing, filing_html

router = APIRouter(prefix="/v1/grading-rounds", tags=["grading rounds"])
Assessor = Annotated[Write, Depends(Commanding("assessor"))]
AssessorCreating = Annotated[Write, Depends(Creating("assessor"))]
Reader = Annotated[Principal, Depends(require(*ROLES))]
App = Annotated[Register, Depends(get_register)]
YearPath = Annotated[int, Path(ge=MIN_YEAR, le=MAX_YEAR)]


class NoticeFormat(StrEnum):
    """The publicity list as a printable page or as a workbook."""

    HTML = "html"
    XLSX = "xlsx"


NOTICE_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The publicity list (公示名单): a plain printable page (no outside resources), or an XLSX "
        "workbook (application/octet-stream when the request accepts only that)",
        "content": {
            "text/html": {"schema": {"type": "string"}},
            XLSX: {"schema": {"type": "string", "format": "binary"}},
            OCTET_STREAM: {"schema": {"type": "string", "format": "binary"}},
        },
        "headers": {
            **REQUEST_ID_HEADER,
            "Content-Disposition": {
                "description": 'For the workbook: attachment; filename="publicity-notice-<year>.xlsx"',
                "schema": {"type": "string"},
            },
        },
    },
    **problem_responses(400, 401, 403, 404, 409, 422, 503),
}


def round_location(state: dict[str, object]) -> str:
    return f"/v1/grading-rounds/{state['year']}"


def presenter(app: Register) -> Callable[[GradingRound], dict[str, Any]]:
    """A round as the caller's scope sees it: a scoped key sees only the objections about its organizations."""

    def present(rnd: GradingRound) -> dict[str, Any]:
        return round_as_seen(app, round_state(rnd))

    return present


@router.post(
    "", status_code=201, response_model=RoundState, responses=CREATION_ANSWERS, summary="Open the year's round"
)
def open_round(body: schemas.OpenRound, write: AssessorCreating) -> JSONResponse:
    policy = body.policy.model_dump(exclude_none=True) if body.policy else None
    return write.run(
        body, write.register.open_round, body.year, policy, present=presenter(write.register), location=round_location
    )


@router.get(
    "/{year}", response_model=RoundState, responses=READ_ANSWERS, summary="A round now, at a version, or as of a time"
)
def get_round(
    year: YearPath, request: Request, principal: Reader, app: App, version: Version = None, as_of: AsOf = None
) -> Response:
    def load(_: object, at_version: int | None) -> object:
        return app.get_round(year, at_version)

    note_records(request, round_id(year))
    return read_state(request, principal, app, round_id(year), "grading round", load, presenter(app), version, as_of)


@router.get(
    "/{year}/publicity-notice",
    response_class=Response,
    responses=NOTICE_ANSWERS,
    summary="The publicity list (公示名单): organizations and grades, never a person",
)
def get_publicity_notice(
    year: YearPath,
    request: Request,
    _: Reader,
    app: App,
    format: Annotated[NoticeFormat, Query(description="html (a printable page) or xlsx")] = NoticeFormat.HTML,
) -> Response:
    """The organizations graded in the year and their grades, with the publicity period: 404 for a round never
    opened, 409 (grading_round.publicity_not_started) before its grades are posted."""
    laid_out = filing(built_report(request, app, "publicity-notice", year, None), request.app.state.district)
    if format == NoticeFormat.XLSX:
        return xlsx_response(request, laid_out, f"publicity-notice-{year}")
    return HTMLResponse(filing_html(laid_out))


@router.post(
    "/{year}/start-publicity",
    response_model=RoundState,
    responses=COMMAND_ANSWERS,
    summary="Post the grades for publicity (公示)",
)
def start_publicity(year: YearPath, body: schemas.StartPublicity, write: Assessor) -> JSONResponse:
    return write.run(
        body, write.register.start_publicity, year, body.starts_on, body.ends_on, present=presenter(write.register)
    )


@router.post(
    "/{year}/raise-objection", response_model=RoundState, responses=COMMAND_ANSWERS, summary="Raise an objection"
)
def raise_objection(year: YearPath, body: schemas.RaiseObjection, write: Assessor) -> JSONResponse:
    return write.run(
        body,
        write.register.raise_objection,
        year,
        body.branch_id,
        body.text,
        body.raised_on,
        present=presenter(write.register),
    )


@router.post(
    "/{year}/resolve-objection",
    response_model=RoundState,
    responses=COMMAND_ANSWERS,
    summary="Resolve an objection",
)
def resolve_objection(year: YearPath, body: schemas.ResolveObjection, write: Assessor) -> JSONResponse:
    return write.run(
        body,
        write.register.resolve_objection,
        year,
        body.objection_id,
        body.resolution,
        present=presenter(write.register),
    )


@router.post(
    "/{year}/close",
    response_model=RoundState,
    responses=COMMAND_ANSWERS,
    summary="Close the round: its grades become final",
)
def close_round(year: YearPath, body: schemas.OnDay, write: Assessor) -> JSONResponse:
    return write.run(body, write.register.close_round, year, body.on, present=presenter(write.register))
