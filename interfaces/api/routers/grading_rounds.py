"""Grading rounds (年度分类定级): opening, publicity (公示), objections and closing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import JSONResponse

from application.register import Register
from application.state import round_state
from domain.grading_round import round_id
from interfaces.api import schemas
from interfaces.api.auth import ROLES, Principal, require
from interfaces.api.commands import run_command
from interfaces.api.deps import AsOf, Version, get_register
from interfaces.api.routers.common import read_state
from interfaces.api.routes import Command, add_commands
from interfaces.api.states import RoundState

router = APIRouter(prefix="/v1/grading-rounds", tags=["grading rounds"], responses=schemas.PROBLEMS)
Assessor = Annotated[Principal, Depends(require("assessor"))]
Reader = Annotated[Principal, Depends(require(*ROLES))]
App = Annotated[Register, Depends(get_register)]
YearPath = Annotated[int, Path(ge=1949, le=2200)]


@router.post("", status_code=201, response_model=RoundState, summary="Open the year's round")
def open_round(body: schemas.OpenRound, request: Request, principal: Assessor, app: App) -> JSONResponse:
    policy = body.policy.model_dump() if body.policy else None
    return run_command(
        request,
        principal,
        body,
        lambda ctx, _: app.open_round(ctx, body.year, policy),
        round_state,
        created=lambda state: f"/v1/grading-rounds/{state['year']}",
    )


@router.get("/{year}", response_model=RoundState, summary="A round now, at a version, or as of a time")
def get(year: YearPath, principal: Reader, app: App, version: Version = None, as_of: AsOf = None) -> JSONResponse:
    return read_state(
        principal,
        app,
        round_id(year),
        "grading round",
        lambda _, at_version: app.get_round(year, at_version),
        round_state,
        version,
        as_of,
    )


add_commands(
    router,
    RoundState,
    "year",
    ("assessor",),
    lambda _: round_state,
    [
        Command(
            "start-publicity",
            schemas.StartPublicity,
            lambda a, y, b, c, v: a.start_publicity(c, y, b.starts_on, b.ends_on, v),
            "Post the grades for publicity (公示)",
        ),
        Command(
            "raise-objection",
            schemas.RaiseObjection,
            lambda a, y, b, c, v: a.raise_objection(c, y, b.branch_id, b.text, v),
        ),
        Command(
            "resolve-objection",
            schemas.ResolveObjection,
            lambda a, y, b, c, v: a.resolve_objection(c, y, b.objection_id, b.resolution, v),
        ),
        Command(
            "close",
            schemas.OnDay,
            lambda a, y, b, c, v: a.close_round(c, y, b.on, v),
            "Close the round: its grades become final",
        ),
    ],
    key_type=YearPath,
)
