"""The generator's calendar: the years it spans, actions run in the order of the days they happen on, and the date
arithmetic its plans use."""

from __future__ import annotations

import heapq
import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Calendar:
    """The district stands on ``until``; its graded years are the ``years`` years before the one ``until`` falls in.

    The round of the last graded year runs in the year of ``until``, so how far it has come follows from that day."""

    until: date
    years: int

    @property
    def last_year(self) -> int:
        return self.until.year - 1

    @property
    def first_year(self) -> int:
        return self.last_year - self.years + 1

    @property
    def graded(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @property
    def reform_year(self) -> int:
        """The year the work plan hands small organizations down to the streets: the middle graded year."""
        return self.graded[len(self.graded) // 2]

    def month_ends(self) -> Iterator[date]:
        """The last day of each month from January of the first graded year to the month before ``until``'s."""
        year, month = self.first_year, 1
        while (year, month) < (self.until.year, self.until.month):
            following = date(year + month // 12, month % 12 + 1, 1)
            yield following - timedelta(days=1)
            year, month = following.year, following.month


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


def day_between(rng: random.Random, start: date, end: date) -> date:
    """A day from ``start`` to ``end`` (``start`` when the range is empty)."""
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def monday_after(day: date) -> date:
    """``day`` itself when it is a Monday, else the Monday after it."""
    return day + timedelta(days=(7 - day.weekday()) % 7)
