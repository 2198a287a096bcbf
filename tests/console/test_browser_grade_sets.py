"""A round with its own grade set in a real browser (Debian's chromium, driven by Playwright, against a real
`ficledger serve`): the grade form offers the round's four grades by their Chinese labels, the grade given reads by
its label on the record, and the branches list's grade filter and the classification report's chart follow the
round's grades."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from application.projections.runner import ViewRunner
from application.register import Register
from tests.conftest import ASSESSOR
from tests.console.test_browser import DESKTOP, Visit, _visit, browser, chromium, serving  # noqa: F401
from tests.factories import branch, member

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
FOUR = [
    {"code": "excellent", "label": "优秀", "min_score": 95},
    {"code": "good", "label": "良好", "min_score": 85},
    {"code": "average", "label": "一般", "min_score": 70},
    {"code": "weak", "label": "软弱涣散", "min_score": 0},
]


def _four_grade_round(url: str) -> str:
    """A store holding one organization reviewed (90) for 2020, whose round gives four grades; its id."""
    register = Register({"FICLEDGER_DATABASE_URL": url})
    try:
        ident = branch(register, [member(register, 1)], founded_on=date(2018, 1, 1))
        register.open_round(ASSESSOR, 2020, {"grades": FOUR})
        register.review_branch(ASSESSOR, ident, 2020, 90, [], date(2021, 1, 10), "考核组", "述职评议")
        ViewRunner(register).catch_up()
        return str(ident)
    finally:
        register.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A real ``ficledger serve`` on that store, and the organization's id."""
    directory = tmp_path_factory.mktemp("console-grade-sets")
    url = f"sqlite:///{directory}/district.sqlite3"
    ident = _four_grade_round(url)
    with serving(directory, url) as address:
        yield address, ident


@pytest.fixture
def visit(browser: Any, server: tuple[str, str], request: pytest.FixtureRequest) -> Iterator[Visit]:  # noqa: F811
    yield from _visit(browser, server, request, DESKTOP)  # type: ignore[arg-type]


def _options(visit: Visit, field: str) -> list[str]:
    """The texts of the options of the select named ``field``."""
    return [t.strip() for t in visit.page.locator(f"select[name={field}] option").all_inner_texts()]


def test_the_grade_form_of_a_four_grade_round_offers_its_four_labels(visit: Visit) -> None:
    ident = str(visit.district)
    visit.sign_in("assessor")
    visit.go(f"/console/branches/{ident}/grade")
    assert _options(visit, "grade") == ["按评分确定", "优秀", "良好", "一般", "软弱涣散"]
    visit.page.locator("select[name=grade]").select_option(label="良好")
    visit.page.get_by_role("button", name="提交").click()
    assert "已记录：分类定级" in visit.text()
    row = visit.page.locator("section.panel:has(h2:text('分类定级')) tbody tr").first.inner_text()
    assert row.startswith("2020年\t良好\t良好")
    visit.page.get_by_role("link", name="更正等次").click()
    assert _options(visit, "grade")[1:] == ["优秀", "良好", "一般", "软弱涣散"]

    visit.go("/console/branches?year=2020")
    assert _options(visit, "grade")[1:] == ["优秀", "良好", "一般", "软弱涣散", "未定级"]
    visit.page.locator("select[name=grade]").select_option(label="良好")
    visit.page.get_by_role("button", name="查询").click()
    assert "2020年 良好" in visit.text()

    visit.go("/console/reports/classification?year=2020")
    legend = visit.page.locator("svg.chart text.legend").all_text_contents()
    assert legend == ["优秀", "良好", "一般", "软弱涣散", "未定级"]
    counted = visit.page.locator("section.report-table:has(h2:text('等次分布')) tbody tr").all_inner_texts()
    assert [row.split("\t")[1] for row in counted] == ["优秀", "良好", "一般", "软弱涣散", "未定级"]
