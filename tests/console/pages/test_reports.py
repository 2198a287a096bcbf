"""The report pages through HTTP on the small demo district: each shows the application's report (its numbers, its
stamp), counts open lists that hold as many records, a past day gives the report as recorded then, the download is
the filing layout, and a report is built once per log position."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from openpyxl import load_workbook

from application.projections.runner import ViewRunner
from application.register import Register
from application.reports.service import build_report
from interfaces.console.dates import end_of_day, today
from interfaces.exports import Kind, filing
from tests.conftest import ASSESSOR
from tests.console.conftest import Clerk
from tests.factories import member

YEAR = 2020
REPORTS = [
    ("classification", YEAR),
    ("publicity-notice", YEAR),
    ("organizational-life", YEAR),
    ("coverage", None),
    ("chambers", None),
    ("key-focus", None),
]
SUMMARY = re.compile(r"共 <strong>(\d+)</strong> 条")


class Tables(HTMLParser):
    """Each table of a page under its heading: its rows as text cells and the links in them."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.links: dict[str, list[list[str | None]]] = {}
        self.heading, self.current = "", ""
        self.open = False
        self.text: list[str] | None = None
        self.href: str | None = None
        self.in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h2":
            self.in_heading, self.heading = True, ""
        elif tag == "table":
            self.current, self.open = self.heading, True
            self.tables[self.current], self.links[self.current] = [], []
        elif tag == "tr" and self.open:
            self.tables[self.current].append([])
            self.links[self.current].append([])
        elif tag in ("td", "th") and self.open:
            self.text, self.href = [], None
        elif tag == "a" and self.text is not None:
            self.href = dict(attrs).get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self.in_heading = False
        elif tag in ("td", "th") and self.text is not None:
            self.tables[self.current][-1].append("".join(self.text).strip())
            self.links[self.current][-1].append(self.href)
            self.text = None
        elif tag == "table":
            self.open = False

    def handle_data(self, data: str) -> None:
        if self.in_heading:
            self.heading += data
        elif self.text is not None:
            self.text.append(data)


def tables(page: str) -> Tables:
    parser = Tables()
    parser.feed(page)
    return parser


def expected_cell(value: Any, kind: Kind) -> str:
    if value is None:
        return {Kind.NUMBER: "0", Kind.SHARE: "0.0%"}.get(kind, "")
    if kind == Kind.SHARE:
        return f"{value:.1%}"
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        found = date.fromisoformat(value)
        return f"{found.year}年{found.month}月{found.day}日"
    return str(value)


def listed_count(clerk: Clerk, href: str) -> str:
    """How many records the list at ``href`` says it holds."""
    found = SUMMARY.search(clerk.client.get(href).text)
    assert found, href
    return found.group(1)


def application_report(register: Register, name: str, year: int | None, **asked: Any) -> dict[str, Any]:
    return build_report(register, ViewRunner(register), name, year, **asked)


def test_every_report_page_shows_the_applications_report_and_its_stamp(
    clerk: Clerk, district_register: Register
) -> None:
    clerk.sign_in("reader")
    for name, year in REPORTS:
        answer = clerk.client.get(f"/console/reports/{name}" + (f"?year={year}" if year else ""))
        assert answer.status_code == 200, answer.text
        page = answer.text
        report = application_report(district_register, name, year, on=date.today())
        laid_out = filing(report)
        assert f'id="stamp-fingerprint">{report["fingerprint"]}<' in page, name
        assert f'id="stamp-position">{report["position"]}<' in page
        assert f'id="stamp-head">{report["chain_head"]}<' in page
        assert '<svg class="chart"' in page
        shown = tables(page).tables
        for table in laid_out.tables:
            rows = shown[table.sheet][1:]
            kinds = [Kind.NUMBER] * table.numbered + [c.kind for c in table.columns]
            expected = [((n,) if table.numbered else ()) + row for n, row in enumerate(table.rows, 1)]
            if table.total:
                expected.append((("",) if table.numbered else ()) + table.total)
            if not expected:
                assert rows == [["无"]], (name, table.sheet)
                continue
            assert rows == [[expected_cell(v, k) for v, k in zip(row, kinds, strict=True)] for row in expected], (
                name,
                table.sheet,
            )


def test_a_count_opens_its_list_holding_as_many_records(clerk: Clerk, district_register: Register) -> None:
    clerk.sign_in("registrar")
    report = application_report(district_register, "classification", YEAR, on=date.today())
    found = tables(clerk.client.get(f"/console/reports/classification?year={YEAR}").text)
    grades = found.tables["等次分布"][1:-1]
    links = found.links["等次分布"][1:-1]
    assert [row[2] for row in grades] == [str(report["totals"][g]) for g in ("advanced", "average", "weak", "ungraded")]
    for row, href in zip(grades, [row[2] for row in links], strict=True):
        assert href is not None
        assert href.startswith("/console/branches?year=2020&grade=")
        assert listed_count(clerk, href) == row[2], href
    by_street = found.links["按街道"][1]
    listed = SUMMARY.search(clerk.client.get(str(by_street[2])).text)
    assert listed
    assert listed.group(1) == found.tables["按街道"][1][2]
    chambers = tables(clerk.client.get("/console/reports/chambers").text)
    for row, link in zip(chambers.tables["按类型"][1:], chambers.links["按类型"][1:], strict=True):
        assert listed_count(clerk, str(link[2])) == row[2], link[2]


def test_a_name_opens_its_record(clerk: Clerk) -> None:
    clerk.sign_in("reader")
    found = tables(clerk.client.get("/console/reports/coverage").text)
    name, href = found.tables["未覆盖企业"][1][1], found.links["未覆盖企业"][1][1]
    assert href is not None
    assert href.startswith("/console/members/")
    assert f"<h1>{name}</h1>" in clerk.client.get(href).text


def test_a_past_day_gives_the_report_as_recorded_then_without_links_to_todays_lists(
    clerk: Clerk, district_register: Register
) -> None:
    clerk.sign_in("auditor")
    yesterday = today() - timedelta(days=1)
    page = clerk.client.get(f"/console/reports/classification?year={YEAR}&day={yesterday.isoformat()}").text
    report = application_report(district_register, "classification", YEAR, as_of=end_of_day(yesterday))
    assert f'id="stamp-fingerprint">{report["fingerprint"]}<' in page
    assert "您正在查看历史" in page
    assert "/console/branches?" not in page
    refused = clerk.client.get(f"/console/reports/coverage?day={today().isoformat()}")
    assert refused.status_code == 422
    assert "请选择今天以前的日期" in refused.text


def test_the_download_is_the_filing_layout(clerk: Clerk, district_register: Register) -> None:
    clerk.sign_in("reader")
    answer = clerk.client.get(f"/console/reports/classification.xlsx?year={YEAR}")
    assert answer.status_code == 200
    assert 'filename="classification-2020.xlsx"' in answer.headers["content-disposition"]
    report = application_report(district_register, "classification", YEAR, on=date.today())
    laid_out = filing(report)
    book = load_workbook(io.BytesIO(answer.content), read_only=True)
    assert book.sheetnames == [t.sheet for t in laid_out.tables]
    cells = {c for row in book.worksheets[0].iter_rows(values_only=True) for c in row}
    assert report["fingerprint"] in cells


def test_a_report_is_built_once_per_log_position(clerk: Clerk, district_register: Register) -> None:
    clerk.sign_in("reader")
    cache = clerk.client.app.state.console_pages  # type: ignore[attr-defined]
    first = clerk.client.get("/console/reports/coverage").text
    built = cache.built
    assert clerk.client.get("/console/reports/coverage").text == first
    assert cache.built == built
    member(district_register, 9801)
    after = clerk.client.get("/console/reports/coverage").text
    assert cache.built > built
    position = district_register.recorder.max_notification_id()
    assert f'id="stamp-position">{position}<' in after


def test_a_page_kept_across_a_write_its_report_does_not_read_shows_the_fresh_report(
    clerk: Clerk, district_register: Register
) -> None:
    clerk.sign_in("reader")
    cache = clerk.client.app.state.console_pages  # type: ignore[attr-defined]
    path = f"/console/reports/classification?year={YEAR}"
    before = clerk.client.get(path).text
    built = cache.built
    member(district_register, 9802)
    after = clerk.client.get(path).text
    assert cache.built == built
    report = application_report(district_register, "classification", YEAR, on=date.today())
    assert report["position"] == district_register.recorder.max_notification_id()
    assert f'id="stamp-fingerprint">{report["fingerprint"]}<' in after
    assert f'id="stamp-position">{report["position"]}<' in after
    assert f'id="stamp-head">{report["chain_head"]}<' in after
    assert tables(after).tables == tables(before).tables


def test_refusals_are_explained_in_chinese(clerk: Clerk, district_register: Register) -> None:
    clerk.sign_in("reader")
    unknown = clerk.client.get("/console/reports/budget")
    assert unknown.status_code == 404
    assert "没有这张报表" in unknown.text
    not_opened = clerk.client.get("/console/reports/publicity-notice?year=2031")
    assert not_opened.status_code == 404
    assert "2031年度尚未启动定级工作" in not_opened.text
    district_register.open_round(ASSESSOR, 2022)
    not_posted = clerk.client.get("/console/reports/publicity-notice?year=2022")
    assert not_posted.status_code == 409
    assert "2022年度定级结果尚未公示" in not_posted.text
    bad_year = clerk.client.get("/console/reports/classification?year=twenty")
    assert bad_year.status_code == 422
    assert "年度应为" in bad_year.text


def test_a_long_table_shows_its_first_rows_and_every_row_for_printing(
    clerk: Clerk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("interfaces.console.views.reports.ROWS_SHOWN", 2)
    clerk.sign_in("reader")
    page = clerk.client.get("/console/reports/coverage").text
    uncovered = tables(page).tables["未覆盖企业"]
    assert len(uncovered) == 3
    assert "行未显示" in page
    assert "打印（全部行）" in page
    everything = tables(clerk.client.get("/console/reports/coverage?rows=all").text).tables["未覆盖企业"]
    assert len(everything) > 3
    assert "行未显示" not in clerk.client.get("/console/reports/coverage?rows=all").text
