"""What every filed report says of where it stands: the day (or the recorded time) it shows the register as of,
the scope it is cut to, and the footer (log position, chain head, fingerprint) that lets anyone reproduce it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from domain.scope import Scope
from domain.vocabulary import FIELDS
from interfaces.exports.layout import Line, day

BEIJING = timezone(timedelta(hours=8), "北京时间")
STAMP = ("position", "chain_head", "fingerprint")


def standing(report: dict[str, Any]) -> str:
    """``截至2021年12月1日``, or for a report as of a recorded time, that time in Beijing time; a scoped report adds
    its scope (``；范围：街道：招商街道``)."""
    if report.get("as_of"):
        moment = datetime.fromisoformat(str(report["as_of"])).astimezone(BEIJING)
        stands = f"登记簿截至{day(moment.date())} {moment:%H:%M:%S}（北京时间）"
    else:
        stands = f"截至{day(report['on'])}"
    return f"{stands}；范围：{Scope.parse(report['scope']).label}" if report.get("scope") else stands


def stamp_lines(report: dict[str, Any]) -> list[Line]:
    """The report's stamp as lines: 日志位置, 哈希链头 and 指纹 (last), each with its value."""
    return [(FIELDS[key], report[key] if report[key] is not None else "无") for key in STAMP]
