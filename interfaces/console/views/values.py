"""A recorded value as a clerk reads it: codes by their Chinese names, dates as ``2020年1月5日``, ids by the name
of the record they point to."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from interfaces.console.dates import day
from interfaces.console.labels import label

VOCABULARY = {
    "grade": "grade",
    "original_grade": "grade",
    "mapped_grade": "grade",
    "from_grade": "grade",
    "to_grade": "grade",
    "activity": "activity",
    "outcome": "outcome",
    "management_basis": "basis",
    "basis": "basis",
    "criteria": "criterion",
    "key_focus_criteria": "criterion",
    "level": "level",
    "veto_findings": "veto",
    "left_reason": "leave_reason",
    "rectification": "rectification",
}
"""The vocabulary of the codes each field holds; ``kind`` and ``status`` depend on the record (see ``kinds``)."""

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
UUID_TEXT = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def kinds(record: str) -> dict[str, str]:
    """The vocabularies of ``kind`` and ``status`` for a record kind (member, chamber, branch, round)."""
    return {
        "kind": {"chamber": "chamber_kind", "branch": "branch_kind"}.get(record, ""),
        "status": f"{record}_status",
    }


def shown(value: Any, field: str = "", record: str = "", names: Mapping[str, str] | None = None) -> str:
    """``value`` of ``field`` in plain Chinese text."""
    vocabulary = VOCABULARY.get(field) or kinds(record).get(field)
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(shown(v, field, record, names) for v in value) or ""
    if isinstance(value, dict):
        return "；".join(f"{label('field', k)}：{shown(v, str(k), record, names)}" for k, v in value.items())
    text = str(value)
    if vocabulary:
        return label(vocabulary, text)
    if ISO_DAY.match(text):
        return day(text)
    if names and text in names:
        return names[text]
    return text


def ids_in(value: Any) -> set[str]:
    """Every id (UUID text) inside ``value``, to look their names up at once."""
    if isinstance(value, dict):
        return set().union(*(ids_in(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(ids_in(v) for v in value)) if value else set()
    return {value} if isinstance(value, str) and UUID_TEXT.match(value) else set()
