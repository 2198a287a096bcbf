"""The forms' pages: shown to the roles that may send them, sent with their CSRF token and the record's version,
and shown again with the Chinese refusal beside its field when the command is refused."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from application.context import CommandContext
from interfaces.api.access_log import note_records
from interfaces.console.forms.catalog import BY_KEY, FormSpec
from interfaces.console.forms.submit import Outcome, submit
from interfaces.console.labels import options, round_labels
from interfaces.console.pages.common import (
    allow,
    check_csrf,
    confined,
    documents,
    redirect,
    register_of,
    render,
    signed_in,
)
from interfaces.console.session import Session
from interfaces.console.views.documents import Snapshot
from interfaces.console.views.records import KINDS, PageProblem, load_record
from interfaces.scopes import Reach, reach

creating = APIRouter()
"""Forms that create a record, before the record pages whose ``/{key}`` would take their path."""
router = APIRouter()
PATHS = {"member": "members", "chamber": "chambers", "branch": "branches", "round": "rounds"}


def _spec(kind: str, name: str) -> FormSpec:
    spec = BY_KEY.get((kind, name))
    if spec is None:
        raise PageProblem(404, "没有这个表单")
    return spec


def district_only(spec: FormSpec) -> bool:
    """Whether the form's command is the whole district's (a round's opening, publicity and closing)."""
    return reach(*spec.api) == Reach.DISTRICT


def _admit(request: Request, session: Session, spec: FormSpec) -> None:
    allow(request, session, spec.action)
    scope = session.principal.scope
    if scope is not None and district_only(spec):
        raise PageProblem(403, f"此操作涉及全区；限于“{scope.label}”的密钥不能办理")


def _suggestions(snapshot: Snapshot, spec: FormSpec) -> dict[str, list[str]]:
    docs = snapshot.all(spec.record) if any(f.suggest for f in spec.fields) else []
    return {f.name: sorted({str(d.get(f.suggest)) for d in docs if d.get(f.suggest)}) for f in spec.fields if f.suggest}


def _defaults(snapshot: Snapshot, spec: FormSpec) -> dict[str, list[str]]:
    years = [r["year"] for r in snapshot.all("round")]
    if spec.record == "round" or not years:
        return {}
    return {f.name: [str(max(years))] for f in spec.fields if f.kind == "year"}


def _grades(snapshot: Snapshot, texts: dict[str, list[str]]) -> list[tuple[str, str]]:
    """The grades a ``grade`` field offers: those of the round of the year the form holds (by default the latest
    round's), best first, each with its Chinese label; the default set when that year has no round."""
    given = (texts.get("year") or [""])[-1].strip()
    labels = round_labels(snapshot)
    year = int(given) if given.isdigit() else max(labels, default=None)
    return list(labels[year].items()) if year in labels else options("grade")


def _choices(
    request: Request, snapshot: Snapshot, spec: FormSpec, key: str | None, texts: dict[str, list[str]]
) -> dict[str, list[tuple[str, str]]]:
    """The records a ``record`` field offers: the chambers and organizations that stand (not the record itself,
    and only those the form's ``offers`` keeps), a round's objections still waiting, in name order; the grades of
    the year's round a ``grade`` field offers."""
    choices: dict[str, list[tuple[str, str]]] = {}
    for item in spec.fields:
        if item.kind == "grade":
            choices[item.name] = _grades(snapshot, texts)
        if item.kind != "record":
            continue
        if item.records == "objection" and key is not None:
            waiting = [
                o for o in register_of(request).get_round(int(key)).objections.values() if o["resolution"] is None
            ]
            names = snapshot.names(str(o["branch_id"]) for o in waiting)
            choices[item.name] = [
                (str(o["objection_id"]), f"{names[str(o['branch_id'])]}：{o['text']}")
                for o in waiting
                if str(o["branch_id"]) in names
            ]
        elif item.records in ("chamber", "branch"):
            docs = [d for d in snapshot.all(item.records) if d.get("status") == "active" and d["id"] != key]
            acted_on = snapshot.load([key]).get(key) if key is not None and spec.offers else None
            if acted_on is not None and spec.offers is not None:
                docs = [d for d in docs if spec.offers(acted_on, d)]
            choices[item.name] = [(d["id"], d["name"]) for d in sorted(docs, key=lambda d: (d["name"], d["id"]))]
    return choices


def _page(
    request: Request,
    session: Session,
    spec: FormSpec,
    key: str | None,
    outcome: Outcome | None = None,
    status: int = 200,
) -> Response:
    register = register_of(request)
    snapshot = documents(request)
    record: dict[str, Any] | None = None
    if key is not None:
        with confined(request):
            aggregate = load_record(register, KINDS[spec.record], key, None)
        note_records(request, aggregate.id)
        record = {
            "title": getattr(aggregate, "name", f"{key}年度分类定级"),
            "href": f"/console/{PATHS[spec.record]}/{key}",
            "version": aggregate.version,
        }
    texts = outcome.texts if outcome else _defaults(snapshot, spec)
    with confined(request):
        choices = _choices(request, snapshot, spec, key, texts)
    context = {
        "form": spec,
        "record": record,
        "texts": texts,
        "errors": outcome.errors if outcome else {},
        "general": outcome.general if outcome else [],
        "suggestions": _suggestions(snapshot, spec),
        "choices": choices,
        "cancel": record["href"] if record else f"/console/{PATHS[spec.record]}",
        "title": spec.title,
    }
    return render(request, "form.html", context, status, session=session)


async def _send(request: Request, spec: FormSpec, key: str | None) -> Response:
    session = signed_in(request)
    form = await request.form()
    check_csrf(session, form)
    _admit(request, session, spec)
    sent = {name: [str(v) for v in form.getlist(name)] for name in form}
    expected = None
    ident: Any = None
    if key is not None:
        ident = KINDS[spec.record].ident(key) if spec.record != "round" else _year(key)
        version_text = str(form.get("expected_version") or "")
        expected = int(version_text) if version_text.isdigit() else None

    def context(reason: str | None) -> CommandContext:
        return CommandContext(session.name, session.role, request.state.request_id, reason)

    register = register_of(request)

    def send() -> Outcome:
        with confined(request):
            return submit(spec, register, context, ident, sent, expected)

    outcome = await run_in_threadpool(send)
    if outcome.recorded is not None:
        note_records(request, outcome.recorded.aggregate.id)
    if not outcome.ok:
        return await run_in_threadpool(_page, request, session, spec, key, outcome, 422)
    assert outcome.recorded is not None
    created = outcome.recorded.aggregate
    shown = key or (str(created.year) if spec.record == "round" else str(created.id))
    return redirect(f"/console/{PATHS[spec.record]}/{shown}?saved={spec.name}")


def _year(key: str) -> int:
    if not key.isdigit() or len(key) != 4:
        raise PageProblem(404, "找不到这一年度的定级工作")
    return int(key)


def _creating_routes(record: str) -> None:
    path = f"/console/{PATHS[record]}/new"

    def show(request: Request) -> Response:
        session = signed_in(request)
        spec = _spec(record, "new")
        _admit(request, session, spec)
        return _page(request, session, spec, None)

    async def send(request: Request) -> Response:
        return await _send(request, _spec(record, "new"), None)

    creating.add_api_route(path, show, methods=["GET"], name=f"{record}_new_form")
    creating.add_api_route(path, send, methods=["POST"], name=f"{record}_new")


def _record_routes(record: str) -> None:
    path = f"/console/{PATHS[record]}/{{key}}/{{name}}"

    def show(request: Request, key: str, name: str) -> Response:
        session = signed_in(request)
        spec = _spec(record, name)
        _admit(request, session, spec)
        return _page(request, session, spec, key)

    async def send(request: Request, key: str, name: str) -> Response:
        return await _send(request, _spec(record, name), key)

    router.add_api_route(path, show, methods=["GET"], name=f"{record}_form")
    router.add_api_route(path, send, methods=["POST"], name=f"{record}_command")


for _record in PATHS:
    _creating_routes(_record)
    _record_routes(_record)
