"""The dashboard and the list of grading rounds."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from application.projections.changes import unchanged
from interfaces.console.dates import day, today
from interfaces.console.labels import label
from interfaces.console.pages.common import allow, console, documents, redirect, register_of, render, signed_in
from interfaces.console.pages.reports import cache_of
from interfaces.console.views.dashboard import OVERVIEW_READS, overview, with_members

router = APIRouter()


@router.get("/console")
def console_root() -> Response:
    return redirect("/console/")


@router.get("/console/")
def dashboard_page(request: Request) -> Response:
    session = signed_in(request)
    allow(request, session, "read")
    register, snap, on = register_of(request), documents(request), today()
    key = ("dashboard", str(snap.scope) if snap.scope else None, on)
    at = snap.position()
    board = cache_of(request).since(
        key,
        at,
        lambda: overview(register, snap, on),
        lambda before: unchanged(register, before, at, OVERVIEW_READS),
    )
    board = cache_of(request).get(("members", key, at), lambda: with_members(board, snap))
    return render(request, "dashboard.html", {"board": board, "title": "首页"}, session=session)


@router.get("/console/rounds")
def rounds_page(request: Request) -> Response:
    session = signed_in(request)
    allow(request, session, "read")
    rounds = []
    for doc in sorted(documents(request).all("round"), key=lambda r: r["year"], reverse=True):
        status = "closed" if doc.get("closed_on") else "publicity" if doc.get("publicity") else "open"
        publicity = doc.get("publicity") or {}
        rounds.append(
            {
                "year": doc["year"],
                "status": label("round_status", status),
                "publicity": f"{day(publicity['starts_on'])}至{day(publicity['ends_on'])}" if publicity else "",
                "closed_on": day(doc.get("closed_on")),
            }
        )
    may_open = console(request).permissions.may(session.role, "round.new") and session.principal.scope is None
    context = {"rounds": rounds, "title": "定级工作", "new": may_open}
    return render(request, "rounds.html", context, session=session)
