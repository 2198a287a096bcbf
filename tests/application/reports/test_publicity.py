"""The publicity list of a round (公示名单), worked out by hand over the report tests' district: the organizations
graded in the year with their grades as they stand, best first, the period of publicity, and no person."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from application.errors import NotFound, RuleViolation
from application.projections.runner import ViewRunner
from application.register import Register
from application.reports.service import build_report
from tests.application.reports import scenario
from tests.conftest import ASSESSOR, REGISTRAR

ON = date(2021, 12, 1)


@pytest.fixture
def district(register: Register) -> scenario.District:
    return scenario.build(register)


def notice(register: Register, year: int, **kw: Any) -> dict[str, Any]:
    return build_report(register, ViewRunner(register), "publicity-notice", year, on=ON, **kw)


def _listed(document: dict[str, Any]) -> list[tuple[str, str]]:
    return [(o["name"], o["grade"]) for o in document["organizations"]]


def test_the_list_holds_every_graded_organization_best_grade_first(
    register: Register, district: scenario.District
) -> None:
    document = notice(register, 2020)
    assert _listed(document) == [("b5", "advanced"), ("b2", "average"), ("b3", "average"), ("b1", "weak")]
    assert document["organizations"][0] == {
        "branch_id": str(district.branches["b5"]),
        "name": "b5",
        "kind": "general_branch",
        "street": scenario.B,
        "grade": "advanced",
    }
    assert document["totals"] == {"advanced": 1, "average": 2, "weak": 1, "total": 4}
    publicity = register.get_round(2020).publicity
    assert publicity is not None
    assert document["publicity"] == {k: v.isoformat() for k, v in publicity.items()}
    assert document["round"] == "closed"
    classification = build_report(register, ViewRunner(register), "classification", 2020, on=ON)["totals"]
    assert document["totals"]["total"] == classification["total"] - classification["ungraded"]


def test_a_corrected_grade_is_listed_as_corrected_and_as_of_before_as_it_was(
    register: Register, district: scenario.District
) -> None:
    assert _listed(notice(register, 2019)) == [
        ("b1", "advanced"),
        ("b2", "advanced"),
        ("b4", "average"),
        ("b6", "average"),
        ("b3", "weak"),
    ]
    before = notice(register, 2019, as_of=district.before_correction)
    assert ("b2", "average") in _listed(before)


def test_the_list_names_no_person(register: Register, district: scenario.District) -> None:
    register.review_branch(ASSESSOR, district.branches["b6"], 2020, 91, [], date(2021, 1, 12), "王立新", "补评")
    text = str(notice(register, 2020))
    for person in ("王立新", "考核组", ASSESSOR.actor_name, REGISTRAR.actor_name, "分数偏低", "述职评议"):
        assert person not in text


def test_a_round_never_opened_has_no_list_and_one_not_in_publicity_breaks_a_rule(
    register: Register, district: scenario.District
) -> None:
    with pytest.raises(NotFound, match="no grading round 2021"):
        notice(register, 2021)
    register.open_round(ASSESSOR, 2021)
    with pytest.raises(RuleViolation) as refused:
        notice(register, 2021)
    assert refused.value.rule == "grading_round.publicity_not_started"
    register.start_publicity(ASSESSOR, 2021, date(2022, 1, 17))
    document = notice(register, 2021)
    assert (document["round"], document["organizations"]) == ("publicity", [])
