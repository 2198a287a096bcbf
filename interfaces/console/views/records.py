"""A record's page: the record now, at a version or as of a day, with its timeline, and the differences between
two of its versions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

from application.errors import NotFound
from application.moments import UnsettledMoment, settled, settling
from application.register import Register
from application.scope import round_as_seen
from application.state import branch_state, chamber_state, member_state, round_state
from domain.grade_set import set_of
from domain.grading_round import round_id
from domain.values import Activity
from interfaces.console.dates import day, end_of_day
from interfaces.console.labels import grade_label, label
from interfaces.console.views.differences import Difference, differences
from interfaces.console.views.documents import Snapshot
from interfaces.console.views.lists import Cell
from interfaces.console.views.timeline import Entry, timeline
from interfaces.console.views.values import ids_in, shown


class PageProblem(Exception):
    """A page that cannot be shown as asked: its HTTP status and a Chinese explanation."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Fact:
    """One line of a record's summary: a field's Chinese name and its value, maybe a link."""

    title: str
    text: str
    href: str | None = None


@dataclass(frozen=True)
class Table:
    """A part of a record with several rows: grades by year, terms, rectifications."""

    title: str
    headers: list[str]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class Action:
    """A form the signed-in role may open from this record."""

    title: str
    href: str


@dataclass
class RecordPage:
    """What a record's page shows."""

    kind: str
    path: str
    key: str
    title: str
    kind_title: str
    version: int
    latest: int
    at: str | None
    facts: list[Fact]
    tables: list[Table]
    timeline: list[Entry] | None = None
    actions: list[Action] = field(default_factory=list)
    open: bool = True
    """Whether anything more can be recorded on it (not left, dissolved, merged or closed)."""
    timeline_page: int = 1
    timeline_pages: int = 1
    timeline_total: int = 0
    ident: str = ""
    """The record's id."""


@dataclass
class ComparePage:
    """Two versions of a record side by side: the fields that differ and the events between them."""

    kind: str
    path: str
    key: str
    title: str
    kind_title: str
    before: int
    after: int
    latest: int
    differences: list[Difference]
    events: list[Entry]
    ident: str = ""
    """The record's id."""


ENDED = ("left", "dissolved", "merged", "closed")
TIMELINE_PAGE = 50
Facts = Callable[[dict[str, Any], dict[str, str]], list[Fact]]
Tables = Callable[[dict[str, Any], dict[str, str]], list[Table]]


@dataclass(frozen=True)
class RecordKind:
    """How to load and present one kind of record, and what its page lists."""

    kind: str
    path: str
    ident: Callable[[str], UUID]
    load: Callable[[Register, str, int | None], Any]
    present: Callable[[Register, Any, datetime | None], dict[str, Any]]
    facts: Facts
    tables: Tables


def _uuid(key: str) -> UUID:
    try:
        return UUID(key)
    except ValueError:
        raise PageProblem(404, "找不到这条记录：地址中的编号有误") from None


def _year(key: str) -> int:
    if not key.isdigit() or len(key) != 4:
        raise PageProblem(404, "找不到这一年度的定级工作")
    return int(key)


def _final_years(register: Register, years: list[int], moment: datetime | None) -> set[int]:
    if moment is None:
        return register.final_years(years)
    final = set()
    for year in years:
        version = register.version_as_of(round_id(year), moment)
        if version is not None and register.get_round(year, version).is_closed:
            final.add(year)
    return final


def _branch(register: Register, branch: Any, moment: datetime | None) -> dict[str, Any]:
    return branch_state(branch, _final_years(register, list(branch.grades), moment))


def _link(path: str, ident: str | None, names: dict[str, str]) -> Fact | None:
    return None if not ident else Fact("", names.get(ident, ident), f"/console/{path}/{ident}")


def _facts(state: dict[str, Any], names: dict[str, str], kind: str, fields: list[str]) -> list[Fact]:
    return [
        Fact(label("field", f), shown(state.get(f), f, kind, names))
        for f in fields
        if state.get(f) not in (None, "", [], {})
    ]


def _member_facts(state: dict[str, Any], names: dict[str, str]) -> list[Fact]:
    facts = _facts(state, names, "member", ["credit_code", "street", "industry", "status", "joined_on"])
    facts += _facts(state, names, "member", ["left_on", "left_reason", "key_focus_criteria"])
    for chamber in state["chamber_ids"]:
        facts.append(Fact("所属商会", names.get(chamber, chamber), f"/console/chambers/{chamber}"))
    if state.get("party_members"):
        reported = state["party_members"]
        facts.append(Fact("党员人数", f"{reported['count']}人（{day(reported['on'])}报告）"))
    mark = state.get("san_you_mark")
    if mark:
        meets = "是" if state["san_you"] else "否"
        found = "、".join(
            [
                "有固定经营场所" if mark["fixed_premises"] else "无固定经营场所",
                f"从业人员{mark['employees']}人",
                "有实际经营业务" if mark["real_business"] else "无实际经营业务",
            ]
        )
        facts.append(Fact("“三有”企业", f"{meets}（{found}，{day(mark['on'])}核实）"))
    return facts


def _chamber_facts(state: dict[str, Any], names: dict[str, str]) -> list[Fact]:
    fields = ["kind", "street", "status", "established_on", "certificate_no", "registered_on", "charter_term_years"]
    facts = _facts(state, names, "chamber", [*fields, "fic_plaque_on"])
    term = state.get("current_term")
    if term:
        facts.append(
            Fact(
                "本届", f"第{term['term']}届 {day(term['starts_on'])}至{day(term['ends_on'])}，会长{term['president']}"
            )
        )
        if term.get("postponed_to"):
            approved = f"{term['approved_by']}于{day(term['approved_on'])}批准"
            facts.append(Fact("延期换届", f"延期至{day(term['postponed_to'])}（{approved}）"))
    facts.append(Fact("逾期未换届", "是" if state.get("overdue_for_renewal") else "否"))
    facts += _facts(state, names, "chamber", ["demonstration_site_years", "dissolved_on", "dissolved_reason"])
    return facts


def _branch_facts(state: dict[str, Any], names: dict[str, str]) -> list[Fact]:
    facts = _facts(state, names, "branch", ["kind", "status", "street"])
    for member in state["host_member_ids"]:
        facts.append(Fact("所在企业", names.get(member, member), f"/console/members/{member}"))
    chamber = _link("chambers", state.get("host_chamber_id"), names)
    if chamber:
        facts.append(Fact("所在商会", chamber.text, chamber.href))
    facts += _facts(state, names, "branch", ["managing_unit", "management_basis", "founded_on", "party_member_count"])
    facts += _facts(state, names, "branch", ["ended_on", "end_reason"])
    merged = _link("branches", state.get("merged_into"), names)
    if merged:
        facts.append(Fact("并入", merged.text, merged.href))
    return facts


def _round_facts(state: dict[str, Any], names: dict[str, str]) -> list[Fact]:
    facts = [Fact("年度", f"{state['year']}年"), Fact("状态", label("round_status", state["status"]))]
    if state.get("publicity"):
        publicity = state["publicity"]
        facts.append(Fact("公示期", f"{day(publicity['starts_on'])}至{day(publicity['ends_on'])}"))
    if state.get("closed_on"):
        facts.append(Fact("结束日期", day(state["closed_on"])))
    policy = state.get("policy") or {}
    if policy:
        facts.append(Fact("定级政策", policy_text(policy)))
    return facts


def policy_text(policy: dict[str, Any]) -> str:
    """A round's policy in a sentence: each grade from its lowest score, best first, the bottom grade also for a
    veto finding, and the publicity's working days."""
    levels = set_of(policy).levels
    bands = "，".join(f"{g.min_score}分及以上为{g.label}" for g in levels[:-1])
    return f"{bands}，其余及有否决情形的为{levels[-1].label}；公示{policy.get('publicity_working_days')}个工作日"


def _cells(*texts: str) -> list[Cell]:
    return [Cell(t) for t in texts]


def _helper(rectification: dict[str, Any]) -> str:
    """The helper (帮扶责任人) with their role, or a dash for a rectification recorded before helpers were."""
    helper = rectification.get("helper")
    if not helper:
        return "—"
    return f"{helper}（{label('helper_role', rectification.get('helper_role'))}）"


def _branch_tables(state: dict[str, Any], names: dict[str, str]) -> list[Table]:
    reviews = state.get("reviews") or {}
    grades = []
    for year, record in sorted(state["grades"].items(), reverse=True):
        basis = record.get("basis") or {}
        labels = set_of(basis.get("policy")).labels()
        corrections = "；".join(
            f"{grade_label(c['from_grade'], labels)}→{grade_label(c['to_grade'], labels)}（{c['reason']}）"
            for c in record.get("corrections", [])
        )
        grades.append(
            _cells(
                f"{year}年",
                grade_label(record["grade"], labels),
                grade_label(basis.get("mapped_grade"), labels),
                str(basis.get("review_score", reviews.get(year, {}).get("score", ""))),
                record.get("override_reason") or "",
                corrections,
                "已生效" if record.get("final") else "未生效",
            )
        )
    review_rows = [
        _cells(
            f"{year}年",
            str(r["score"]),
            shown(r["veto_findings"], "veto_findings"),
            day(r["reviewed_on"]),
            r["reviewer"],
            r.get("summary") or "",
            "；".join(f"{c['from_score']}→{c['to_score']}分（{c['reason']}）" for c in r.get("corrections", [])),
        )
        for year, r in sorted(reviews.items(), reverse=True)
    ]
    rectifications = [
        _cells(
            f"{r['year']}年",
            r["measures"],
            _helper(r),
            r.get("plan") or "—",
            day(r["due_on"]),
            day(r["closed_on"]) or "未完成",
            label("outcome", r.get("outcome")),
            " ".join(filter(None, (r.get("accepting_unit"), r.get("accepted_by")))) or "—",
        )
        for r in reversed(state["rectifications"])
    ]
    transfers = [
        _cells(day(t["on"]), t["managing_unit"], label("basis", t["basis"]), t["reason"]) for t in state["transfers"]
    ]
    activities = [a.value for a in Activity]
    speakers = state.get("lecture_speakers", {})
    life = [
        _cells(
            f"{year}年",
            *(str(counts.get(a, 0)) for a in activities),
            str(speakers[year]["secretary"]) if year in speakers else "未记录",
        )
        for year, counts in sorted(state["organizational_life"].items(), reverse=True)
    ]
    tables = [
        Table("分类定级", ["年度", "等次", "按评分应定等次", "评分", "调整理由", "更正", "是否生效"], grades),
        Table("述职评议", ["年度", "得分", "否决情形", "评议日期", "评议人", "评议意见", "更正"], review_rows),
        Table(
            "整顿",
            ["年度", "整顿措施", "帮扶责任人", "整顿方案", "整顿期限", "完成日期", "整顿结果", "验收"],
            rectifications,
        ),
        Table("管理移交", ["日期", "管理单位", "管理依据", "理由"], transfers),
        Table("组织生活（次数）", ["年度", *(label("activity", a) for a in activities), "其中书记讲党课"], life),
    ]
    return [t for t in tables if t.rows]


def _chamber_tables(state: dict[str, Any], names: dict[str, str]) -> list[Table]:
    terms = [
        _cells(
            f"第{t['term']}届",
            day(t["starts_on"]),
            day(t["ends_on"]),
            t["president"],
            f"{day(t['postponed_to'])}（{t['approved_by']}批准）" if t.get("postponed_to") else "",
        )
        for t in reversed(state["terms"])
    ]
    titles = [
        _cells(
            f"{t['year']}—{t['until_year']}年",
            label("level", t["level"]),
            "有效" if t["in_force"] else (f"已撤销：{t['revoke_reason']}" if t["revoked_on"] else "已期满"),
        )
        for t in state["four_good"]
    ]
    tables = [
        Table("历届", ["届次", "开始日期", "结束日期", "会长", "延期至"], terms),
        Table("“四好”商会", ["期间", "级别", "状态"], titles),
    ]
    return [t for t in tables if t.rows]


def _round_tables(state: dict[str, Any], names: dict[str, str]) -> list[Table]:
    rows = [
        [
            Cell(names.get(o["branch_id"], o["branch_id"]), f"/console/branches/{o['branch_id']}"),
            Cell(o["text"]),
            Cell(o.get("resolution") or "未处理"),
        ]
        for o in state["objections"]
    ]
    return [Table("异议", ["党组织", "异议内容", "处理结果"], rows)] if rows else []


KINDS: dict[str, RecordKind] = {
    "member": RecordKind(
        "member",
        "members",
        _uuid,
        lambda r, k, v: r.get_member(_uuid(k), v),
        lambda r, a, m: member_state(a),
        _member_facts,
        lambda s, n: [],
    ),
    "chamber": RecordKind(
        "chamber",
        "chambers",
        _uuid,
        lambda r, k, v: r.get_chamber(_uuid(k), v),
        lambda r, a, m: chamber_state(a, m.date() if m else None),
        _chamber_facts,
        _chamber_tables,
    ),
    "branch": RecordKind(
        "branch",
        "branches",
        _uuid,
        lambda r, k, v: r.get_branch(_uuid(k), v),
        _branch,
        _branch_facts,
        _branch_tables,
    ),
    "round": RecordKind(
        "round",
        "rounds",
        lambda k: round_id(_year(k)),
        lambda r, k, v: r.get_round(_year(k), v),
        lambda r, a, m: round_as_seen(r, round_state(a)),
        _round_facts,
        _round_tables,
    ),
}
PATHS = {spec.path: spec for spec in KINDS.values()}


def _title(kind: str, state: dict[str, Any]) -> str:
    return f"{state['year']}年度分类定级" if kind == "round" else state["name"]


def load_record(register: Register, spec: RecordKind, key: str, version: int | None) -> Any:
    try:
        return spec.load(register, key, version)
    except NotFound:
        raise PageProblem(404, f"找不到这条{label('kind', spec.kind)}记录") from None


def as_of_moment(chosen: date, now: datetime | None = None) -> datetime:
    """The end of a chosen day as a recorded time, once that time is settled; PageProblem otherwise."""
    moment = end_of_day(chosen)
    try:
        return settled(moment, now)
    except UnsettledMoment:
        minutes = max(1, int(settling().total_seconds() // 60))
        raise PageProblem(
            422, f"{day(chosen)}还没有结束（或刚结束不到{minutes}分钟），请选择更早的日期，或按版本查看"
        ) from None


def record_page(
    register: Register,
    snapshot: Snapshot,
    kind: str,
    key: str,
    *,
    version: int | None = None,
    as_of: date | None = None,
    with_history: bool = False,
    timeline_page: int = 1,
) -> RecordPage:
    """The record now, or at ``version``, or as recorded by the end of the day ``as_of`` (Beijing time);
    ``with_history`` adds its timeline, newest first, 50 events to a page (``timeline_page``)."""
    spec = KINDS[kind]
    latest = load_record(register, spec, key, None)
    moment = None
    at = None
    if as_of is not None:
        moment = as_of_moment(as_of)
        version = register.version_as_of(spec.ident(key), moment)
        if version is None:
            raise PageProblem(404, f"截至{day(as_of)}，这条记录尚未登记")
        at = f"截至{day(as_of)}（北京时间当日24时）的登记情况，第{version}版"
    elif version is not None:
        if not 1 <= version <= latest.version:
            raise PageProblem(404, f"这条记录没有第{version}版（共{latest.version}版）")
        at = f"第{version}版（共{latest.version}版）"
    aggregate = latest if version is None else load_record(register, spec, key, version)
    if version is not None and moment is None:
        moment = aggregate.modified_on
    state = spec.present(register, aggregate, moment)
    names = snapshot.names(ids_in(state) - {state["id"]})
    facts = spec.facts(state, names)
    if kind == "member" and at is None:
        facts += [
            Fact("党组织", b["name"], f"/console/branches/{b['id']}")
            for b in snapshot.all("branch")
            if state["id"] in b["host_member_ids"] and b["status"] == "active"
        ]
    entries = list(reversed(timeline(register, snapshot, kind, spec.ident(key)))) if with_history else []
    pages = max(1, -(-len(entries) // TIMELINE_PAGE))
    shown_page = min(max(1, timeline_page), pages)
    return RecordPage(
        kind=kind,
        path=spec.path,
        key=key,
        title=_title(kind, state),
        kind_title=label("kind", kind),
        version=aggregate.version,
        latest=latest.version,
        at=at,
        facts=facts,
        tables=spec.tables(state, names),
        timeline=entries[(shown_page - 1) * TIMELINE_PAGE : shown_page * TIMELINE_PAGE] if with_history else None,
        open=state.get("status") not in ENDED,
        timeline_page=shown_page,
        timeline_pages=pages,
        timeline_total=len(entries),
        ident=state["id"],
    )


def compare_page(register: Register, snapshot: Snapshot, kind: str, key: str, before: int, after: int) -> ComparePage:
    """What changed in the record from version ``before`` to version ``after``, and the events that did it."""
    spec = KINDS[kind]
    latest = load_record(register, spec, key, None)
    for chosen in (before, after):
        if not 1 <= chosen <= latest.version:
            raise PageProblem(404, f"这条记录没有第{chosen}版（共{latest.version}版）")
    before, after = min(before, after), max(before, after)
    old = load_record(register, spec, key, before)
    new = load_record(register, spec, key, after)
    old_state = spec.present(register, old, old.modified_on)
    new_state = spec.present(register, new, new.modified_on)
    names = snapshot.names((ids_in(old_state) | ids_in(new_state)) - {new_state["id"]})
    events = [e for e in timeline(register, snapshot, kind, spec.ident(key)) if before < e.version <= after]
    return ComparePage(
        kind=kind,
        path=spec.path,
        key=key,
        title=_title(kind, new_state),
        kind_title=label("kind", kind),
        before=before,
        after=after,
        latest=latest.version,
        differences=differences(kind, old_state, new_state, names),
        events=events,
        ident=new_state["id"],
    )
