"""A record's page (now, at a version, as of a day, with its timeline) and the differences between two versions."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from interfaces.api.access_log import note_records
from interfaces.console.dates import parse_day
from interfaces.console.forms.catalog import BY_KEY, forms_for
from interfaces.console.pages.common import allow, confined, console, documents, register_of, render, signed_in
from interfaces.console.pages.forms import district_only
from interfaces.console.session import Session
from interfaces.console.views.records import PATHS, Action, PageProblem, compare_page, record_page

router = APIRouter()


def _number(text: str | None, what: str) -> int | None:
    if text is None or text.strip() == "":
        return None
    if not text.strip().isdigit() or not 1 <= int(text) <= 10**9:
        raise PageProblem(422, f"{what}应为正整数")
    return int(text)


def _history_allowed(request: Request, session: Session) -> bool:
    return console(request).permissions.may(session.role, "history")


def _record(request: Request, path: str, key: str) -> Response:
    session = signed_in(request)
    allow(request, session, "read")
    params = request.query_params
    version = _number(params.get("version"), "版本")
    as_of = None
    if params.get("day"):
        try:
            as_of = parse_day(params["day"])
        except ValueError:
            raise PageProblem(422, "日期应写作 2020-01-05") from None
    if version is not None or as_of is not None:
        allow(request, session, "history")
    spec = PATHS[path]
    with confined(request):
        page = record_page(
            register_of(request),
            documents(request),
            spec.kind,
            key,
            version=None if as_of else version,
            as_of=as_of,
            with_history=_history_allowed(request, session),
            timeline_page=_number(params.get("tpage"), "时间线页码") or 1,
        )
    note_records(request, page.ident)
    if page.at is None:
        permissions = console(request).permissions
        scoped = session.principal.scope is not None
        page.actions = [
            Action(f.title, f"/console/{path}/{key}/{f.name}")
            for f in forms_for(spec.kind)
            if (page.open or f.ended) and permissions.may(session.role, f.action) and not (scoped and district_only(f))
        ]
    saved = BY_KEY.get((spec.kind, params.get("saved", "")))
    context = {
        "record": page,
        "title": page.title,
        "saved": saved.title if saved else None,
        "chosen_day": as_of.isoformat() if as_of else "",
        "timeline_link": lambda n: (
            f"{request.url.include_query_params(tpage=n).path}?"
            f"{request.url.include_query_params(tpage=n).query}#history"
        ),
    }
    return render(request, "record.html", context, session=session)


def _changes(request: Request, path: str, key: str) -> Response:
    session = signed_in(request)
    allow(request, session, "history")
    params = request.query_params
    before = _number(params.get("before"), "对比的版本")
    after = _number(params.get("after"), "对比的版本")
    if before is None or after is None:
        raise PageProblem(422, "请选择要对比的两个版本")
    with confined(request):
        page = compare_page(register_of(request), documents(request), PATHS[path].kind, key, before, after)
    note_records(request, page.ident)
    return render(request, "changes.html", {"page": page, "title": f"{page.title} 版本对比"}, session=session)


@router.get("/console/members/{key}")
def member(request: Request, key: str) -> Response:
    return _record(request, "members", key)


@router.get("/console/chambers/{key}")
def chamber(request: Request, key: str) -> Response:
    return _record(request, "chambers", key)


@router.get("/console/branches/{key}")
def branch(request: Request, key: str) -> Response:
    return _record(request, "branches", key)


@router.get("/console/rounds/{key}")
def grading_round(request: Request, key: str) -> Response:
    return _record(request, "rounds", key)


@router.get("/console/members/{key}/changes")
def member_changes(request: Request, key: str) -> Response:
    return _changes(request, "members", key)


@router.get("/console/chambers/{key}/changes")
def chamber_changes(request: Request, key: str) -> Response:
    return _changes(request, "chambers", key)


@router.get("/console/branches/{key}/changes")
def branch_changes(request: Request, key: str) -> Response:
    return _changes(request, "branches", key)


@router.get("/console/rounds/{key}/changes")
def round_changes(request: Request, key: str) -> Response:
    return _changes(request, "rounds", key)
