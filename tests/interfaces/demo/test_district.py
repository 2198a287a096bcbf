"""The demo district: the minimums of a realistic district, loaded once, the same for the same seed."""

from __future__ import annotations

from collections import Counter

import pytest

from application.register import Register
from domain.credit_code import is_valid
from interfaces.demo.district import DEMO, Size, build_district

SMALL = Size(streets=3, chambers=5, members=60, branches=30, first_year=2019, last_year=2021)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Register:
    register = Register({"FICLEDGER_DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('demo')}/demo.sqlite3"})
    build_district(register)
    return register


def _branches(register: Register) -> list:
    ids = {n.originator_id for n in register.recorder.select_notifications(1, 10**6) if n.topic.endswith("Founded")}
    return [register.get_branch(i) for i in ids]


def _members(register: Register) -> list:
    ids = {n.originator_id for n in register.recorder.select_notifications(1, 10**6) if n.topic.endswith("Joined")}
    return [register.get_member(i) for i in ids]


def test_demo_has_the_size_of_a_district(demo: Register) -> None:
    members = _members(demo)
    assert len(members) == DEMO.members
    assert all(is_valid(m.credit_code) for m in members)
    assert len({m.street for m in members}) >= 3
    assert Counter(m.status for m in members)["left"] >= 1
    assert sum(m.key_focus for m in members) >= 5
    branches = _branches(demo)
    assert len(branches) == DEMO.branches
    kinds = Counter(b.kind for b in branches)
    assert kinds["joint_branch"] >= 10
    assert kinds["joint_committee"] >= 1
    assert all(len(b.host_member_ids) >= 2 for b in branches if b.kind == "joint_branch")
    assert any(b.transfers for b in branches)
    assert {b.managing_unit for b in branches} >= {"区非公党委"}


def test_demo_grading_years_have_a_realistic_spread(demo: Register) -> None:
    branches = _branches(demo)
    for year in range(2018, 2022):
        grades = Counter(b.grade_for(year) for b in branches if b.grade_for(year))
        assert grades["average"] > grades["advanced"] > 0, (year, grades)
        assert 0 < grades["weak"] < grades["advanced"], (year, grades)
    records = [g for b in branches for g in b.grades.values()]
    assert any(g["override_reason"] for g in records)
    assert any(g["corrections"] for g in records)
    assert any(g["basis"]["veto_findings"] for g in records)
    assert any(b.organizational_life for b in branches)
    rectifications = [r for b in branches for r in b.rectifications]
    assert any(r["closed_on"] for r in rectifications)
    assert any(r["closed_on"] is None for r in rectifications)
    assert [demo.get_round(y).status for y in range(2018, 2022)] == ["closed", "closed", "closed", "publicity"]
    assert any(r["resolution"] for r in demo.get_round(2019).objections.values())


def test_loading_twice_adds_nothing(demo: Register) -> None:
    before = demo.recorder.max_notification_id()
    assert build_district(demo).loaded is False
    assert demo.recorder.max_notification_id() == before


def test_same_seed_same_district(sqlite_url: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    other_url = f"sqlite:///{tmp_path_factory.mktemp('again')}/demo.sqlite3"
    states = []
    for url in (sqlite_url, other_url):
        register = Register({"FICLEDGER_DATABASE_URL": url})
        build_district(register, seed=7, size=SMALL)
        states.append(sorted((m.credit_code, m.name, m.status, m.street) for m in _members(register)))
        register.close()
    assert states[0] == states[1]


@pytest.mark.postgres
def test_small_district_on_postgres(postgres_url: str) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": postgres_url})
    summary = build_district(register, seed=3, size=SMALL)
    assert summary.events == register.recorder.max_notification_id()
    assert len(_branches(register)) == SMALL.branches
    register.close()
