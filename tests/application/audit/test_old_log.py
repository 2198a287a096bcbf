"""A log written by an earlier release keeps importing, verifying and replaying in every later release.

``tests/fixtures/log-release-0.1.0.jsonl`` is what ``ficledger export`` of release 0.1.0 wrote for a small demo
district (seed 2020) topped up through the Register's commands until it held every event type of that release:
37 types, 374 events. The file is never regenerated; a later change of an event's shape is an upcast that keeps
this test green.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest

from application.audit.transfer import import_log
from application.audit.verify import verify
from application.projections.runner import ViewRunner
from application.register import Register
from application.reports.service import build_report
from domain.member import member_id
from tests.factories import credit_code

FIXTURE = Path(__file__).parents[2] / "fixtures" / "log-release-0.1.0.jsonl"


def _records() -> list[dict]:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[1:-1]]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def imported(request: pytest.FixtureRequest, fresh_store: Callable[[str], str]) -> Iterator[Register]:
    register = Register({"FICLEDGER_DATABASE_URL": fresh_store(request.param)})
    try:
        import_log(register, FIXTURE)
        yield register
    finally:
        register.close()


def test_the_fixture_holds_every_event_type_of_its_release() -> None:
    records = _records()
    assert len(records) == 374
    assert len({record["topic"] for record in records}) == 37


def test_the_old_log_imports_and_verifies_with_its_own_head(imported: Register) -> None:
    trailer = json.loads(FIXTURE.read_text(encoding="utf-8").splitlines()[-1])["trailer"]
    result = verify(imported)
    assert result.ok
    assert result.checked == trailer["count"]
    assert result.head == trailer["head"]


def test_every_aggregate_replays_to_its_last_version(imported: Register) -> None:
    versions = Counter(record["originator_id"] for record in _records())
    for ident, count in versions.items():
        aggregate = imported.repository.get(UUID(ident))
        assert aggregate.version == count


def test_the_replayed_states_hold_the_facts_recorded(imported: Register) -> None:
    suspended_then_reinstated = imported.get_member(member_id(credit_code(9002)))
    assert suspended_then_reinstated.status == "active"
    left_its_chamber = imported.get_member(member_id(credit_code(9001)))
    assert left_its_chamber.chamber_ids == []
    assert not left_its_chamber.key_focus_criteria
    by_topic: dict[str, list[dict]] = {}
    for record in _records():
        by_topic.setdefault(record["topic"].rsplit(":", 1)[-1], []).append(record)
    merged = imported.get_branch(UUID(by_topic["PartyBranch.MergedInto"][0]["originator_id"]))
    assert merged.status == "merged"
    dissolved = imported.get_chamber(UUID(by_topic["Chamber.Dissolved"][0]["originator_id"]))
    assert dissolved.dissolved_on is not None
    closed = imported.get_branch(UUID(by_topic["PartyBranch.RectificationClosed"][0]["originator_id"]))
    assert closed.rectifications[-1]["closed_on"] == date(2022, 1, 10)


def test_old_counts_read_as_full_members_with_probationary_unknown(imported: Register) -> None:
    """Release 0.1.0 recorded one Party member count: it reads as full members, probationary unknown; an
    organization's committee and groups as not recorded, its term as the default from its founding."""
    stored = {}
    for record in _records():
        if record["topic"].endswith(("PartyBranch.Founded", "PartyBranch.PartyMemberCountReported")):
            stored[record["originator_id"]] = json.loads(record["state"])
    assert stored
    for ident, state in stored.items():
        branch = imported.get_branch(UUID(ident))
        assert branch.full_members == state.get("count", state.get("party_member_count"))
        assert branch.probationary_members is None
        assert branch.structures[0].has_committee is None
        assert branch.has_committee is (branch.kind not in ("branch", "joint_branch") or branch.full_members >= 7)
        years = 5 if branch.kind in ("committee", "joint_committee") else 3
        first = branch.terms[0]
        assert (first.starts_on, first.postponed_to) == (branch.founded_on, None)
        assert first.ends_on + timedelta(days=1) == branch.founded_on.replace(year=branch.founded_on.year + years)
    reported = [r for r in _records() if r["topic"].endswith("Member.PartyMembersReported")]
    last = {r["originator_id"]: json.loads(r["state"]) for r in reported}
    for ident, state in last.items():
        member = imported.get_member(UUID(ident))
        if member.party_members is not None:
            assert member.party_members["full_members"] == state["count"]
            assert member.party_members["probationary_members"] is None


def test_old_chamber_facts_read_with_a_period_and_members_without_a_mark(imported: Register) -> None:
    """Release 0.1.0 awarded a Four Good title for one year: it reads as a title for that year and the next; a
    registration names no charter term (the default five years applies), no term is postponed, and no member has a
    "三有" mark (so it stands apart from the coverage denominator)."""
    records = _records()
    awarded = [r for r in records if r["topic"].endswith("Chamber.FourGoodAwarded")]
    assert awarded
    for record in awarded:
        year = json.loads(record["state"])["year"]
        chamber = imported.get_chamber(UUID(record["originator_id"]))
        assert [(t["year"], t["until_year"], t["revoked_on"]) for t in chamber.four_good] == [(year, year + 1, None)]
    for record in records:
        if record["topic"].endswith("Chamber.Established"):
            chamber = imported.get_chamber(UUID(record["originator_id"]))
            assert chamber.charter_term_years is None
            assert all(t["postponed_to"] is None for t in chamber.terms)
        if record["topic"].endswith("Member.Joined"):
            assert imported.get_member(UUID(record["originator_id"])).san_you is None
    coverage = build_report(imported, ViewRunner(imported), "coverage")
    assert coverage["san_you_members"] == 0
    assert coverage["outside_san_you"]["not_recorded"] == coverage["members"]


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("classification", 2019),
        ("classification", 2020),
        ("classification", 2021),
        ("coverage", None),
        ("chambers", None),
        ("organizational-life", 2020),
        ("key-focus", None),
    ],
)
def test_every_report_replays_from_the_old_log(imported: Register, name: str, year: int | None) -> None:
    runner = ViewRunner(imported)
    report = build_report(imported, runner, name, year)
    assert report["position"] == 374
    assert report["fingerprint"].startswith("sha256:")
    if name == "classification":
        totals = report["totals"]
        assert totals["total"] == totals["advanced"] + totals["average"] + totals["weak"] + totals["ungraded"]
        assert totals["total"] > 0


@pytest.mark.parametrize("name", ["classification", "coverage", "chambers", "organizational-life", "key-focus"])
def test_an_as_of_report_at_the_end_of_the_log_is_the_live_report(imported: Register, name: str) -> None:
    runner = ViewRunner(imported)
    try:
        for year in (2019, 2020, 2021) if name in ("classification", "organizational-life") else (None,):
            live = build_report(imported, runner, name, year)
            then = build_report(imported, runner, name, year, as_of=datetime.now(UTC), on=date.today())
            stamps = ("as_of", "position", "chain_head", "fingerprint")
            assert {k: v for k, v in then.items() if k not in stamps} == {
                k: v for k, v in live.items() if k not in stamps
            }, f"{name} {year}"
    finally:
        runner.close()
