"""Chambers of commerce (商会): establishing, reading and every command on one chamber."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response

from application.register import Register
from application.state import chamber_state
from interfaces.api import schemas
from interfaces.api.auth import ROLES, Principal, require
from interfaces.api.deps import AsOf, Version, get_register
from interfaces.api.kept_reads import CHAMBER
from interfaces.api.resources import ChamberState
from interfaces.api.routers.common import COMMAND_ANSWERS, CREATION_ANSWERS, READ_ANSWERS, read_state
from interfaces.api.writes import Commanding, Creating, Write

router = APIRouter(prefix="/v1/chambers", tags=["chambers"])
Registrar = Annotated[Write, Depends(Commanding("registrar"))]
RegistrarCreating = Annotated[Write, Depends(Creating("registrar"))]
Reader = Annotated[Principal, Depends(require(*ROLES))]
App = Annotated[Register, Depends(get_register)]


def chamber_location(state: dict[str, object]) -> str:
    return f"/v1/chambers/{state['id']}"


@router.post(
    "", status_code=201, response_model=ChamberState, responses=CREATION_ANSWERS, summary="Establish a chamber"
)
def establish_chamber(body: schemas.EstablishChamber, write: RegistrarCreating) -> JSONResponse:
    return write.run(
        body,
        write.register.establish_chamber,
        body.name,
        body.kind,
        body.street,
        body.established_on,
        present=chamber_state,
        location=chamber_location,
    )


@router.get(
    "/{chamber_id}",
    response_model=ChamberState,
    responses=READ_ANSWERS,
    summary="A chamber now, at a version, or as of a time",
)
def get_chamber(
    request: Request, chamber_id: UUID, principal: Reader, app: App, version: Version = None, as_of: AsOf = None
) -> Response:
    return read_state(
        request, principal, app, chamber_id, "chamber", app.get_chamber, chamber_state, version, as_of, current=CHAMBER
    )


@router.post(
    "/{chamber_id}/register",
    response_model=ChamberState,
    responses=COMMAND_ANSWERS,
    summary="Registered as a social organization",
)
def register_chamber(chamber_id: UUID, body: schemas.RegisterChamber, write: Registrar) -> JSONResponse:
    return write.run(
        body,
        write.register.register_chamber,
        chamber_id,
        body.certificate_no,
        body.on,
        body.charter_term_years,
        present=chamber_state,
    )


@router.post(
    "/{chamber_id}/hang-fic-plaque",
    response_model=ChamberState,
    responses=COMMAND_ANSWERS,
    summary="Hang the FIC plaque (工商联牌子)",
)
def hang_fic_plaque(chamber_id: UUID, body: schemas.OnDay, write: Registrar) -> JSONResponse:
    return write.run(body, write.register.hang_fic_plaque, chamber_id, body.on, present=chamber_state)


@router.post(
    "/{chamber_id}/renew-term", response_model=ChamberState, responses=COMMAND_ANSWERS, summary="Record a new term"
)
def renew_chamber_term(chamber_id: UUID, body: schemas.RenewTerm, write: Registrar) -> JSONResponse:
    return write.run(
        body,
        write.register.renew_chamber_term,
        chamber_id,
        body.term,
        body.starts_on,
        body.ends_on,
        body.president,
        present=chamber_state,
    )


@router.post(
    "/{chamber_id}/postpone-term",
    response_model=ChamberState,
    responses=COMMAND_ANSWERS,
    summary="Postpone its renewal, with approval (延期换届)",
)
def postpone_chamber_term(chamber_id: UUID, body: schemas.PostponeChamberTerm, write: Registrar) -> JSONResponse:
    return write.run(
        body,
        write.register.postpone_chamber_term,
        chamber_id,
        body.postponed_to,
        body.approved_by,
        body.approved_on,
        present=chamber_state,
    )


@router.post(
    "/{chamber_id}/award-four-good",
    response_model=ChamberState,
    responses=COMMAND_ANSWERS,
    summary='Award a "Four Good" title (四好商会) for a period',
)
def award_four_good(chamber_id: UUID, body: schemas.AwardFourGood, write: Registrar) -> JSONResponse:
    return write.run(
        body,
        write.register.award_four_good,
        chamber_id,
        body.year,
        body.level,
        body.until_year,
        present=chamber_state,
    )


@router.post(
    "/{chamber_id}/revoke-four-good",
    response_model=ChamberState,
    responses=COMMAND_ANSWERS,
    summary='Revoke a "Four Good" title, with its reason',
)
def revoke_four_good(chamber_id: UUID, body: schemas.RevokeFourGood, write: Registrar) -> JSONResponse:
    return write.run(
        body,
        write.register.revoke_four_good,
        chamber_id,
        body.year,
        body.level,
        body.on,
        body.reason,
        present=chamber_state,
    )


@router.post(
    "/{chamber_id}/designate-demonstration-site",
    response_model=ChamberState,
    responses=COMMAND_ANSWERS,
    summary="Designate a demonstration site for a year",
)
def designate_demonstration_site(chamber_id: UUID, body: schemas.YearOnly, write: Registrar) -> JSONResponse:
    return write.run(body, write.register.designate_demonstration_site, chamber_id, body.year, present=chamber_state)


@router.post(
    "/{chamber_id}/rename",
    response_model=ChamberState,
    responses=COMMAND_ANSWERS,
    summary="Rename a chamber, or correct its name, with a reason",
)
def rename_chamber(chamber_id: UUID, body: schemas.RenameChamber, write: Registrar) -> JSONResponse:
    return write.run(body, write.register.rename_chamber, chamber_id, body.name, body.reason, present=chamber_state)


@router.post(
    "/{chamber_id}/correct-established-on",
    response_model=ChamberState,
    responses=COMMAND_ANSWERS,
    summary="Correct the day it was established, with a reason",
)
def correct_established_on(chamber_id: UUID, body: schemas.CorrectEstablishedOn, write: Registrar) -> JSONResponse:
    return write.run(
        body,
        write.register.correct_chamber_established_on,
        chamber_id,
        body.established_on,
        body.reason,
        present=chamber_state,
    )


@router.post(
    "/{chamber_id}/correct-four-good-years",
    response_model=ChamberState,
    responses=COMMAND_ANSWERS,
    summary='Correct the years of a "Four Good" title, with a reason',
)
def correct_four_good_years(chamber_id: UUID, body: schemas.CorrectFourGoodYears, write: Registrar) -> JSONResponse:
    return write.run(
        body,
        write.register.correct_four_good_years,
        chamber_id,
        body.year,
        body.level,
        body.to_year,
        body.reason,
        body.to_until_year,
        present=chamber_state,
    )


@router.post(
    "/{chamber_id}/correct-demonstration-site-year",
    response_model=ChamberState,
    responses=COMMAND_ANSWERS,
    summary="Correct the year of a demonstration site, with a reason",
)
def correct_demonstration_site_year(
    chamber_id: UUID, body: schemas.CorrectDemonstrationSiteYear, write: Registrar
) -> JSONResponse:
    return write.run(
        body,
        write.register.correct_demonstration_site_year,
        chamber_id,
        body.year,
        body.to_year,
        body.reason,
        present=chamber_state,
    )


@router.post("/{chamber_id}/dissolve", response_model=ChamberState, responses=COMMAND_ANSWERS, summary="Dissolve")
def dissolve_chamber(chamber_id: UUID, body: schemas.Dissolve, write: Registrar) -> JSONResponse:
    return write.run(body, write.register.dissolve_chamber, chamber_id, body.on, body.reason, present=chamber_state)
