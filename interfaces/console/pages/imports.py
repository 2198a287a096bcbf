"""Spreadsheet imports in the console: the templates to download, an upload tried first as a dry run (each row's
outcome and its problems by column, in Chinese), then imported. The import itself is
``interfaces.sheet_imports.run_import``, as the API's and the command line's."""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from application.imports.files import MAX_BYTES, FileRefused
from application.imports.outcome import ImportResult, RowStatus
from application.imports.registry import KINDS
from application.imports.template import template
from domain.vocabulary import FIELDS
from interfaces import sheet_imports
from interfaces.console.pages.common import allow, check_csrf, console, register_of, render, secure, signed_in
from interfaces.console.session import Session
from interfaces.console.views.records import PageProblem

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROWS_SHOWN = 500
CARRIED = 10 * 1024 * 1024
"""The largest file a dry run's page carries to its confirmation; a larger one is chosen again to import."""


@dataclass(frozen=True)
class Kind:
    """A kind of import as the page offers it: its code, Chinese title, template and whether the role may import
    it."""

    code: str
    title: str
    template: str
    allowed: bool


def _kinds(request: Request, session: Session) -> list[Kind]:
    permissions = console(request).permissions
    return [
        Kind(code, kind.title, f"/console/imports/{code}.xlsx", permissions.may(session.role, f"import.{code}"))
        for code, kind in KINDS.items()
    ]


def _rows(result: ImportResult) -> list[dict[str, Any]]:
    return [
        {
            "row": outcome.row,
            "status": outcome.status.label,
            "rejected": outcome.status.value == "rejected",
            "problems": [
                f"{p.column + '列' if p.column else ''}{FIELDS.get(p.field or '', p.field or '')}：{p.message}"
                for p in outcome.problems
            ],
        }
        for outcome in result.outcomes[:ROWS_SHOWN]
    ]


def _page(
    request: Request,
    session: Session,
    status: int = 200,
    *,
    chosen: str = "",
    result: ImportResult | None = None,
    refused: str = "",
    carried: dict[str, str] | None = None,
) -> Response:
    context = {
        "title": "表格导入",
        "kinds": _kinds(request, session),
        "chosen": chosen,
        "result": result,
        "rows": _rows(result) if result else [],
        "counts": {s.value: result.count(s) for s in RowStatus} if result else {},
        "more": max(0, len(result.outcomes) - ROWS_SHOWN) if result else 0,
        "refused": refused,
        "carried": carried,
        "kind_title": KINDS[chosen].title if chosen in KINDS else "",
    }
    return render(request, "imports.html", context, status, session=session)


@router.get("/console/imports")
def imports_page(request: Request) -> Response:
    session = signed_in(request)
    allow(request, session, "import")
    return _page(request, session)


async def _file(form: Any) -> tuple[bytes, str]:
    """The file sent: an upload, or the one a dry run's page carried (its bytes checked against its sha256)."""
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        return await upload.read(MAX_BYTES + 1), upload.filename
    carried, digest = str(form.get("carried") or ""), str(form.get("sha256") or "")
    if carried:
        try:
            data = base64.b64decode(carried, validate=True)
        except (binascii.Error, ValueError):
            data = b""
        if data and hashlib.sha256(data).hexdigest() == digest:
            return data, str(form.get("filename") or "")
    raise PageProblem(422, "请选择要导入的表格文件（.xlsx 或 .csv）")


@router.post("/console/imports")
async def import_sheet(request: Request) -> Response:
    session = signed_in(request)
    form = await request.form()
    check_csrf(session, form)
    allow(request, session, "import")
    kind = str(form.get("kind") or "")
    if kind not in KINDS:
        return _page(request, session, 422, refused="请选择导入的类型")
    allow(request, session, f"import.{kind}")
    data, filename = await _file(form)
    dry_run = form.get("action") != "import"
    register = register_of(request)
    try:
        result = await run_in_threadpool(
            sheet_imports.run_import,
            register,
            data,
            filename,
            kind,
            dry_run=dry_run,
            principal=session.principal,
            request_id=request.state.request_id,
        )
    except FileRefused as error:
        return _page(request, session, error.status, chosen=kind, refused=error.message.split(" (")[0])
    if result.recorded:
        register.health.succeeded()
    carried = None
    if dry_run and not result.rejected and len(data) <= CARRIED:
        carried = {
            "carried": base64.b64encode(data).decode("ascii"),
            "sha256": hashlib.sha256(data).hexdigest(),
            "filename": filename,
        }
    status = 422 if result.rejected else 200
    return _page(request, session, status, chosen=kind, result=result, carried=carried)


@router.get("/console/imports/{kind}.xlsx")
def import_template(request: Request, kind: str) -> Response:
    session = signed_in(request)
    allow(request, session, "read")
    if kind not in KINDS:
        raise PageProblem(404, "没有这类导入")
    name = f"{KINDS[kind].title}导入模板.xlsx"
    disposition = f"attachment; filename=\"{kind}.xlsx\"; filename*=UTF-8''{quote(name)}"
    return secure(Response(template(kind), media_type=XLSX, headers={"Content-Disposition": disposition}))
