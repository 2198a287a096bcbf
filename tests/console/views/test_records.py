"""Record pages: the record now, at a version, as of a day, its timeline, and the differences between versions."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from domain.values import Activity
from interfaces.console.dates import today
from interfaces.console.views.records import PageProblem, compare_page, record_page
from tests.conftest import REGISTRAR
from tests.console.hand_worked import Built


def _grades(page: object) -> dict[str, list[str]]:
    table = next(t for t in page.tables if t.title == "分类定级")  # type: ignore[attr-defined]
    return {row[0].text: [c.text for c in row] for row in table.rows}


def test_a_branch_now_shows_its_facts_and_grades_in_chinese(built: Built) -> None:
    b2 = str(built.district.branches["b2"])
    page = record_page(built.register, built.snapshot(), "branch", b2)
    facts = {f.title: f for f in page.facts}
    assert facts["类型"].text == "党支部"
    assert facts["管理单位"].text == "南山街道党工委"
    assert facts["成立日期"].text == "2018年1月1日"
    assert facts["所在企业"].text == "企业2"
    assert facts["所在企业"].href == f"/console/members/{built.district.members['m2']}"
    assert _grades(page)["2019年"][:2] == ["2019年", "先进"]
    assert _grades(page)["2019年"][5] == "一般→先进（复核加分）"
    assert page.timeline is None
    assert page.at is None


def test_a_member_shows_its_san_you_mark(built: Built) -> None:
    m1 = str(built.district.members["m1"])
    facts = {f.title: f.text for f in record_page(built.register, built.snapshot(), "member", m1).facts}
    assert facts["“三有”企业"] == "是（有固定经营场所、从业人员20人、有实际经营业务，2015年1月1日核实）"


def test_the_timeline_names_every_event_its_dates_actor_role_reason_and_request(built: Built) -> None:
    b2 = str(built.district.branches["b2"])
    page = record_page(built.register, built.snapshot(), "branch", b2, with_history=True)
    assert page.timeline is not None
    assert [e.version for e in page.timeline] == list(range(page.latest, 0, -1))
    founded, correction = page.timeline[-1], next(e for e in page.timeline if e.what == "更正等次")
    assert founded.what == "成立党组织"
    assert founded.business_day == "2018年1月1日"
    assert (founded.actor, founded.role, founded.request_id) == ("li-wei", "登记员", "req-registrar")
    assert (correction.actor, correction.role) == ("zhang-min", "评定员")
    assert correction.details == "年度：2019；原等次：一般；更正后等次：先进；理由：复核加分"
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}", correction.recorded)
    graded = next(e for e in page.timeline if e.what == "分类定级")
    assert "按评分应定：一般" in graded.details


def test_a_version_before_the_correction_shows_the_older_grade(built: Built) -> None:
    b2 = str(built.district.branches["b2"])
    now = record_page(built.register, built.snapshot(), "branch", b2, with_history=True)
    corrected = next(e.version for e in now.timeline or [] if e.what == "更正等次")
    before = record_page(built.register, built.snapshot(), "branch", b2, version=corrected - 1)
    assert _grades(before)["2019年"][1] == "一般"
    assert before.at == f"第{corrected - 1}版（共{now.latest}版）"
    assert before.version == corrected - 1


def test_two_versions_compared_show_what_changed_and_the_events_between(built: Built) -> None:
    b2 = str(built.district.branches["b2"])
    timeline = record_page(built.register, built.snapshot(), "branch", b2, with_history=True).timeline or []
    corrected = next(e.version for e in timeline if e.what == "更正等次")
    page = compare_page(built.register, built.snapshot(), "branch", b2, corrected, corrected - 1)
    assert (page.before, page.after) == (corrected - 1, corrected)
    changed = {d.field: (d.before, d.after) for d in page.differences}
    assert changed["分类定级 › 2019 › 等次"] == ("一般", "先进")
    assert changed["分类定级 › 2019 › 等次更正 › 第1项 › 理由"] == ("（无）", "复核加分")
    assert [e.what for e in page.events] == ["更正等次"]


def test_as_of_a_day_before_the_record_existed_or_a_day_not_yet_over_is_refused(built: Built) -> None:
    b2 = str(built.district.branches["b2"])
    with pytest.raises(PageProblem) as before:
        record_page(built.register, built.snapshot(), "branch", b2, as_of=today() - timedelta(days=1))
    assert before.value.status == 404
    assert "尚未登记" in before.value.message
    with pytest.raises(PageProblem) as unsettled:
        record_page(built.register, built.snapshot(), "branch", b2, as_of=today())
    assert unsettled.value.status == 422
    assert "还没有结束" in unsettled.value.message


@pytest.mark.parametrize(
    ("kind", "key", "status"),
    [("branch", "not-an-id", 404), ("branch", "00000000-0000-0000-0000-000000000000", 404), ("round", "20x0", 404)],
)
def test_an_unknown_record_is_a_chinese_404(built: Built, kind: str, key: str, status: int) -> None:
    with pytest.raises(PageProblem) as problem:
        record_page(built.register, built.snapshot(), kind, key)
    assert problem.value.status == status


def test_a_version_that_does_not_exist_is_a_404(built: Built) -> None:
    b1 = str(built.district.branches["b1"])
    with pytest.raises(PageProblem, match="没有第999版"):
        record_page(built.register, built.snapshot(), "branch", b1, version=999)


def test_a_round_a_member_and_a_chamber_have_pages_too(built: Built) -> None:
    snapshot = built.snapshot()
    rnd = record_page(built.register, snapshot, "round", "2020", with_history=True)
    assert rnd.title == "2020年度分类定级"
    facts = {f.title: f.text for f in rnd.facts}
    assert facts["状态"] == "已结束"
    assert facts["公示期"].startswith("2021年1月15日至")
    objections = next(t for t in rnd.tables if t.title == "异议")
    assert [c.text for c in objections.rows[0]] == ["b2", "分数偏低", "维持"]
    assert [e.what for e in rnd.timeline or []][-2:] == ["开始公示", "启动年度定级"]
    m8 = record_page(built.register, snapshot, "member", str(built.district.members["m8"]))
    assert {f.title: f.text for f in m8.facts}["党员人数"] == "5人（2020年5月1日报告）"


def test_a_long_timeline_comes_in_pages_of_fifty_newest_first(built: Built) -> None:
    from datetime import date

    from tests.conftest import REGISTRAR

    b6 = built.district.branches["b6"]
    for day_of_year in range(60):
        built.register.record_organizational_life(REGISTRAR, b6, "theme_day", date(2021, 1, 1 + day_of_year % 28), 5)
    first = record_page(built.register, built.snapshot(), "branch", str(b6), with_history=True)
    assert (first.timeline_pages, first.timeline_total, len(first.timeline or [])) == (2, first.latest, 50)
    assert (first.timeline or [])[0].version == first.latest
    second = record_page(built.register, built.snapshot(), "branch", str(b6), with_history=True, timeline_page=9)
    assert second.timeline_page == 2
    assert [e.version for e in second.timeline or []] == list(range(first.latest - 50, 0, -1))


def test_a_rectification_shows_its_helper_plan_and_acceptance(built: Built) -> None:
    b3 = str(built.district.branches["b3"])
    page = record_page(built.register, built.snapshot(), "branch", b3)
    table = next(t for t in page.tables if t.title == "整顿")
    (row,) = [[c.text for c in r] for r in table.rows]
    assert row[2:4] == ["王建国（上级领导）", "整顿方案"]
    assert row[-1] == "粤海街道党工委 赵立新"


def test_organizational_life_shows_every_activity_and_the_secretary_s_lectures(built: Built) -> None:
    b2 = built.district.branches["b2"]
    lecture = built.register.record_organizational_life
    lecture(REGISTRAR, b2, "lecture", date(2021, 3, 2), 8, by_secretary=True)
    lecture(REGISTRAR, b2, "lecture", date(2021, 4, 2), 8, by_secretary=False)
    built.runner.catch_up()
    page = record_page(built.register, built.snapshot(), "branch", str(b2))
    table = next(t for t in page.tables if t.title == "组织生活（次数）")
    assert table.headers[1:] == [*(a.label for a in Activity), "其中书记讲党课"]
    rows = {row[0].text: [c.text for c in row] for row in table.rows}
    assert rows["2021年"][4] == "2"
    assert rows["2021年"][-1] == "1"
    assert all(row[-1] == "未记录" for year, row in rows.items() if year != "2021年")
