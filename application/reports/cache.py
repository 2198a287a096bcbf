"""Reports kept for as long as the log has not moved: a report is decided by its name, year, scope, day and the
log's last position (or, as of a recorded time, by that time alone), so a second request for the same report at the
same position is answered from memory instead of being computed again."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date, datetime
from typing import Any

from application.base import RegisterBase
from application.projections.runner import ViewRunner
from application.reports.common import Documents
from application.reports.service import build_report
from domain.scope import Scope

SIZE = 64


class PositionCache:
    """The last ``size`` values built, by key; a key names everything the value depends on (for a live value,
    the log position it was read at), so a kept value is never stale, only dropped when it is the oldest used."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.built = 0

    def get(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """The value kept under ``key``, or ``build()`` kept under it. Values are shared: callers do not change
        them."""
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        value = build()
        with self._lock:
            self._kept[key] = value
            self._kept.move_to_end(key)
            self.built += 1
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return value


def report_key(
    register: RegisterBase,
    name: str,
    year: int | None,
    as_of: datetime | None,
    on: date | None,
    scope: Scope | None,
) -> tuple[Hashable, ...]:
    """What decides a report: an as-of report its recorded time, a live one the log's last position."""
    position = None if as_of is not None else register.recorder.max_notification_id()
    return (name, year, as_of, on, str(scope) if scope else None, position)


def cached_report(
    cache: PositionCache,
    register: RegisterBase,
    runner: ViewRunner,
    name: str,
    year: int | None = None,
    as_of: datetime | None = None,
    on: date | None = None,
    scope: Scope | None = None,
    live: Callable[[], Documents] | None = None,
) -> dict[str, Any]:
    """``build_report`` with the same arguments, built once per log position (once for good as of a time);
    ``live`` gives the live view when the report is built from it."""

    def build() -> dict[str, Any]:
        view = live() if live is not None and as_of is None else None
        return build_report(register, runner, name, year, as_of, on, scope, view)

    key = ("report", *report_key(register, name, year, as_of, on, scope))
    return cache.get(key, build)  # type: ignore[no-any-return]
