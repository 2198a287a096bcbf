"""Imports through the application's service on both stores: every row checked by the Register's commands, all
recorded in one transaction or nothing, the second import of a file unchanged, a dry run recording nothing, and
each event naming the import and its file."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from application.audit.history import log_page
from application.context import CommandContext
from application.imports.outcome import ImportResult, RowStatus
from application.imports.service import import_sheet
from application.register import Register
from domain.lectures import LectureSpeakers
from domain.member import member_id
from tests.application.imports.sheets import MEMBER_HEADERS, csv_bytes, with_cached_values, workbook
from tests.conftest import ASSESSOR, REGISTRAR
from tests.factories import branch, chamber, credit_code, member

CLERK = CommandContext("li-wei", "registrar", "req-import", "表格导入")
REVIEWER = CommandContext("zhang-min", "assessor", "req-review", "表格导入")
FIRST_BRANCH_HEADERS = ["名称", "类型", "街道", "管理单位", "管理依据", "成立日期", "党员人数"]
FIRST_BRANCH_HEADERS += ["所在会员企业", "所在商会"]
BRANCH_HEADERS = [
    *FIRST_BRANCH_HEADERS[:6],
    "正式党员人数",
    *FIRST_BRANCH_HEADERS[7:],
    "预备党员人数",
    "设委员会",
    "设党小组",
    "任期届满日",
]
LIFE_HEADERS = ["党组织名称", "活动", "开展日期", "参加人数"]
REVIEW_HEADERS = ["党组织名称", "年度", "得分", "否决事项", "评议日期", "评议人", "概要"]


def refusal(error: Exception, values: Mapping[str, Any]) -> tuple[str | None, str]:
    """The field and the rule (or the message) of a refusal: what these tests compare."""
    return getattr(error, "field", None), getattr(error, "rule", None) or str(error)


def run(
    register: Register,
    kind: str,
    rows: Sequence[Sequence[Any]],
    *,
    dry_run: bool = False,
    data: bytes | None = None,
    context: CommandContext = CLERK,
) -> ImportResult:
    data = data if data is not None else csv_bytes(rows)
    return import_sheet(register, data, f"{kind}.csv", kind, dry_run=dry_run, context=context, explain=refusal)


def position(register: Register) -> int:
    return register.recorder.max_notification_id() or 0


def problems(result: ImportResult) -> list[tuple[int, str | None, str | None, str]]:
    return [(p.row, p.column, p.field, p.message) for p in result.problems]


def test_members_are_recorded_in_one_transaction_each_event_naming_the_import(register: Register) -> None:
    rows = [
        MEMBER_HEADERS,
        [credit_code(1), "企业一", "南山街道", "制造业", "2020/1/5"],
        [f" {credit_code(2).lower()} ", "企业 二", " 南山 街道 ", "制造业", "２０２０年１月６日"],
    ]
    data = csv_bytes(rows, "gb18030")
    result = run(register, "members", rows, data=data)
    assert result.as_document() == {
        "import_id": result.import_id,
        "kind": "members",
        "file_sha256": hashlib.sha256(data).hexdigest(),
        "dry_run": False,
        "recorded": True,
        "rows": 2,
        "accepted": 2,
        "unchanged": 0,
        "rejected": 0,
        "errors": [],
    }
    second = register.get_member(member_id(credit_code(2)))
    assert (second.credit_code, second.name, second.street, second.joined_on) == (
        credit_code(2),
        "企业二",
        "南山街道",
        date(2020, 1, 6),
    )
    events = log_page(register, 0, 10)["events"]
    assert [e["position"] for e in events] == [1, 2]
    assert result.position == 2
    for event in events:
        assert event["import_id"] == result.import_id
        assert event["file_sha256"] == hashlib.sha256(data).hexdigest()
        assert event["actor"] == {"name": "li-wei", "role": "registrar"}
        assert event["request_id"] == "req-import"


def test_an_event_not_recorded_by_an_import_names_none(register: Register) -> None:
    member(register, 1)
    [event] = log_page(register, 0, 10)["events"]
    assert (event["import_id"], event["file_sha256"]) == (None, None)


def test_the_same_file_imported_twice_records_nothing_the_second_time(register: Register) -> None:
    rows = [MEMBER_HEADERS, [credit_code(1), "企业一", "南山街道", "制造业", "2020/1/5"]]
    run(register, "members", rows)
    before = position(register)
    again = run(register, "members", rows)
    assert (again.count(RowStatus.UNCHANGED), again.count(RowStatus.ACCEPTED), again.recorded) == (1, 0, False)
    assert position(register) == before


def test_a_dry_run_checks_every_row_and_records_nothing(register: Register) -> None:
    rows = [MEMBER_HEADERS, [credit_code(1), "企业一", "南山街道", "制造业", "2020/1/5"]]
    result = run(register, "members", rows, dry_run=True)
    assert (result.count(RowStatus.ACCEPTED), result.recorded, result.dry_run) == (1, False, True)
    assert position(register) == 0
    assert run(register, "members", rows).count(RowStatus.ACCEPTED) == 1


def test_one_refused_row_and_nothing_is_recorded_each_problem_by_row_and_column(register: Register) -> None:
    member(register, 9, joined_on=date(2019, 3, 1))
    wrong = credit_code(3)[:-1] + ("0" if credit_code(3)[-1] != "0" else "1")
    rows = [
        MEMBER_HEADERS,
        [credit_code(1), "企业一", "南山街道", "制造业", "2020/1/5"],
        [wrong, "企业三", "南山街道", "制造业", "2020-13-01"],
        [credit_code(1), "企业一", "南山街道", "制造业", "2020/1/5"],
        [credit_code(9), "别的名字", "南山街道", "制造业", "2019-03-01"],
        [credit_code(4), "", "南山街道", "制造业", "2020/1/5"],
    ]
    before = position(register)
    result = run(register, "members", rows)
    assert problems(result) == [
        (
            3,
            "A",
            "credit_code",
            f"credit_code: check character is {wrong[-1]}, expected {credit_code(3)[-1]}",
        ),
        (3, "E", "joined_on", "“2020-13-01”不是日历上的日期"),
        (4, "A", "credit_code", "与第 2 行重复（统一社会信用代码相同）"),
        (5, "A", "credit_code", "该企业已在登记册中，登记的名称为“企业9”，与本行不同"),
        (6, "B", "name", "必须填写"),
    ]
    assert [o.status for o in result.outcomes] == [RowStatus.ACCEPTED] + [RowStatus.REJECTED] * 4
    assert not result.recorded
    assert position(register) == before


def test_a_member_that_left_joins_again(register: Register) -> None:
    ident = member(register, 1)
    register.member_leave(REGISTRAR, ident, date(2021, 1, 1), "withdrew")
    result = run(register, "members", [MEMBER_HEADERS, [credit_code(1), "企业一", "南山街道", "制造业", "2022-02-01"]])
    assert result.count(RowStatus.ACCEPTED) == 1
    assert register.get_member(ident).status == "active"


def test_members_join_the_chambers_named_which_must_exist(register: Register) -> None:
    street = chamber(register, "南山街道商会")
    industry = chamber(register, "南山区软件行业商会", kind="industry")
    headers = [*MEMBER_HEADERS, "所属商会"]
    rows = [headers, [credit_code(1), "企业一", "南山街道", "制造业", "2020/1/5", "南山街道商会、南山区软件行业商会"]]
    assert run(register, "members", rows).count(RowStatus.ACCEPTED) == 1
    assert register.get_member(member_id(credit_code(1))).chamber_ids == [street, industry]
    assert run(register, "members", rows).count(RowStatus.UNCHANGED) == 1
    missing = run(
        register, "members", [headers, [credit_code(2), "企业二", "南山街道", "制造业", "2020/1/5", "无此商会"]]
    )
    assert problems(missing) == [(2, "F", "chamber_ids", "登记册中没有名为“无此商会”的商会（或已注销）")]


def test_chambers(register: Register) -> None:
    headers = ["名称", "类型", "街道", "成立日期"]
    rows = [
        headers,
        ["南山街道商会", "街道商会", "南山街道", "2015/6/1"],
        ["南山区软件行业商会", "行业商会", "粤海街道", "2016年3月1日"],
    ]
    assert run(register, "chambers", rows).count(RowStatus.ACCEPTED) == 2
    ident = register.chamber_named("南山区软件行业商会")
    assert ident is not None
    assert register.get_chamber(ident).kind == "industry"
    assert run(register, "chambers", rows).count(RowStatus.UNCHANGED) == 2
    other = run(
        register,
        "chambers",
        [headers, ["南山街道商会", "行业商会", "南山街道", "2015/6/1"], ["甲商会", "协会", "南山街道", "2015/6/1"]],
    )
    assert problems(other) == [
        (2, "A", "name", "同名商会已在登记册中，登记的类型为“街道商会”，与本行不同"),
        (3, "B", "kind", "“协会”不是可选的值；可选：街道商会、行业商会、异地商会"),
    ]


def test_branches_hosted_by_members_or_a_chamber(register: Register) -> None:
    member(register, 1)
    member(register, 2)
    member(register, 3)
    chamber(register, "南山街道商会")
    rows = [
        BRANCH_HEADERS,
        [
            "企业1党支部",
            "党支部",
            "南山街道",
            "区非公党委",
            "属地管理",
            "2021/7/1",
            "5",
            credit_code(1),
            "",
            "1",
            "否",
            "是",
            "2024/6/30",
        ],
        [
            "联合党支部一",
            "联合党支部",
            "南山街道",
            "南山街道党工委",
            "属地管理",
            "2021/7/1",
            "4",
            f"{credit_code(2)}，{credit_code(3)}",
            "",
        ],
        [
            "南山街道商会联合党委",
            "街道商会联合党委",
            "南山街道",
            "南山街道党工委",
            "行业管理",
            "2021/7/1",
            "12",
            "",
            "南山街道商会",
            "",
            "是",
            "",
            "",
        ],
    ]
    result = run(register, "branches", rows)
    assert result.count(RowStatus.ACCEPTED) == 3, problems(result)
    founded = {b.kind: b for b in (register.get_branch(e.originator_id) for e in _founded(register))}
    joint, own, committee = founded["joint_branch"], founded["branch"], founded["joint_committee"]
    assert joint.host_member_ids == [member_id(credit_code(2)), member_id(credit_code(3))]
    assert (own.full_members, own.probationary_members, own.structures[0].has_party_groups) == (5, 1, True)
    assert (own.structures[0].has_committee, own.terms[0].ends_on) == (False, date(2024, 6, 30))
    assert (joint.probationary_members, joint.structures[0].has_committee) == (None, False)
    assert (committee.full_members, committee.structures[0].has_committee) == (12, True)
    register.transfer_management(REGISTRAR, joint.id, "区非公党委", "territorial", date(2022, 1, 1), "上收")
    register.report_party_members(REGISTRAR, own.id, 8, date(2023, 1, 1), 0)
    assert run(register, "branches", rows).count(RowStatus.UNCHANGED) == 3
    other = [*rows[1][:9], "2", "否", "是", "2024/6/30"]
    assert problems(run(register, "branches", [BRANCH_HEADERS, other])) == [
        (2, "A", "name", "同名党组织已在登记册中，登记的预备党员人数为“1”，与本行不同")
    ]


def test_branches_from_a_sheet_of_the_first_release(register: Register) -> None:
    """A sheet headed 党员人数, without the columns added since, founds with that count as its full members."""
    member(register, 1)
    rows = [
        FIRST_BRANCH_HEADERS,
        ["企业1党支部", "党支部", "南山街道", "区非公党委", "属地管理", "2021/7/1", "5", credit_code(1), ""],
    ]
    assert run(register, "branches", rows).count(RowStatus.ACCEPTED) == 1
    [founded] = [register.get_branch(e.originator_id) for e in _founded(register)]
    assert (founded.full_members, founded.probationary_members) == (5, None)
    assert (founded.structures[0].has_committee, founded.structures[0].has_party_groups) == (False, False)
    assert run(register, "branches", rows).count(RowStatus.UNCHANGED) == 1


def _founded(register: Register) -> list[Any]:
    from eventsourcing.utils import get_topic

    from domain.branch import PartyBranch

    return list(register.scan([get_topic(PartyBranch.Founded)]))


def test_branches_refused_by_the_rules(register: Register) -> None:
    member(register, 1)
    branch(register, [member_id(credit_code(1))], name="已有党支部")
    before = position(register)
    rows = [
        BRANCH_HEADERS,
        ["甲党支部", "党支部", "南山街道", "区非公党委", "属地管理", "2021/7/1", "5", credit_code(8), ""],
        ["乙党支部", "党支部", "南山街道", "区非公党委", "属地管理", "2021/7/1", "2", credit_code(1), ""],
        ["丙党支部", "党支部", "南山街道", "区非公党委", "属地管理", "2021/7/1", "5", "", ""],
        ["丁联合党委", "街道商会联合党委", "南山街道", "区非公党委", "属地管理", "2021/7/1", "5", "", "无此商会"],
        ["已有党支部", "党支部", "南山街道", "区非公党委", "行业管理", "2019/5/1", "5", credit_code(1), ""],
        ["戊党支部", "党支部", "南山街道", "区非公党委", "属地管理", "2021/7/1", "5", credit_code(1), "", "", "是"],
        ["己党总支", "党总支", "南山街道", "区非公党委", "属地管理", "2021/7/1", "30", credit_code(1), "", "", "否"],
        [
            "庚党支部",
            "党支部",
            "南山街道",
            "区非公党委",
            "属地管理",
            "2021/7/1",
            "5",
            credit_code(1),
            "",
            "",
            "",
            "",
            "2030/7/1",
        ],
        [
            "辛党支部",
            "党支部",
            "南山街道",
            "区非公党委",
            "属地管理",
            "2021/7/1",
            "5",
            credit_code(1),
            "",
            "",
            "",
            "",
            "2021/7/1",
        ],
        ["壬党支部", "党支部", "南山街道", "区非公党委", "属地管理", "2021/7/1", "5", credit_code(1), "", "-1", "也许"],
    ]
    result = run(register, "branches", rows)
    assert problems(result) == [
        (2, "H", "host_member_ids", f"登记册中没有统一社会信用代码为 {credit_code(8)} 的会员企业"),
        (3, "G", "full_members", "branch.too_few_party_members"),
        (4, "H", "host_member_ids", "所在会员企业与所在商会须填写一项，且只填一项"),
        (5, "I", "host_chamber_id", "登记册中没有名为“无此商会”的商会（或已注销）"),
        (6, "A", "name", "同名党组织已在登记册中，登记的管理依据为“属地管理”，与本行不同"),
        (7, "K", "has_committee", "committee.too_few_full_members"),
        (8, "K", "has_committee", "committee.required_for_kind"),
        (9, "M", "term_ends_on", "election.term_too_long"),
        (10, "M", "term_ends_on", "election.term_end_before_election"),
        (11, "K", "has_committee", "“也许”不是可选的值；请填“是”或“否”"),
    ]
    assert result.rejected == 10
    assert position(register) == before


def test_organizational_life(register: Register) -> None:
    member(register, 1)
    ident = branch(register, [member_id(credit_code(1))], name="企业1党支部", founded_on=date(2019, 5, 1))
    rows = [
        LIFE_HEADERS,
        ["企业1党支部", "党员大会", "2020/3/28", "5"],
        ["企业1党支部", "党课", "2020年4月28日", "5人"],
        ["企业1党支部", "组织生活会", "2020/12/20", "5"],
        ["企业1党支部", "民主评议党员", "2020/12/20", "5"],
    ]
    assert run(register, "organizational-life", rows).count(RowStatus.ACCEPTED) == 4
    assert register.get_branch(ident).organizational_life == {
        2020: {"general_meeting": 1, "lecture": 1, "life_meeting": 1, "member_appraisal": 1}
    }
    assert run(register, "organizational-life", rows).count(RowStatus.UNCHANGED) == 4
    refused = run(
        register,
        "organizational-life",
        [
            LIFE_HEADERS,
            ["企业1党支部", "党员大会", "2020/3/28", "6"],
            ["无此党支部", "党课", "2020/5/28", "5"],
            ["企业1党支部", "茶话会", "2020/5/28", "5"],
            ["企业1党支部", "党课", "2018/5/28", "5"],
            ["企业1党支部", "党课", "2020/6/28", "5"],
            ["企业1党支部", "党课", "2020/6/28", "5"],
        ],
    )
    assert problems(refused) == [
        (2, "D", "attendance", "该党组织2020-03-28的党员大会已在登记册中，登记的参加人数为 5，与本行不同"),
        (3, "A", "branch_name", "登记册中没有名为“无此党支部”的党组织（或已撤销、合并）"),
        (
            4,
            "B",
            "activity",
            "“茶话会”不是可选的值；可选：党员大会、支委会、党小组会、党课、主题党日、组织生活会、民主评议党员",
        ),
        (5, "C", "held_on", "date.before_founding"),
        (7, "A", "branch_name", "与第 6 行重复（党组织名称、活动、开展日期相同）"),
    ]


def test_a_lecture_imported_says_whether_the_secretary_gave_it(register: Register) -> None:
    member(register, 1)
    ident = branch(register, [member_id(credit_code(1))], name="企业1党支部", founded_on=date(2019, 5, 1))
    headers = [*LIFE_HEADERS, "书记讲授"]
    rows = [
        headers,
        ["企业1党支部", "党课", "2020/4/28", "5", "是"],
        ["企业1党支部", "党课", "2020/5/28", "5", "否"],
        ["企业1党支部", "党课", "2020/6/28", "5", ""],
        ["企业1党支部", "主题党日", "2020/7/1", "5", "是"],
        ["企业1党支部", "党员大会", "2020/7/2", "5", "也许"],
    ]
    refused = run(register, "organizational-life", rows)
    assert [(p[0], p[1], p[2]) for p in problems(refused)] == [(5, "E", "by_secretary"), (6, "E", "by_secretary")]
    assert register.get_branch(ident).organizational_life == {}
    assert run(register, "organizational-life", rows[:4]).count(RowStatus.ACCEPTED) == 3
    recorded = register.get_branch(ident)
    assert recorded.organizational_life == {2020: {"lecture": 3}}
    assert recorded.lecture_speakers == {2020: LectureSpeakers(secretary=1, other=1)}


def test_reviews_by_an_assessor(register: Register) -> None:
    member(register, 1)
    member(register, 2)
    member(register, 3)
    ident = branch(register, [member_id(credit_code(1))], name="企业1党支部")
    branch(register, [member_id(credit_code(2))], name="同名党支部")
    branch(register, [member_id(credit_code(3))], name="同名党支部")
    rows = [REVIEW_HEADERS, ["企业1党支部", "2020", "92", "", "2021/1/15", "评议组", "良好"]]
    assert run(register, "reviews", rows, context=REVIEWER).count(RowStatus.ACCEPTED) == 1
    assert register.get_branch(ident).reviews[2020].score == 92
    assert run(register, "reviews", rows, context=REVIEWER).count(RowStatus.UNCHANGED) == 1
    refused = run(
        register,
        "reviews",
        [
            REVIEW_HEADERS,
            ["企业1党支部", "2020", "80", "", "2021/1/15", "评议组", "良好"],
            ["企业1党支部", "2021", "101", "", "2022/1/15", "评议组", ""],
            ["同名党支部", "2021", "60", "班子不健全、其他问题", "2022/1/15", "评议组", ""],
        ],
        context=REVIEWER,
    )
    assert problems(refused) == [
        (2, "B", "year", "该党组织2020年度的述职评议已在登记册中，登记的得分为“92”，与本行不同"),
        (3, "C", "score", "score: must be a whole number from 0 to 100"),
        (4, "A", "branch_name", "登记册中有 2 个名为“同名党支部”的党组织，无法确定是哪一个"),
    ]
    history = log_page(register, 0, 100)["events"]
    review = next(e for e in history if e["type"] == "Reviewed")
    assert review["actor"] == {"name": "zhang-min", "role": "assessor"}
    assert ASSESSOR.actor_role == review["actor"]["role"]


def test_veto_findings_by_their_labels(register: Register) -> None:
    member(register, 1)
    ident = branch(register, [member_id(credit_code(1))], name="企业1党支部")
    rows = [REVIEW_HEADERS, ["企业1党支部", "2020", "75", "班子不健全、发生违纪问题", "2021/1/15", "评议组", ""]]
    assert run(register, "reviews", rows, context=REVIEWER).count(RowStatus.ACCEPTED) == 1
    assert register.get_branch(ident).reviews[2020].veto_findings == ("leadership_incomplete", "发生违纪问题")


def test_a_formula_is_recorded_by_its_saved_value_and_one_without_a_value_is_refused(register: Register) -> None:
    row = [credit_code(1), "企业一", "南山街道", "制造业", "=DATE(2021,1,1)"]
    saved = with_cached_values(workbook([MEMBER_HEADERS, row]), {"E2": "43835"})
    assert run(register, "members", [], data=saved).count(RowStatus.ACCEPTED) == 1
    assert register.get_member(member_id(credit_code(1))).joined_on == date(2020, 1, 5)
    unsaved = run(register, "members", [], data=workbook([MEMBER_HEADERS, [credit_code(2), *row[1:]]]))
    assert problems(unsaved) == [
        (2, "E", "joined_on", "公式没有保存计算结果：请在 Excel 中打开、保存后再导入，或改填数值")
    ]


def test_a_workbook_with_a_title_merged_headers_and_merged_streets(register: Register) -> None:
    data = workbook(
        [
            ["统一社会信用代码", "企业信息", None, None, "入会日期"],
            [None, "企业名称", "所在街道", "行业", None],
            [credit_code(1), "企业一", "南山街道", "制造业", date(2020, 1, 5)],
            [credit_code(2), "企业二", None, "制造业", date(2020, 1, 6)],
        ],
        before=[["2024年会员名册"]],
        merged=["A1:E1", "A2:A3", "B2:D2", "E2:E3", "C4:C5"],
    )
    result = run(register, "members", [], data=data)
    assert result.count(RowStatus.ACCEPTED) == 2, problems(result)
    assert register.get_member(member_id(credit_code(2))).street == "南山街道"


def test_an_organization_in_a_host_that_has_one_or_dated_ahead_is_refused_by_row(register: Register) -> None:
    member(register, 1)
    member(register, 2)
    branch(register, [member_id(credit_code(1))], name="企业1党支部")
    rows = [
        BRANCH_HEADERS,
        ["第二党支部", "党支部", "南山街道", "区非公党委", "属地管理", "2021/7/1", "5", credit_code(1), ""],
        ["企业2党支部", "党支部", "南山街道", "区非公党委", "属地管理", "2099/7/1", "5", credit_code(2), ""],
    ]
    assert problems(run(register, "branches", rows)) == [
        (2, "H", "host_member_ids", "branch.host_already_organized"),
        (3, "F", "founded_on", "date.in_future"),
    ]
