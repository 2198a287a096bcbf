"""The hash chain over the event log: each link covers the previous link and one stored event."""

from __future__ import annotations

import hashlib
from uuid import UUID

GENESIS = "0" * 64


def link(previous: str, position: int, originator_id: UUID | str, version: int, topic: str, state: bytes) -> str:
    """The link for the event stored at ``position``, given the link before it (``GENESIS`` for the first)."""
    oid = originator_id.hex if isinstance(originator_id, UUID) else str(originator_id)
    digest = hashlib.sha256(bytes.fromhex(previous))
    digest.update(f"\x1f{position}\x1f{oid}\x1f{version}\x1f{topic}\x1f".encode())
    digest.update(state)
    return digest.hexdigest()
