"""The views: exactly once from the log, resumable after an interruption, equal to a rebuild, equal across stores."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from eventsourcing.persistence import IntegrityError, Tracking

from application.audit.transfer import export_log, import_log
from application.projections.runner import ViewRunner
from application.projections.views import APPLICATION
from application.register import Register
from application.reports.service import REPORTS, build_report
from tests.application.reports import scenario
from tests.conftest import REGISTRAR
from tests.factories import member

ON = date(2021, 12, 1)


def _all(runner: ViewRunner) -> dict[str, list]:
    return {kind: runner.view.all(kind) for kind in ("member", "chamber", "branch", "round")}


def test_an_interrupted_view_resumes_and_equals_a_rebuild(register: Register) -> None:
    scenario.build(register)
    first = ViewRunner(register, batch=7)
    first.step()
    first.step()
    assert first.view.position() == 14
    resumed = ViewRunner(register, batch=7)
    resumed.catch_up()
    assert resumed.view.position() == register.recorder.max_notification_id()
    incremental = _all(resumed)
    resumed.rebuild()
    assert _all(resumed) == incremental
    assert resumed.view.position() == register.recorder.max_notification_id()


def test_a_batch_is_never_applied_twice(register: Register) -> None:
    member(register, 1)
    runner = ViewRunner(register)
    runner.catch_up()
    document = runner.view.all("member")[0]
    replayed = {document["id"]: {**document, "version": 99, "name": "applied twice"}}
    with pytest.raises(IntegrityError):
        runner.view.save(replayed, Tracking(APPLICATION, runner.view.position()))
    assert runner.view.all("member") == [document]


def test_reads_wait_for_acknowledged_writes(register: Register) -> None:
    runner = ViewRunner(register)
    ident = member(register, 1)
    register.suspend_member(REGISTRAR, ident, "x")
    assert runner.wait_for(register.recorder.max_notification_id())
    assert runner.view.page("member", {"status": "suspended"}, None, 10)[0]["id"] == str(ident)


def test_a_passive_runner_waits_for_the_worker(register: Register) -> None:
    member(register, 1)
    passive = ViewRunner(register, active=False)
    assert passive.wait_for(register.recorder.max_notification_id(), timeout=0.2) is False
    ViewRunner(register).catch_up()
    assert passive.wait_for(register.recorder.max_notification_id(), timeout=0.2) is True


def test_paging_is_complete_and_without_duplicates(register: Register) -> None:
    ids = {str(member(register, n, street="南山街道" if n % 2 else "粤海街道")) for n in range(1, 24)}
    runner = ViewRunner(register)
    runner.catch_up()
    seen: list[str] = []
    after = None
    while True:
        page = runner.view.page("member", {}, after, 5)
        if not page:
            break
        seen.extend(d["id"] for d in page)
        after = page[-1]["id"]
    assert seen == sorted(ids)
    assert len(runner.view.page("member", {"street": "南山街道"}, None, 100)) == 12


@pytest.mark.postgres
def test_the_same_log_gives_the_same_reports_on_both_stores(
    sqlite_url: str, fresh_store: Callable[[str], str], tmp_path: Path
) -> None:
    source = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    target = Register({"FICLEDGER_DATABASE_URL": fresh_store("postgres")})
    try:
        d = scenario.build(source)
        with (tmp_path / "log.jsonl").open("w", encoding="utf-8") as out:
            export_log(source, out)
        import_log(target, tmp_path / "log.jsonl")
        for name, (yearly, _) in REPORTS.items():
            year = 2020 if yearly else None
            left = build_report(source, ViewRunner(source), name, year, on=ON)
            right = build_report(target, ViewRunner(target), name, year, on=ON)
            assert left == right, name
        assert d.before_correction is not None
        left = build_report(source, ViewRunner(source), "classification", 2019, as_of=d.before_correction)
        right = build_report(target, ViewRunner(target), "classification", 2019, as_of=d.before_correction)
        assert left["fingerprint"] == right["fingerprint"]
    finally:
        source.close()
        target.close()


def test_as_of_now_says_what_the_live_view_says(register: Register) -> None:
    d = scenario.build(register)
    register.designate_key_focus(REGISTRAR, d.members["m1"], ["tax"])
    register.record_organizational_life(REGISTRAR, d.branches["b1"], "lecture", date(2020, 3, 1), 9)
    now = datetime.now(UTC)
    stamp = {"position", "chain_head", "fingerprint", "as_of"}
    for name, (yearly, _) in REPORTS.items():
        year = 2020 if yearly else None
        live = build_report(register, ViewRunner(register), name, year, on=now.date())
        then = build_report(register, ViewRunner(register), name, year, as_of=now)
        assert {k: v for k, v in then.items() if k not in stamp} == {k: v for k, v in live.items() if k not in stamp}, (
            name
        )


def test_two_processes_keeping_one_view_never_double_an_event(
    register: Register, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(1, 6):
        member(register, n)
    other = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        mine, theirs = ViewRunner(register, batch=2), ViewRunner(other, batch=2)
        stale = mine.view.position()
        theirs.catch_up()
        real = type(mine.view).position
        first_reads = [stale]
        monkeypatch.setattr(mine.view, "position", lambda: first_reads.pop() if first_reads else real(mine.view))
        assert mine.step() == 2
        assert mine.view.position() == register.recorder.max_notification_id()
        assert [d["version"] for d in mine.view.all("member")] == [1] * 5
    finally:
        other.close()
