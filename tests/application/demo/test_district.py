"""The demo district's generator: a district with what a real register has, the spreads and special cases the
reports are about, standing on the day it is asked for; recorded through the Register's commands alone."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest

from application.context import meta_of
from application.demo import names
from application.demo.district import DEMO, DistrictConflict, Receipt, Size, build_district, is_loaded
from application.projections.runner import ViewRunner
from application.register import Register
from application.reports.service import build_report
from application.working_calendar import StateCouncilCalendar
from domain.branch import PartyBranch
from domain.chamber import Chamber
from domain.credit_code import is_valid
from domain.grading_round import GradingRound, round_id
from domain.member import Member
from domain.values import DEFAULT_MINIMUMS, KeyFocusCriterion

IN_PUBLICITY = date(2026, 2, 12)
YEARS = list(range(2022, 2026))
SMALL = Size(streets=3, chambers=5, members=60, branches=30, years=3)
UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ANY_UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")
HAPPENED_ON = ("joined_on", "held_on", "on", "founded_on", "established_on", "reviewed_on", "starts_on")


@dataclass
class Loaded:
    """A district as the generator loaded it, read back from the store."""

    register: Register
    members: list[Member]
    chambers: list[Chamber]
    branches: list[PartyBranch]
    events: list[Any]

    def of_type(self, cls: type) -> list[Any]:
        return [e for e in self.events if isinstance(e, cls)]


def _events(register: Register) -> list[Any]:
    return [register.mapper.to_domain_event(n) for n in register.recorder.select_notifications(1, 10**7)]


def _read(register: Register) -> Loaded:
    events = _events(register)

    def made(cls: type) -> list[Any]:
        return [register.repository.get(e.originator_id) for e in events if isinstance(e, cls)]

    return Loaded(register, made(Member.Joined), made(Chamber.Established), made(PartyBranch.Founded), events)


def _last_day(events: list[Any]) -> date:
    """The last day on which something recorded happened (not a due date or the end of a term)."""
    return max(getattr(e, f) for e in events for f in HAPPENED_ON if isinstance(getattr(e, f, None), date))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    register = Register({"FICLEDGER_DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('demo')}/d.sqlite3"})
    summary = build_district(register, 2020, DEMO, until=IN_PUBLICITY)
    assert summary.events == register.recorder.max_notification_id()
    yield _read(register)
    register.close()


def test_members_are_realistic_enterprises_with_valid_credit_codes(demo: Loaded) -> None:
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
    reported = [m.party_members for m in members if m.party_members]
    assert min(r["full_members"] for r in reported) <= 2 < max(r["full_members"] for r in reported)
    assert any(r["full_members"] < 3 <= r["full_members"] + r["probationary_members"] for r in reported)


def test_chambers_of_every_kind_in_every_state(demo: Loaded) -> None:
    chambers = demo.chambers
    assert len(chambers) >= 5
    kinds = Counter(c.kind for c in chambers)
    assert set(kinds) == {"street", "industry", "hometown"}
    assert kinds["street"] >= 3
    assert 0 < sum(1 for c in chambers if c.certificate_no) < len(chambers)
    assert 0 < sum(1 for c in chambers if c.fic_plaque_on) < len(chambers)
    assert all(c.terms for c in chambers)
    assert any(len(c.terms) >= 2 for c in chambers)
    overdue = [c for c in chambers if c.is_overdue_for_renewal(IN_PUBLICITY)]
    assert len(overdue) == 1
    assert overdue[0].terms[-1]["ends_on"] > date(YEARS[0], 1, 1)
    assert any(c.four_good for c in chambers)
    titles = [t for c in chambers for t in c.four_good]
    assert any(t["until_year"] < IN_PUBLICITY.year for t in titles), "a lapsed title"
    assert any(c.titles_in_force(IN_PUBLICITY) for c in chambers)
    postponed = [t for c in chambers for t in c.terms if t["postponed_to"]]
    assert len(postponed) == 1
    assert postponed[0]["approved_by"] == "区工商联"
    assert any(c.demonstration_site_years for c in chambers)
    street_chambers = {c.id for c in chambers if c.kind == "street"}
    assert any(b.kind == "joint_committee" and b.host_chamber_id in street_chambers for b in demo.branches)


def test_party_organizations_of_every_kind_under_both_managing_units(demo: Loaded) -> None:
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
        and b.transfers[0].managing_unit.endswith("党工委")
    ]
    assert len(handed_down) >= 3
    assert Counter(b.status for b in branches)["active"] >= DEMO.branches - 3


def _compliance(branch: PartyBranch, year: int) -> float:
    """The share of the year's minimums that apply to the organization, each counted up to its minimum."""
    held = branch.organizational_life.get(year, {})
    applying = {a: m for a, m in DEFAULT_MINIMUMS.items() if branch.requires(a, year)}
    return sum(min(held.get(a, 0) / m, 1) for a, m in applying.items()) / len(applying)


def test_organizational_life_has_a_realistic_compliance_spread(demo: Loaded) -> None:
    year = YEARS[-2]
    compliance = [_compliance(b, year) for b in demo.branches if b.founded_on < date(year, 1, 1) and b.is_active]
    assert sum(c == 1 for c in compliance) >= len(compliance) // 5
    assert sum(c >= 0.8 for c in compliance) >= len(compliance) * 0.7
    assert 0 < sum(c < 0.5 for c in compliance) <= len(compliance) * 0.1


def test_committees_groups_and_the_meetings_that_go_with_them(demo: Loaded) -> None:
    branches = [b for b in demo.branches if b.is_active]
    with_committee = [b for b in branches if b.has_committee]
    assert 0 < len(with_committee) < len(branches)
    founded = [e for e in demo.of_type(PartyBranch.Founded) if e.kind in ("branch", "joint_branch")]
    assert all(e.full_members >= 7 for e in founded if e.has_committee)
    assert any(not e.has_committee and e.full_members >= 7 for e in founded)
    assert 0 < sum(1 for b in branches if b.has_party_groups) < len(with_committee)
    assert len(demo.of_type(PartyBranch.StructureRecorded)) >= 3
    assert any(b.probationary_members for b in branches)
    year = YEARS[-2]
    assert all(
        not b.organizational_life.get(year, {}).get("committee_meeting") for b in branches if not b.has_committee
    )
    assert all(not b.organizational_life.get(year, {}).get("group_meeting") for b in branches if not b.has_party_groups)
    held = Counter(a for b in branches for a, n in b.organizational_life.get(year, {}).items() for _ in range(n))
    assert held["life_meeting"] >= len(branches) * 0.8
    assert held["member_appraisal"] >= len(branches) * 0.8


def test_lectures_of_the_last_graded_year_say_whether_the_secretary_gave_them(demo: Loaded) -> None:
    said = [e for e in demo.of_type(PartyBranch.OrganizationalLifeRecorded) if e.by_secretary is not None]
    assert {e.activity for e in said} == {"lecture"}
    assert min(e.held_on.year for e in said) == YEARS[-1]
    assert all(
        e.by_secretary is None
        for e in demo.of_type(PartyBranch.OrganizationalLifeRecorded)
        if e.held_on.year < YEARS[-1]
    )
    speakers = [b.lecture_speakers[YEARS[-1]] for b in demo.branches if YEARS[-1] in b.lecture_speakers]
    assert sum(1 for s in speakers if s.secretary == 1) >= len(speakers) * 0.8
    assert any(s.secretary == 0 and s.other > 0 for s in speakers)


def test_elections_with_one_postponement_and_one_overdue(demo: Loaded) -> None:
    elections = demo.of_type(PartyBranch.ElectionHeld)
    assert len(elections) >= DEMO.branches
    postponed = [b for b in demo.branches if any(t.postponed_to for t in b.terms)]
    assert len(postponed) == 1
    term = next(t for t in postponed[0].terms if t.postponed_to)
    assert term.ends_on < term.postponed_to <= term.ends_on.replace(year=term.ends_on.year + 1)
    assert term.approved_by == postponed[0].managing_unit or term.approved_by
    overdue = [b for b in demo.branches if b.is_overdue_for_election(IN_PUBLICITY)]
    assert len(overdue) == 1
    assert date(YEARS[0], 1, 1) < overdue[0].current_term.due_by < IN_PUBLICITY
    assert all(t.ends_on - t.starts_on < timedelta(days=5 * 366) for b in demo.branches for t in b.terms)


def test_organizational_life_of_the_current_year_runs_to_the_last_month_end(demo: Loaded) -> None:
    held = [e.held_on for e in demo.of_type(PartyBranch.OrganizationalLifeRecorded)]
    assert date(2026, 1, 1) <= max(held) <= date(2026, 1, 31)
    assert sum(1 for on in held if on.year == 2026) >= DEMO.branches


def test_grades_spread_like_a_district_with_overrides_vetoes_and_corrections(demo: Loaded) -> None:
    for year in YEARS:
        grades = Counter(b.grade_for(year) for b in demo.branches if b.grade_for(year))
        total = sum(grades.values())
        assert grades["average"] > total / 2, (year, grades)
        assert grades["advanced"] >= total * 0.1, (year, grades)
        assert 1 <= grades["weak"] <= total * 0.1, (year, grades)
    records = [g for b in demo.branches for g in b.grades.values()]
    assert all(g.override_reason for g in records if g.grade != g.basis["mapped_grade"] and not g.corrections)
    assert any(g.override_reason for g in records)
    assert any(g.basis["veto_findings"] for g in records)
    years = {round_id(y): y for y in YEARS}
    closed = {years[e.originator_id]: n for n, e in enumerate(demo.events) if isinstance(e, GradingRound.Closed)}
    corrections = [(n, e) for n, e in enumerate(demo.events) if isinstance(e, PartyBranch.GradeCorrected)]
    assert any(e.year in closed and n > closed[e.year] for n, e in corrections)


def test_a_correction_of_each_kind_and_a_revoked_title(demo: Loaded) -> None:
    kinds = (
        PartyBranch.ReviewCorrected,
        PartyBranch.MeetingVoided,
        PartyBranch.Renamed,
        Member.JoinedOnCorrected,
        Chamber.FourGoodRevoked,
        Chamber.Renamed,
        Chamber.EstablishedOnCorrected,
        PartyBranch.FoundedOnCorrected,
        PartyBranch.RectificationDaysCorrected,
    )
    made = Counter(type(e) for e in demo.events if isinstance(e, kinds))
    assert set(made) == set(kinds), made
    renamed = next(e for e in demo.events if isinstance(e, PartyBranch.Renamed))
    assert demo.register.get_branch(renamed.originator_id).name == renamed.to_name == f"中共{renamed.from_name}"
    joined = next(e for e in demo.events if isinstance(e, Member.JoinedOnCorrected))
    assert demo.register.get_member(joined.originator_id).joined_on == joined.to_joined_on < joined.from_joined_on
    chamber = next(e for e in demo.events if isinstance(e, Chamber.Renamed))
    assert demo.register.get_chamber(chamber.originator_id).name == chamber.to_name == f"深圳市{chamber.from_name}"
    assert demo.register.chamber_named(chamber.from_name) is None
    established = next(e for e in demo.events if isinstance(e, Chamber.EstablishedOnCorrected))
    assert (
        demo.register.get_chamber(established.originator_id).established_on == established.to_on < established.from_on
    )
    founded = next(e for e in demo.events if isinstance(e, PartyBranch.FoundedOnCorrected))
    assert demo.register.get_branch(founded.originator_id).founded_on == founded.to_on < founded.from_on
    due = next(e for e in demo.events if isinstance(e, PartyBranch.RectificationDaysCorrected))
    rectification = demo.register.get_branch(due.originator_id).rectification_for(due.year)
    assert rectification is not None
    assert rectification.due_on == due.to_due_on > due.from_due_on
    moved = [e for e in demo.of_type(PartyBranch.ReviewCorrected) if e.to_reviewed_on is not None]
    assert moved
    review = demo.register.get_branch(moved[0].originator_id).reviews[moved[0].year]
    assert review.reviewed_on == moved[0].to_reviewed_on < moved[0].from_reviewed_on


def test_rounds_objections_and_rectifications(demo: Loaded) -> None:
    rounds = {y: demo.register.get_round(y) for y in YEARS}
    assert [rounds[y].status for y in YEARS] == ["closed"] * (len(YEARS) - 1) + ["publicity"]
    for year in YEARS[:-1]:
        assert rounds[year].objections
        assert all(o["resolution"] for o in rounds[year].objections.values())
    assert rounds[YEARS[-1]].unresolved_objections()
    weak = {(b.id, y) for b in demo.branches for y in YEARS if b.grade_for(y) == "weak" and b.is_active}
    assert all(demo.register.get_branch(i).rectification_for(y) for i, y in weak)
    rectifications = [r for b in demo.branches for r in b.rectifications]
    assert sum(1 for r in rectifications if r.is_closed) >= 10
    overdue = [r for r in rectifications if not r.is_closed and r.due_on < IN_PUBLICITY]
    assert len(overdue) == 1


def test_every_event_names_a_member_of_staff_a_request_and_a_reason(demo: Loaded) -> None:
    staff = {"registrar": set(names.REGISTRARS), "assessor": set(names.ASSESSORS)}
    requests: dict[str, list[int]] = {}
    for n, event in enumerate(demo.events):
        meta = meta_of(event)
        assert meta["actor"]["name"] in staff[meta["actor"]["role"]]
        assert UUID_TEXT.fullmatch(meta["request_id"])
        assert meta["reason"]
        requests.setdefault(meta["request_id"], []).append(n)
    assert all(p[-1] - p[0] == len(p) - 1 for p in requests.values()), "a request's events lie together"
    assert len(requests) > 15_000


def test_reports_show_the_special_cases(demo: Loaded) -> None:
    views = ViewRunner(demo.register)
    views.catch_up()
    chambers = build_report(demo.register, views, "chambers", on=IN_PUBLICITY)
    assert len(chambers["overdue_for_renewal"]) == 1
    assert chambers["joint_party_committees"]
    classification = build_report(demo.register, views, "classification", YEARS[-2], on=IN_PUBLICITY)
    assert classification["status"] == "final"
    assert "overdue" in {w["rectification"] for w in classification["weak"]}
    assert build_report(demo.register, views, "classification", YEARS[-1], on=IN_PUBLICITY)["status"] == "provisional"
    life = build_report(demo.register, views, "organizational-life", YEARS[-1], on=IN_PUBLICITY)
    assert len(life["overdue_for_election"]) == 1
    compliance = {a["compliance"] for row in life["rows"] for a in row["activities"].values()}
    assert compliance == {"met", "short", "not_applicable"}
    coverage = build_report(demo.register, views, "coverage", on=IN_PUBLICITY)
    assert coverage["joint_branch"] > 0
    assert 0 < coverage["outside_san_you"]["members"] < coverage["san_you_members"]
    assert coverage["outside_san_you"]["not_recorded"] == 0
    assert coverage["three_or_more_party_members_without_own_branch"]


@pytest.mark.parametrize(
    ("until", "last_round"),
    [
        (date(2026, 1, 3), None),
        (date(2026, 1, 10), "open"),
        (IN_PUBLICITY, "publicity"),
        (date(2026, 11, 25), "closed"),
    ],
)
def test_the_district_stands_on_the_day_asked_and_its_last_round_has_come_as_far_as_that_day(
    sqlite_url: str, until: date, last_round: str | None
) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    summary = build_district(register, 4, SMALL, until=until)
    loaded = _read(register)
    assert summary.receipt.stands_on == until
    assert until - timedelta(days=40) <= _last_day(loaded.events) <= until
    assert [register.get_round(y).status for y in (2023, 2024)] == ["closed", "closed"]
    assert (register.get_round(2025).status if register.exists(round_id(2025)) else None) == last_round
    assert not register.exists(round_id(2026))
    assert len([c for c in loaded.chambers if c.is_overdue_for_renewal(until)]) == 1
    assert len([b for b in loaded.branches if b.is_overdue_for_election(until)]) == 1
    open_past_due = [r for b in loaded.branches for r in b.rectifications if not r.is_closed and r.due_on < until]
    assert len(open_past_due) == 1
    register.close()


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


def test_same_seed_and_day_same_log(tmp_path_factory: pytest.TempPathFactory) -> None:
    logs = []
    for seed, until in ((7, IN_PUBLICITY), (7, IN_PUBLICITY), (8, IN_PUBLICITY), (7, date(2026, 3, 1))):
        register = Register({"FICLEDGER_DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('seed')}/d.sqlite3"})
        summary = build_district(register, seed, SMALL, until=until)
        assert summary.loaded
        assert summary.events == register.recorder.max_notification_id()
        logs.append(_canonical(register))
        register.close()
    assert len(logs[0]) > 1000
    assert logs[0] == logs[1]
    assert logs[0] != logs[2]
    assert logs[3] != logs[0]


def test_the_receipt_marks_the_load_and_the_store_that_holds_it(sqlite_url: str, fresh_store: Any) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    receipt = build_district(register, 1, SMALL, until=IN_PUBLICITY).receipt
    before = register.recorder.max_notification_id()
    assert receipt.position == before
    assert Receipt.from_dict(receipt.as_dict()) == receipt
    assert build_district(register, 1, SMALL, until=IN_PUBLICITY, receipt=receipt).loaded is False
    assert build_district(register, 1, SMALL, receipt=receipt).loaded is False
    with pytest.raises(DistrictConflict, match="seed 1, not of seed 2"):
        build_district(register, 2, SMALL, receipt=receipt)
    with pytest.raises(DistrictConflict, match="not the complete demo district of seed 1"):
        build_district(register, 1, SMALL)
    assert register.recorder.max_notification_id() == before
    register.close()
    other = Register({"FICLEDGER_DATABASE_URL": fresh_store("sqlite")})
    member = build_district(other, 1, SMALL, until=date(2026, 1, 10)).members[0]
    with pytest.raises(DistrictConflict):
        is_loaded(other, 1, receipt)
    assert other.get_member(member).status
    other.close()


def test_an_interrupted_load_is_refused_not_continued(sqlite_url: str) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    recorded = 0

    def interrupt(count: int) -> None:
        nonlocal recorded
        recorded += count
        if recorded > 500:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_district(register, 3, SMALL, until=IN_PUBLICITY, progress=interrupt)
    before = register.recorder.max_notification_id()
    assert before
    with pytest.raises(DistrictConflict):
        is_loaded(register, 3, None)
    with pytest.raises(DistrictConflict):
        build_district(register, 3, SMALL, until=IN_PUBLICITY)
    assert register.recorder.max_notification_id() == before
    register.close()


@pytest.mark.parametrize(
    "wrong",
    [
        {"streets": 0},
        {"streets": len(names.STREETS) + 1},
        {"chambers": 0},
        {"branches": 301},
        {"years": 0},
        {"life_density": 0},
    ],
)
def test_sizes_that_make_no_district_are_refused(wrong: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=next(iter(wrong))):
        Size(**wrong)


@pytest.mark.postgres
def test_small_district_on_postgres(postgres_url: str) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": postgres_url})
    summary = build_district(register, 5, SMALL, until=IN_PUBLICITY)
    assert summary.events == register.recorder.max_notification_id()
    assert len(summary.members) == SMALL.members
    assert len(summary.branches) == SMALL.branches
    assert [register.get_round(y).status for y in (2023, 2024, 2025)] == ["closed", "closed", "publicity"]
    assert is_loaded(register, 5, summary.receipt)
    assert build_district(register, 5, SMALL, receipt=summary.receipt).loaded is False
    assert summary.events == register.recorder.max_notification_id()
    register.close()


def test_the_progress_reported_counts_every_event_stored(sqlite_url: str) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    reported: list[int] = []
    summary = build_district(register, 5, SMALL, until=IN_PUBLICITY, progress=reported.append)
    assert sum(reported) == summary.events == register.recorder.max_notification_id()
    register.close()


class _CalendarUpTo(StateCouncilCalendar):
    """The official calendar as a release that has the State Council's notices up to ``last`` knows it."""

    def __init__(self, last: int) -> None:
        super().__init__()
        self.years = range(self.years.start, last + 1)


def test_a_round_waits_for_its_publicity_while_the_calendar_does_not_know_its_year(sqlite_url: str) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    register.working_calendar = _CalendarUpTo(2025)
    build_district(register, 4, SMALL, until=date(2026, 3, 20))
    assert [register.get_round(y).status for y in (2023, 2024)] == ["closed", "closed"]
    waiting = register.get_round(2025)
    assert (waiting.status, waiting.publicity) == ("open", None)
    assert not register.exists(round_id(2026))
    register.close()
