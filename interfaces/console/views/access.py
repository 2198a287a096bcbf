"""The access log's page: each request on record as a row a person reads, newest first."""

from __future__ import annotations

from dataclasses import dataclass

from application.store.access_log import AccessLog
from domain.scope import Scope
from interfaces.console.dates import moment
from interfaces.console.labels import label

PAGE_SIZE = 100
METHODS = {"GET": "查看", "POST": "登记", "HEAD": "查看"}
OUTCOMES = {401: "未登录", 403: "无权", 404: "未找到", 412: "版本不符"}


def outcome(status: int) -> str:
    """What became of a request, in words: ``完成（200）``."""
    if status < 400:
        text = "完成"
    elif status >= 500:
        text = "出错"
    else:
        text = OUTCOMES.get(status, "被拒绝")
    return f"{text}（{status}）"


@dataclass(frozen=True)
class AccessRow:
    """One request on record, in Chinese."""

    position: int
    at: str
    key: str
    role: str
    scope: str
    action: str
    path: str
    records: list[str]
    result: str


@dataclass(frozen=True)
class AccessPage:
    """A page of the access log and where the next older page begins (None: this is the oldest)."""

    rows: list[AccessRow]
    older: int | None


def _scope(text: str | None) -> str:
    if not text:
        return "全区"
    try:
        return Scope.parse(text).label
    except ValueError:
        return text


def access_page(store: AccessLog, before: int | None) -> AccessPage:
    """The ``PAGE_SIZE`` entries before position ``before`` (the newest when None), newest first."""
    found = store.latest(before, PAGE_SIZE + 1)
    shown = found[:PAGE_SIZE]
    rows = [
        AccessRow(
            position=position,
            at=moment(access.at),
            key=access.key_name,
            role=label("role", access.role) if access.role != "-" else "未登录",
            scope=_scope(access.scope),
            action=f"{METHODS.get(access.method, access.method)}（{access.method}）",
            path=access.path,
            records=list(access.record_ids),
            result=outcome(access.status),
        )
        for position, access in shown
    ]
    return AccessPage(rows, shown[-1][0] if len(found) > PAGE_SIZE else None)
