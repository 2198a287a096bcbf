"""Building a report by name: from the live view (after it has caught up), or as of a recorded time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from application.base import RegisterBase
from application.projections.documents import folded_events
from application.projections.runner import ViewRunner, as_of_view
from application.reports.chambers import chambers_report
from application.reports.classification import classification_report
from application.reports.common import Documents, stamp
from application.reports.coverage import coverage_report
from application.reports.key_focus import key_focus_report
from application.reports.organizational_life import organizational_life_report
from application.reports.publicity import publicity_notice
from application.scope import ScopedDocuments
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


ENDINGS = [PartyBranch.Founded, PartyBranch.Dissolved, PartyBranch.MergedInto]
MEMBERS = folded_events(Member)
READS: dict[str, list[type[Any]]] = {
    "classification": [
        *ENDINGS,
        PartyBranch.ManagementTransferred,
        PartyBranch.Graded,
        PartyBranch.GradeCorrected,
        PartyBranch.RectificationOpened,
        PartyBranch.RectificationClosed,
        GradingRound.Opened,
        GradingRound.PublicityStarted,
        GradingRound.Closed,
    ],
    "coverage": [*MEMBERS, *ENDINGS],
    "chambers": [*folded_events(Chamber), *ENDINGS, PartyBranch.ManagementTransferred],
    "organizational-life": [
        *ENDINGS,
        PartyBranch.ManagementTransferred,
        PartyBranch.PartyMemberCountReported,
        PartyBranch.StructureRecorded,
        PartyBranch.ElectionHeld,
        PartyBranch.ElectionPostponed,
        PartyBranch.OrganizationalLifeRecorded,
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


class UnknownReport(ValueError):
    """No report by that name, or a yearly report without its year."""


def build_report(
    register: RegisterBase,
    runner: ViewRunner,
    name: str,
    year: int | None = None,
    as_of: datetime | None = None,
    on: date | None = None,
    scope: Scope | None = None,
    live: Documents | None = None,
) -> dict[str, Any]:
    """The named report; ``as_of`` rebuilds it from the log as it stood then, ``on`` dates what is overdue;
    ``live`` is the live view already caught up with the log, when the caller holds one.

    With ``scope`` the report counts and names only the records that lay in that scope at the report's position,
    and says so in ``scope`` (which the fingerprint covers); a district-wide report has no ``scope`` field."""
    if name not in REPORTS:
        raise UnknownReport(f"no report {name!r}; reports: {', '.join(REPORTS)}")
    yearly, builder = REPORTS[name]
    if yearly and year is None:
        raise UnknownReport(f"the {name} report is for a year")
    view: Documents
    if as_of is not None:
        view = as_of_view(register, as_of, READS[name])
        day = on or as_of.date()
    else:
        view = live if live is not None else runner.readable(register.recorder.max_notification_id())
        day = on or date.today()
    if scope is not None:
        view = ScopedDocuments(view, scope, JUDGED_WHOLE.get(name, ()))
    report = builder(view, year, day)
    if scope is not None:
        report["scope"] = str(scope)
    if as_of is not None:
        report["as_of"] = as_of.isoformat().replace("+00:00", "Z")
    position = view.position()
    return stamp(report, position, register.chain_head_at(position) if position else None)
