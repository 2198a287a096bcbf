"""Putting requests on record: which requests go in the access log, what their entry holds, and the writer that
stores entries in batches from a thread of its own, so that a request never waits for the store to note it.

A request is on record when the route it reached holds records (every route but those ``interfaces/scopes.py``
decides hold none: health, documentation, signing in, static files). Its entry is made from what the request log
knows (time, request id, the key, method, path, status) with the key's scope and the ids of the records the request
named in its path or answered (``note_records``). Never a token, a query or a body.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from starlette.types import Scope

from application.store.access_log import Access, AccessLog
from interfaces.scopes import Reach, reach

log = logging.getLogger("ficledger.access")
MAX_IDS = 500
MAX_PENDING = 100_000
PRUNE_EVERY = timedelta(hours=1)
PATH_IDS = ("member_id", "chamber_id", "branch_id", "key")
"""Path parameters that name a record (the console's ``key`` when it is an id)."""


def note_records(request: Any, *ids: Any) -> None:
    """Say that the request named or answered these records, for its access-log entry."""
    noted = getattr(request.state, "record_ids", None)
    if noted is None:
        noted = []
        request.state.record_ids = noted
    noted.extend(str(i) for i in ids)


def on_record(scope: Scope) -> bool:
    """Whether the request reached a route that holds records."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path is not None and reach(scope["method"], path) != Reach.NONE


def _ids(scope: Scope, state: dict[str, Any]) -> tuple[str, ...]:
    named = []
    for name, value in (scope.get("path_params") or {}).items():
        if name in PATH_IDS:
            try:
                named.append(str(UUID(str(value))))
            except ValueError:
                continue
    return tuple(dict.fromkeys([*named, *state.get("record_ids", [])]))[:MAX_IDS]


def entry(scope: Scope, state: dict[str, Any], status: int, path: str) -> Access:
    """The access-log entry of a finished request."""
    principal = state.get("principal")
    key_scope = getattr(principal, "scope", None)
    return Access(
        at=datetime.now(UTC),
        request_id=str(state.get("request_id", "-")),
        key_name=principal.name if principal else "-",
        role=principal.role if principal else "-",
        scope=str(key_scope) if key_scope else None,
        method=scope["method"],
        path=path,
        record_ids=_ids(scope, state),
        status=status,
    )


class AccessWriter:
    """Entries waiting for the store, written in one transaction every ``interval`` seconds by a thread of its own
    (and on ``flush``, ``close``); entries older than ``retention`` are pruned at start and every hour.

    If the store refuses a batch, the error is logged once and the entries wait for the next try (at most
    100,000 wait; beyond that the oldest are dropped and that is logged)."""

    def __init__(
        self,
        store: AccessLog,
        retention: timedelta,
        interval: float = 0.5,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.retention = retention
        self.interval = interval
        self.clock = clock
        self._pending: deque[Access] = deque()
        self._writing = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pruned_at: datetime | None = None
        self._failing = False

    def add(self, access: Access) -> None:
        """Keep an entry for the next batch (cheap: no I/O)."""
        self._pending.append(access)
        if len(self._pending) > MAX_PENDING:
            self._pending.popleft()
            log.warning("access log: more than %d entries wait for the store; the oldest was dropped", MAX_PENDING)

    def extend(self, accesses: Iterable[Access]) -> None:
        for access in accesses:
            self.add(access)

    def flush(self) -> None:
        """Write every waiting entry now, and prune when an hour has passed since the last pruning."""
        with self._writing:
            batch = []
            while self._pending:
                batch.append(self._pending.popleft())
            try:
                self.store.append(batch)
                self._prune_when_due()
            except Exception as error:
                self._pending.extendleft(reversed(batch))
                if not self._failing:
                    log.error("access log: the store refused %d entries (%s); they wait", len(batch), error)
                self._failing = True
                return
            if self._failing:
                log.info("access log: the store takes entries again")
            self._failing = False

    def _prune_when_due(self) -> None:
        now = self.clock()
        if self._pruned_at is not None and now - self._pruned_at < PRUNE_EVERY:
            return
        removed = self.store.prune(now - self.retention)
        self._pruned_at = now
        if removed:
            log.info("access log: pruned %d entries older than %d days", removed, self.retention.days)

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="ficledger-access-log", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.flush()

    def close(self) -> None:
        """Stop the thread and write what waits."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self.flush()
