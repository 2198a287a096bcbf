"""The annual classification report, worked out by hand over two grading years (see scenario.py)."""

from __future__ import annotations

from datetime import date

import pytest

from application.projections.runner import ViewRunner
from application.register import Register
from application.reports.service import UnknownReport, build_report
from tests.application.reports import scenario
from tests.application.reports.scenario import DISTRICT, NANSHAN, YUEHAI, A, B
from tests.conftest import ASSESSOR
from tests.factories import branch, member

ON = date(2021, 12, 1)
HELPED = {"helper": "王建国", "helper_role": "leader", "plan": "整顿方案"}


@pytest.fixture
def district(register: Register) -> tuple[Register, ViewRunner, scenario.District]:
    d = scenario.build(register)
    return register, ViewRunner(register), d


def _figures(advanced: int = 0, average: int = 0, weak: int = 0, ungraded: int = 0) -> dict[str, int]:
    return {
        "advanced": advanced,
        "average": average,
        "weak": weak,
        "ungraded": ungraded,
        "total": advanced + average + weak + ungraded,
    }


def test_2020_totals_units_streets_kinds(district: tuple[Register, ViewRunner, scenario.District]) -> None:
    app, runner, _ = district
    report = build_report(app, runner, "classification", 2020, on=ON)
    assert report["status"] == "final"
    assert report["totals"] == _figures(advanced=1, average=2, weak=1, ungraded=1)
    assert report["shares"]["average"] == 0.4
    assert report["by_managing_unit"] == [
        {"managing_unit": DISTRICT, **_figures(advanced=1, weak=1, ungraded=1)},
        {"managing_unit": NANSHAN, **_figures(average=1)},
        {"managing_unit": YUEHAI, **_figures(average=1)},
    ]
    assert report["by_street"] == [
        {"street": A, **_figures(average=1, weak=1, ungraded=1)},
        {"street": B, **_figures(advanced=1, average=1)},
    ]
    assert report["by_kind"] == [
        {"kind": "branch", **_figures(average=1, weak=1, ungraded=1)},
        {"kind": "general_branch", **_figures(advanced=1)},
        {"kind": "joint_branch", **_figures(average=1)},
    ]


def test_2020_movements_weak_list_and_overrides(district: tuple[Register, ViewRunner, scenario.District]) -> None:
    app, runner, d = district
    b = {k: str(v) for k, v in d.branches.items()}
    report = build_report(app, runner, "classification", 2020, on=ON)
    assert report["movements"] == {
        "upgraded": [{"id": b["b3"], "name": "b3"}],
        "downgraded": [{"id": b["b1"], "name": "b1"}, {"id": b["b2"], "name": "b2"}],
        "unchanged": [],
        "weak_two_years": [],
    }
    assert report["weak"] == [
        {
            "branch_id": b["b1"],
            "name": "b1",
            "managing_unit": DISTRICT,
            "street": A,
            "rectification": "overdue",
            "escalated": False,
            "rectification_of": HELPED,
            "acceptance": None,
        }
    ]
    assert report["escalated"] == []
    assert report["overrides"] == [
        {
            "branch_id": b["b5"],
            "name": "b5",
            "grade": "advanced",
            "mapped_grade": "average",
            "override_reason": "新建即规范",
        }
    ]
    assert report["corrections"] == []
    earlier = build_report(app, runner, "classification", 2020, on=date(2021, 3, 1))
    assert earlier["weak"][0]["rectification"] == "open"


def test_2019_counts_the_corrected_grade_and_the_units_then(
    district: tuple[Register, ViewRunner, scenario.District],
) -> None:
    app, runner, d = district
    b = {k: str(v) for k, v in d.branches.items()}
    report = build_report(app, runner, "classification", 2019, on=ON)
    assert report["totals"] == _figures(advanced=2, average=2, weak=1)
    assert report["by_managing_unit"] == [
        {"managing_unit": DISTRICT, **_figures(advanced=2, average=2)},
        {"managing_unit": YUEHAI, **_figures(weak=1)},
    ]
    assert report["corrections"] == [
        {"branch_id": b["b2"], "name": "b2", "from_grade": "average", "to_grade": "advanced", "reason": "复核加分"}
    ]
    assert report["weak"][0]["rectification"] == "closed"
    assert report["movements"] == {"upgraded": [], "downgraded": [], "unchanged": [], "weak_two_years": []}


def test_the_weak_list_names_the_helper_plan_and_acceptance(
    district: tuple[Register, ViewRunner, scenario.District],
) -> None:
    app, runner, _ = district
    (b3,) = build_report(app, runner, "classification", 2019, on=ON)["weak"]
    assert b3["rectification_of"] == HELPED
    assert b3["acceptance"] == {
        "on": "2020-06-15",
        "outcome": "rectified",
        "accepting_unit": YUEHAI,
        "accepted_by": "赵立新",
    }


def test_weak_two_years_running_is_listed_as_escalated(
    district: tuple[Register, ViewRunner, scenario.District],
) -> None:
    app, runner, d = district
    b1 = d.branches["b1"]
    app.close_rectification(ASSESSOR, b1, date(2021, 6, 1), "not_rectified", accepted_by="赵立新")
    app.open_round(ASSESSOR, 2021)
    app.review_branch(ASSESSOR, b1, 2021, 50, [], date(2022, 1, 10), "考核组", "述职评议")
    app.grade_branch(ASSESSOR, b1, 2021)
    report = build_report(app, runner, "classification", 2021, on=date(2022, 3, 1))
    assert [(w["name"], w["escalated"], w["rectification"]) for w in report["escalated"]] == [("b1", True, "none")]
    assert report["movements"]["weak_two_years"] == [{"id": str(b1), "name": "b1"}]
    assert build_report(app, runner, "classification", 2020, on=ON)["escalated"] == []


def test_a_year_without_a_round_is_provisional_and_ungraded(
    district: tuple[Register, ViewRunner, scenario.District],
) -> None:
    app, runner, _ = district
    report = build_report(app, runner, "classification", 2021, on=ON)
    assert report["status"] == "provisional"
    assert report["round"] == "not_opened"
    assert report["totals"] == _figures(ungraded=5)


def test_as_of_reproduces_the_report_before_the_correction(
    district: tuple[Register, ViewRunner, scenario.District],
) -> None:
    app, runner, d = district
    assert d.before_correction is not None
    then = build_report(app, runner, "classification", 2019, as_of=d.before_correction)
    assert then["corrections"] == []
    assert then["totals"] == _figures(advanced=1, average=3, weak=1)
    assert then["position"] < app.recorder.max_notification_id()
    assert then["chain_head"] == app.chain_head_at(then["position"])
    again = build_report(app, runner, "classification", 2019, as_of=d.before_correction)
    assert again["fingerprint"] == then["fingerprint"]
    app.correct_grade(scenario.ASSESSOR, d.branches["b6"], 2019, "weak", "later correction")
    after_more = build_report(app, runner, "classification", 2019, as_of=d.before_correction)
    assert after_more == then


def test_reports_carry_position_chain_head_and_a_fingerprint(
    district: tuple[Register, ViewRunner, scenario.District],
) -> None:
    app, runner, _ = district
    report = build_report(app, runner, "classification", 2020, on=ON)
    head = app.recorder.max_notification_id()
    assert report["position"] == head
    assert report["chain_head"] == app.chain_head_at(head)
    assert report["fingerprint"].startswith("sha256:")
    assert build_report(app, runner, "classification", 2020, on=ON)["fingerprint"] == report["fingerprint"]
    assert (
        build_report(app, runner, "classification", 2020, on=date(2021, 1, 1))["fingerprint"] != report["fingerprint"]
    )


def test_unknown_report_names_are_refused(district: tuple[Register, ViewRunner, scenario.District]) -> None:
    app, runner, _ = district
    with pytest.raises(UnknownReport):
        build_report(app, runner, "balance-sheet")
    with pytest.raises(UnknownReport):
        build_report(app, runner, "classification")


def test_quota_warnings_follow_the_rounds_policy(register: Register) -> None:
    """2020's grades (advanced 1, average 2, weak 1 of 4 graded) break no quota of a round without quotas; a
    round whose policy caps advanced at 20 % and asks weak of at least 30 % warns of the first only."""
    scenario.build(register)
    runner = ViewRunner(register)
    assert build_report(register, runner, "classification", 2020, on=date(2021, 12, 1))["quota_warnings"] == []
    register.open_round(ASSESSOR, 2021, {"advanced_max_percent": 20, "weak_min_percent": 25})
    hosts = [member(register, n, joined_on=date(2015, 1, 1)) for n in (31, 32, 33, 34)]
    for n, (host, score) in enumerate(zip(hosts, (95, 92, 80, 60), strict=True)):
        ident = branch(register, [host], founded_on=date(2020, 1, 1), name=f"q{n}")
        register.review_branch(ASSESSOR, ident, 2021, score, [], date(2022, 1, 10), "考核组", "")
        register.grade_branch(ASSESSOR, ident, 2021)
    report = build_report(register, runner, "classification", 2021, on=date(2022, 2, 1))
    assert report["totals"]["advanced"] == 2
    assert [(w["rule"], w["count"], w["graded"], w["share"]) for w in report["quota_warnings"]] == [
        ("quota.advanced_over", 2, 4, 0.5)
    ]
