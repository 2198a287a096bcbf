"""Bar charts drawn on the server as SVG."""

from __future__ import annotations

import re

from interfaces.console.charts import Bar, Series, share, stacked_bars

SERIES = [Series("advanced", "先进", "grade-advanced"), Series("weak", "软弱涣散", "grade-weak")]


def _widths(svg: str, css: str) -> list[float]:
    return [float(w) for w in re.findall(rf'<rect class="{css}" x="[\d.]+" y="\d+" width="([\d.]+)" height="34"', svg)]


def test_segments_are_in_proportion_and_link_to_their_lists() -> None:
    svg = str(
        stacked_bars(
            "定级",
            SERIES,
            [Bar("2020年", {"advanced": 3, "weak": 1}, {"weak": "/console/branches?year=2020&grade=weak"})],
        )
    )
    advanced, weak = _widths(svg, "grade-advanced"), _widths(svg, "grade-weak")
    assert len(advanced) == len(weak) == 1
    assert abs(advanced[0] - 3 * weak[0]) < 0.2
    assert '<a href="/console/branches?year=2020&amp;grade=weak"' in svg
    assert "2020年 软弱涣散：1个，占25.0%" in svg
    assert svg.startswith('<svg class="chart" role="img"')


def test_a_year_without_grades_says_so_and_names_are_escaped() -> None:
    svg = str(stacked_bars("<定级>", SERIES, [Bar("2021年", {})]))
    assert "无数据" in svg
    assert "&lt;定级&gt;" in svg


def test_shares_have_one_decimal_and_survive_an_empty_total() -> None:
    assert share(1, 3) == "33.3%"
    assert share(0, 0) == "0.0%"
