"""Who did what: the context a caller gives with each command, stored on every event it records."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from eventsourcing.domain import CanSnapshotAggregate
from eventsourcing.persistence import Mapper, StoredEvent

from application.store.idempotency import IdempotentAnswer

META_KEY = "_meta"


@dataclass(frozen=True)
class CommandContext:
    """The actor (a key's name and role), the request id and the reason given for a command; for a command of a
    spreadsheet import, the import's id and the sha256 of its file; for a request with an idempotency key, the
    ``idempotent_answer`` to write with the events the command records."""

    actor_name: str = "system"
    actor_role: str = "system"
    request_id: str | None = None
    reason: str | None = None
    idempotent_answer: IdempotentAnswer | None = field(default=None, compare=False, repr=False)
    import_id: str | None = None
    file_sha256: str | None = None

    def as_meta(self) -> dict[str, Any]:
        """The ``_meta`` stored with each event; the import's keys only on events an import recorded, so every
        other event keeps the shape it always had."""
        meta: dict[str, Any] = {
            "actor": {"name": self.actor_name, "role": self.actor_role},
            "request_id": self.request_id,
            "reason": self.reason,
        }
        if self.import_id is not None:
            meta["import_id"] = self.import_id
            meta["file_sha256"] = self.file_sha256
        return meta


SYSTEM = CommandContext()
_current: ContextVar[CommandContext | None] = ContextVar("ficledger_command_context", default=None)


@contextmanager
def recording_as(context: CommandContext) -> Iterator[None]:
    """Events stored inside this block carry ``context``."""
    token = _current.set(context)
    try:
        yield
    finally:
        _current.reset(token)


def fix_context(event: object) -> None:
    """Keep on ``event`` the context it is decided under, unless it has one: the mapper then stores that one."""
    if META_KEY not in vars(event):
        object.__setattr__(event, META_KEY, (_current.get() or SYSTEM).as_meta())


def meta_of(event: object) -> dict[str, Any]:
    """The who-did-what of a stored event, as recorded."""
    meta = vars(event).get(META_KEY)
    return meta if isinstance(meta, dict) else SYSTEM.as_meta()


class MetadataMapper(Mapper[Any]):
    """Stores the current command context inside each event's state, under ``_meta``.

    Decoded events keep it as an attribute the domain never reads; ``meta_of`` reads it back.
    """

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        if not isinstance(domain_event, CanSnapshotAggregate):
            fix_context(domain_event)
        return super().to_stored_event(domain_event)
