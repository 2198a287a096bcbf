"""The access log as an auditor reads it in the console: who read or changed what, newest first, 100 a page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from interfaces.api.access_log import AccessWriter
from interfaces.console.pages.common import allow, render, signed_in
from interfaces.console.views.access import access_page
from interfaces.console.views.records import PageProblem

router = APIRouter()


@router.get("/console/audit/access")
def access_log(request: Request) -> Response:
    session = signed_in(request)
    allow(request, session, "access")
    before_text = request.query_params.get("before", "")
    if before_text and (not before_text.isdigit() or len(before_text) > 18):
        raise PageProblem(422, "页码参数有误，请从“更早的记录”链接进入")
    writer: AccessWriter = request.app.state.access
    writer.flush()
    page = access_page(writer.store, int(before_text) if before_text else None)
    return render(request, "access.html", {"page": page, "title": "访问记录"}, session=session)
