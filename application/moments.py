"""Recorded times an as-of read may ask for: only those whose events are all stored, so that the same ``as_of``
always gives the same answer.

An event's recorded time is taken when its command runs; its transaction may then wait for the store's write
lock (up to 30 s on SQLite) before it commits. A time less than ``FICLEDGER_AS_OF_SETTLING`` seconds ago (default
60), or in the future, could still gain events, so it is refused.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from application.settings import get_settings


class UnsettledMoment(ValueError):
    """An as-of time too recent (or in the future) for its answer to be final."""


def settling() -> timedelta:
    """How long ago a recorded time must be before as-of reads of it are allowed (``FICLEDGER_AS_OF_SETTLING``)."""
    return timedelta(seconds=get_settings().as_of_settling)


def settled(moment: datetime, now: datetime | None = None) -> datetime:
    """``moment`` if every event recorded up to it is stored for good; else ``UnsettledMoment``."""
    if moment.tzinfo is None:
        raise UnsettledMoment("as_of needs an offset, e.g. 2021-01-15T08:30:00Z")
    margin = settling()
    if moment > (now or datetime.now(UTC)) - margin:
        raise UnsettledMoment(
            f"as_of must be at least {int(margin.total_seconds())} s in the past, so that no event recorded by "
            "then is still being stored; leave it out for the register as it stands now"
        )
    return moment
