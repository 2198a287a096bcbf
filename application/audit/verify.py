"""Verification of the hash chain: recompute every link from the stored events, in pages, and name the first
position where the stored log does not match.

What it catches: an altered stored event (topic, originator, version or state), a deleted event or link, an
inserted event (with or without a link that does not fit), two rows swapped. What no check inside the store can
catch on its own: a tail removed from both tables, or a tail rewritten with freshly computed links, by someone
with write access to the database. Against those, compare ``head`` with a head published earlier (every report
carries ``chain_head`` at its ``position``): ``anchor`` does that comparison.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from eventsourcing.persistence import Notification

from application.base import RegisterBase
from application.scope import require_district
from application.store.chain import GENESIS, link
from application.store.recorders import ChainedRecorder

PAGE = 5000


@dataclass(frozen=True)
class Verification:
    """The outcome: how many events were checked, the last good link, and the first bad position if any."""

    ok: bool
    checked: int
    head: str | None
    head_position: int | None
    first_bad_position: int | None = None
    problem: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def log_end(recorder: ChainedRecorder) -> int:
    """The last position of events or links when a walk starts: what is written later is not part of the walk."""
    return max(recorder.max_notification_id() or 0, recorder.last_link_position() or 0)


def events_until(recorder: ChainedRecorder, stop: int) -> Iterator[Notification]:
    """Stored events up to position ``stop``, in pages."""
    start = 1
    while start <= stop:
        page = recorder.select_notifications(start, PAGE, stop=stop)
        yield from page
        if len(page) < PAGE:
            return
        start = page[-1].id + 1


def links_until(recorder: ChainedRecorder, stop: int) -> Iterator[tuple[int, str]]:
    """Stored chain links up to position ``stop``, in pages."""
    after = 0
    while after < stop:
        page = recorder.select_links(after, PAGE, stop)
        yield from page
        if len(page) < PAGE:
            return
        after = page[-1][0]


def verify(
    register: RegisterBase,
    anchor: tuple[int, str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> Verification:
    """Walk events and links together in position order, up to the end of the log when the walk starts, so
    events recorded meanwhile are left for the next verification; ``anchor`` is a (position, link) published
    earlier. The whole district's: refused to a caller confined to a scope."""
    require_district("verifying the log")
    recorder: ChainedRecorder = register.recorder  # type: ignore[assignment]
    stop = log_end(recorder)
    events, links = events_until(recorder, stop), links_until(recorder, stop)
    event, stored = next(events, None), next(links, None)
    previous, checked, head_position = GENESIS, 0, None
    anchor_seen = anchor is None

    def bad(position: int, problem: str) -> Verification:
        return Verification(
            False, checked, None if head_position is None else previous, head_position, position, problem
        )

    while event is not None or stored is not None:
        if stored is None or (event is not None and event.id < stored[0]):
            assert event is not None
            return bad(event.id, "an event without its link: inserted behind the service's back, or its link deleted")
        if event is None or stored[0] < event.id:
            return bad(stored[0], "a link without its event: the event was deleted")
        expected = link(previous, event.id, event.originator_id, event.originator_version, event.topic, event.state)
        if expected != stored[1]:
            return bad(event.id, "the stored event or its link was altered, replaced or moved")
        if anchor is not None and event.id == anchor[0]:
            if stored[1] != anchor[1]:
                return bad(event.id, "the chain does not pass through the published head")
            anchor_seen = True
        previous, checked, head_position = expected, checked + 1, event.id
        if progress and checked % 1000 == 0:
            progress(1000)
        event, stored = next(events, None), next(links, None)
    if progress:
        progress(checked % 1000)
    if not anchor_seen:
        assert anchor is not None
        return bad(anchor[0], "the published head's position is not in the log: its tail was removed or renumbered")
    return Verification(True, checked, None if head_position is None else previous, head_position)
