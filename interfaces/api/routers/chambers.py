"""Chambers of commerce (商会): establishing, reading and every command on one chamber."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from application.register import Register
from application.state import chamber_state
from interfaces.api import schemas
from interfaces.api.auth import ROLES, Principal, require
from interfaces.api.commands import run_command
from interfaces.api.deps import get_register
from interfaces.api.routers.common import read_state

router = APIRouter(prefix="/v1/chambers", tags=["chambers"], responses=schemas.PROBLEMS)
Registrar = Annotated[Principal, Depends(require("registrar"))]
Reader = Annotated[Principal, Depends(require(*ROLES))]
App = Annotated[Register, Depends(get_register)]


@router.post("", status_code=201, response_model=schemas.State, summary="Establish a chamber")
def establish(body: schemas.EstablishChamber, request: Request, principal: Registrar, app: App) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, _: app.establish_chamber(ctx, body.name, body.kind, body.street, body.established_on),
        chamber_state,
        created=lambda state: f"/v1/chambers/{state['id']}",
    )


@router.get("/{chamber_id}", response_model=schemas.State, summary="A chamber now, at a version, or as of a time")
def get(
    chamber_id: UUID,
    request: Request,
    principal: Reader,
    app: App,
    version: Annotated[int | None, Query(ge=1, le=10**9)] = None,
    as_of: datetime | None = None,
) -> JSONResponse:
    return read_state(request, principal, app, chamber_id, "chamber", app.get_chamber, chamber_state, version, as_of)


@router.post("/{chamber_id}/register", response_model=schemas.State, summary="Registered as a social organization")
def register(
    chamber_id: UUID, body: schemas.RegisterChamber, request: Request, principal: Registrar, app: App
) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, v: app.register_chamber(ctx, chamber_id, body.certificate_no, body.on, v),
        chamber_state,
    )


@router.post("/{chamber_id}/hang-fic-plaque", response_model=schemas.State)
def hang_fic_plaque(
    chamber_id: UUID, body: schemas.OnDay, request: Request, principal: Registrar, app: App
) -> JSONResponse:
    return run_command(
        request, principal, body, lambda ctx, v: app.hang_fic_plaque(ctx, chamber_id, body.on, v), chamber_state
    )


@router.post("/{chamber_id}/renew-term", response_model=schemas.State)
def renew_term(
    chamber_id: UUID, body: schemas.RenewTerm, request: Request, principal: Registrar, app: App
) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, v: app.renew_chamber_term(
            ctx, chamber_id, body.term, body.starts_on, body.ends_on, body.president, v
        ),
        chamber_state,
    )


@router.post("/{chamber_id}/award-four-good", response_model=schemas.State)
def award_four_good(
    chamber_id: UUID, body: schemas.AwardFourGood, request: Request, principal: Registrar, app: App
) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, v: app.award_four_good(ctx, chamber_id, body.year, body.level, v),
        chamber_state,
    )


@router.post("/{chamber_id}/designate-demonstration-site", response_model=schemas.State)
def designate_demonstration_site(
    chamber_id: UUID, body: schemas.YearOnly, request: Request, principal: Registrar, app: App
) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, v: app.designate_demonstration_site(ctx, chamber_id, body.year, v),
        chamber_state,
    )


@router.post("/{chamber_id}/dissolve", response_model=schemas.State)
def dissolve(
    chamber_id: UUID, body: schemas.DissolveBody, request: Request, principal: Registrar, app: App
) -> JSONResponse:
    return run_command(
        request,
        principal,
        body,
        lambda ctx, v: app.dissolve_chamber(ctx, chamber_id, body.on, body.reason, v),
        chamber_state,
    )
