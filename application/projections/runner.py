"""Keeping a view up to date by pulling the log from the view's tracked position, a batch at a time.

The library's ``ProjectionRunner`` needs a subscription, which its SQLite recorder refuses, and applies one event per
transaction; this runner pulls ``select_notifications`` on both stores and hands the same ``RegisterProjection``
batches of events, each written with its last tracking record in one transaction.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from eventsourcing.persistence import IntegrityError, Tracking
from eventsourcing.utils import get_topic

from application.base import RegisterBase
from application.projections.documents import FOLDS, apply
from application.projections.projection import RegisterProjection
from application.projections.views import APPLICATION, DocumentView, MemoryView, view_for
from domain.aggregates import Chamber, GradingRound, Member, PartyBranch

BATCH = 2000
SCAN = 10_000
CLOCK_MARGIN = timedelta(minutes=5)
AGGREGATES = {"Member": Member, "Chamber": Chamber, "PartyBranch": PartyBranch, "GradingRound": GradingRound}


def _wanted(topic: str) -> bool:
    return topic.rsplit(":", 1)[-1] in FOLDS


class ViewRunner:
    """Applies new events to a view: on demand (``catch_up``), in a background thread, or from position 0."""

    def __init__(
        self, register: RegisterBase, view: DocumentView | None = None, batch: int = BATCH, *, active: bool = True
    ) -> None:
        self.register = register
        self.active = active
        self.view = view if view is not None else view_for(register)
        self.projection = RegisterProjection(self.view)
        self.batch = batch
        self.lock = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def step(self) -> int:
        """Apply one batch after the tracked position; the number of events it covered. When another process
        applied the same events first, the tracking table refuses this batch and nothing is written twice."""
        start = self.view.position()
        notifications = self.register.recorder.select_notifications(start, self.batch, inclusive_of_start=False)
        if not notifications:
            return 0
        mapper = self.register.mapper
        events = [mapper.to_domain_event(n) for n in notifications if _wanted(n.topic)]
        try:
            self.projection.process_batch(events, Tracking(APPLICATION, notifications[-1].id))
        except IntegrityError:
            if self.view.position() <= start:
                raise
        return len(notifications)

    def catch_up(self, progress: Callable[[int], None] | None = None) -> int:
        """Apply every event recorded so far."""
        done = 0
        with self.lock:
            while True:
                count = self.step()
                if progress and count:
                    progress(count)
                done += count
                if count < self.batch:
                    return done

    def wait_for(self, position: int | None, timeout: float = 2.0) -> bool:
        """Make sure the view has reached ``position``: apply the events here, or (when another process keeps the
        view, ``active=False``) wait for it."""
        if not position or self.view.position() >= position:
            return True
        deadline = time.monotonic() + timeout
        while not self.active and time.monotonic() < deadline:
            if self.view.position() >= position:
                return True
            time.sleep(0.02)
        while self.active and time.monotonic() < deadline:
            if self.lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
                try:
                    while self.view.position() < position and self.step():
                        pass
                finally:
                    self.lock.release()
            if self.view.position() >= position:
                return True
        return False

    def start(self, interval: float = 0.5) -> None:
        """Keep the view up to date in a background thread."""
        self._thread = threading.Thread(target=self._run, args=(interval,), name="ficledger-views", daemon=True)
        self._thread.start()

    def _run(self, interval: float) -> None:
        while not self._stop.is_set():
            try:
                self.catch_up()
            except Exception as error:
                self.error = error
            self._wake.wait(interval)
            self._wake.clear()

    def poke(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def rebuild(self, progress: Callable[[int], None] | None = None) -> int:
        """Fold the whole log in memory, then replace the view with it in one transaction; events covered."""
        with self.lock:
            scratch = MemoryView()
            last = fold_log(self.register, scratch, progress=progress)
            self.view.replace_all(scratch.docs, Tracking(APPLICATION, last) if last else None)
            return last


def fold_log(
    register: RegisterBase,
    view: MemoryView,
    until: datetime | None = None,
    progress: Callable[[int], None] | None = None,
    topics: Sequence[str] = (),
) -> int:
    """Fold the log into ``view`` (up to the recorded time ``until``, and only events of ``topics`` if given);
    the position of the last event included."""
    docs, mapper, last, start = view.docs, register.mapper, 0, 0
    horizon = until + CLOCK_MARGIN if until is not None else None
    while True:
        notifications = register.recorder.select_notifications(start, SCAN, topics=topics, inclusive_of_start=False)
        for notification in notifications:
            if not _wanted(notification.topic):
                if until is None:
                    last = notification.id
                continue
            event: Any = mapper.to_domain_event(notification)
            if until is not None and event.timestamp > until:
                if event.timestamp > horizon:  # type: ignore[operator]
                    view.last = last
                    return last
                continue
            apply(docs, event)
            last = notification.id
        if progress and notifications:
            progress(len(notifications))
        if len(notifications) < SCAN:
            view.last = last
            return last
        start = notifications[-1].id


def as_of_view(register: RegisterBase, moment: datetime, events: Iterable[str] = ()) -> MemoryView:
    """The documents exactly as the register stood at a recorded time; ``events`` (names such as
    ``PartyBranch.Graded``) narrows the fold to the events a report reads, so the rest need not be decoded."""
    view = MemoryView()
    fold_log(register, view, until=moment, topics=event_topics(events))
    return view


def event_topics(names: Iterable[str]) -> list[str]:
    """The stored topics of events named as in ``FOLDS`` (``Member.Joined``)."""
    topics = []
    for name in names:
        owner, event = name.split(".")
        topics.append(get_topic(getattr(AGGREGATES[owner], event)))
    return topics
