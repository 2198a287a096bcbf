"""The forms' pages: shown to the roles that may send them, sent with their CSRF token, and shown again with the
Chinese refusal beside its field when the command is refused."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from application.context import CommandContext
from interfaces.api.access_log import note_records
from interfaces.console.forms.catalog import BY_KEY, FormSpec
from interfaces.console.forms.submit import Outcome, submit
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

creating = APIRouter()
"""Forms that create a record, before the record pages whose ``/{key}`` would take their path."""
router = APIRouter()


def _spec(kind: str, name: str) -> FormSpec:
    spec = BY_KEY.get((kind, name))
    if spec is None:
        raise PageProblem(404, "没有这个表单")
    return spec


def _suggestions(snapshot: Snapshot, spec: FormSpec) -> dict[str, list[str]]:
    docs = snapshot.all(spec.record) if any(f.suggest for f in spec.fields) else []
    return {f.name: sorted({str(d.get(f.suggest)) for d in docs if d.get(f.suggest)}) for f in spec.fields if f.suggest}


def _defaults(snapshot: Snapshot, spec: FormSpec) -> dict[str, list[str]]:
    years = [r["year"] for r in snapshot.all("round")]
    return {f.name: [str(max(years))] for f in spec.fields if f.kind == "year" and years}


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
            "title": getattr(aggregate, "name", key),
            "href": f"/console/{KINDS[spec.record].path}/{key}",
            "version": aggregate.version,
        }
    texts = outcome.texts if outcome else _defaults(snapshot, spec)
    context = {
        "form": spec,
        "record": record,
        "texts": texts,
        "errors": outcome.errors if outcome else {},
        "general": outcome.general if outcome else [],
        "suggestions": _suggestions(snapshot, spec),
        "title": spec.title,
    }
    return render(request, "form.html", context, status, session=session)


async def _send(request: Request, spec: FormSpec, key: str | None) -> Response:
    session = signed_in(request)
    form = await request.form()
    check_csrf(session, form)
    allow(request, session, spec.action)
    sent = {name: [str(v) for v in form.getlist(name)] for name in form}
    expected = None
    if key is not None:
        version_text = str(form.get("expected_version") or "")
        expected = int(version_text) if version_text.isdigit() else None

    def context(reason: str | None) -> CommandContext:
        return CommandContext(session.name, session.role, request.state.request_id, reason)

    register = register_of(request)

    def send() -> Outcome:
        with confined(request):
            return submit(spec, register, context, key, sent, expected)

    outcome = await run_in_threadpool(send)
    if outcome.recorded is not None:
        note_records(request, outcome.recorded.aggregate.id)
    if not outcome.ok:
        return await run_in_threadpool(_page, request, session, spec, key, outcome, 422)
    assert outcome.recorded is not None
    ident = key or str(outcome.recorded.aggregate.id)
    return redirect(f"/console/{KINDS[spec.record].path}/{ident}?saved={spec.name}")


@creating.get("/console/members/new")
def join_form(request: Request) -> Response:
    session = signed_in(request)
    spec = _spec("member", "new")
    allow(request, session, spec.action)
    return _page(request, session, spec, None)


@creating.post("/console/members/new")
async def join(request: Request) -> Response:
    return await _send(request, _spec("member", "new"), None)


@router.get("/console/branches/{key}/{name}")
def branch_form(request: Request, key: str, name: str) -> Response:
    session = signed_in(request)
    spec = _spec("branch", name)
    allow(request, session, spec.action)
    return _page(request, session, spec, key)


@router.post("/console/branches/{key}/{name}")
async def branch_command(request: Request, key: str, name: str) -> Response:
    return await _send(request, _spec("branch", name), key)
