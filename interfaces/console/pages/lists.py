"""The lists of members, chambers and Party organizations, and their downloads as XLSX. A list's page is kept
for as long as the log has not moved."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response

from interfaces.api.access_log import note_records
from interfaces.console.cache import PositionCache
from interfaces.console.dates import today
from interfaces.console.forms.catalog import creating
from interfaces.console.pages.common import allow, documents, render, secure, signed_in
from interfaces.console.views.lists import KINDS, TITLES, list_page, spreadsheet
from interfaces.exports import to_xlsx

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _list(request: Request, path: str) -> Response:
    session = signed_in(request)
    allow(request, session, "read")
    snap, on = documents(request), today()
    asked = tuple(request.query_params.multi_items())
    key = (path, asked, snap.position(), str(snap.scope) if snap.scope else None, on)
    lists: PositionCache = request.app.state.console_lists
    page = lists.get(key, lambda: list_page(snap, path, request.query_params, on))
    note_records(request, *page.ids)
    spec = creating(KINDS[path])
    may_add = spec is not None and request.app.state.console.permissions.may(session.role, spec.action)
    new = {"href": f"/console/{path}/new", "title": spec.title} if spec is not None and may_add else None
    context = {"page": page, "title": page.title, "new": new}
    return render(request, "list.html", context, session=session)


def _download(request: Request, path: str) -> Response:
    session = signed_in(request)
    allow(request, session, "read")
    laid_out = spreadsheet(documents(request), path, request.query_params, today())
    name = f"{TITLES[path]}名单_{today():%Y%m%d}.xlsx"
    disposition = f"attachment; filename=\"{path}.xlsx\"; filename*=UTF-8''{quote(name)}"
    return secure(Response(to_xlsx(laid_out), media_type=XLSX, headers={"Content-Disposition": disposition}))


@router.get("/console/members")
def members(request: Request) -> Response:
    return _list(request, "members")


@router.get("/console/chambers")
def chambers(request: Request) -> Response:
    return _list(request, "chambers")


@router.get("/console/branches")
def branches(request: Request) -> Response:
    return _list(request, "branches")


@router.get("/console/members.xlsx")
def members_xlsx(request: Request) -> Response:
    return _download(request, "members")


@router.get("/console/chambers.xlsx")
def chambers_xlsx(request: Request) -> Response:
    return _download(request, "chambers")


@router.get("/console/branches.xlsx")
def branches_xlsx(request: Request) -> Response:
    return _download(request, "branches")
