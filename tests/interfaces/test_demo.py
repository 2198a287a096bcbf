"""The demo district: `ficledger demo` loads it once and serves it; it has what a real district's register has, with
the spreads and special cases the reports are about; the same seed gives the same log."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from application.context import meta_of
from application.projections.runner import ViewRunner
from application.register import Register
from application.reports.service import build_report
from domain.branch import PartyBranch
from domain.chamber import Chamber
from domain.credit_code import is_valid
from domain.grading_round import GradingRound, round_id
from domain.member import Member
from domain.values import DEFAULT_MINIMUMS, KeyFocusCriterion
from interfaces.api.auth import ROLES, ApiKeys
from interfaces.cli import cli
from interfaces.demo import names
from interfaces.demo.district import DEMO, DistrictConflict, Size, build_district, is_loaded

runner = CliRunner()
SMALL = Size(streets=3, chambers=5, members=60, branches=30, first_year=2019, last_year=2021)
CLOSED_YEARS = DEMO.years[:-1]
UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ANY_UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")


@dataclass
class Demo:
    """The demo district as `ficledger demo` loaded it, and what the command printed and served."""

    url: str
    output: str
    served: list[tuple[Any, ...]]
    register: Register
    members: list[Member]
    chambers: list[Chamber]
    branches: list[PartyBranch]
    events: list[Any]

    def of_type(self, cls: type) -> list[Any]:
        return [e for e in self.events if isinstance(e, cls)]


def _aggregates(register: Register, created: type) -> list[Any]:
    return [register.repository.get(e.originator_id) for e in _events(register) if isinstance(e, created)]


def _events(register: Register) -> list[Any]:
    mapper = register.mapper
    return [mapper.to_domain_event(n) for n in register.recorder.select_notifications(1, 10**7)]


def _invoke(monkeypatch: pytest.MonkeyPatch, url: str, *args: str, keys: str | None = None) -> tuple[Result, list]:
    served: list[tuple[Any, ...]] = []
    monkeypatch.setenv("FICLEDGER_DATABASE_URL", url)
    if keys is None:
        monkeypatch.delenv("FICLEDGER_API_KEYS", raising=False)
    else:
        monkeypatch.setenv("FICLEDGER_API_KEYS", keys)
    monkeypatch.setattr("interfaces.api.server.serve", lambda *a: served.append(a))
    return runner.invoke(cli, ["demo", *args]), served


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo')}/demo.sqlite3"
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("PORT", "8123")
        result, served = _invoke(monkeypatch, url)
    assert result.exit_code == 0, result.output
    register = Register({"FICLEDGER_DATABASE_URL": url})
    events = _events(register)
    yield Demo(
        url,
        result.output,
        served,
        register,
        _aggregates(register, Member.Joined),
        _aggregates(register, Chamber.Established),
        _aggregates(register, PartyBranch.Founded),
        events,
    )
    register.close()
    for args in served:
        args[0].close()


def test_demo_loads_the_district_prints_how_to_use_it_and_serves_it(demo: Demo) -> None:
    assert "Loaded the demo district" in demo.output
    assert "http://127.0.0.1:8123/docs" in demo.output
    [(register, keys, host, port)] = demo.served
    assert isinstance(register, Register)
    assert register.database_url == demo.url
    assert (host, port) == ("127.0.0.1", 8123)
    assert sorted(k.role for k in keys.keys) == sorted(ROLES)
    assert len({k.token for k in keys.keys}) == len(ROLES)
    for key in keys.keys:
        assert len(key.token) >= 24
        assert key.token in demo.output
    assert "curl -H 'Authorization: Bearer " in demo.output


def test_running_demo_again_adds_nothing(demo: Demo, monkeypatch: pytest.MonkeyPatch) -> None:
    before = demo.register.recorder.max_notification_id()
    result, served = _invoke(monkeypatch, demo.url, "--load-only")
    assert result.exit_code == 0, result.output
    assert "already" in result.output
    assert served == []
    assert demo.register.recorder.max_notification_id() == before
    assert build_district(demo.register).loaded is False
    assert demo.register.recorder.max_notification_id() == before


def test_demo_uses_configured_keys_and_the_port_given(demo: Demo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "8123")
    text = "reader:office-reader:reader-token-123,admin:office-admin:admin-token-456"
    result, [(register, keys, host, port)] = _invoke(
        monkeypatch, demo.url, "--host", "0.0.0.0", "--port", "9001", keys=text
    )
    register.close()
    assert result.exit_code == 0, result.output
    assert (host, port) == ("0.0.0.0", 9001)
    assert keys.as_text() == ApiKeys.parse(text).as_text()
    assert "http://127.0.0.1:9001/docs" in result.output
    assert "reader-token-123" in result.output
    assert "admin-token-456" in result.output


def test_members_are_realistic_enterprises_with_valid_credit_codes(demo: Demo) -> None:
    members = demo.members
    assert len(members) == DEMO.members
    assert all(is_valid(m.credit_code) for m in members)
    assert {m.credit_code[2:8] for m in members} <= set(names.REGION_CYCLE)
    assert len({m.credit_code for m in members}) == len({m.name for m in members}) == DEMO.members
    assert all("深圳" in m.name and m.name.endswith("有限公司") for m in members)
    assert len({m.industry for m in members}) >= 8
    streets = Counter(m.street for m in members)
    assert set(streets) <= set(names.STREETS)
    assert len(streets) >= 3
    assert sum(1 for m in members if m.chamber_ids) >= 50
    focus = [m for m in members if m.key_focus]
    assert len(focus) >= 5
    criteria = {c for m in focus for c in m.key_focus_criteria}
    assert "party_members" in criteria
    assert criteria <= {c.value for c in KeyFocusCriterion}
    statuses = Counter(m.status for m in members)
    assert statuses["suspended"] >= 1
    assert statuses["left"] >= 1
    assert demo.of_type(Member.Rejoined)
    assert demo.of_type(Member.Reinstated)
    assert demo.of_type(Member.ProfileAmended)
    assert demo.of_type(Member.KeyFocusRevoked)
    reported = [m.party_members["count"] for m in members if m.party_members]
    assert min(reported) <= 2 < max(reported)


def test_chambers_of_every_kind_in_every_state(demo: Demo) -> None:
    chambers = demo.chambers
    assert len(chambers) >= 5
    kinds = Counter(c.kind for c in chambers)
    assert set(kinds) == {"street", "industry", "hometown"}
    assert kinds["street"] >= 3
    assert 0 < sum(1 for c in chambers if c.certificate_no) < len(chambers)
    assert 0 < sum(1 for c in chambers if c.fic_plaque_on) < len(chambers)
    assert all(c.terms for c in chambers)
    assert any(len(c.terms) >= 2 for c in chambers)
    overdue = [c for c in chambers if c.is_overdue_for_renewal(DEMO.stands_on)]
    assert len(overdue) == 1
    assert overdue[0].terms[-1]["ends_on"] > date(DEMO.first_year, 1, 1)
    assert any(c.four_good for c in chambers)
    assert any(c.demonstration_site_years for c in chambers)
    street_chambers = {c.id for c in chambers if c.kind == "street"}
    assert any(b.kind == "joint_committee" and b.host_chamber_id in street_chambers for b in demo.branches)


def test_party_organizations_of_every_kind_under_both_managing_units(demo: Demo) -> None:
    branches = demo.branches
    assert len(branches) == DEMO.branches
    kinds = Counter(b.kind for b in branches)
    assert kinds["joint_branch"] >= 10
    assert kinds["general_branch"] >= 1
    assert kinds["committee"] >= 1
    assert all(len(b.host_member_ids) >= 2 for b in branches if b.kind == "joint_branch")
    assert all(b.party_member_count >= 3 for b in branches)
    founded = {e.originator_id: e for e in demo.of_type(PartyBranch.Founded)}
    units = {founded[b.id].managing_unit for b in branches}
    assert "区非公党委" in units
    assert any(u == f"{s}党工委" for u in units for s in names.STREETS)
    assert {founded[b.id].management_basis for b in branches} == {"territorial", "industry"}
    handed_down = [
        b
        for b in branches
        if founded[b.id].managing_unit == "区非公党委"
        and b.transfers
        and b.transfers[0]["managing_unit"].endswith("党工委")
    ]
    assert len(handed_down) >= 3
    assert Counter(b.status for b in branches)["active"] >= DEMO.branches - 3


def test_organizational_life_has_a_realistic_compliance_spread(demo: Demo) -> None:
    year = str(DEMO.years[-2])
    compliance = [
        sum(min(b.organizational_life.get(year, {}).get(a, 0) / m, 1) for a, m in DEFAULT_MINIMUMS.items()) / 5
        for b in demo.branches
        if b.founded_on < date(int(year), 1, 1) and b.is_active
    ]
    assert sum(c == 1 for c in compliance) >= len(compliance) // 5
    assert sum(c >= 0.8 for c in compliance) >= len(compliance) * 0.7
    assert 0 < sum(c < 0.5 for c in compliance) <= len(compliance) * 0.1


def test_grades_spread_like_a_district_with_overrides_vetoes_and_corrections(demo: Demo) -> None:
    for year in DEMO.years:
        grades = Counter(b.grade_for(year) for b in demo.branches if b.grade_for(year))
        total = sum(grades.values())
        assert grades["average"] > total / 2, (year, grades)
        assert grades["advanced"] >= total * 0.1, (year, grades)
        assert 1 <= grades["weak"] <= total * 0.1, (year, grades)
    records = [g for b in demo.branches for g in b.grades.values()]
    assert all(
        g["override_reason"] for g in records if g["grade"] != g["basis"]["mapped_grade"] and not g["corrections"]
    )
    assert any(g["override_reason"] for g in records)
    assert any(g["basis"]["veto_findings"] for g in records)
    years = {round_id(y): y for y in DEMO.years}
    closed = {years[e.originator_id]: n for n, e in enumerate(demo.events) if isinstance(e, GradingRound.Closed)}
    corrections = [(n, e) for n, e in enumerate(demo.events) if isinstance(e, PartyBranch.GradeCorrected)]
    assert any(e.year in closed and n > closed[e.year] for n, e in corrections)


def test_rounds_objections_and_rectifications(demo: Demo) -> None:
    rounds = {y: demo.register.get_round(y) for y in DEMO.years}
    assert [rounds[y].status for y in DEMO.years] == ["closed"] * len(CLOSED_YEARS) + ["publicity"]
    for year in CLOSED_YEARS:
        assert rounds[year].objections
        assert all(o["resolution"] for o in rounds[year].objections.values())
    assert rounds[DEMO.last_year].unresolved_objections()
    weak = {(b.id, y) for b in demo.branches for y in DEMO.years if b.grade_for(y) == "weak" and b.is_active}
    assert all(demo.register.get_branch(i).rectification_for(y) for i, y in weak)
    rectifications = [r for b in demo.branches for r in b.rectifications]
    assert sum(1 for r in rectifications if r["closed_on"]) >= 10
    overdue = [r for r in rectifications if r["closed_on"] is None and r["due_on"] < DEMO.stands_on]
    assert len(overdue) == 1


def test_every_event_names_a_member_of_staff_a_request_and_a_reason(demo: Demo) -> None:
    staff = {"registrar": set(names.REGISTRARS), "assessor": set(names.ASSESSORS)}
    requests: dict[str, list[int]] = {}
    for n, event in enumerate(demo.events):
        meta = meta_of(event)
        assert meta["actor"]["name"] in staff[meta["actor"]["role"]]
        assert UUID_TEXT.fullmatch(meta["request_id"])
        assert meta["reason"]
        requests.setdefault(meta["request_id"], []).append(n)
    assert all(p[-1] - p[0] == len(p) - 1 for p in requests.values()), "one request id per transaction"
    assert len(requests) > 2000


def test_reports_show_the_special_cases(demo: Demo) -> None:
    views = ViewRunner(demo.register)
    views.catch_up()
    on = DEMO.stands_on
    chambers = build_report(demo.register, views, "chambers", on=on)
    assert len(chambers["overdue_for_renewal"]) == 1
    assert chambers["joint_party_committees"]
    classification = build_report(demo.register, views, "classification", DEMO.last_year - 1, on=on)
    assert classification["status"] == "final"
    assert "overdue" in {w["rectification"] for w in classification["weak"]}
    assert build_report(demo.register, views, "classification", DEMO.last_year, on=on)["status"] == "provisional"
    coverage = build_report(demo.register, views, "coverage", on=on)
    assert coverage["joint_branch"] > 0
    assert coverage["three_or_more_party_members_without_own_branch"]


def _canonical(register: Register) -> list[tuple[str, str]]:
    """The log without recorded times, with each id replaced by the order it first appears in."""
    ids: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        return ids.setdefault(match.group(0).replace("-", ""), f"id{len(ids)}")

    log = []
    for n in register.recorder.select_notifications(1, 10**7):
        state = re.sub(r'"timestamp":\{[^}]*\}|"timestamp":"[^"]*"', "", n.state.decode())
        log.append((n.topic, ANY_UUID.sub(rename, f"{n.originator_id} {n.originator_version} {state}")))
    return log


def test_same_seed_same_log(tmp_path_factory: pytest.TempPathFactory) -> None:
    logs = []
    for seed in (7, 7, 8):
        register = Register({"FICLEDGER_DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('seed')}/d.sqlite3"})
        summary = build_district(register, seed, SMALL)
        assert summary.loaded
        assert summary.events == register.recorder.max_notification_id()
        logs.append(_canonical(register))
        register.close()
    assert len(logs[0]) > 1000
    assert logs[0] == logs[1]
    assert logs[0] != logs[2]


def test_a_store_with_other_records_is_refused(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    build_district(register, 1, SMALL)
    before = register.recorder.max_notification_id()
    with pytest.raises(DistrictConflict):
        build_district(register, 2, SMALL)
    assert register.recorder.max_notification_id() == before
    register.close()
    result, served = _invoke(monkeypatch, sqlite_url, "--load-only")
    assert result.exit_code == 2
    assert "not the complete demo district" in result.output
    assert served == []


def test_an_interrupted_load_is_refused_not_continued(sqlite_url: str) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    recorded = 0

    def interrupt(count: int) -> None:
        nonlocal recorded
        recorded += count
        if recorded > 500:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_district(register, 3, SMALL, interrupt)
    before = register.recorder.max_notification_id()
    with pytest.raises(DistrictConflict):
        is_loaded(register, 3, SMALL)
    with pytest.raises(DistrictConflict):
        build_district(register, 3, SMALL)
    assert register.recorder.max_notification_id() == before
    register.close()


@pytest.mark.parametrize(
    "wrong",
    [
        {"streets": 0},
        {"streets": len(names.STREETS) + 1},
        {"chambers": 0},
        {"branches": 301},
        {"first_year": 2022},
        {"life_density": 0},
    ],
)
def test_sizes_that_make_no_district_are_refused(wrong: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=next(iter(wrong))):
        Size(**wrong)


@pytest.mark.postgres
def test_small_district_on_postgres(postgres_url: str) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": postgres_url})
    summary = build_district(register, 5, SMALL)
    assert summary.events == register.recorder.max_notification_id()
    assert len(summary.members) == SMALL.members
    assert len(summary.branches) == SMALL.branches
    assert [register.get_round(y).status for y in SMALL.years] == ["closed", "closed", "publicity"]
    assert is_loaded(register, 5, SMALL)
    assert build_district(register, 5, SMALL).loaded is False
    assert summary.events == register.recorder.max_notification_id()
    register.close()
