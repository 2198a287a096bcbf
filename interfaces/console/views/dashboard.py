"""The dashboard: the current grading round and its stage, the latest years' classification as charts, and what
is overdue, each with a link to its list."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from application.projections.changes import topics_of
from application.projections.documents import folded_events
from application.register import Register
from application.reports.classification import classification_report
from application.reports.common import branch_stood
from domain.aggregates import Chamber, GradingRound, PartyBranch
from interfaces.console.charts import Bar, Series, share, stacked_bars
from interfaces.console.dates import day
from interfaces.console.labels import grade_css, label
from interfaces.console.views.documents import Snapshot
from interfaces.console.views.lists import find

YEARS_SHOWN = 3
PUBLICITY_WARNING = timedelta(days=5)
OVERVIEW_READS = topics_of(
    [*folded_events(PartyBranch, Chamber, GradingRound), GradingRound.ObjectionRaised, GradingRound.ObjectionResolved]
)
"""The events the dashboard's overview is built from: all but the members, which only its total of members reads."""
MEMBERS = "会员企业"


@dataclass(frozen=True)
class Stage:
    """The current grading round: its year, stage and what it waits for."""

    year: int
    status: str
    detail: str
    href: str


@dataclass(frozen=True)
class Overdue:
    """Something past its date, how many, and the list that shows them."""

    title: str
    count: int
    href: str
    note: str = ""


@dataclass(frozen=True)
class YearFigures:
    """One year's counts by grade, with shares, for the table under the chart."""

    year: int
    status: str
    cells: list[tuple[str, int, str, str]]
    total: int


@dataclass
class Dashboard:
    """What the dashboard shows."""

    stage: Stage | None
    chart: Markup | None
    years: list[YearFigures]
    overdue: list[Overdue]
    totals: dict[str, int]


def _open_objections(register: Register, snapshot: Snapshot, year: int) -> int:
    """The year's unresolved objections about the organizations the snapshot's scope holds."""
    waiting = [o for o in register.get_round(year).objections.values() if o["resolution"] is None]
    if snapshot.scope is not None:
        seen = snapshot.load(str(o["branch_id"]) for o in waiting)
        waiting = [o for o in waiting if str(o["branch_id"]) in seen]
    return len(waiting)


def _stage(
    register: Register, snapshot: Snapshot, rounds: list[dict[str, Any]], today: date
) -> tuple[Stage | None, list[Overdue]]:
    if not rounds:
        return None, []
    latest = max(rounds, key=lambda r: r["year"])
    year = latest["year"]
    href = f"/console/rounds/{year}"
    publicity = latest.get("publicity")
    overdue: list[Overdue] = []
    if latest.get("closed_on"):
        return Stage(year, "已结束", f"已于{day(latest['closed_on'])}结束，等次已生效", href), overdue
    if not publicity:
        return Stage(year, "评定中", "正在述职评议和定级，尚未公示", href), overdue
    unresolved = _open_objections(register, snapshot, year)
    ends = date.fromisoformat(publicity["ends_on"])
    detail = f"公示期{day(publicity['starts_on'])}至{day(publicity['ends_on'])}"
    if unresolved:
        detail += f"，{unresolved}项异议未处理"
    if ends < today:
        overdue.append(Overdue(f"{year}年度公示期已过，定级工作尚未结束", 1, href, f"公示于{day(ends)}结束"))
    elif ends - today <= PUBLICITY_WARNING:
        overdue.append(Overdue(f"{year}年度公示即将结束", 1, href, f"公示于{day(ends)}结束"))
    return Stage(year, "公示中", detail, href), overdue


def _figures(snapshot: Snapshot, years: list[int], today: date) -> tuple[Markup | None, list[YearFigures]]:
    """Each year's counts by the grades of its own round, and a chart whose series are every grade the years' rounds
    give, in the order of the years' sets."""
    named: dict[str, tuple[str, int]] = {}
    bars, figures = [], []
    for year in years:
        report = classification_report(snapshot, year, today)
        totals = report["totals"]
        grades = [*report["labels"], "ungraded"]
        names = {**report["labels"], "ungraded": label("grade", "ungraded")}
        for n, g in enumerate(grades):
            named.setdefault(g, (names[g], n))
        links = {g: f"/console/branches?year={year}&grade={g}" for g in grades}
        bars.append(Bar(f"{year}年", {g: totals[g] for g in grades}, links))
        cells = [(names[g], totals[g], share(totals[g], totals["total"]), links[g]) for g in grades]
        status = "已生效" if report["status"] == "final" else "公示中（未生效）"
        figures.append(YearFigures(year, status, cells, totals["total"]))
    if not bars:
        return None, []
    ungraded = named.pop("ungraded")
    series = [Series(g, name, grade_css(g, n)) for g, (name, n) in [*named.items(), ("ungraded", ungraded)]]
    return stacked_bars("近年党组织分类定级情况", series, bars, "classification"), figures


def overdue_lists(today: date) -> list[tuple[str, str, dict[str, str]]]:
    """What is overdue that a list shows: its title, the list and the filters that keep it."""
    last_year = today.year - 1
    return [
        ("商会逾期未换届", "chambers", {"overdue": "yes"}),
        ("党组织逾期未换届选举", "branches", {"election": "overdue"}),
        ("党组织整顿逾期未完成", "branches", {"rectification": "overdue"}),
        (f"{last_year}年组织生活未达最低要求的党组织", "branches", {"life": str(last_year)}),
    ]


def _listed(snapshot: Snapshot, today: date) -> list[Overdue]:
    """Each overdue count as its list counts it, linking to that list."""
    return [
        Overdue(title, len(find(snapshot, path, filters, today).docs), f"/console/{path}?{urlencode(filters)}")
        for title, path, filters in overdue_lists(today)
    ]


def overview(register: Register, snapshot: Snapshot, today: date) -> Dashboard:
    """The dashboard as of ``today`` without its total of members: built from ``OVERVIEW_READS`` alone."""
    rounds = snapshot.all("round")
    stage, overdue = _stage(register, snapshot, rounds, today)
    years = sorted((r["year"] for r in rounds), reverse=True)[:YEARS_SHOWN]
    chart, figures = _figures(snapshot, sorted(years), today)
    chambers = snapshot.all("chamber")
    branches = snapshot.all("branch")
    overdue = [*_listed(snapshot, today), *overdue]
    if stage and stage.status == "评定中":
        ungraded = sum(
            1 for b in branches if branch_stood(b, date(stage.year, 12, 31)) and str(stage.year) not in b["grades"]
        )
        overdue.append(
            Overdue(
                f"{stage.year}年度尚未定级的党组织", ungraded, f"/console/branches?year={stage.year}&grade=ungraded"
            )
        )
    totals = {
        "商会": sum(1 for c in chambers if c["status"] == "active"),
        "党组织": sum(1 for b in branches if b["status"] == "active"),
    }
    return Dashboard(stage, chart, list(reversed(figures)), overdue, totals)


def with_members(board: Dashboard, snapshot: Snapshot) -> Dashboard:
    """The overview with the total of members who have not left, first among the totals."""
    members = sum(1 for m in snapshot.all("member") if m["status"] != "left")
    return replace(board, totals={MEMBERS: members, **board.totals})


def dashboard(register: Register, snapshot: Snapshot, today: date) -> Dashboard:
    """The dashboard as of ``today``."""
    return with_members(overview(register, snapshot, today), snapshot)
