"""Keeping a view up to date by pulling the log from the view's tracked position, a batch at a time.

The library's ``ProjectionRunner`` needs a subscription, which its SQLite recorder refuses, and applies one event per
transaction; this runner pulls ``select_notifications`` on both stores and hands the same ``RegisterProjection``
batches of events, each folded under the view's lock from the position the view holds, in one transaction with
its tracking record. Any number of runners, in any number of processes, may keep one view.

A runner keeps the view on connections of its own (``open_view``): ``close()`` stops and joins its thread before
closing them, and closing the register never pulls a connection from under it.

Each step first checks that the log still holds the position the view stands on. A log whose tail was cut behind
the service's back (the view's position beyond the log's last event, or gone from it) would otherwise hide from
the view every event recorded at the positions cut, which SQLite hands out again: the runner refuses the view as
current (``ViewAhead``, logged once) until it is rebuilt. When the store refuses writes (a full disk), the view
cannot catch up, and reads go on from the view as stored with the log's events it lacks folded on top in memory
(``readable``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any

from eventsourcing.persistence import Tracking

from application.base import RegisterBase
from application.projections.documents import KINDS, TOPICS, apply, event_topics
from application.projections.projection import RegisterProjection
from application.projections.views import APPLICATION, DocumentView, MemoryView, open_view
from application.store.faults import store_fault

BATCH = 2000
SCAN = 10_000
CLOCK_MARGIN = timedelta(minutes=5)
MAX_PAUSE = 30.0
JOIN_TIMEOUT = 60.0
logger = logging.getLogger("ficledger.views")


def one_line(error: BaseException) -> str:
    """An error as one plain line: its class and its message with the line breaks folded."""
    return " ".join(f"{type(error).__name__}: {error}".split())


class ViewNotCurrent(RuntimeError):
    """The view did not reach the log's head in time; a read from it would leave out acknowledged writes."""


class ViewAhead(ViewNotCurrent):
    """The view stands on a log position the log no longer holds: the log's tail was cut behind the service's
    back. ``held`` is the view's position, ``end`` the log's last."""

    def __init__(self, held: int, end: int) -> None:
        self.held = held
        self.end = end
        where = (
            f"视图已处理到日志位置 {held}，日志却只到 {end} (the view holds position {held}, the log ends at {end})"
            if end < held
            else f"日志已没有视图所在的位置 {held} (the log no longer holds the view's position {held})"
        )
        super().__init__(
            f"{where}：日志末尾在服务之外被截断，视图不再作为当前数据提供；请用 ficledger verify 核对已发布的链头，"
            "再用 ficledger rebuild 重建视图 (the log was cut behind the service's back: the view is not served as "
            "current until it is rebuilt)"
        )


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
        self.fault: ViewAhead | None = None
        self._overlay_lock = threading.Lock()
        self._overlaid: tuple[tuple[int, int], MemoryView] | None = None

    def __enter__(self) -> ViewRunner:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def step(self) -> int:
        """Apply one batch after the tracked position; the number of log positions it read. The batch is folded
        under the view's lock, from the position the view holds then, so events another projector applied in
        the meantime are not applied again. The batch is read from the tracked position itself, which the log
        must still hold: ``ViewAhead`` when it does not."""
        start = self.view.position()
        notifications = self.store.log.select_notifications(start, self.batch + 1)
        if start:
            if not notifications or notifications[0].id != start:
                self._refuse(ViewAhead(start, self.store.log.max_notification_id() or 0))
            notifications = notifications[1:]
        else:
            notifications = notifications[: self.batch]
        self._clear()
        if not notifications:
            return 0
        mapper = self.register.mapper
        events = [(mapper.to_domain_event(n), Tracking(APPLICATION, n.id)) for n in notifications if n.topic in TOPICS]
        watched = getattr(self.register.recorder, "check_file", None)
        if watched is not None:
            watched()
        self.projection.process_batch(events, Tracking(APPLICATION, notifications[-1].id), after=start)
        self.register.health.succeeded()
        return len(notifications)

    def check(self) -> None:
        """``ViewAhead`` when the view's position lies beyond the log's last event, or the log no longer holds it.
        The log is read after the view's position, so a write in between cannot make a view look ahead; a view at
        the log's last position is held by the log (it is the last event's), so that needs no second query."""
        held, end = self.view.positions(self.store.log)
        if held > end:
            self._refuse(ViewAhead(held, end))
        if 0 < held < end:
            found = self.store.log.select_notifications(held, 1)
            if not found or found[0].id != held:
                self._refuse(ViewAhead(held, end))
        self._clear()

    def _refuse(self, error: ViewAhead) -> None:
        if self.fault is None or str(self.fault) != str(error):
            logger.error("%s", error)
        self.fault = error
        raise error

    def _clear(self) -> None:
        if self.fault is not None:
            logger.warning("视图与日志重新一致 (the view matches the log again)")
            self.fault = None

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
        """Make sure the view has reached ``position`` (the log's last position, read just before): apply the
        events here, or (when another process keeps the view, ``active=False``) wait for it. False when it did
        not in time, or when the store refused the view's writes (``register.health`` holds the fault then);
        ``ViewAhead`` when the view stands beyond the log's end, or on a position the log no longer holds."""
        position = position or 0
        held = self.view.position()
        if held > position:
            self.check()
        if held >= position:
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
                except Exception as error:
                    fault = store_fault(error)
                    if fault is None:
                        raise
                    self.register.health.failed(fault)
                    return False
                finally:
                    self.lock.release()
            if self.view.position() >= position:
                return True
        return False

    def settled(self) -> int | None:
        """The log's last position when the view stands exactly on it, both read in one query (as ``/healthz``
        reads them); None when the view is behind the log or beyond it, for ``readable`` to wait or refuse."""
        held, end = self.view.positions(self.store.log)
        return end if held == end else None

    def readable(self, position: int | None, timeout: float = 2.0) -> DocumentView | MemoryView:
        """The documents a read at the log's last ``position`` reads: the view, once it holds every event up to
        there (as ``wait_for``). While the store refuses the view's writes (a full disk) the view cannot catch up;
        the read then gets the view as stored with the log's events it lacks folded on top, in memory, kept for as
        long as neither moves. ``ViewAhead`` when the log no longer holds the view's position; ``ViewNotCurrent``
        when the view did not catch up in time for any other reason."""
        if self.wait_for(position, timeout):
            return self.view
        if self.register.health.fault is None:
            raise ViewNotCurrent("the views are behind the log; try again shortly")
        return self._overlay(position or 0)

    def _overlay(self, position: int) -> MemoryView:
        with self._overlay_lock:
            held = self.view.position()
            if self._overlaid is not None and self._overlaid[0] == (held, position):
                return self._overlaid[1]
            scratch = MemoryView()
            for kind in KINDS:
                scratch.docs.update((doc["id"], doc) for doc in self.view.all(kind))
            start, mapper = held, self.register.mapper
            while start < position:
                read = self.store.log.select_notifications(start, SCAN, stop=position, inclusive_of_start=False)
                for notification in read:
                    if notification.topic in TOPICS:
                        apply(scratch.docs, mapper.to_domain_event(notification))
                if len(read) < SCAN:
                    break
                start = read[-1].id
            scratch.last = position
            self._overlaid = ((held, position), scratch)
            return scratch

    def problems(self) -> list[str]:
        """What keeps the view from being served as current, checked now: empty when nothing does."""
        with suppress(ViewAhead):
            self.check()
        return [str(self.fault)] if self.fault is not None else []

    def follow(self, interval: float = 0.5) -> None:
        """Keep the view up to date until ``stop()``: catch up, then again every ``interval`` seconds or when
        poked. An error (a deadlock, a lost connection) is logged in one line and retried after a pause that
        doubles up to ``MAX_PAUSE`` seconds; it never ends the loop. A store fault (a full disk) and a view ahead
        of its log are logged once, when they begin, not at each retry."""
        failures = 0
        while not self._stop.is_set():
            pause = interval
            try:
                self.catch_up()
            except Exception as error:
                failures += 1
                self.error = error
                pause = min(interval * 2**failures, MAX_PAUSE)
                fault = store_fault(error)
                if fault is not None:
                    self.register.health.failed(fault)
                elif not isinstance(error, ViewAhead):
                    logger.warning(
                        "视图更新出错，%.1f 秒后重试 (views failed, retrying in %.1f s): %s",
                        pause,
                        pause,
                        one_line(error),
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
            self._clear()
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
