"""The lists of members, chambers and Party organizations: search by name or credit code, filters, pages, and
the same filtered rows for a spreadsheet."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from application.projections.documents import Doc
from application.reports.chambers import overdue as overdue_for_renewal
from application.reports.classification import rectification_in
from application.reports.common import branch_stood
from application.reports.organizational_life import complies, policy_for
from application.reports.organizational_life import overdue as overdue_for_election
from domain.values import GradingPolicy
from interfaces import exports
from interfaces.console.dates import day, today
from interfaces.console.labels import grade_label, label, options, round_labels
from interfaces.console.views.documents import Snapshot
from interfaces.exports import Filing

PAGE_SIZE = 50
KINDS = {"members": "member", "chambers": "chamber", "branches": "branch"}
TITLES = {"members": "会员企业", "chambers": "商会", "branches": "党组织"}


@dataclass(frozen=True)
class Cell:
    """One cell of a list: its text and, for a name, the record it opens."""

    text: str
    href: str | None = None


@dataclass(frozen=True)
class Choice:
    value: str
    text: str
    selected: bool


@dataclass(frozen=True)
class Filter:
    """A select above a list: its query parameter, its Chinese name and its choices (the first is 全部)."""

    name: str
    title: str
    choices: list[Choice]


@dataclass
class ListPage:
    """One page of a filtered list, with what its form, its pager and its download need."""

    path: str
    title: str
    headers: list[str]
    rows: list[list[Cell]]
    filters: list[Filter]
    q: str
    page: int
    pages: int
    total: int
    query: dict[str, str] = field(default_factory=dict)
    ids: list[str] = field(default_factory=list)
    """The ids of the records on the page."""

    def link(self, **changes: Any) -> str:
        """This list's URL with some parameters changed (``page=2``)."""
        query = {**self.query, **{k: str(v) for k, v in changes.items()}}
        return f"/console/{self.path}?{urlencode({k: v for k, v in query.items() if v})}"

    @property
    def download(self) -> str:
        query = {k: v for k, v in self.query.items() if v and k != "page"}
        return f"/console/{self.path}.xlsx" + (f"?{urlencode(query)}" if query else "")


@dataclass(frozen=True)
class Column:
    """A column of a list: its header and how a document gives its cell."""

    header: str
    cell: Callable[[Doc, Context], Cell]


@dataclass(frozen=True)
class Context:
    """What cells and filters are judged against: the day (for what is overdue) and the chosen grade year."""

    today: date
    year: int | None
    life_year: int | None = None
    policy: GradingPolicy = field(default_factory=GradingPolicy)
    """The minimums of ``life_year``, the year whose organizational life is judged."""
    grades: Mapping[int, Mapping[str, str]] = field(default_factory=dict)
    """The grades of each year's round, code to Chinese label."""


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


def _latest_grade(doc: Doc, ctx: Context) -> Cell:
    grades = doc.get("grades", {})
    year = str(ctx.year) if ctx.year else (max(grades) if grades else None)
    if not year or year not in grades:
        return Cell("未定级" if ctx.year else "")
    return Cell(f"{year}年 {grade_label(grades[year]['grade'], ctx.grades.get(int(year)))}")


def _term_end(doc: Doc, _: Context) -> Cell:
    return Cell(day(doc["terms"][-1]["ends_on"]) if doc.get("terms") else "")


def _named(path: str) -> Callable[[Doc, Context], Cell]:
    return lambda d, _: Cell(d.get("name", ""), f"/console/{path}/{d['id']}")


def _text(key: str, vocabulary: str | None = None) -> Callable[[Doc, Context], Cell]:
    if vocabulary:
        return lambda d, _: Cell(label(vocabulary, d.get(key)))
    return lambda d, _: Cell(str(d.get(key) or ""))


def _date(key: str) -> Callable[[Doc, Context], Cell]:
    return lambda d, _: Cell(day(d.get(key)))


COLUMNS: dict[str, list[Column]] = {
    "members": [
        Column("名称", _named("members")),
        Column("统一社会信用代码", _text("credit_code")),
        Column("街道", _text("street")),
        Column("行业", _text("industry")),
        Column("状态", _text("status", "member_status")),
        Column("入会日期", _date("joined_on")),
        Column("重点关注", lambda d, _: Cell(_yes(bool(d.get("key_focus_criteria"))))),
    ],
    "chambers": [
        Column("名称", _named("chambers")),
        Column("类型", _text("kind", "chamber_kind")),
        Column("街道", _text("street")),
        Column("状态", _text("status", "chamber_status")),
        Column("成立日期", _date("established_on")),
        Column("本届届满", _term_end),
        Column("逾期未换届", lambda d, c: Cell(_yes(overdue_for_renewal(d, c.today)))),
    ],
    "branches": [
        Column("名称", _named("branches")),
        Column("类型", _text("kind", "branch_kind")),
        Column("街道", _text("street")),
        Column("管理单位", _text("managing_unit")),
        Column("状态", _text("status", "branch_status")),
        Column("等次", _latest_grade),
    ],
}


def _open_rectification(doc: Doc, ctx: Context) -> str:
    """none, open, overdue or closed: the organization's latest rectification as of ``ctx.today``."""
    rectifications = doc.get("rectifications") or []
    if not rectifications:
        return "none"
    return rectification_in(doc, rectifications[-1]["year"], ctx.today)


def _grade_in(doc: Doc, year: int | None) -> str:
    record = doc.get("grades", {}).get(str(year)) if year else None
    return record["grade"] if record else "ungraded"


@dataclass(frozen=True)
class Offering:
    """What a filter's choices are drawn from: the documents at hand, the grades of each year's round, and the
    filters chosen before it (the grade filter offers the chosen year's grades)."""

    docs: list[Doc]
    grades: Mapping[int, Mapping[str, str]]
    chosen: Mapping[str, str]


Choices = Callable[[Offering], list[tuple[str, str]]]


@dataclass(frozen=True)
class FilterSpec:
    """A filter: its parameter, title, the choices it offers for the documents at hand, and its test."""

    name: str
    title: str
    choices: Choices
    keeps: Callable[[Doc, str, Context], bool]


def _distinct(key: str) -> Choices:
    return lambda offer: [(v, v) for v in sorted({d.get(key) for d in offer.docs if d.get(key)})]


def _fixed(vocabulary: str) -> Choices:
    return lambda _: options(vocabulary)


def _grades(offer: Offering) -> list[tuple[str, str]]:
    """The grades of the chosen year's round; with no year chosen, those of every round, latest first, and the
    default three when no round was opened; then the ungraded."""
    year = offer.chosen.get("year")
    if year is not None and int(year) in offer.grades:
        offered = dict(offer.grades[int(year)])
    else:
        offered = {}
        for _, labels in sorted(offer.grades.items(), reverse=True):
            offered |= {code: name for code, name in labels.items() if code not in offered}
    return [*(offered or dict(options("grade"))).items(), ("ungraded", label("grade", "ungraded"))]


def _equals(key: str) -> Callable[[Doc, str, Context], bool]:
    return lambda d, v, _: d.get(key) == v


def _years(offer: Offering) -> list[tuple[str, str]]:
    years = sorted({y for d in offer.docs for y in d.get("grades", {})}, reverse=True)
    return [(y, f"{y}年") for y in years]


def _life_years(offer: Offering) -> list[tuple[str, str]]:
    years = {int(y) for d in offer.docs for y in d.get("organizational_life", {})} | {today().year - 1}
    return [(str(y), f"{y}年") for y in sorted(years, reverse=True)]


def _behind_in_life(doc: Doc, _: str, ctx: Context) -> bool:
    """Whether the organization stood in the chosen year and fell short of a minimum that applies to it."""
    year = ctx.life_year
    if year is None or not branch_stood(doc, date(year, 1, 1), date(year, 12, 31)):
        return False
    return not complies(doc, year, ctx.policy)


YES_NO = [("yes", "是"), ("no", "否")]
FILTERS: dict[str, list[FilterSpec]] = {
    "members": [
        FilterSpec("street", "街道", _distinct("street"), _equals("street")),
        FilterSpec("status", "状态", _fixed("member_status"), _equals("status")),
        FilterSpec(
            "key_focus", "重点关注", lambda _: YES_NO, lambda d, v, _: bool(d.get("key_focus_criteria")) == (v == "yes")
        ),
    ],
    "chambers": [
        FilterSpec("kind", "类型", _fixed("chamber_kind"), _equals("kind")),
        FilterSpec("street", "街道", _distinct("street"), _equals("street")),
        FilterSpec("status", "状态", _fixed("chamber_status"), _equals("status")),
        FilterSpec(
            "overdue",
            "逾期未换届",
            lambda _: YES_NO,
            lambda d, v, c: overdue_for_renewal(d, c.today) == (v == "yes"),
        ),
    ],
    "branches": [
        FilterSpec("kind", "类型", _fixed("branch_kind"), _equals("kind")),
        FilterSpec("street", "街道", _distinct("street"), _equals("street")),
        FilterSpec("managing_unit", "管理单位", _distinct("managing_unit"), _equals("managing_unit")),
        FilterSpec("status", "状态", _fixed("branch_status"), _equals("status")),
        FilterSpec("year", "定级年度", _years, lambda d, v, c: True),
        FilterSpec(
            "grade",
            "等次",
            _grades,
            lambda d, v, c: c.year is not None and branch_stood(d, date(c.year, 12, 31)) and _grade_in(d, c.year) == v,
        ),
        FilterSpec(
            "rectification",
            "整顿",
            lambda _: [(k, label("rectification", k)) for k in ("open", "overdue", "closed")],
            lambda d, v, c: _open_rectification(d, c) == v,
        ),
        FilterSpec(
            "election",
            "换届选举",
            lambda _: [("overdue", "逾期未换届")],
            lambda d, v, c: overdue_for_election(d, c.today),
        ),
        FilterSpec("life", "组织生活未达标年度", _life_years, _behind_in_life),
    ],
}


def _matches_search(doc: Doc, q: str) -> bool:
    if not q:
        return True
    folded = q.casefold()
    code = (doc.get("credit_code") or "").upper()
    return folded in (doc.get("name") or "").casefold() or (bool(code) and code.startswith(q.strip().upper()))


@dataclass
class Found:
    """The documents a list's search and filters keep, in name order, and the filters with their choices."""

    docs: list[Doc]
    filters: list[Filter]
    context: Context
    q: str
    query: dict[str, str]


def find(snapshot: Snapshot, path: str, params: Mapping[str, str], today: date) -> Found:
    """The documents of list ``path`` (members, chambers or branches) that ``params`` (``q`` and the filters)
    keep; a filter value that is not one of its choices is ignored."""
    kind = KINDS[path]
    everything = snapshot.all(kind)
    q = (params.get("q") or "").strip()[:100]
    specs = FILTERS[path]
    grades = round_labels(snapshot)
    chosen: dict[str, str] = {}
    filters = []
    for spec in specs:
        offered = spec.choices(Offering(everything, grades, chosen))
        value = params.get(spec.name, "")
        if value not in {code for code, _ in offered}:
            value = ""
        if value:
            chosen[spec.name] = value
        choices = [Choice("", "全部", not value), *(Choice(c, t, c == value) for c, t in offered)]
        filters.append(Filter(spec.name, spec.title, choices))
    year = int(chosen["year"]) if "year" in chosen else None
    life_year = int(chosen["life"]) if "life" in chosen else None
    policy = policy_for(snapshot, life_year) if life_year is not None else GradingPolicy()
    context = Context(today, year, life_year, policy, grades)
    kept = [
        d
        for d in everything
        if _matches_search(d, q)
        and all(spec.keeps(d, chosen[spec.name], context) for spec in specs if spec.name in chosen)
    ]
    kept.sort(key=lambda d: (d.get("name") or "", d["id"]))
    return Found(kept, filters, context, q, {"q": q, **chosen})


def list_page(snapshot: Snapshot, path: str, params: Mapping[str, str], today: date) -> ListPage:
    """The page of list ``path`` that ``params`` ask for (``page``, 50 rows a page)."""
    found = find(snapshot, path, params, today)
    total = len(found.docs)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    try:
        page = min(max(1, int(params.get("page") or 1)), pages)
    except ValueError:
        page = 1
    shown = found.docs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    columns = COLUMNS[path]
    return ListPage(
        path=path,
        title=TITLES[path],
        headers=[c.header for c in columns],
        rows=[[c.cell(d, found.context) for c in columns] for d in shown],
        filters=found.filters,
        q=found.q,
        page=page,
        pages=pages,
        total=total,
        query=found.query,
        ids=[d["id"] for d in shown],
    )


def spreadsheet(snapshot: Snapshot, path: str, params: Mapping[str, str], today: date) -> Filing:
    """Every row the list's search and filters keep, laid out for the XLSX writer: the list's title, what was
    chosen, then the numbered rows under Chinese headers, and how many there are."""
    found = find(snapshot, path, params, today)
    columns = COLUMNS[path]
    chosen = [
        f"{f.title}：{next(c.text for c in f.choices if c.selected)}"
        for f in found.filters
        if any(c.selected and c.value for c in f.choices)
    ]
    title = f"{TITLES[path]}名单"
    table = exports.Table(
        title,
        tuple(exports.Column(c.header) for c in columns),
        [tuple(c.cell(d, found.context).text for c in columns) for d in found.docs],
    )
    scope = snapshot.scope.label if snapshot.scope else "全区"
    subtitle = f"范围：{scope}　导出日期：{day(today)}　检索：{found.q or '无'}　筛选：{'；'.join(chosen) or '无'}"
    return Filing(title, subtitle, [table], notes=[("条数", len(found.docs))])
