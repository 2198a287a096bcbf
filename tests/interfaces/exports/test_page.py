"""A filing as a printable HTML page: Chinese, self-contained, each table whole, names escaped, the stamp last."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from interfaces.exports import Column, Filing, Kind, Table, filing, filing_html
from tests.interfaces.exports.conftest import Filed


class Cells(HTMLParser):
    """The text of each table row of a page, the header rows included."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.text: list[str] = []
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.inside, self.text = True, []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self.rows[-1].append("".join(self.text))
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text.append(data)


def table_rows(page: str) -> list[list[str]]:
    parser = Cells()
    parser.feed(page)
    return parser.rows


def test_the_page_is_chinese_printable_and_loads_nothing_from_elsewhere(filed: Filed) -> None:
    report = filed.report("publicity-notice", 2020)
    page = filing_html(filing(report, "南山区"))
    assert page.startswith("<!doctype html>")
    assert '<html lang="zh-CN">' in page
    assert "<title>南山区2020年度非公有制企业党组织分类定级结果公示</title>" in page
    assert "@page { size: A4" in page
    assert "display: table-header-group" in page
    assert not re.search(r"<script|<link|<img|src=|href=|@import|url\(", page)
    assert "公示期：2021年1月15日至2021年1月21日" in page
    assert table_rows(page) == [
        ["序号", "党组织名称", "所在街道", "评定等次"],
        ["1", "b5", "粤海街道", "先进"],
        ["2", "b2", "南山街道", "一般"],
        ["3", "b3", "粤海街道", "一般"],
        ["4", "b1", "南山街道", "软弱涣散"],
    ]
    assert page.index("汇总") < page.index(report["fingerprint"])


def test_a_page_shows_shares_as_percentages_and_escapes_what_it_shows() -> None:
    laid_out = Filing(
        "标题<甲>",
        "截至",
        [
            Table(
                "明细",
                (Column("名称"), Column("数量", Kind.NUMBER), Column("占比", Kind.SHARE)),
                [("<script>alert(1)</script>", 1, 0.25)],
                ("合计", 4, 1.0),
            ),
            Table("另表", (Column("名称"),), [("乙",)]),
        ],
    )
    page = filing_html(laid_out)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<h1>标题&lt;甲&gt;</h1>" in page
    assert "<h2>明细</h2>" in page
    assert table_rows(page)[1:3] == [["1", "<script>alert(1)</script>", "1", "25.0%"], ["", "合计", "4", "100.0%"]]
