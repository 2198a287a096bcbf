"""The cipher's cost: the same writes and reads on a store in clear and on one sealed with ``FICLEDGER_CIPHER_KEY``,
measured turn about in the same run, each pair with its ratio (time sealed over time in clear).

Both stores hold the same generated district. The reads are those that open what is sealed: a record's state
rebuilt from its snapshot and events (no cache), its history, a list page from the view (in a sealed store the
page is searched and ordered after the documents are opened, since no name is stored in clear), the
classification report from the view, and verifying the chain (every event opened)."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from application.audit.history import history
from application.audit.verify import verify
from application.demo.district import Size, build_district
from application.projections.runner import ViewRunner
from application.projections.views import Search
from application.register import Register
from application.reports.service import build_report
from application.store.sealing import new_key
from benchmarks.stats import Figure
from benchmarks.stores import store
from benchmarks.workload import operations, prepare

STANDS_ON = date(2022, 2, 28)
DISTRICT = Size(streets=6, chambers=12, members=2_000, branches=300, years=3)
QUICK_DISTRICT = Size(streets=4, chambers=7, members=300, branches=150, years=2)
LABELS = ("in clear", "sealed")


class Side:
    """One of the two stores, with what the measurements read: members, the view, write slices."""

    def __init__(self, url: str, key: str, size: Size) -> None:
        self.register = Register({"FICLEDGER_DATABASE_URL": url, "FICLEDGER_CIPHER_KEY": key})
        summary = build_district(self.register, seed=11, size=size, until=STANDS_ON)
        self.members = list(summary.members[:100])
        self.versions = {m: self.register.get_member(m).version for m in self.members}
        self.runner = ViewRunner(self.register)
        self.runner.catch_up()
        self.slice = prepare(self.register, 1, members_per_client=10, branches_per_client=10)[0]
        self.events = self.register.recorder.max_notification_id() or 0

    def close(self) -> None:
        self.runner.close()
        self.register.close()


def _rate(count: int, action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    for _ in range(count):
        action()
    return count / (time.perf_counter() - started)


def cipher_cost(kind: str, quick: bool) -> list[Figure]:
    """Each measurement on the store in clear, then on the sealed one, ``repeats`` times; the ratio per run."""
    size = QUICK_DISTRICT if quick else DISTRICT
    repeats, writes = (2, 300) if quick else (3, 1500)
    with store(kind) as clear_url, store(kind) as sealed_url:
        sides = {LABELS[0]: Side(clear_url, "", size), LABELS[1]: Side(sealed_url, new_key(), size)}
        try:
            measures: dict[str, tuple[str, bool, Callable[[Side, int], float]]] = {
                "writes in-process": ("cmd/s", True, lambda s, run: _writes(s, run, writes)),
                "state rebuilt from the store (snapshot + events)": ("reads/s", True, _states),
                "history of a member": ("reads/s", True, _histories),
                "list page (50 members)": ("pages/s", True, _pages),
                "list page (50 members) searched by q": ("pages/s", True, _searches),
                "classification report from the view": ("s", False, _report),
                "chain verification": ("events/s", True, _verify),
            }
            figures: list[Figure] = []
            for name, (unit, higher, measure) in measures.items():
                pair = {label: Figure(f"{kind}: {name}, {label}", unit, higher_is_better=higher) for label in LABELS}
                for run in range(repeats):
                    for label in LABELS:
                        pair[label].values.append(measure(sides[label], run))
                ratio = Figure(f"{kind}: {name}, time sealed / in clear", "x", higher_is_better=False)
                clear, sealed = pair[LABELS[0]].values, pair[LABELS[1]].values
                ratio.values = [c / s if higher else s / c for c, s in zip(clear, sealed, strict=True)]
                figures += [pair[LABELS[0]], pair[LABELS[1]], ratio]
            events = Figure(f"{kind}: events in each store", "events", goal=f"district {size.members:,} members")
            events.values = [float(sides[LABELS[1]].events)]
            return [events, *figures]
        finally:
            for side in sides.values():
                side.close()


def _writes(side: Side, run: int, count: int) -> float:
    ops = list(itertools.islice(operations(side.slice, seed=300 + run, start=7_000_000 + run * 100_000), count))
    started = time.perf_counter()
    for op in ops:
        op.call(side.register)
    return len(ops) / (time.perf_counter() - started)


def _states(side: Side, _: int) -> float:
    cycle = itertools.cycle(side.members)

    def read() -> None:
        member = next(cycle)
        side.register.get_member(member, version=side.versions[member])

    return _rate(300, read)


def _histories(side: Side, _: int) -> float:
    cycle = itertools.cycle(side.members)
    return _rate(100, lambda: history(side.register, next(cycle), "member", "Member"))


def _pages(side: Side, _: int) -> float:
    return _rate(20, lambda: side.runner.view.page("member", {}, None, 51))


def _searches(side: Side, _: int) -> float:
    return _rate(20, lambda: side.runner.view.page("member", {"q": Search("科技")}, None, 51))


def _report(side: Side, _: int) -> float:
    started = time.perf_counter()
    build_report(side.register, side.runner, "classification", STANDS_ON.year - 1, on=STANDS_ON)
    return time.perf_counter() - started


def _verify(side: Side, _: int) -> float:
    started = time.perf_counter()
    result = verify(side.register)
    assert result.ok, result
    return result.checked / (time.perf_counter() - started)
