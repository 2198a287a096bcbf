"""Histories of aggregates and pages of the whole log, for auditors."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from application.audit.records import aggregate_type, event_record
from application.base import RegisterBase
from application.errors import NotFound
from application.scope import current_scope, require_district
from application.store.recorders import ChainedRecorder
from domain.aggregates import Chamber, Member, PartyBranch

MAX_PAGE = 500


SCOPED = {"Member": Member, "Chamber": Chamber, "PartyBranch": PartyBranch}


def history(register: RegisterBase, ident: UUID, kind: str, expected_type: str) -> list[dict[str, Any]]:
    """Every event of one aggregate, oldest first; NotFound unless it is a ``expected_type`` in the scope the
    caller is confined to. A round's objections about organizations outside that scope are left out."""
    recorder: ChainedRecorder = register.recorder  # type: ignore[assignment]
    notifications = recorder.select_positioned_events(ident)
    if not notifications or aggregate_type(notifications[0].topic) != expected_type:
        raise NotFound(kind, ident)
    scoped = current_scope() is not None
    if scoped and expected_type in SCOPED and not register.reaches(SCOPED[expected_type], ident, kind):
        raise NotFound(kind, ident)
    records = [event_record(register, n) for n in notifications]
    if scoped and expected_type == "GradingRound":
        return _objections_in_scope(register, records)
    return records


def _objections_in_scope(register: RegisterBase, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    hidden = {
        r["data"]["objection_id"]
        for r in records
        if r["type"] == "ObjectionRaised" and not register.reaches(PartyBranch, UUID(r["data"]["branch_id"]), "branch")
    }
    return [r for r in records if r["data"].get("objection_id") not in hidden]


def log_page(register: RegisterBase, after: int, limit: int) -> dict[str, Any]:
    """Up to ``limit`` events after position ``after``, in log order, and where the next page starts (the whole
    district's: refused to a caller confined to a scope)."""
    require_district("the whole log")
    limit = max(1, min(limit, MAX_PAGE))
    notifications = register.recorder.select_notifications(after, limit, inclusive_of_start=False)
    events = [event_record(register, n, with_aggregate=True) for n in notifications]
    return {"events": events, "next_after": notifications[-1].id if notifications else after}
