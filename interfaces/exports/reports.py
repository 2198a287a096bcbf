"""Each report laid out as a clerk files it: whole Chinese sheet names, names first and totals last, a percentage
beside each count, labels instead of codes, and the id of each record in the last column.

``filing(report, district)`` takes a report as ``build_report`` gives it (the JSON the API answers) and the
district's name for the title.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any

from domain import vocabulary
from domain.coverage import Coverage
from domain.labelled import Labelled
from domain.values import (
    Activity,
    BranchKind,
    ChamberFact,
    ChamberKind,
    Compliance,
    FourGoodLevel,
    Grade,
    GradeStanding,
    KeyFocusCriterion,
    Movement,
    RectificationStatus,
    RoundStatus,
    SizeMismatch,
)
from interfaces.exports.layout import Column, Filing, Kind, Line, Row, Table, day, share, yes
from interfaces.exports.stamp import stamp_lines, standing
from interfaces.messages import chinese_rule

F = vocabulary.FIELDS
NUMBER, SHARE, DATE = Kind.NUMBER, Kind.SHARE, Kind.DATE
ID = Column("编号")
Report = dict[str, Any]


def label(enum: type[Labelled], code: str | None, none: str = "无") -> str:
    """The Chinese label of a code (``先进`` for ``advanced``); ``none`` for no code."""
    return none if code is None else enum.labels().get(code, code)


def grade_names(report: Report) -> dict[str, str]:
    """The round's grades, best first, each with its Chinese label, as the report names them (the default three for
    a report that names none)."""
    return dict(report.get("labels") or Grade.labels())


def grade_columns(report: Report) -> dict[str, str]:
    """The columns of a by-grade table: each grade of the round with its label, then the ungraded."""
    return {**grade_names(report), "ungraded": F["ungraded"]}


def _counted(sheet: str, counted: str, rows: list[tuple[str, int]], whole: int, total: str = F["total"]) -> Table:
    """A count per row (``按类型``: by 类型) with its share of ``whole``, and the whole last."""
    return Table(
        sheet,
        (Column(sheet.removeprefix("按")), Column(counted, NUMBER), Column("占比", SHARE)),
        [(name, count, share(count, whole)) for name, count in rows],
        (total, whole, share(whole, whole)),
    )


def _by_grade(
    sheet: str, first: str, rows: list[dict[str, Any]], key: str, names: dict[str, str] | None, graded: dict[str, str]
) -> Table:
    """Organizations by grade (``graded``: each column's code and label) under ``first`` (a unit, street or kind),
    each count with its share of the row."""
    columns = [Column(first)]
    for name in graded.values():
        columns += [Column(name, NUMBER), Column(f"{name}占比", SHARE)]
    columns.append(Column(F["total"], NUMBER))

    def row(name: str, figures: dict[str, int]) -> Row:
        cells: list[Any] = [name]
        for grade in graded:
            cells += [figures[grade], share(figures[grade], figures["total"])]
        return (*cells, figures["total"])

    summed = {g: sum(r[g] for r in rows) for g in [*graded, "total"]}
    return Table(
        sheet,
        tuple(columns),
        [row(names.get(r[key], r[key]) if names else r[key], r) for r in rows],
        row(F["total"], summed),
    )


def classification(report: Report, district: str) -> Filing:
    year, totals = report["year"], report["totals"]
    movements = report["movements"]
    twice = {n["id"] for n in movements["weak_two_years"]}
    names, graded = grade_names(report), grade_columns(report)
    bottom = list(names.values())[-1]

    def named(code: str | None) -> str:
        return "无" if code is None else names.get(code, code)

    tables = [
        Table(
            "等次分布",
            (Column(F["grade"]), Column("党组织数", NUMBER), Column("占比", SHARE)),
            [(name, totals[g], share(totals[g], totals["total"])) for g, name in graded.items()],
            (F["total"], totals["total"], share(totals["total"], totals["total"])),
        ),
        _by_grade("按管理单位", F["managing_unit"], report["by_managing_unit"], "managing_unit", None, graded),
        _by_grade("按街道", F["street"], report["by_street"], "street", None, graded),
        _by_grade("按组织类型", "组织类型", report["by_kind"], "kind", BranchKind.labels(), graded),
        Table(
            F["movements"],
            (Column("党组织名称"), Column("较上年"), Column(f"连续两年{bottom}"), ID),
            [
                (n["name"], movement.label, yes(n["id"] in twice), n["id"])
                for movement in Movement
                for n in movements[movement.value]
            ],
        ),
        Table(
            f"{bottom}名单",
            (Column("党组织名称"), Column(F["managing_unit"]), Column(F["street"]), Column(F["rectification"]), ID),
            [
                (
                    w["name"],
                    w["managing_unit"],
                    w["street"],
                    label(RectificationStatus, w["rectification"]),
                    w["branch_id"],
                )
                for w in report["weak"]
            ],
        ),
        Table(
            F["overrides"],
            (Column("党组织名称"), Column(F["mapped_grade"]), Column("评定等次"), Column(F["override_reason"]), ID),
            [
                (
                    o["name"],
                    named(o["mapped_grade"]),
                    named(o["grade"]),
                    o["override_reason"],
                    o["branch_id"],
                )
                for o in report["overrides"]
            ],
        ),
        Table(
            F["corrections"],
            (Column("党组织名称"), Column(F["from_grade"]), Column(F["to_grade"]), Column("更正理由"), ID),
            [
                (c["name"], named(c["from_grade"]), named(c["to_grade"]), c["reason"], c["branch_id"])
                for c in report["corrections"]
            ],
        ),
        Table(
            F["review_corrections"],
            (
                Column("党组织名称"),
                Column(F["from_score"], NUMBER),
                Column(F["to_score"], NUMBER),
                Column(F["from_reviewed_on"], DATE),
                Column(F["to_reviewed_on"], DATE),
                Column("更正理由"),
                ID,
            ),
            [
                (
                    c["name"],
                    c["from_score"],
                    c["to_score"],
                    c.get("from_reviewed_on"),
                    c.get("to_reviewed_on"),
                    c["reason"],
                    c["branch_id"],
                )
                for c in report.get("review_corrections", [])
            ],
        ),
        Table(
            F["rectification_corrections"],
            (
                Column("党组织名称"),
                Column(F["from_opened_on"], DATE),
                Column(F["to_opened_on"], DATE),
                Column(F["from_due_on"], DATE),
                Column(F["to_due_on"], DATE),
                Column(F["from_closed_on"], DATE),
                Column(F["to_closed_on"], DATE),
                Column("更正理由"),
                ID,
            ),
            [
                (
                    c["name"],
                    c["from_opened_on"],
                    c["to_opened_on"],
                    c["from_due_on"],
                    c["to_due_on"],
                    c["from_closed_on"],
                    c["to_closed_on"],
                    c["reason"],
                    c["branch_id"],
                )
                for c in report.get("rectification_corrections", [])
            ],
        ),
        Table(
            F["quota_warnings"],
            (Column(F["grade"]), Column("党组织数", NUMBER), Column("占比", SHARE), Column("规定比例"), Column("提示")),
            [
                (
                    named(w["grade"]),
                    w["count"],
                    share(w["count"], w["graded"]),
                    f"{'不超过' if w['rule'] == 'quota.advanced_over' else '不低于'}{w['limit_percent']}%",
                    chinese_rule(w["rule"], {**w, "label": named(w["grade"])}),
                )
                for w in report["quota_warnings"]
            ],
        ),
    ]
    status = f"等次{label(GradeStanding, report['status'])}；定级工作{label(RoundStatus, report['round'])}"
    return Filing(
        f"{district}{year}年度党组织分类定级情况统计表", f"{standing(report)}；{status}", tables, stamp_lines(report)
    )


def coverage(report: Report, district: str) -> Filing:
    members = report["san_you_members"]
    own, joint = report[Coverage.OWN_ORGANIZATION], report[Coverage.JOINT_BRANCH]
    outside = report["outside_san_you"]["rows"]
    labels = {c.value: c.label for c in Coverage}
    tables = [
        Table(
            "覆盖情况",
            (Column("覆盖方式"), Column("企业数", NUMBER), Column("占比", SHARE)),
            [(c.label, report[c.value], share(report[c.value], members)) for c in Coverage],
            ("“三有”企业合计", members, share(members, members)),
        ),
        Table(
            "覆盖率",
            (Column("项目"), Column("企业数", NUMBER), Column("覆盖率", SHARE)),
            [
                (F["organization_coverage"], own, share(own, members)),
                (F["work_coverage"], own + joint, share(own + joint, members)),
            ],
        ),
        Table(
            F["without_organization"],
            (Column("企业名称"), ID),
            list(map(itemgetter("name", "id"), report["without_organization"])),
        ),
        Table(
            F["outside_san_you"],
            (Column("企业名称"), Column(F["san_you"]), Column("覆盖方式"), ID),
            [
                (m["name"], "未记录" if m["san_you"] is None else "否", labels[m["coverage"]], m["member_id"])
                for m in outside
            ],
        ),
        Table(
            F["three_or_more_party_members_without_own_branch"],
            (
                Column("企业名称"),
                Column(F["street"]),
                Column(F["full_members"], NUMBER),
                Column(F["probationary_members"]),
                ID,
            ),
            [
                (m["name"], m["street"], m["full_members"], _reported(m["probationary_members"]), m["member_id"])
                for m in report["three_or_more_party_members_without_own_branch"]
            ],
        ),
        Table(
            F["size_flags"],
            (
                Column("党组织名称"),
                Column(F["kind"]),
                Column(F["full_members"], NUMBER),
                Column(F["suggested_kind"]),
                Column(F["mismatch"]),
                ID,
            ),
            [
                (
                    f["name"],
                    label(BranchKind, f["kind"]),
                    f["full_members"],
                    label(BranchKind, f["suggested_kind"]),
                    label(SizeMismatch, f["mismatch"]),
                    f["branch_id"],
                )
                for f in report.get("size_flags", [])
            ],
        ),
    ]
    return Filing(f"{district}会员企业“两个覆盖”情况统计表", standing(report), tables, stamp_lines(report))


def chambers(report: Report, district: str) -> Filing:
    total = report["total"]
    kinds = ChamberKind.labels()
    listed = report["chambers"]
    tables = [
        Table(
            "概况",
            (Column("项目"), Column("商会数", NUMBER), Column("占比", SHARE)),
            [
                (F[key], count, share(count, total))
                for key, count in (
                    ("registered_as_social_organization", report["registered_as_social_organization"]),
                    ("fic_plaque", report["fic_plaque"]),
                    ("overdue_for_renewal", len(report["overdue_for_renewal"])),
                    ("overdue_after_postponement", report["overdue_after_postponement"]),
                )
            ],
            ("商会总数", total, share(total, total)),
        ),
        _counted("按类型", "商会数", [(name, report["by_kind"].get(code, 0)) for code, name in kinds.items()], total),
        Table(
            "按街道",
            (Column(F["street"]), *(Column(name, NUMBER) for name in kinds.values()), Column(F["total"], NUMBER)),
            [(s["street"], *(s["by_kind"].get(code, 0) for code in kinds), s["total"]) for s in report["by_street"]],
            (F["total"], *(report["by_kind"].get(code, 0) for code in kinds), total),
        ),
        Table(
            "商会名单",
            (
                Column("商会名称"),
                Column(F["kind"]),
                Column(F["street"]),
                Column(F["registered_as_social_organization"]),
                Column(F["fic_plaque"]),
                Column(F["overdue_for_renewal"]),
                ID,
            ),
            [
                (
                    c["name"],
                    label(ChamberKind, c["kind"]),
                    c["street"],
                    yes(c["registered"]),
                    yes(c["fic_plaque"]),
                    yes(c["overdue_for_renewal"]),
                    c["chamber_id"],
                )
                for c in listed
            ],
        ),
        Table(
            F["overdue_for_renewal"],
            (Column("商会名称"), Column(F["term_ended_on"], DATE), Column(F["postponed_to"], DATE), ID),
            [
                (c["name"], c["term_ended_on"] or "未换届", c["postponed_to"] or "未延期", c["chamber_id"])
                for c in report["overdue_for_renewal"]
            ],
        ),
        Table(
            F["four_good"],
            (Column("商会名称"), Column(F["year"]), Column(F["until_year"]), Column(F["level"]), ID),
            [
                (t["name"], t["year"], t["until_year"], label(FourGoodLevel, t["level"]), t["chamber_id"])
                for t in report["four_good"]
            ],
        ),
        Table(
            F["demonstration_sites"],
            (Column("商会名称"), Column(F["year"]), ID),
            [(s["name"], s["year"], s["chamber_id"]) for s in report["demonstration_sites"]],
        ),
        Table(
            F["joint_party_committees"],
            (Column("党组织名称"), Column(F["host_chamber_id"]), ID),
            [
                (j["name"], j["chamber"]["name"] if j["chamber"] else "无", j["branch_id"])
                for j in report["joint_party_committees"]
            ],
        ),
        Table(
            F["chamber_corrections"],
            (
                Column("商会名称"),
                Column(F["fact"]),
                Column(F["from_value"]),
                Column(F["to_value"]),
                Column("更正理由"),
                ID,
            ),
            [
                (
                    c["name"],
                    label(ChamberFact, c["fact"]) + (f"（{label(FourGoodLevel, c['level'])}）" if c["level"] else ""),
                    c["from_value"],
                    c["to_value"],
                    c["reason"],
                    c["chamber_id"],
                )
                for c in report.get("chamber_corrections", [])
            ],
        ),
    ]
    return Filing(f"{district}商会情况统计表", standing(report), tables, stamp_lines(report))


def _reported(count: int | None) -> int | str:
    """A count an enterprise may not have reported: the count, or 未报告."""
    return "未报告" if count is None else count


def _activities(row: Report, activities: list[Activity], compliance: Compliance) -> str:
    """The activities of an organizational-life row that stand as ``compliance`` (``未达标`` ones, say), the
    secretary's lectures among them, or 无."""
    labels = [a.label for a in activities if row["activities"][a.value]["compliance"] == compliance]
    if compliance == Compliance.SHORT and row["secretary_lectures"]["compliance"] == compliance:
        labels.append("书记讲党课")
    return "、".join(labels) or "无"


def organizational_life(report: Report, district: str) -> Filing:
    """Each minimum met by how many of the organizations it applies to; each organization's meetings, the minimums
    it fell short of and those that do not apply to it; and the organizations overdue for election."""
    branches, minimums, rows = report["branches"], report["minimums"], report["rows"]
    activities = [a for a in Activity if a.value in minimums]

    def applying(activity: Activity) -> int:
        return sum(1 for r in rows if r["activities"][activity.value]["compliance"] != Compliance.NOT_APPLICABLE)

    tables = [
        Table(
            "达标情况",
            (Column("项目"), Column("适用的党组织数", NUMBER), Column("达标的党组织数", NUMBER), Column("占比", SHARE)),
            [
                *(
                    (
                        f"{a.label}每年不少于{minimums[a.value]}次",
                        applying(a),
                        report["by_activity"][a.value],
                        share(report["by_activity"][a.value], applying(a)),
                    )
                    for a in activities
                ),
                *_secretary_lectures_line(report),
                ("各项均达标", branches, report["compliant"], share(report["compliant"], branches)),
            ],
        ),
        Table(
            "明细",
            (
                Column("党组织名称"),
                Column(F["street"]),
                Column(F["managing_unit"]),
                Column(F["has_committee"]),
                Column(F["has_party_groups"]),
                *(Column(f"{a.label}（次）", NUMBER) for a in activities),
                Column("其中书记讲党课（次）", NUMBER),
                Column("书记讲党课"),
                Column("未达标项目"),
                Column("不适用项目"),
                Column("全部达标"),
                Column(F["election_due_by"], DATE),
                Column(F["overdue_for_election"]),
                ID,
            ),
            [
                (
                    r["name"],
                    r["street"],
                    r["managing_unit"],
                    yes(r["has_committee"]),
                    yes(r["has_party_groups"]),
                    *(r["activities"][a.value]["held"] for a in activities),
                    r["secretary_lectures"]["by_secretary"],
                    label(Compliance, r["secretary_lectures"]["compliance"]),
                    _activities(r, activities, Compliance.SHORT),
                    _activities(r, activities, Compliance.NOT_APPLICABLE),
                    yes(r["compliant"]),
                    r["election_due_by"],
                    yes(r["overdue_for_election"]),
                    r["branch_id"],
                )
                for r in rows
            ],
        ),
        Table(
            F["overdue_for_election"],
            (
                Column("党组织名称"),
                Column(F["street"]),
                Column(F["managing_unit"]),
                Column(F["election_due_by"], DATE),
                ID,
            ),
            [
                (o["name"], o["street"], o["managing_unit"], o["election_due_by"], o["branch_id"])
                for o in report["overdue_for_election"]
            ],
        ),
        Table(
            F["voided_meetings"],
            (Column("党组织名称"), Column(F["activity"]), Column(F["held_on"], DATE), Column("作废理由"), ID),
            [
                (v["name"], label(Activity, v["activity"]), v["held_on"], v["reason"], v["branch_id"])
                for v in report.get("voided_meetings", [])
            ],
        ),
        Table(
            F["founding_corrections"],
            (Column("党组织名称"), Column(F["from_on"], DATE), Column(F["to_on"], DATE), Column("更正理由"), ID),
            [
                (c["name"], c["from_on"], c["to_on"], c["reason"], c["branch_id"])
                for c in report.get("founding_corrections", [])
            ],
        ),
        Table(
            F["election_corrections"],
            (
                Column("党组织名称"),
                Column(F["from_elected_on"], DATE),
                Column(F["to_elected_on"], DATE),
                Column(F["from_term_ends_on"], DATE),
                Column(F["to_term_ends_on"], DATE),
                Column("更正理由"),
                ID,
            ),
            [
                (
                    c["name"],
                    c["from_elected_on"],
                    c["to_elected_on"],
                    c["from_term_ends_on"],
                    c["to_term_ends_on"],
                    c["reason"],
                    c["branch_id"],
                )
                for c in report.get("election_corrections", [])
            ],
        ),
    ]
    title = f"{district}{report['year']}年度党组织组织生活落实情况统计表"
    return Filing(title, standing(report), tables, stamp_lines(report))


def _secretary_lectures_line(report: Report) -> list[Row]:
    """The summary's line for the secretary's lectures, where the policy sets a minimum: the organizations the
    records can judge, and those that met it."""
    minimum, standing = report["secretary_lectures_minimum"], report["secretary_lectures"]
    if not minimum:
        return []
    judged = standing[Compliance.MET.value] + standing[Compliance.SHORT.value]
    met = standing[Compliance.MET.value]
    return [(f"书记讲党课每年不少于{minimum}次（未记录讲授人的不计）", judged, met, share(met, judged))]


def key_focus(report: Report, district: str) -> Filing:
    total = report["total"]
    criteria = KeyFocusCriterion.labels()
    tables = [
        _counted(
            "按关注原因",
            "企业数",
            [(name, report["by_criterion"].get(code, 0)) for code, name in criteria.items()],
            total,
            "重点关注企业",
        ),
        Table(
            "重点关注企业",
            (
                Column("企业名称"),
                Column(F["credit_code"]),
                Column(F["street"]),
                Column(F["industry"]),
                Column(F["criteria"]),
                ID,
            ),
            [
                (
                    m["name"],
                    m["credit_code"],
                    m["street"],
                    m["industry"],
                    "、".join(label(KeyFocusCriterion, c) for c in m["criteria"]),
                    m["member_id"],
                )
                for m in report["members"]
            ],
        ),
    ]
    return Filing(f"{district}重点关注对象名单", standing(report), tables, stamp_lines(report))


def publicity_notice(report: Report, district: str) -> Filing:
    """The publicity list: organizations and their grades, the period, and where objections go; no person."""
    year, period, totals = report["year"], report["publicity"], report["totals"]
    names = grade_names(report)
    counted = "、".join(f"{name} {totals.get(code, 0)} 个" for code, name in names.items())
    table = Table(
        "公示名单",
        (Column("党组织名称"), Column("所在街道"), Column("评定等次")),
        [(o["name"], o["street"], names.get(o["grade"], o["grade"])) for o in report["organizations"]],
    )
    notes: list[Line] = [
        ("汇总", f"{counted}，共 {totals['total']} 个"),
        ("说明", f"公示期间，对定级结果有异议的，请于{day(period['ends_on'])}前向{district or '区'}工商联反映。"),
    ]
    return Filing(
        f"{district}{year}年度非公有制企业党组织分类定级结果公示",
        f"公示期：{day(period['starts_on'])}至{day(period['ends_on'])}",
        [table],
        stamp_lines(report),
        notes,
    )


LAYOUTS: dict[str, Callable[[Report, str], Filing]] = {
    "classification": classification,
    "coverage": coverage,
    "chambers": chambers,
    "organizational_life": organizational_life,
    "key_focus": key_focus,
    "publicity_notice": publicity_notice,
}
"""Each report's layout, by the name in its ``report`` field."""


def filing(report: Report, district: str = "") -> Filing:
    """The report laid out for filing, under a title that begins with ``district`` (e.g. 南山区)."""
    return LAYOUTS[report["report"]](report, district)
