"""Chambers of commerce (商会): establishing, reading and every command on one chamber."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from application.register import Register
from application.state import chamber_state
from interfaces.api import schemas
from interfaces.api.auth import ROLES, Principal, require
from interfaces.api.commands import run_command
from interfaces.api.deps import AsOf, Version, get_register
from interfaces.api.routers.common import read_state
from interfaces.api.routes import Command, add_commands
from interfaces.api.states import ChamberState

router = APIRouter(prefix="/v1/chambers", tags=["chambers"], responses=schemas.PROBLEMS)
Registrar = Annotated[Principal, Depends(require("registrar"))]
Reader = Annotated[Principal, Depends(require(*ROLES))]
App = Annotated[Register, Depends(get_register)]


@router.post("", status_code=201, response_model=ChamberState, summary="Establish a chamber")
def establish(body: schemas.EstablishChamber, request: Request, principal: Registrar, app: App) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, _: app.establish_chamber(ctx, body.name, body.kind, body.street, body.established_on),
        chamber_state,
        created=lambda state: f"/v1/chambers/{state['id']}",
    )


@router.get("/{chamber_id}", response_model=ChamberState, summary="A chamber now, at a version, or as of a time")
def get(chamber_id: UUID, principal: Reader, app: App, version: Version = None, as_of: AsOf = None) -> JSONResponse:
    return read_state(principal, app, chamber_id, "chamber", app.get_chamber, chamber_state, version, as_of)


add_commands(
    router,
    ChamberState,
    "chamber_id",
    ("registrar",),
    lambda _: chamber_state,
    [
        Command(
            "register",
            schemas.RegisterChamber,
            lambda a, i, b, c, v: a.register_chamber(c, i, b.certificate_no, b.on, v),
            "Registered as a social organization",
        ),
        Command("hang-fic-plaque", schemas.OnDay, lambda a, i, b, c, v: a.hang_fic_plaque(c, i, b.on, v)),
        Command(
            "renew-term",
            schemas.RenewTerm,
            lambda a, i, b, c, v: a.renew_chamber_term(c, i, b.term, b.starts_on, b.ends_on, b.president, v),
        ),
        Command(
            "award-four-good", schemas.AwardFourGood, lambda a, i, b, c, v: a.award_four_good(c, i, b.year, b.level, v)
        ),
        Command(
            "designate-demonstration-site",
            schemas.YearOnly,
            lambda a, i, b, c, v: a.designate_demonstration_site(c, i, b.year, v),
        ),
        Command("dissolve", schemas.DissolveBody, lambda a, i, b, c, v: a.dissolve_chamber(c, i, b.on, b.reason, v)),
    ],
)
