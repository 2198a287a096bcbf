"""An event as an auditor reads it: position, version, type, recorded time, actor, reason, request id, the
spreadsheet import that recorded it (its id and the file's sha256, null otherwise) and data."""

from __future__ import annotations

from typing import Any

from eventsourcing.persistence import Notification

from application.base import RegisterBase
from application.context import META_KEY, meta_of
from application.state import plain

HIDDEN = {"originator_id", "originator_version", "timestamp", "originator_topic", META_KEY}


def aggregate_type(topic: str) -> str:
    """``Member`` for ``domain.member:Member.Joined``."""
    return topic.rsplit(":", 1)[-1].split(".")[0]


def event_record(register: RegisterBase, notification: Notification, *, with_aggregate: bool = False) -> dict[str, Any]:
    event = register.mapper.to_domain_event(notification)
    meta = meta_of(event)
    record: dict[str, Any] = {
        "position": notification.id,
        "version": notification.originator_version,
        "type": type(event).__name__,
        "recorded_at": plain(event.timestamp),
        "actor": meta.get("actor") or {"name": "system", "role": "system"},
        "reason": meta.get("reason"),
        "request_id": meta.get("request_id"),
        "import_id": meta.get("import_id"),
        "file_sha256": meta.get("file_sha256"),
        "data": {k: plain(v) for k, v in vars(event).items() if k not in HIDDEN},
    }
    if with_aggregate:
        record["aggregate_id"] = str(event.originator_id)
        record["aggregate_type"] = aggregate_type(notification.topic)
    return record
