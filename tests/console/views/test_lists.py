"""Lists: search by name or credit code, filters, pages in name order, and the rows of the download."""

from __future__ import annotations

from datetime import date

from interfaces.console.views.lists import PAGE_SIZE, list_page, spreadsheet
from tests.console.hand_worked import Built
from tests.factories import credit_code

TODAY = date(2026, 1, 1)


def _names(page: object) -> list[str]:
    return [row[0].text for row in page.rows]  # type: ignore[attr-defined]


def test_members_are_found_by_part_of_their_name_or_the_start_of_their_credit_code(built: Built) -> None:
    snapshot = built.snapshot()
    assert _names(list_page(snapshot, "members", {"q": "企业3"}, TODAY)) == ["企业3"]
    by_code = list_page(snapshot, "members", {"q": credit_code(4).lower()}, TODAY)
    assert _names(by_code) == ["企业4"]
    assert by_code.rows[0][0].href == f"/console/members/{built.district.members['m4']}"
    assert list_page(snapshot, "members", {"q": "企业9"}, TODAY).total == 0


def test_filters_narrow_the_list_and_say_what_they_chose(built: Built) -> None:
    page = list_page(built.snapshot(), "branches", {"street": "粤海街道", "status": "active"}, TODAY)
    assert _names(page) == ["b3", "b5"]
    street = next(f for f in page.filters if f.name == "street")
    assert [c.text for c in street.choices] == ["全部", "南山街道", "粤海街道"]
    assert next(c for c in street.choices if c.selected).value == "粤海街道"


def test_a_grade_filter_counts_as_the_classification_report_does(built: Built) -> None:
    snapshot = built.snapshot()
    assert _names(list_page(snapshot, "branches", {"year": "2020", "grade": "weak"}, TODAY)) == ["b1"]
    ungraded = list_page(snapshot, "branches", {"year": "2020", "grade": "ungraded"}, TODAY)
    assert _names(ungraded) == ["b6"]
    assert ungraded.rows[0][5].text == "未定级"
    corrected = list_page(snapshot, "branches", {"year": "2019", "grade": "advanced"}, TODAY)
    assert _names(corrected) == ["b1", "b2"]


def test_an_overdue_rectification_and_an_unknown_filter_value(built: Built) -> None:
    snapshot = built.snapshot()
    assert _names(list_page(snapshot, "branches", {"rectification": "overdue"}, TODAY)) == ["b1"]
    assert _names(list_page(snapshot, "branches", {"rectification": "overdue"}, date(2021, 6, 1))) == []
    everything = list_page(snapshot, "branches", {"kind": "no-such-kind"}, TODAY)
    assert everything.total == 6
    assert everything.query == {"q": ""}


def test_long_lists_come_in_pages_of_fifty_in_name_order(built: Built) -> None:
    from tests.factories import member

    for n in range(20, 20 + PAGE_SIZE + 5):
        member(built.register, n)
    snapshot = built.snapshot()
    first = list_page(snapshot, "members", {}, TODAY)
    assert (first.total, first.pages, len(first.rows)) == (PAGE_SIZE + 13, 2, PAGE_SIZE)
    second = list_page(snapshot, "members", {"page": "2"}, TODAY)
    assert len(second.rows) == 13
    names = _names(first) + _names(second)
    assert names == sorted(names)
    assert first.link(page=2) == "/console/members?page=2"
    assert list_page(snapshot, "members", {"page": "99"}, TODAY).page == 2
    assert list_page(snapshot, "members", {"page": "x"}, TODAY).page == 1


def test_the_download_holds_every_filtered_row_with_chinese_headers(built: Built) -> None:
    sheet = spreadsheet(built.snapshot(), "members", {"street": "南山街道"}, TODAY)
    assert sheet.notes == [("条数", 4)]
    assert sheet.title == "会员企业名单"
    assert "筛选：街道：南山街道" in sheet.subtitle
    (table,) = sheet.tables
    assert len(table.rows) == 4
    assert dict(zip(table.headers[1:], table.rows[0], strict=True)) == {
        "名称": "企业1",
        "统一社会信用代码": credit_code(1),
        "街道": "南山街道",
        "行业": "制造业",
        "状态": "正常",
        "入会日期": "2015年1月1日",
        "重点关注": "否",
    }
