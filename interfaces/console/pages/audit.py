"""The auditor's pages: the event log (filtered, page by page, each event with its hash-chain link), verification
of the chain, the export of the whole log, and the access log (who read or changed what, newest first)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import date
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse

from application.audit.transfer import LogAltered, export_log
from interfaces.api.access_log import AccessWriter
from interfaces.console.dates import moment, parse_day, today
from interfaces.console.pages.common import allow, documents, redirect, register_of, render, secure, signed_in
from interfaces.console.verifications import Verifications
from interfaces.console.views.access import access_page
from interfaces.console.views.audit import KINDS, LogFilter, log_page, verdict
from interfaces.console.views.records import PageProblem

router = APIRouter()
LINK = "0123456789abcdef"
CHUNK = 1 << 20
WAIT = 2.0
"""Seconds a verification may take before the page answers with its progress instead of its verdict."""


def _position(text: str, what: str) -> int | None:
    if not text:
        return None
    if not text.isdigit() or len(text) > 18 or int(text) < 1:
        raise PageProblem(422, f"{what}应为正整数")
    return int(text)


def _filter(request: Request) -> LogFilter:
    params = request.query_params
    record_text = params.get("record", "").strip()
    try:
        record = UUID(record_text) if record_text else None
    except ValueError:
        raise PageProblem(422, "记录编号应为完整的编号（如 3fe7b1c8-f896-499d-93c8-26367d0d89e2）") from None
    kind = params.get("kind", "").strip() or None
    if kind is not None and kind not in KINDS:
        raise PageProblem(422, "记录类别不正确，请从下拉列表中选择")
    who = params.get("who", "").strip()
    if len(who) > 100:
        raise PageProblem(422, "经办人最多100个字")
    chosen: date | None = None
    if params.get("day", "").strip():
        try:
            chosen = parse_day(params["day"])
        except ValueError:
            raise PageProblem(422, "日期应写作 2020-01-05") from None
    return LogFilter(record, kind, who, chosen)


@router.get("/console/audit")
def event_log(request: Request) -> Response:
    session = signed_in(request)
    allow(request, session, "audit")
    chosen = _filter(request)
    before = _position(request.query_params.get("before", "").strip(), "页码参数")
    page = log_page(register_of(request), documents(request), chosen, before)
    context = {
        "page": page,
        "chosen": chosen,
        "kinds": list(KINDS.values()),
        "title": "审计日志",
    }
    return render(request, "audit.html", context, session=session)


@router.get("/console/audit/verify")
def verification(request: Request) -> Response:
    session = signed_in(request)
    allow(request, session, "audit")
    params = request.query_params
    position_text, head = params.get("position", "").strip(), params.get("head", "").strip().lower()
    position = _position(position_text, "日志位置")
    if head and (len(head) != 64 or any(c not in LINK for c in head)):
        raise PageProblem(422, "哈希链头应为64位十六进制字符（报表页脚“哈希链头”一栏）")
    if (position is None) != (not head):
        raise PageProblem(422, "核验报表的链头时，请同时填写日志位置和哈希链头")
    anchor = (position, head) if position is not None and head else None
    job = None
    if params.get("job"):
        job = verifications(request).get(params["job"])
        if job is None:
            raise PageProblem(404, "没有这次核验的记录（服务重启后请重新核验）")
    elif params.get("run") == "1" or anchor is not None:
        job = verifications(request).start(register_of(request), anchor)
        if not job.done.wait(WAIT):
            return redirect(f"/console/audit/verify?job={job.ident}")
    shown = None
    if job is not None and job.result is not None:
        shown = verdict(job.result, job.anchor, job.seconds)
    context = {
        "verdict": shown,
        "job": job,
        "verified_at": moment(job.finished_at) if job is not None and job.finished_at else "",
        "position": position_text or (str(job.anchor[0]) if job and job.anchor else ""),
        "head": head or (job.anchor[1] if job and job.anchor else ""),
        "title": "核验哈希链",
    }
    return render(request, "verify.html", context, session=session)


def verifications(request: Request) -> Verifications:
    return request.app.state.verifications  # type: ignore[no-any-return]


@router.get("/console/audit/export")
def export(request: Request) -> Response:
    session = signed_in(request)
    allow(request, session, "audit")
    handle, path = tempfile.mkstemp(prefix="ficledger-export-", suffix=".jsonl")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            trailer = export_log(register_of(request), out)
    except LogAltered as error:
        os.unlink(path)
        raise PageProblem(409, f"日志在第 {error.position} 条处被改动过，没有导出；请先在“核验哈希链”中查看") from None
    except BaseException:
        os.unlink(path)
        raise
    name = f"ficledger-log-{today():%Y%m%d}.jsonl"
    headers = {
        "Content-Disposition": f'attachment; filename="{name}"',
        "X-Ficledger-Events": str(trailer["count"]),
        "X-Ficledger-Head": str(trailer["head"] or ""),
    }
    return secure(StreamingResponse(_sent_then_removed(path), media_type="application/x-ndjson", headers=headers))


def _sent_then_removed(path: str) -> Iterator[bytes]:
    """The file in chunks, removed once sent or once the browser stops reading (it holds personal data)."""
    try:
        with open(path, "rb") as source:
            while chunk := source.read(CHUNK):
                yield chunk
    finally:
        os.unlink(path)


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
