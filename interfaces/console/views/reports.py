"""A report as the console shows it: the cells the filed download holds (``interfaces.exports``), dates as a clerk
writes them, names opening their records, counts opening their lists, a chart drawn on the server, and the stamp
(position, chain head, fingerprint) that lets anyone reproduce and verify it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from domain.coverage import Coverage
from domain.labelled import Labelled
from domain.values import Activity, BranchKind, ChamberKind, KeyFocusCriterion
from domain.vocabulary import FIELDS
from interfaces.console.charts import Bar, Series, stacked_bars
from interfaces.console.dates import day
from interfaces.console.labels import grade_css
from interfaces.exports import Filing, Kind, Table, cell_text
from interfaces.exports.reports import grade_columns, grade_names

ROWS_SHOWN = 200
"""Rows of a table shown on screen unless every row is asked for (the print layout, ``?rows=all``)."""
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
RECORD_PATHS = {"党组织名称": "branches", "企业名称": "members", "商会名称": "chambers"}
"""The record a table's first column names, by its header, when the table's last column holds ids (编号)."""


@dataclass(frozen=True)
class ReportSpec:
    """A report the console shows: its name in the API, its Chinese title, and whether it is for a year."""

    name: str
    title: str
    yearly: bool
    summary: str

    @property
    def path(self) -> str:
        return f"/console/reports/{self.name}"


SPECS: dict[str, ReportSpec] = {
    spec.name: spec
    for spec in [
        ReportSpec("classification", "年度分类定级", True, "等次分布，按单位、街道、类型统计，软弱涣散名单"),
        ReportSpec("publicity-notice", "定级结果公示名单", True, "已公示年度的党组织及其等次"),
        ReportSpec("organizational-life", "组织生活落实情况", True, "“三会一课”等组织生活的达标情况与明细"),
        ReportSpec("coverage", "“两个覆盖”情况", False, "会员企业的组织覆盖和工作覆盖，未覆盖企业名单"),
        ReportSpec("chambers", "商会情况", False, "商会按类型、街道统计，登记、挂牌、换届、“四好”商会和示范点"),
        ReportSpec("key-focus", "重点关注对象", False, "重点关注的会员企业及其关注原因"),
    ]
}


@dataclass(frozen=True)
class Shown:
    """One cell on screen: its text, the kind of value (for alignment) and where it leads."""

    text: str
    kind: str = "text"
    href: str | None = None


@dataclass(frozen=True)
class ShownTable:
    """A table of the filing as the page shows it; ``hidden`` rows are left to the download and the print layout."""

    sheet: str
    headers: list[str]
    rows: list[list[Shown]]
    total: list[Shown] | None
    hidden: int


@dataclass
class ReportPage:
    """What a report's page shows, built once per report (the page adds the session's own parts)."""

    spec: ReportSpec
    year: int | None
    filing: Filing
    report: dict[str, Any]
    tables: list[ShownTable]
    chart: Markup | None
    notes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def linked(self) -> bool:
        """Whether a count on the page opens its list."""
        counts = (c for t in self.tables for r in [*t.rows, t.total or []] for c in r if c.kind != "text")
        return "<a " in str(self.chart) or any(c.href for c in counts)

    @property
    def stamp(self) -> dict[str, Any]:
        return {k: self.report.get(k) for k in ("position", "chain_head", "fingerprint")}


Links = dict[tuple[str, int, int], str]
"""Where a count leads, by (sheet, row, column) of the filing's cells; row -1 is the total row."""


def _text(value: Any, kind: Kind) -> str:
    if kind == Kind.DATE or (isinstance(value, str) and ISO_DAY.match(value)):
        return day(value)
    return cell_text(value, kind)


def _record_links(table: Table) -> Callable[[tuple[Any, ...]], str | None]:
    path = RECORD_PATHS.get(table.columns[0].header)
    if path is None or table.columns[-1].header != "编号":
        return lambda _: None
    return lambda row: f"/console/{path}/{row[-1]}" if row[-1] else None


def _shown(table: Table, links: Links, every_row: bool) -> ShownTable:
    kinds = [Kind.NUMBER] * table.numbered + [c.kind for c in table.columns]
    record = _record_links(table)
    lead = 1 if table.numbered else 0

    def cells(values: tuple[Any, ...], row: int) -> list[Shown]:
        shown = []
        for column, (value, kind) in enumerate(zip(values, kinds, strict=True)):
            at = column - lead
            href = links.get((table.sheet, row, at))
            if at == 0 and row >= 0:
                href = record(values[lead:]) or href
            shown.append(Shown(_text(value, kind), kind.value, href))
        return shown

    rows = table.rows if every_row else table.rows[:ROWS_SHOWN]
    numbered = [cells(((n,) if table.numbered else ()) + row, n - 1) for n, row in enumerate(rows, 1)]
    total = cells((("",) if table.numbered else ()) + table.total, -1) if table.total else None
    return ShownTable(table.sheet, table.headers, numbered, total, len(table.rows) - len(rows))


def _list(path: str, **query: Any) -> str:
    return f"/console/{path}?{urlencode({k: v for k, v in query.items() if v not in (None, '')})}"


def _reverse(enum: type[Labelled]) -> dict[str, str]:
    return {name: code for code, name in enum.labels().items()}


def _grade_columns(table: Table, grades: dict[str, str]) -> dict[int, str]:
    """The column of each grade's count in a by-grade table (``先进``, not ``先进占比``); ``grades`` by label."""
    return {n: grades[c.header] for n, c in enumerate(table.columns) if c.header in grades}


def _classification_links(report: dict[str, Any], laid_out: Filing) -> Links:
    """Counts whose list the branches' filters give exactly: by grade, by street and grade, by kind and grade
    (a managing unit is counted as it was at the year's end, the list filters by today's, so it has no link)."""
    year = report["year"]
    links: Links = {}
    kinds = _reverse(BranchKind)
    grades = {name: code for code, name in grade_columns(report).items()}
    for table in laid_out.tables:
        if table.sheet == "等次分布":
            for n, row in enumerate(table.rows):
                links[(table.sheet, n, 1)] = _list("branches", year=year, grade=grades[str(row[0])])
        elif table.sheet in ("按街道", "按组织类型"):
            for column, grade in _grade_columns(table, grades).items():
                for n, row in enumerate(table.rows):
                    where = {"street": row[0]} if table.sheet == "按街道" else {"kind": kinds.get(str(row[0]))}
                    links[(table.sheet, n, column)] = _list("branches", year=year, grade=grade, **where)
                links[(table.sheet, -1, column)] = _list("branches", year=year, grade=grade)
    return links


def _chambers_links(report: dict[str, Any], laid_out: Filing) -> Links:
    """Active chambers by kind, by street and kind, and those overdue for renewal."""
    links: Links = {}
    kinds = _reverse(ChamberKind)
    active = "active"
    for table in laid_out.tables:
        if table.sheet == "按类型":
            for n, row in enumerate(table.rows):
                links[(table.sheet, n, 1)] = _list("chambers", kind=kinds.get(str(row[0])), status=active)
            links[(table.sheet, -1, 1)] = _list("chambers", status=active)
        elif table.sheet == "按街道":
            for column, c in enumerate(table.columns[1:-1], 1):
                for n, row in enumerate(table.rows):
                    links[(table.sheet, n, column)] = _list(
                        "chambers", street=row[0], kind=kinds.get(c.header), status=active
                    )
                links[(table.sheet, -1, column)] = _list("chambers", kind=kinds.get(c.header), status=active)
            for n, row in enumerate(table.rows):
                links[(table.sheet, n, len(table.columns) - 1)] = _list("chambers", street=row[0], status=active)
        elif table.sheet == "概况":
            for n, row in enumerate(table.rows):
                if row[0] == FIELDS["overdue_for_renewal"]:
                    links[(table.sheet, n, 1)] = _list("chambers", overdue="yes", status=active)
            links[(table.sheet, -1, 1)] = _list("chambers", status=active)
    return links


def _key_focus_links(report: dict[str, Any], laid_out: Filing) -> Links:
    return {("按关注原因", -1, 1): _list("members", key_focus="yes")}


def _publicity_links(report: dict[str, Any], laid_out: Filing) -> Links:
    return {}


LINKS: dict[str, Callable[[dict[str, Any], Filing], Links]] = {
    "classification": _classification_links,
    "chambers": _chambers_links,
    "key-focus": _key_focus_links,
}


def _grade_series(report: dict[str, Any]) -> list[Series]:
    """A series for each grade of the report's round, best first, then the ungraded."""
    graded = grade_columns(report)
    return [Series(g, name, grade_css(g, n)) for n, (g, name) in enumerate(graded.items())]


def _classification_chart(report: dict[str, Any], live: bool) -> Markup:
    year = report["year"]
    codes = list(grade_columns(report))

    def bar(name: str, figures: dict[str, int], **where: str) -> Bar:
        links = {g: _list("branches", year=year, grade=g, **where) for g in codes} if live else {}
        return Bar(name, {g: figures[g] for g in codes}, links)

    bars = [bar("全区" if not report.get("scope") else "合计", report["totals"])]
    bars += [bar(row["street"], row, street=row["street"]) for row in report["by_street"]]
    return stacked_bars(f"{year}年度党组织等次分布（按街道）", _grade_series(report), bars, "report-chart")


def _publicity_chart(report: dict[str, Any], live: bool) -> Markup:
    year, totals = report["year"], report["totals"]
    codes = list(grade_names(report))
    links = {g: _list("branches", year=year, grade=g) for g in codes} if live else {}
    series = [s for s in _grade_series(report) if s.key != "ungraded"]
    bar = Bar(f"{year}年", {g: totals.get(g, 0) for g in codes}, links)
    return stacked_bars(f"{year}年度定级结果", series, [bar], "report-chart")


def _coverage_chart(report: dict[str, Any], live: bool) -> Markup:
    css = {Coverage.OWN_ORGANIZATION: "grade-advanced", Coverage.JOINT_BRANCH: "grade-average"}
    series = [Series(c.value, c.label, css.get(c, "grade-weak")) for c in Coverage]
    bar = Bar("会员企业", {s.key: report[s.key] for s in series})
    return stacked_bars("会员企业党组织覆盖情况", series, [bar], "report-chart")


def _chambers_chart(report: dict[str, Any], live: bool) -> Markup:
    kinds = ChamberKind.labels()
    css = ["grade-advanced", "grade-average", "grade-ungraded"]
    series = [Series(code, name, css[n % len(css)]) for n, (code, name) in enumerate(kinds.items())]

    def links(street: str | None) -> dict[str, str]:
        if not live:
            return {}
        return {code: _list("chambers", street=street, kind=code, status="active") for code in kinds}

    bars = [Bar("合计", dict(report["by_kind"]), links(None))]
    bars += [Bar(s["street"], dict(s["by_kind"]), links(s["street"])) for s in report["by_street"]]
    return stacked_bars("商会按街道、类型分布", series, bars, "report-chart")


def _organizational_life_chart(report: dict[str, Any], live: bool) -> Markup:
    series = [Series("met", "达标", "grade-advanced"), Series("short", "未达标", "grade-weak")]
    applies: dict[str, int] = {}
    met: dict[str, int] = {}
    for row in report["rows"]:
        for activity, figures in row["activities"].items():
            if figures["minimum"] is not None:
                applies[activity] = applies.get(activity, 0) + 1
                met[activity] = met.get(activity, 0) + (1 if figures["met"] else 0)
    names = Activity.labels()
    bars = [
        Bar(names.get(a, a), {"met": met.get(a, 0), "short": applies[a] - met.get(a, 0)})
        for a in report["minimums"]
        if a in applies
    ]
    return stacked_bars(f"{report['year']}年度组织生活达标情况（按项目）", series, bars, "report-chart", 120)


def _key_focus_chart(report: dict[str, Any], live: bool) -> Markup:
    names = KeyFocusCriterion.labels()
    series = [Series("count", "企业数", "grade-average")]
    bars = [Bar(names.get(c, c), {"count": n}) for c, n in report["by_criterion"].items()]
    return stacked_bars("重点关注对象按关注原因", series, bars, "report-chart", 120)


CHARTS: dict[str, Callable[[dict[str, Any], bool], Markup]] = {
    "classification": _classification_chart,
    "publicity-notice": _publicity_chart,
    "coverage": _coverage_chart,
    "chambers": _chambers_chart,
    "organizational-life": _organizational_life_chart,
    "key-focus": _key_focus_chart,
}


def report_page(spec: ReportSpec, report: dict[str, Any], laid_out: Filing, every_row: bool) -> ReportPage:
    """The page of ``report`` laid out as ``laid_out``; a live report's counts link to their lists (a past one's
    would not match today's lists)."""
    live = not report.get("as_of")
    links = LINKS.get(spec.name, _publicity_links)(report, laid_out) if live else {}
    tables = [_shown(t, links, every_row) for t in laid_out.tables]
    notes = [(name, _text(value, Kind.TEXT)) for name, value in laid_out.notes]
    chart = CHARTS[spec.name](report, live)
    return ReportPage(spec, report.get("year"), laid_out, report, tables, chart, notes)
