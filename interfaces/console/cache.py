"""What a console page builds from the register, kept for as long as the log has not moved: a report's page (its
tables and chart), its workbook, the dashboard. Each is kept under a key naming everything it depends on, the log
position included, so a page asked again before the next write is answered from memory; a value built from some
event classes alone is kept across the writes that record none of them (``since``)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

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

    def since(
        self,
        key: Hashable,
        position: int,
        build: Callable[[], Any],
        unchanged: Callable[[int], bool],
        carry: Callable[[Any], Any] = lambda value: value,
    ) -> Any:
        """The value kept under ``key`` at ``position``: the one kept at an earlier position, passed through
        ``carry``, when ``unchanged(earlier)`` says none of the events it was built from were recorded since; else
        ``build()``."""
        with self._lock:
            kept = self._kept.get(key)
        if kept is not None and kept[0] == position:
            value = kept[1]
        elif kept is not None and unchanged(kept[0]):
            value = carry(kept[1])
        else:
            value = build()
            with self._lock:
                self.built += 1
        with self._lock:
            current = self._kept.get(key)
            if current is None or current[0] <= position:
                self._kept[key] = (position, value)
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return value
