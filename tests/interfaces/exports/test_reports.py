"""Each report laid out for filing, worked out by hand: whole Chinese sheet names, labels instead of codes, names
first, ids and totals last, a share beside each count, 0 where there is nothing."""

from __future__ import annotations

import re
from datetime import date

import pytest

from domain import values
from domain.coverage import Coverage
from domain.labelled import Labelled
from interfaces.exports import Column, Filing, Kind, Table, filing
from interfaces.exports.stamp import standing
from tests.conftest import REGISTRAR
from tests.interfaces.exports.conftest import REPORTS, Filed

LABELLED = [e for e in [*vars(values).values(), Coverage] if isinstance(e, type) and issubclass(e, Labelled)]
CODES = {code for enum in LABELLED for code in enum.labels()}
SHEETS = {
    "classification": [
        "等次分布",
        "按管理单位",
        "按街道",
        "按组织类型",
        "等次变化",
        "软弱涣散名单",
        "调整等次",
        "等次更正",
        "述职评议更正",
        "整顿日期更正",
        "定级比例提示",
    ],
    "coverage": [
        "覆盖情况",
        "覆盖率",
        "未覆盖企业",
        "非“三有”企业",
        "有3名以上正式党员未单独建党组织的企业",
        "党组织规模提示",
    ],
    "chambers": [
        "概况",
        "按类型",
        "按街道",
        "商会名单",
        "逾期未换届",
        "“四好”商会",
        "示范点",
        "街道商会联合党委",
        "商会信息更正",
    ],
    "organizational-life": ["达标情况", "明细", "逾期未换届选举", "作废的组织生活记录", "成立日期更正", "换届选举更正"],
    "key-focus": ["按关注原因", "重点关注企业"],
    "publicity-notice": ["公示名单"],
}
UUID_TEXT = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _table(laid_out: Filing, sheet: str) -> Table:
    return next(t for t in laid_out.tables if t.sheet == sheet)


def _named(table: Table) -> dict[str, tuple[object, ...]]:
    return {str(row[0]): row[1:] for row in table.rows}


@pytest.mark.parametrize(("name", "year"), REPORTS)
def test_sheets_have_whole_chinese_names_of_at_most_31_characters(filed: Filed, name: str, year: int | None) -> None:
    laid_out = filing(filed.report(name, year), "南山区")
    names = [t.sheet for t in laid_out.tables]
    assert names == SHEETS[name]
    for sheet in names:
        assert len(sheet) <= 31
        assert not re.search(r"[A-Za-z()（）]", sheet), sheet


@pytest.mark.parametrize(("name", "year"), REPORTS)
def test_what_a_person_reads_is_labels_with_names_first_and_ids_last(filed: Filed, name: str, year: int | None) -> None:
    laid_out = filing(filed.report(name, year), "南山区")
    assert laid_out.title.startswith("南山区")
    for table in laid_out.tables:
        assert table.headers[0] == "序号"
        assert table.columns[0].kind == Kind.TEXT, table.sheet
        if "编号" in table.headers:
            assert table.headers[-1] == "编号", table.sheet
            assert all(UUID_TEXT.match(str(row[-1])) for row in table.rows), table.sheet
        for row in [*table.rows, *([table.total] if table.total else [])]:
            for column, cell in zip(table.columns, row, strict=True):
                assert cell is not None, (table.sheet, column.header)
                if column.header != "编号" and isinstance(cell, str):
                    assert cell not in CODES, (table.sheet, cell)
                    assert not re.search(r"\([a-z_]+\)", cell), (table.sheet, cell)
                if column.kind in (Kind.NUMBER, Kind.SHARE):
                    assert isinstance(cell, int | float), (table.sheet, column.header, cell)


def test_the_classification_by_unit_has_a_share_beside_each_count_and_the_total_last(filed: Filed) -> None:
    laid_out = filing(filed.report("classification", 2020), "南山区")
    assert laid_out.title == "南山区2020年度党组织分类定级情况统计表"
    assert laid_out.subtitle == "截至2021年12月1日；等次已生效；定级工作已结束"
    grades = _table(laid_out, "等次分布")
    assert [(row[0], row[1], row[2]) for row in grades.rows] == [
        ("先进", 1, 0.2),
        ("一般", 2, 0.4),
        ("软弱涣散", 1, 0.2),
        ("未定级", 1, 0.2),
    ]
    assert grades.total == ("合计", 5, 1.0)
    units = _table(laid_out, "按管理单位")
    assert units.headers == [
        "序号",
        "管理单位",
        "先进",
        "先进占比",
        "一般",
        "一般占比",
        "软弱涣散",
        "软弱涣散占比",
        "未定级",
        "未定级占比",
        "合计",
    ]
    assert [c.kind for c in units.columns[1:]] == [Kind.NUMBER, Kind.SHARE] * 4 + [Kind.NUMBER]
    assert units.rows[0] == ("区非公党委", 1, 1 / 3, 0, 0.0, 1, 1 / 3, 1, 1 / 3, 3)
    assert units.total == ("合计", 1, 0.2, 2, 0.4, 1, 0.2, 1, 0.2, 5)
    assert _named(_table(laid_out, "按组织类型"))["党总支"] == (1, 1.0, 0, 0.0, 0, 0.0, 0, 0.0, 1)


def test_the_classification_lists_name_each_organization(filed: Filed) -> None:
    b = {k: str(v) for k, v in filed.district.branches.items()}
    laid_out = filing(filed.report("classification", 2020))
    assert _table(laid_out, "等次变化").rows == [
        ("b3", "升级", "否", b["b3"]),
        ("b1", "降级", "否", b["b1"]),
        ("b2", "降级", "否", b["b2"]),
    ]
    assert _table(laid_out, "软弱涣散名单").rows == [("b1", "区非公党委", "南山街道", "逾期未完成", b["b1"])]
    assert _table(laid_out, "调整等次").rows == [("b5", "一般", "先进", "新建即规范", b["b5"])]
    corrected = filing(filed.report("classification", 2019))
    assert _table(corrected, "等次更正").rows == [("b2", "一般", "先进", "复核加分", b["b2"])]


def test_the_coverage_counts_with_shares_and_names_the_enterprises(filed: Filed) -> None:
    m = {k: str(v) for k, v in filed.district.members.items()}
    laid_out = filing(filed.report("coverage"), "南山区")
    covered = _table(laid_out, "覆盖情况")
    assert covered.rows == [("单独建立党组织", 4, 0.5), ("联合党支部覆盖", 2, 0.25), ("未覆盖", 2, 0.25)]
    assert covered.total == ("“三有”企业合计", 8, 1.0)
    assert _table(laid_out, "覆盖率").rows == [("组织覆盖率", 4, 0.5), ("工作覆盖率", 6, 0.75)]
    assert _table(laid_out, "未覆盖企业").rows == [("企业5", m["m5"]), ("企业8", m["m8"])]
    assert _table(laid_out, "非“三有”企业").rows == []
    needing_own = _table(laid_out, "有3名以上正式党员未单独建党组织的企业")
    assert needing_own.headers == ["序号", "企业名称", "街道", "正式党员人数", "预备党员人数", "编号"]
    assert needing_own.rows == [("企业8", "南山街道", 5, "未报告", m["m8"])]


def test_the_coverage_gives_the_probationary_members_an_enterprise_reported(filed: Filed) -> None:
    m8 = filed.district.members["m8"]
    filed.register.member_report_party_members(REGISTRAR, m8, 4, date(2021, 6, 1), probationary_members=2)
    laid_out = filing(filed.report("coverage"))
    assert _table(laid_out, "有3名以上正式党员未单独建党组织的企业").rows == [("企业8", "南山街道", 4, 2, str(m8))]


def test_the_chambers_count_every_kind_even_none(filed: Filed) -> None:
    laid_out = filing(filed.report("chambers"))
    assert _table(laid_out, "概况").rows == [
        ("已登记为社会组织", 1, 1.0),
        ("加挂工商联牌子", 0, 0.0),
        ("逾期未换届", 1, 1.0),
        ("延期后仍逾期", 0, 0.0),
    ]
    kinds = _table(laid_out, "按类型")
    assert kinds.rows == [("街道商会", 1, 1.0), ("行业商会", 0, 0.0), ("异地商会", 0, 0.0)]
    assert kinds.total == ("合计", 1, 1.0)
    streets = _table(laid_out, "按街道")
    assert streets.headers == ["序号", "街道", "街道商会", "行业商会", "异地商会", "合计"]
    assert streets.rows == [("南山街道", 1, 0, 0, 1)]
    assert _table(laid_out, "商会名单").rows == [
        ("南山街道商会", "街道商会", "南山街道", "是", "否", "是", str(filed.chamber))
    ]
    assert _table(laid_out, "逾期未换届").rows == [("南山街道商会", "未换届", "未延期", str(filed.chamber))]
    assert _table(laid_out, "“四好”商会").rows == [("南山街道商会", 2020, 2021, "市级", str(filed.chamber))]


def test_organizational_life_counts_meetings_and_names_what_falls_short(filed: Filed) -> None:
    laid_out = filing(filed.report("organizational-life", 2020))
    assert laid_out.subtitle == "截至2020年12月31日"
    met = _table(laid_out, "达标情况")
    assert met.headers == ["序号", "项目", "适用的党组织数", "达标的党组织数", "占比"]
    assert met.rows[0] == ("党员大会每年不少于4次", 6, 0, 0.0)
    assert met.rows[1] == ("支委会每年不少于12次", 1, 0, 0.0)
    assert met.rows[2] == ("党小组会每年不少于12次", 0, 0, 0.0)
    assert met.rows[5:] == [
        ("组织生活会每年不少于1次", 6, 0, 0.0),
        ("民主评议党员每年不少于1次", 6, 0, 0.0),
        ("书记讲党课每年不少于1次（未记录讲授人的不计）", 5, 0, 0.0),
        ("各项均达标", 6, 0, 0.0),
    ]
    rows = _table(laid_out, "明细")
    assert rows.headers[1:] == [
        "党组织名称",
        "街道",
        "管理单位",
        "设委员会",
        "设党小组",
        "党员大会（次）",
        "支委会（次）",
        "党小组会（次）",
        "党课（次）",
        "主题党日（次）",
        "组织生活会（次）",
        "民主评议党员（次）",
        "其中书记讲党课（次）",
        "书记讲党课",
        "未达标项目",
        "不适用项目",
        "全部达标",
        "应换届日期",
        "逾期未换届选举",
        "编号",
    ]
    b3 = _named(rows)["b3"]
    assert b3[:13] == ("粤海街道", "粤海街道党工委", "否", "否", 0, 0, 0, 1, 0, 0, 0, 0, "未记录")
    assert b3[13:18] == (
        "党员大会、党课、主题党日、组织生活会、民主评议党员",
        "支委会、党小组会",
        "否",
        "2020-12-31",
        "否",
    )
    b5 = _named(rows)["b5"]
    assert b5[2:4] == ("是", "否")
    assert b5[11:13] == (0, "未达标")
    assert b5[13:15] == ("党员大会、支委会、党课、主题党日、组织生活会、民主评议党员、书记讲党课", "党小组会")
    assert _table(laid_out, "逾期未换届选举").rows == []


def test_organizational_life_lists_the_organizations_overdue_for_election(filed: Filed) -> None:
    b = {k: str(v) for k, v in filed.district.branches.items()}
    filed.register.record_election(REGISTRAR, filed.district.branches["b1"], date(2021, 1, 15))
    laid_out = filing(filed.report("organizational-life", 2021))
    assert laid_out.subtitle == "截至2021年12月1日"
    overdue = _table(laid_out, "逾期未换届选举")
    assert overdue.headers == ["序号", "党组织名称", "街道", "管理单位", "应换届日期", "编号"]
    assert overdue.columns[3].kind == Kind.DATE
    assert [row[0] for row in overdue.rows] == sorted(row[0] for row in overdue.rows)
    assert ("b3", "粤海街道", "粤海街道党工委", "2020-12-31", b["b3"]) in overdue.rows
    assert "b1" not in _named(overdue)
    rows = _named(_table(laid_out, "明细"))
    assert rows["b1"][16:18] == ("2024-01-14", "否")
    assert rows["b3"][16:18] == ("2020-12-31", "是")


def test_key_focus_counts_every_criterion_and_lists_the_enterprises(filed: Filed) -> None:
    laid_out = filing(filed.report("key-focus"))
    criteria = _table(laid_out, "按关注原因")
    assert criteria.rows == [
        ("资产规模大", 1, 1.0),
        ("党员人数多", 0, 0.0),
        ("纳税贡献大", 1, 1.0),
        ("发展前景好", 0, 0.0),
    ]
    assert criteria.total == ("重点关注企业", 1, 1.0)
    (row,) = _table(laid_out, "重点关注企业").rows
    assert row[0] == "企业1"
    assert row[4] == "资产规模大、纳税贡献大"


def test_the_publicity_list_names_organizations_and_grades_best_first(filed: Filed) -> None:
    laid_out = filing(filed.report("publicity-notice", 2020), "南山区")
    assert laid_out.title == "南山区2020年度非公有制企业党组织分类定级结果公示"
    assert laid_out.subtitle == "公示期：2021年1月15日至2021年1月21日"
    (table,) = laid_out.tables
    assert table.headers == ["序号", "党组织名称", "所在街道", "评定等次"]
    assert table.rows == [
        ("b5", "粤海街道", "先进"),
        ("b2", "南山街道", "一般"),
        ("b3", "粤海街道", "一般"),
        ("b1", "南山街道", "软弱涣散"),
    ]
    assert dict(laid_out.notes)["汇总"] == "先进 1 个、一般 2 个、软弱涣散 1 个，共 4 个"
    assert "2021年1月21日前向南山区工商联" in str(dict(laid_out.notes)["说明"])


@pytest.mark.parametrize(("name", "year"), REPORTS)
def test_the_stamp_is_the_reports_fingerprint_last(filed: Filed, name: str, year: int | None) -> None:
    report = filed.report(name, year)
    assert filing(report).stamp == [
        ("日志位置", report["position"]),
        ("哈希链头", report["chain_head"]),
        ("指纹", report["fingerprint"]),
    ]


def test_a_report_as_of_a_time_says_that_time_in_beijing_time() -> None:
    assert (
        standing({"as_of": "2021-03-01T08:30:00Z", "on": "2021-03-01"}) == "登记簿截至2021年3月1日 16:30:00（北京时间）"
    )
    assert standing({"as_of": "2021-03-01T20:00:00Z", "on": "2021-03-01"}).startswith("登记簿截至2021年3月2日 04:00:00")
    assert standing({"on": "2021-12-01"}) == "截至2021年12月1日"


def test_a_scoped_report_says_its_scope_where_it_says_the_day() -> None:
    assert standing({"on": "2021-12-01", "scope": "street=招商街道"}) == "截至2021年12月1日；范围：街道：招商街道"
    assert standing({"on": "2021-12-01", "scope": "unit=区非公党委"}).endswith("；范围：管理单位：区非公党委")


def test_a_table_refuses_a_sheet_name_excel_would_cut_or_refuse_and_a_row_that_does_not_fit() -> None:
    assert Table("三十一个字" * 6 + "止", (Column("名称"),), [("甲",)]).sheet
    for name in ("三十二个字符的名称" * 4, "", "按街道/类型", "明细[1]"):
        with pytest.raises(ValueError, match="sheet name"):
            Table(name, (Column("名称"),), [])
    with pytest.raises(ValueError, match="a row of 2 cells under 1 columns"):
        Table("明细", (Column("名称"),), [("甲", 1)])
    with pytest.raises(ValueError, match="sheet names repeat"):
        Filing("标题", "截至", [Table("明细", (Column("名称"),), []), Table("明细", (Column("名称"),), [])])
