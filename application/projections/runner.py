"""Keeping a view up to date by pulling the log from the view's tracked position, a batch at a time.

The library's ``ProjectionRunner`` needs a subscription, which its SQLite recorder refuses, and applies one event per
transaction; this runner pulls ``select_notifications`` on both stores and hands the same ``RegisterProjection``
batches of events, each folded under the view's lock from the position the view holds, in one transaction with
its tracking record. Any number of runners, in any number of processes, may keep one view.

A runner keeps the view on connections of its own (``open_view``): ``close()`` stops and joins its thread before
closing them, and closing the register never pulls a connection from under it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any

from eventsourcing.persistence import Tracking

from application.base import RegisterBase
from application.projections.documents import TOPICS, apply, event_topics
from application.projections.projection import RegisterProjection
from application.projections.views import APPLICATION, MemoryView, open_view

BATCH = 2000
SCAN = 10_000
CLOCK_MARGIN = timedelta(minutes=5)
MAX_PAUSE = 30.0
JOIN_TIMEOUT = 60.0
logger = logging.getLogger("ficledger.views")


def one_line(error: BaseException) -> str:
    """An error as one plain line: its class and its message with the line breaks folded."""
    return " ".join(f"{type(error).__name__}: {error}".split())


class ViewRunner:
    """Applies new events to a view: on demand (``catch_up``), in a background thread, or from position 0."""

    def __init__(self, register: RegisterBase, batch: int = BATCH, *, active: bool = True) -> None:
        self.register = register
        self.active = active
        self.store = open_view(register)
        self.view = self.store.view
        self.projection = RegisterProjection(self.view)
        self.batch = batch
        self.lock = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def __enter__(self) -> ViewRunner:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def step(self) -> int:
        """Apply one batch after the tracked position; the number of log positions it read. The batch is folded
        under the view's lock, from the position the view holds then, so events another projector applied in
        the meantime are not applied again."""
        start = self.view.position()
        notifications = self.store.log.select_notifications(start, self.batch, inclusive_of_start=False)
        if not notifications:
            return 0
        mapper = self.register.mapper
        events = [(mapper.to_domain_event(n), Tracking(APPLICATION, n.id)) for n in notifications if n.topic in TOPICS]
        self.projection.process_batch(events, Tracking(APPLICATION, notifications[-1].id), after=start)
        return len(notifications)

    def catch_up(self, progress: Callable[[int], None] | None = None) -> int:
        """Apply every event recorded so far (or until the runner is stopped)."""
        done = 0
        with self.lock:
            while not self._stop.is_set():
                count = self.step()
                if progress and count:
                    progress(count)
                done += count
                if count < self.batch:
                    break
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

    def follow(self, interval: float = 0.5) -> None:
        """Keep the view up to date until ``stop()``: catch up, then again every ``interval`` seconds or when
        poked. An error (a deadlock, a lost connection) is logged in one line and retried after a pause that
        doubles up to ``MAX_PAUSE`` seconds; it never ends the loop."""
        failures = 0
        while not self._stop.is_set():
            pause = interval
            try:
                self.catch_up()
            except Exception as error:
                failures += 1
                self.error = error
                pause = min(interval * 2**failures, MAX_PAUSE)
                logger.warning(
                    "视图更新出错，%.1f 秒后重试 (views failed, retrying in %.1f s): %s", pause, pause, one_line(error)
                )
            else:
                failures = 0
                self.error = None
            self._wake.wait(pause)
            self._wake.clear()

    def start(self, interval: float = 0.5) -> None:
        """Keep the view up to date in a background thread."""
        self._thread = threading.Thread(target=self.follow, args=(interval,), name="ficledger-views", daemon=True)
        self._thread.start()

    def poke(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        """Ask ``follow`` to end, and wait for the background thread, if any, to finish its batch."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=JOIN_TIMEOUT)

    def close(self) -> None:
        """Stop, then close the view's connections (left open, for the process's end, if the thread is still
        in a batch: a connection is never closed under a thread using it)."""
        self.stop()
        if self._thread is not None and self._thread.is_alive():
            logger.warning("视图线程未结束，连接保持打开 (the views thread did not end; its connections stay open)")
            return
        self.store.close()

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
            if notification.topic not in TOPICS:
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


def as_of_view(register: RegisterBase, moment: datetime, events: Iterable[type[Any]] = ()) -> MemoryView:
    """The documents exactly as the register stood at a recorded time; ``events`` (classes such as
    ``PartyBranch.Graded``) narrows the fold to the events a report reads, so the rest need not be decoded."""
    view = MemoryView()
    fold_log(register, view, until=moment, topics=event_topics(events))
    return view
