"""Spreadsheet imports: the template of each kind, and an upload of an ``.xlsx`` or ``.csv`` file checked row by
row and recorded in one transaction (201), or checked only (``dry_run``, 200), or refused whole (422 with every
problem by row and column, a 4xx problem for a file that cannot be read)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from application.imports.files import MAX_BYTES, FileRefused
from application.imports.registry import KINDS
from application.imports.template import template
from application.register import Register
from interfaces.api.auth import ROLES, Principal, require
from interfaces.api.deps import get_register
from interfaces.api.import_models import IMPORT_ANSWERS, OCTET_STREAM, TEMPLATE_ANSWERS, XLSX, ImportAnswer
from interfaces.api.language import TITLES_ZH
from interfaces.api.problems import PROBLEM_JSON, TITLES, Problem, wants_chinese
from interfaces.api.writes import FastJSONResponse
from interfaces.sheet_imports import run_import

router = APIRouter(prefix="/v1/imports", tags=["imports"])
Reader = Annotated[Principal, Depends(require(*ROLES))]
Registrar = Annotated[Principal, Depends(require("registrar"))]
Assessor = Annotated[Principal, Depends(require("assessor"))]
App = Annotated[Register, Depends(get_register)]
Upload = Annotated[UploadFile, File(description="The .xlsx workbook or .csv file (UTF-8 or GB18030), up to 20 MiB")]
DryRun = Annotated[bool, Query(description="Check every row and record nothing")]


class ImportKindName(StrEnum):
    """The kinds of import."""

    MEMBERS = "members"
    CHAMBERS = "chambers"
    BRANCHES = "branches"
    ORGANIZATIONAL_LIFE = "organizational-life"
    REVIEWS = "reviews"


@router.get(
    "/templates/{kind}.xlsx",
    response_class=Response,
    responses=TEMPLATE_ANSWERS,
    summary="The template of a kind of import: Chinese headers, an example row and a sheet explaining each column",
)
def import_template(kind: Annotated[ImportKindName, Path()], request: Request, principal: Reader) -> Response:
    title = KINDS[kind.value].title
    disposition = f"attachment; filename=\"{kind.value}.xlsx\"; filename*=UTF-8''{quote(f'{title}导入模板.xlsx')}"
    accepted = request.headers.get("accept", "")
    media = OCTET_STREAM if OCTET_STREAM in accepted and XLSX not in accepted else XLSX
    return Response(template(kind.value), media_type=media, headers={"Content-Disposition": disposition})


async def _imported(
    kind: str, request: Request, principal: Principal, register: Register, file: UploadFile, dry_run: bool
) -> JSONResponse:
    data = await file.read(MAX_BYTES + 1)
    try:
        result = await run_in_threadpool(
            run_import,
            register,
            data,
            file.filename or "",
            kind,
            dry_run=dry_run,
            principal=principal,
            request_id=request.state.request_id,
        )
    except FileRefused as refused:
        raise Problem(
            refused.status,
            refused.message,
            slug=refused.rule.replace(".", "-").replace("_", "-"),
            rule=refused.rule,
            errors=[{"field": "file", "message": refused.message}],
        ) from None
    document = result.as_document()
    if result.rejected:
        count = result.rejected
        chinese = wants_chinese(request)
        body = {
            "type": "urn:ficledger:problem:import-rows-rejected",
            "title": TITLES_ZH[422] if chinese else TITLES[422],
            "status": 422,
            "detail": f"{count} 行未通过检查，未登记任何内容"
            + ("" if chinese else f" ({count} rows refused, nothing recorded)"),
            "rule": "import.rows_rejected",
            **document,
        }
        return JSONResponse(body, status_code=422, media_type=PROBLEM_JSON)
    if result.recorded:
        register.health.succeeded()
    return FastJSONResponse(document, status_code=200 if dry_run else 201)


@router.post(
    "/members",
    status_code=201,
    response_model=ImportAnswer,
    responses=IMPORT_ANSWERS,
    summary="Import member enterprises (registrar)",
)
async def import_members(
    request: Request, principal: Registrar, register: App, file: Upload, dry_run: DryRun = False
) -> JSONResponse:
    return await _imported("members", request, principal, register, file, dry_run)


@router.post(
    "/chambers",
    status_code=201,
    response_model=ImportAnswer,
    responses=IMPORT_ANSWERS,
    summary="Import chambers of commerce (registrar)",
)
async def import_chambers(
    request: Request, principal: Registrar, register: App, file: Upload, dry_run: DryRun = False
) -> JSONResponse:
    return await _imported("chambers", request, principal, register, file, dry_run)


@router.post(
    "/branches",
    status_code=201,
    response_model=ImportAnswer,
    responses=IMPORT_ANSWERS,
    summary="Import Party organizations (registrar)",
)
async def import_branches(
    request: Request, principal: Registrar, register: App, file: Upload, dry_run: DryRun = False
) -> JSONResponse:
    return await _imported("branches", request, principal, register, file, dry_run)


@router.post(
    "/organizational-life",
    status_code=201,
    response_model=ImportAnswer,
    responses=IMPORT_ANSWERS,
    summary="Import organizational life (registrar)",
)
async def import_organizational_life(
    request: Request, principal: Registrar, register: App, file: Upload, dry_run: DryRun = False
) -> JSONResponse:
    return await _imported("organizational-life", request, principal, register, file, dry_run)


@router.post(
    "/reviews",
    status_code=201,
    response_model=ImportAnswer,
    responses=IMPORT_ANSWERS,
    summary="Import a year's reviews (assessor)",
)
async def import_reviews(
    request: Request, principal: Assessor, register: App, file: Upload, dry_run: DryRun = False
) -> JSONResponse:
    return await _imported("reviews", request, principal, register, file, dry_run)
