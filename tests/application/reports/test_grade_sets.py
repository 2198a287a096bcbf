"""Reports over rounds of different grade sets, worked out by hand: the hand-worked district's 2019 and 2020 rounds
give the default three grades, its 2021 round four (优秀, 良好, 一般, 软弱涣散); each year is totalled and labelled
by its own round's grades, and a movement compares each year's grade within its own set."""

from __future__ import annotations

from datetime import date

import pytest

from application.projections.runner import ViewRunner
from application.register import Register
from application.reports.service import build_report
from domain.errors import RuleViolation
from tests.application.reports import scenario
from tests.conftest import ASSESSOR

ON = date(2022, 3, 1)
FOUR = [
    {"code": "excellent", "label": "优秀", "min_score": 95},
    {"code": "good", "label": "良好", "min_score": 85},
    {"code": "average", "label": "一般", "min_score": 70},
    {"code": "weak", "label": "软弱涣散", "min_score": 0},
]
HELPED = {"helper": "王建国", "helper_role": "leader", "plan": "整顿方案"}


@pytest.fixture
def district(register: Register) -> scenario.District:
    d = scenario.build(register)
    register.open_round(ASSESSOR, 2021, {"grades": FOUR, "advanced_max_percent": 10, "weak_min_percent": 20})
    for name, score in [("b1", 50), ("b2", 96), ("b3", 72), ("b5", 75), ("b6", 86)]:
        register.review_branch(ASSESSOR, d.branches[name], 2021, score, [], date(2022, 1, 10), "考核组", "述职评议")
        register.grade_branch(ASSESSOR, d.branches[name], 2021)
    return d


def _names(rows: list[dict[str, str]]) -> list[str]:
    return [row["name"] for row in rows]


def test_a_year_is_totalled_and_labelled_by_its_own_rounds_grades(
    register: Register, district: scenario.District
) -> None:
    runner = ViewRunner(register)
    report = build_report(register, runner, "classification", 2021, on=ON)
    assert report["labels"] == {g["code"]: g["label"] for g in FOUR}
    assert report["totals"] == {"excellent": 1, "good": 1, "average": 2, "weak": 1, "ungraded": 0, "total": 5}
    assert report["shares"]["average"] == 0.4
    assert [(w["grade"], w["rule"]) for w in report["quota_warnings"]] == [("excellent", "quota.advanced_over")]
    assert _names(report["weak"]) == _names(report["escalated"]) == ["b1"]
    movements = report["movements"]
    assert _names(movements["upgraded"]) == ["b2"]
    assert _names(movements["unchanged"]) == ["b1", "b3"]
    assert _names(movements["downgraded"]) == ["b5"]
    assert _names(movements["weak_two_years"]) == ["b1"]
    earlier = build_report(register, runner, "classification", 2020, on=ON)
    assert earlier["labels"] == {"advanced": "先进", "average": "一般", "weak": "软弱涣散"}
    assert set(earlier["totals"]) == {"advanced", "average", "weak", "ungraded", "total"}


def test_the_publicity_list_orders_and_totals_by_the_rounds_grades(
    register: Register, district: scenario.District
) -> None:
    register.start_publicity(ASSESSOR, 2021, date(2022, 1, 17))
    notice = build_report(register, ViewRunner(register), "publicity-notice", 2021, on=ON)
    assert [(o["name"], o["grade"]) for o in notice["organizations"]] == [
        ("b2", "excellent"),
        ("b6", "good"),
        ("b3", "average"),
        ("b5", "average"),
        ("b1", "weak"),
    ]
    assert notice["totals"] == {"excellent": 1, "good": 1, "average": 2, "weak": 1, "total": 5}
    assert list(notice["labels"].values()) == ["优秀", "良好", "一般", "软弱涣散"]


def test_a_round_closes_only_when_every_organization_of_its_bottom_grade_is_rectified(register: Register) -> None:
    two = [{"code": "pass", "label": "合格", "min_score": 60}, {"code": "fail", "label": "不合格", "min_score": 0}]
    d = scenario.build(register)
    register.open_round(ASSESSOR, 2021, {"grades": two})
    register.review_branch(ASSESSOR, d.branches["b2"], 2021, 40, [], date(2022, 1, 10), "考核组", "述职评议")
    register.grade_branch(ASSESSOR, d.branches["b2"], 2021)
    register.start_publicity(ASSESSOR, 2021, date(2022, 1, 17))
    assert register.weak_without_rectification(2021) == [d.branches["b2"]]
    with pytest.raises(RuleViolation) as refused:
        register.close_round(ASSESSOR, 2021, date(2022, 2, 1))
    assert refused.value.rule == "grading_round.weak_without_rectification"
    register.open_rectification(ASSESSOR, d.branches["b2"], 2021, "重建班子", None, date(2022, 1, 20), **HELPED)
    register.close_round(ASSESSOR, 2021, date(2022, 2, 1))
    assert register.get_round(2021).is_closed
