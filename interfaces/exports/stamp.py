"""What every filed report says of where it stands: the day (or the recorded time) it shows the register as of,
and the footer (log position, chain head, fingerprint) that lets anyone reproduce it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from domain.vocabulary import FIELDS
from interfaces.exports.layout import Line, day

BEIJING = timezone(timedelta(hours=8), "北京时间")
STAMP = ("position", "chain_head", "fingerprint")


def standing(report: dict[str, Any]) -> str:
    """``截至2021年12月1日``, or for a report as of a recorded time, that time in Beijing time."""
    if report.get("as_of"):
        moment = datetime.fromisoformat(str(report["as_of"])).astimezone(BEIJING)
        return f"登记簿截至{day(moment.date())} {moment:%H:%M:%S}（北京时间）"
    return f"截至{day(report['on'])}"


def stamp_lines(report: dict[str, Any]) -> list[Line]:
    """The report's stamp as lines: 日志位置, 哈希链头 and 指纹 (last), each with its value."""
    return [(FIELDS[key], report[key] if report[key] is not None else "无") for key in STAMP]
