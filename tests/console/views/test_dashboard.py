"""The dashboard: the current round's stage, the latest years as a chart, and what is overdue."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qsl, urlsplit

from application.projections.changes import unchanged
from interfaces.console.dates import today
from interfaces.console.views.dashboard import OVERVIEW_READS, dashboard, overview, with_members
from interfaces.console.views.lists import list_page
from tests.conftest import ASSESSOR, REGISTRAR
from tests.console.hand_worked import Built


def test_a_closed_round_its_chart_and_what_is_overdue(built: Built) -> None:
    board = dashboard(built.register, built.snapshot(), date(2026, 1, 1))
    assert board.stage is not None
    assert (board.stage.year, board.stage.status, board.stage.href) == (2020, "已结束", "/console/rounds/2020")
    assert [y.year for y in board.years] == [2020, 2019]
    y2020 = board.years[0]
    assert [(c[0], c[1]) for c in y2020.cells] == [("先进", 1), ("一般", 2), ("软弱涣散", 1), ("未定级", 1)]
    assert y2020.cells[2][3] == "/console/branches?year=2020&grade=weak"
    assert y2020.status == "已生效"
    assert "2019年" in str(board.chart)
    overdue = {o.title: (o.count, o.href) for o in board.overdue}
    assert overdue["党组织整顿逾期未完成"] == (1, "/console/branches?rectification=overdue")
    assert overdue["商会逾期未换届"] == (0, "/console/chambers?overdue=yes")
    assert board.totals == {"会员企业": 8, "商会": 0, "党组织": 5}


def test_a_round_in_publicity_past_its_end_is_overdue(built: Built) -> None:
    built.register.open_round(ASSESSOR, 2021)
    built.register.start_publicity(ASSESSOR, 2021, date(2022, 2, 7))
    board = dashboard(built.register, built.snapshot(), date(2022, 3, 1))
    assert board.stage is not None
    assert board.stage.status == "公示中"
    assert board.stage.detail.startswith("公示期2022年2月7日至2022年2月11日")
    late = next(o for o in board.overdue if o.href == "/console/rounds/2021")
    assert late.title == "2021年度公示期已过，定级工作尚未结束"


def test_a_round_being_graded_counts_the_organizations_still_ungraded(built: Built) -> None:
    built.register.open_round(ASSESSOR, 2021)
    board = dashboard(built.register, built.snapshot(), date(2022, 1, 10))
    assert board.stage is not None
    assert board.stage.status == "评定中"
    waiting = next(o for o in board.overdue if o.href == "/console/branches?year=2021&grade=ungraded")
    assert waiting.count == 5


def test_each_overdue_count_is_the_length_of_the_list_it_links_to(built: Built) -> None:
    chamber = built.register.establish_chamber(REGISTRAR, "南山商会", "street", "南山街道", date(2015, 6, 1))
    built.register.renew_chamber_term(
        REGISTRAR, chamber.aggregate.id, 1, date(2016, 1, 1), date(2020, 12, 31), "张会长"
    )
    on = today()
    snapshot = built.snapshot()
    board = dashboard(built.register, snapshot, on)
    listed = {o.title: o for o in board.overdue if o.href.startswith(("/console/chambers?", "/console/branches?"))}
    assert set(listed) == {
        "商会逾期未换届",
        "党组织逾期未换届选举",
        "党组织整顿逾期未完成",
        f"{on.year - 1}年组织生活未达最低要求的党组织",
    }
    for item in listed.values():
        path, query = urlsplit(item.href)[2:4]
        shown = list_page(snapshot, path.removeprefix("/console/"), dict(parse_qsl(query)), on)
        assert item.count == shown.total > 0, item
        filters = dict(parse_qsl(query))
        assert {k: shown.query[k] for k in filters} == filters


def test_the_overview_kept_across_a_write_that_records_none_of_its_events_is_the_fresh_one(built: Built) -> None:
    on, register = date(2026, 1, 1), built.register
    before = built.snapshot()
    kept = overview(register, before, on)
    register.amend_member(REGISTRAR, built.district.members["m1"], {"industry": "软件和信息技术服务业"}, "更正行业")
    register.member_leave(REGISTRAR, built.district.members["m2"], date(2025, 12, 1), "withdrew")
    after = built.snapshot()
    assert unchanged(register, before.position(), after.position(), OVERVIEW_READS)
    assert with_members(kept, after) == dashboard(register, after, on)
    assert with_members(kept, after).totals["会员企业"] == 7
    register.open_round(ASSESSOR, 2021)
    assert not unchanged(register, after.position(), built.snapshot().position(), OVERVIEW_READS)
