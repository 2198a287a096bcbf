"""A record's timeline: every event, oldest first, with what happened in Chinese, its business date, when it was
recorded, by whom in what role, why, and the request that recorded it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from application.audit.history import history
from application.register import Register
from domain.grade_set import set_of
from interfaces.console.dates import day, moment
from interfaces.console.labels import grade_label, label, round_labels
from interfaces.console.views.documents import Snapshot
from interfaces.console.views.values import ids_in, shown

BUSINESS_DATES = ("on", "joined_on", "held_on", "reviewed_on", "founded_on", "established_on", "starts_on", "due_on")
HIDDEN = {"basis", "policy", "objection_id"}
OWNERS = {"member": "Member", "chamber": "Chamber", "branch": "PartyBranch", "round": "GradingRound"}
KIND_NAMES = {"member": "member", "chamber": "chamber", "branch": "branch", "round": "grading round"}


@dataclass(frozen=True)
class Entry:
    """One event of a timeline as a clerk reads it."""

    version: int
    position: int
    what: str
    details: str
    business_day: str
    recorded: str
    actor: str
    role: str
    reason: str
    request_id: str


GRADE_FIELDS = ("grade", "from_grade", "to_grade")


def _details(
    kind: str,
    event_type: str,
    data: dict[str, Any],
    names: dict[str, str],
    reason: str,
    grades: Mapping[int, Mapping[str, str]],
) -> str:
    """What an event says, in Chinese; a grade named by the grades of its year's round (``grades`` by year)."""
    labels = grades.get(data["year"]) if isinstance(data.get("year"), int) else None
    parts = []
    for key, value in data.items():
        if key in HIDDEN or key in BUSINESS_DATES or value in (None, "", [], {}) or (key, value) == ("reason", reason):
            continue
        field = "left_reason" if (event_type, key) == ("Member.Left", "reason") else key
        text = grade_label(value, labels) if key in GRADE_FIELDS else shown(value, field, kind, names)
        parts.append(f"{label('field', key)}：{text}")
    if event_type == "PartyBranch.Graded":
        basis = data.get("basis") or {}
        if basis.get("mapped_grade"):
            mapped = grade_label(basis["mapped_grade"], set_of(basis.get("policy")).labels())
            parts.append(f"评分：{basis.get('review_score')}，按评分应定：{mapped}")
    return "；".join(parts)


def timeline(register: Register, snapshot: Snapshot, kind: str, ident: UUID) -> list[Entry]:
    """Every event of the record, oldest first (NotFound when ``ident`` is no record of ``kind``)."""
    owner = OWNERS[kind]
    records = history(register, ident, KIND_NAMES[kind], owner)
    names = snapshot.names(set().union(*(ids_in(r["data"]) for r in records)) - {str(ident)}) if records else {}
    grades = round_labels(snapshot) if kind == "branch" else {}
    entries = []
    for record in records:
        event_type = f"{owner}.{record['type']}"
        data = record["data"]
        business = next((data[k] for k in BUSINESS_DATES if data.get(k)), None)
        actor = record.get("actor") or {}
        entries.append(
            Entry(
                version=record["version"],
                position=record["position"],
                what=label("event", event_type),
                details=_details(kind, event_type, data, names, record.get("reason") or "", grades),
                business_day=day(business) if business else "",
                recorded=moment(record["recorded_at"]),
                actor=str(actor.get("name") or ""),
                role=label("role", actor.get("role")),
                reason=record.get("reason") or "",
                request_id=record.get("request_id") or "",
            )
        )
    return entries
