"""Histories of aggregates and pages of the whole log, for auditors."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from application.audit.records import aggregate_type, event_record
from application.base import RegisterBase
from application.errors import NotFound
from application.store.recorders import ChainedRecorder

MAX_PAGE = 500


def history(register: RegisterBase, ident: UUID, kind: str, expected_type: str) -> list[dict[str, Any]]:
    """Every event of one aggregate, oldest first; NotFound unless it is a ``expected_type``."""
    recorder: ChainedRecorder = register.recorder  # type: ignore[assignment]
    notifications = recorder.select_positioned_events(ident)
    if not notifications or aggregate_type(notifications[0].topic) != expected_type:
        raise NotFound(kind, ident)
    return [event_record(register, n) for n in notifications]


def log_page(register: RegisterBase, after: int, limit: int) -> dict[str, Any]:
    """Up to ``limit`` events after position ``after``, in log order, and where the next page starts."""
    limit = max(1, min(limit, MAX_PAGE))
    notifications = register.recorder.select_notifications(after, limit, inclusive_of_start=False)
    events = [event_record(register, n, with_aggregate=True) for n in notifications]
    return {"events": events, "next_after": notifications[-1].id if notifications else after}
