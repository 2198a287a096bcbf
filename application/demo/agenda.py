"""The generator's calendar: actions that run in the order of the business days they happen on."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable
from datetime import date


class Agenda:
    """Dated actions, run day by day; actions planned for one day run in the order they were planned.

    An action may plan further actions; those dated after the day the run stops never happen."""

    def __init__(self) -> None:
        self._queue: list[tuple[date, int, Callable[[], None]]] = []
        self._order = itertools.count()
        self.today: date | None = None

    def at(self, on: date, action: Callable[[], None]) -> None:
        if self.today is not None and on < self.today:
            raise ValueError(f"cannot plan for {on}: the calendar is already at {self.today}")
        heapq.heappush(self._queue, (on, next(self._order), action))

    def run(self, until: date) -> None:
        while self._queue and self._queue[0][0] <= until:
            self.today, _, action = heapq.heappop(self._queue)
            action()
        self._queue.clear()
