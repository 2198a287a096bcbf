"""Each rule a report applies gives the verdict its aggregate and the aggregate's state give, on both stores.

A report reads view documents and an aggregate reads its events, but both ask the same function of the domain, so
what the chambers report calls overdue is what ``GET /v1/chambers/{id}`` calls overdue, and so on for every rule.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

import pytest

from application.projections.runner import ViewRunner
from application.register import Register
from application.reports.service import build_report
from application.state import branch_state, chamber_state, round_state
from domain.values import GradeStanding, add_years
from tests.application.reports import scenario
from tests.conftest import ASSESSOR, REGISTRAR
from tests.factories import branch, member


@pytest.fixture
def runner(register: Register) -> ViewRunner:
    return ViewRunner(register)


def report(register: Register, runner: ViewRunner, name: str, year: int | None = None, **kw: Any) -> dict[str, Any]:
    return build_report(register, runner, name, year, **kw)


@pytest.mark.parametrize(
    "established_on",
    [date(2015, 1, 28), date(2015, 1, 29), date(2015, 1, 30), date(2015, 1, 31), date(2016, 2, 29)],
)
def test_a_chamber_without_a_term_is_overdue_in_the_report_when_its_state_says_so(
    register: Register, runner: ViewRunner, established_on: date
) -> None:
    ident = register.establish_chamber(REGISTRAR, "区商会", "industry", "南山街道", established_on).aggregate.id
    due = add_years(established_on, 5)
    for on in (due - timedelta(days=2), due - timedelta(days=1), due, due + timedelta(days=1)):
        state = chamber_state(register.get_chamber(ident), on)
        document = report(register, runner, "chambers", on=on)
        assert document["chambers"][0]["overdue_for_renewal"] is state["overdue_for_renewal"] is (on > due), on
        listed = [row["chamber_id"] for row in document["overdue_for_renewal"]]
        assert listed == ([str(ident)] if on > due else []), on


def test_a_renewed_chamber_is_overdue_after_its_term_in_both(register: Register, runner: ViewRunner) -> None:
    ident = register.establish_chamber(REGISTRAR, "区商会", "industry", "南山街道", date(2015, 1, 31)).aggregate.id
    register.renew_chamber_term(REGISTRAR, ident, 1, date(2015, 1, 31), date(2020, 1, 30), "王建国")
    for on in (date(2020, 1, 30), date(2020, 1, 31)):
        state = chamber_state(register.get_chamber(ident), on)
        row = report(register, runner, "chambers", on=on)["chambers"][0]
        assert row["overdue_for_renewal"] is state["overdue_for_renewal"] is (on == date(2020, 1, 31))


@pytest.fixture
def district(register: Register) -> scenario.District:
    return scenario.build(register)


def test_movements_are_the_aggregates(register: Register, runner: ViewRunner, district: scenario.District) -> None:
    movements = report(register, runner, "classification", 2020, on=date(2021, 12, 1))["movements"]
    for ident in district.branches.values():
        movement = register.get_branch(ident).movement(2020)
        listed = [
            name
            for name, named in movements.items()
            if name != "weak_two_years" and str(ident) in {n["id"] for n in named}
        ]
        assert listed == ([movement.value] if movement else [])


@pytest.mark.parametrize("on", [date(2021, 6, 30), date(2021, 7, 1)])
def test_a_rectification_is_overdue_in_the_report_when_the_aggregate_says_so(
    register: Register, runner: ViewRunner, district: scenario.District, on: date
) -> None:
    weak = report(register, runner, "classification", 2020, on=on)["weak"]
    assert weak
    for row in weak:
        assert row["rectification"] == register.get_branch(UUID(row["branch_id"])).rectification_status(2020, on)
    assert weak[0]["rectification"] == ("open" if on == date(2021, 6, 30) else "overdue")


def test_the_round_and_the_grades_standing_are_the_rounds(
    register: Register, runner: ViewRunner, district: scenario.District
) -> None:
    register.open_round(ASSESSOR, 2021)
    register.open_round(ASSESSOR, 2022)
    register.start_publicity(ASSESSOR, 2022, date(2023, 1, 16))
    b1 = register.get_branch(district.branches["b1"])
    for year, status in [(2020, "closed"), (2021, "open"), (2022, "publicity")]:
        document = report(register, runner, "classification", year, on=date(2023, 2, 1))
        rnd = register.get_round(year)
        assert document["round"] == round_state(rnd)["status"] == status
        assert document["status"] == rnd.standing
    assert branch_state(b1, register.final_years([2019, 2020]))["grades"]["2020"]["final"] is (
        register.get_round(2020).standing == GradeStanding.FINAL
    )
    unopened = report(register, runner, "classification", 2023, on=date(2023, 2, 1))
    assert (unopened["round"], unopened["status"]) == ("not_opened", "provisional")


def test_a_branch_stands_in_the_reports_when_the_aggregate_says_it_stood(
    register: Register, runner: ViewRunner, district: scenario.District
) -> None:
    host = member(register, 20)
    register.record_san_you(REGISTRAR, host, True, 20, True, date(2019, 3, 1))
    ident = branch(register, [host], founded_on=date(2019, 3, 1), name="年初撤销")
    register.dissolve_branch(REGISTRAR, ident, date(2021, 1, 1), "企业注销")
    ended = register.get_branch(ident)
    totals = report(register, runner, "classification", 2020, on=date(2021, 12, 1))["totals"]
    assert ended.stood_on(date(2020, 12, 31))
    assert (totals["ungraded"], totals["total"]) == (1 + 1, 5 + 1)
    for year in (2020, 2021):
        rows = {r["branch_id"] for r in report(register, runner, "organizational-life", year)["rows"]}
        assert (str(ident) in rows) is ended.stood_on(date(year, 1, 1), date(year, 12, 31)) is (year == 2020)
    for on in (date(2020, 12, 31), date(2021, 1, 1)):
        uncovered = {m["id"] for m in report(register, runner, "coverage", on=on)["without_organization"]}
        assert (str(host) not in uncovered) is ended.stood_on(on) is (on.year == 2020)


def test_coverage_is_what_the_hosts_organizations_give(
    register: Register, runner: ViewRunner, district: scenario.District
) -> None:
    on = date(2021, 12, 1)
    document = report(register, runner, "coverage", on=on)
    branches = [register.get_branch(b) for b in district.branches.values()]
    for ident in district.members.values():
        given = {b.coverage for b in branches if ident in b.host_member_ids and b.stood_on(on)}
        expected = "own_organization" if "own_organization" in given else "joint_branch" if given else "none"
        assert (str(ident) in {m["id"] for m in document["without_organization"]}) is (expected == "none")
    assert (document["own_organization"], document["joint_branch"], document["none"]) == (4, 2, 2)


@pytest.mark.parametrize(("full", "probationary"), [(2, None), (3, None), (2, 6), (3, 0)])
def test_an_enterprise_needs_its_own_organization_in_the_report_when_the_member_says_so(
    register: Register, runner: ViewRunner, full: int, probationary: int | None
) -> None:
    ident = member(register, 1)
    register.member_report_party_members(REGISTRAR, ident, full, date(2020, 5, 1), probationary)
    listed = report(register, runner, "coverage", on=date(2021, 1, 1))["three_or_more_party_members_without_own_branch"]
    assert bool(listed) is register.get_member(ident).calls_for_own_organization is (full == 3)
    if listed:
        assert (listed[0]["full_members"], listed[0]["probationary_members"]) == (full, probationary)


def test_organizational_life_complies_in_the_report_when_the_aggregate_says_so(
    register: Register, runner: ViewRunner, district: scenario.District
) -> None:
    register.open_round(ASSESSOR, 2021, {"minimums": dict.fromkeys(["general_meeting", "committee_meeting"], 0)})
    policy = register.get_round(2021).grading_policy
    register.record_organizational_life(REGISTRAR, district.branches["b1"], "lecture", date(2021, 3, 1), 9)
    register.report_party_members(REGISTRAR, district.branches["b2"], 8, date(2021, 2, 1))
    register.record_structure(REGISTRAR, district.branches["b2"], True, True, date(2021, 3, 1))
    register.record_election(REGISTRAR, district.branches["b3"], date(2021, 4, 1))
    document = report(register, runner, "organizational-life", 2021, on=date(2022, 1, 1))
    assert document["minimums"] == policy.minimums
    for row in document["rows"]:
        aggregate = register.get_branch(UUID(row["branch_id"]))
        assert row["compliant"] is aggregate.complies_with(policy, 2021)
        held = aggregate.organizational_life.get(2021, {})
        assert {a: v["compliance"] for a, v in row["activities"].items()} == {
            a: policy.compliance(a, held.get(a, 0), aggregate.requires(a, 2021)) for a in policy.minimums
        }
        assert row["overdue_for_election"] is aggregate.is_overdue_for_election(date(2021, 12, 31))
