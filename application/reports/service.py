"""Building a report by name: from the live view (after it has caught up), or as of a recorded time."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date, datetime
from typing import Any

from application.base import RegisterBase
from application.projections.changes import topics_of, unchanged
from application.projections.documents import Doc, folded_events
from application.projections.runner import ViewRunner, as_of_view
from application.reports.chambers import chambers_report
from application.reports.classification import classification_report
from application.reports.common import Documents, stamp
from application.reports.coverage import coverage_moved, coverage_report
from application.reports.key_focus import key_focus_report
from application.reports.organizational_life import organizational_life_report
from application.reports.publicity import publicity_notice
from application.scope import ScopedDocuments, in_scope_doc
from domain.aggregates import Chamber, GradingRound, Member, PartyBranch
from domain.scope import Scope

Builder = Callable[[Documents, int | None, date], dict[str, Any]]

REPORTS: dict[str, tuple[bool, Builder]] = {
    "classification": (True, lambda v, y, on: classification_report(v, y or 0, on)),
    "coverage": (False, lambda v, _, on: coverage_report(v, on)),
    "chambers": (False, lambda v, _, on: chambers_report(v, on)),
    "organizational-life": (True, lambda v, y, on: organizational_life_report(v, y or 0, on)),
    "key-focus": (False, lambda v, _, on: key_focus_report(v, on)),
    "publicity-notice": (True, lambda v, y, on: publicity_notice(v, y or 0, on)),
}


ENDINGS = [
    PartyBranch.Founded,
    PartyBranch.FoundedOnCorrected,
    PartyBranch.Renamed,
    PartyBranch.Dissolved,
    PartyBranch.MergedInto,
]
"""An organization's founding (as corrected), its name and its end: every report that reads organizations reads
these."""
MEMBERS = folded_events(Member)
READS: dict[str, list[type[Any]]] = {
    "classification": [
        *ENDINGS,
        PartyBranch.ManagementTransferred,
        PartyBranch.TransferDayCorrected,
        PartyBranch.Reviewed,
        PartyBranch.ReviewCorrected,
        PartyBranch.Graded,
        PartyBranch.GradeCorrected,
        PartyBranch.RectificationOpened,
        PartyBranch.RectificationClosed,
        PartyBranch.RectificationDaysCorrected,
        GradingRound.Opened,
        GradingRound.PublicityStarted,
        GradingRound.Closed,
    ],
    "coverage": [*MEMBERS, *ENDINGS, PartyBranch.PartyMemberCountReported],
    "chambers": [
        *folded_events(Chamber),
        *ENDINGS,
        PartyBranch.ManagementTransferred,
        PartyBranch.TransferDayCorrected,
    ],
    "organizational-life": [
        *ENDINGS,
        PartyBranch.ManagementTransferred,
        PartyBranch.PartyMemberCountReported,
        PartyBranch.StructureRecorded,
        PartyBranch.ElectionHeld,
        PartyBranch.ElectionPostponed,
        PartyBranch.ElectionCorrected,
        PartyBranch.OrganizationalLifeRecorded,
        PartyBranch.MeetingVoided,
        GradingRound.Opened,
    ],
    "key-focus": MEMBERS,
    "publicity-notice": [
        *ENDINGS,
        PartyBranch.Graded,
        PartyBranch.GradeCorrected,
        GradingRound.Opened,
        GradingRound.PublicityStarted,
        GradingRound.Closed,
    ],
}
"""The events each report reads: an as-of report folds only these."""
JUDGED_WHOLE: dict[str, set[str]] = {"coverage": {"branch"}}
"""Kinds a scoped report reads whole, only to judge the records in its scope: a member of the street is covered by
whichever organization hosts it. Every other kind is cut to the scope."""
SCOPE_MOVES = [PartyBranch.ManagementTransferred]
"""Events that move a record into or out of a scope without a report reading them otherwise (an organization's
street is fixed at its founding; a member's and a chamber's scope changes only by events the reports reading them
fold)."""
TOPICS = {name: topics_of(classes) for name, classes in READS.items()}
SCOPED_TOPICS = {name: topics_of([*classes, *SCOPE_MOVES]) for name, classes in READS.items()}


Mover = Callable[[dict[str, Any], Documents, dict[str, Doc | None], Callable[[Doc], bool]], dict[str, Any] | None]
MOVES: dict[str, Mover] = {"coverage": coverage_moved}
"""Reports that can be moved from an earlier position by the documents changed since, rather than built afresh:
each gives what a fresh build gives, or None when it cannot."""


class UnknownReport(ValueError):
    """No report by that name, or a yearly report without its year."""


class ReportCache:
    """Reports already built, by all that fixes one: its name, year, scope and day, and the log position of the
    view it read (or its settled ``as_of``). A report at a log position never changes, so a report asked again
    before the log moves is answered as built. Only the latest position of each report is kept, and the least
    recently asked reports are let go past ``size``. The reports handed out are shared: read, never changed."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._reports: OrderedDict[Hashable, tuple[int | None, dict[str, Any]]] = OrderedDict()
        self._lock = threading.Lock()
        self.restamped = 0
        self.moved = 0

    def latest(self, key: Hashable) -> tuple[int | None, dict[str, Any]] | None:
        """The position and report kept under ``key``, whatever its position."""
        with self._lock:
            return self._reports.get(key)

    def get(self, key: Hashable, position: int | None) -> dict[str, Any] | None:
        with self._lock:
            kept = self._reports.get(key)
            if kept is None or kept[0] != position:
                return None
            self._reports.move_to_end(key)
            return kept[1]

    def put(self, key: Hashable, position: int | None, report: dict[str, Any]) -> None:
        with self._lock:
            self._reports[key] = (position, report)
            self._reports.move_to_end(key)
            while len(self._reports) > self.size:
                self._reports.popitem(last=False)


def build_report(
    register: RegisterBase,
    runner: ViewRunner,
    name: str,
    year: int | None = None,
    as_of: datetime | None = None,
    on: date | None = None,
    scope: Scope | None = None,
    cache: ReportCache | None = None,
    live: Documents | None = None,
) -> dict[str, Any]:
    """The named report; ``as_of`` rebuilds it from the log as it stood then, ``on`` dates what is overdue;
    ``live`` is the live view already caught up with the log, when the caller holds one.

    With ``scope`` the report counts and names only the records that lay in that scope at the report's position,
    and says so in ``scope`` (which the fingerprint covers); a district-wide report has no ``scope`` field. With
    ``cache``, a report already built at the same position (or the same settled ``as_of``) is answered from it (when
    the view stands on the log's last position, known from one query of both, as ``/healthz`` reads them), and
    one built at an earlier position with none of the events it reads recorded since is that report stamped at the
    new position (what a fresh build there gives)."""
    if name not in REPORTS:
        raise UnknownReport(f"no report {name!r}; reports: {', '.join(REPORTS)}")
    yearly, builder = REPORTS[name]
    if yearly and year is None:
        raise UnknownReport(f"the {name} report is for a year")
    view: Documents
    day = on or (as_of.date() if as_of is not None else date.today())
    key = (name, year, as_of, str(scope) if scope is not None else None, day)
    at: int | None = None
    if as_of is not None:
        if cache is not None and (cached := cache.get(key, at)) is not None:
            return cached
        view = as_of_view(register, as_of, READS[name])
    else:
        settled = runner.settled() if live is None and cache is not None else None
        if settled is not None and cache is not None and (kept := cache.get(key, settled)) is not None:
            return kept
        view = live if live is not None else runner.readable(register.recorder.max_notification_id())
        at = view.position()
        if cache is not None and (cached := _kept(register, cache, key, at, name, scope)) is not None:
            return cached
        if cache is not None and (moved := _moved(register, cache, key, view, name, scope)) is not None:
            return moved
    if scope is not None:
        view = ScopedDocuments(view, scope, JUDGED_WHOLE.get(name, ()))
    report = builder(view, year, day)
    if scope is not None:
        report["scope"] = str(scope)
    if as_of is not None:
        report["as_of"] = as_of.isoformat().replace("+00:00", "Z")
    position = view.position()
    report = stamp(report, position, register.chain_head_at(position) if position else None)
    if cache is not None and (as_of is not None or at == position):
        cache.put(key, at, report)
    return report


def report_topics(name: str, scoped: bool) -> tuple[str, ...]:
    """The stored topics of the events the named report is built from (with a scope, those that move a record
    into or out of it too): a report built at a position stands for a later one when none of them lie between."""
    return (SCOPED_TOPICS if scoped else TOPICS)[name]


def _kept(
    register: RegisterBase, cache: ReportCache, key: Hashable, at: int, name: str, scope: Scope | None
) -> dict[str, Any] | None:
    """The live report kept for ``key`` at position ``at``, or restamped there from an earlier position when no
    event it reads was recorded in between."""
    if (cached := cache.get(key, at)) is not None:
        return cached
    latest = cache.latest(key)
    if latest is None or latest[0] is None:
        return None
    before, report = latest
    if not unchanged(register, before, at, report_topics(name, scope is not None)):
        return None
    body = {k: v for k, v in report.items() if k not in ("position", "chain_head", "fingerprint")}
    restamped = stamp(body, at, register.chain_head_at(at) if at else None)
    cache.put(key, at, restamped)
    cache.restamped += 1
    return restamped


def _moved(
    register: RegisterBase, cache: ReportCache, key: Hashable, view: Documents, name: str, scope: Scope | None
) -> dict[str, Any] | None:
    """The live report kept for ``key`` at an earlier position, moved to ``view`` by the documents changed since
    (when the view knows them and the report can be moved)."""
    mover, latest = MOVES.get(name), cache.latest(key)
    if mover is None or latest is None or latest[0] is None:
        return None
    before, report = latest
    changed = view.changed_since(before) if hasattr(view, "changed_since") else None
    if changed is None:
        return None
    body = mover(report, view, changed, lambda doc: in_scope_doc(scope, doc))
    if body is None:
        return None
    if scope is not None:
        body["scope"] = str(scope)
    at = view.position()
    moved = stamp(body, at, register.chain_head_at(at) if at else None)
    cache.put(key, at, moved)
    cache.moved += 1
    return moved
