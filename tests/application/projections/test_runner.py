"""The views: exactly once from the log, resumable after an interruption, equal to a rebuild, equal across stores."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.persistence import Tracking

from application.audit.transfer import export_log, import_log
from application.projections.documents import Doc, apply
from application.projections.runner import ViewAhead, ViewRunner, fold_log
from application.projections.views import APPLICATION, MemoryView, position_of
from application.register import Register
from application.reports.service import REPORTS, build_report
from domain.errors import RuleViolation
from tests.application.audit.raw import RawStore
from tests.application.reports import scenario
from tests.conftest import REGISTRAR
from tests.factories import branch, member

ON = date(2021, 12, 1)


KINDS = ("member", "chamber", "branch", "round")


def _all(runner: ViewRunner) -> dict[str, list]:
    return {kind: runner.view.all(kind) for kind in KINDS}


def _rebuilt(register: Register) -> dict[str, list]:
    scratch = MemoryView()
    fold_log(register, scratch)
    return {kind: sorted(scratch.all(kind), key=lambda d: d["id"]) for kind in KINDS}


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


def test_a_batch_already_applied_by_another_projector_is_not_applied_again(register: Register) -> None:
    for n in range(1, 6):
        member(register, n)
    with ViewRunner(register) as mine, ViewRunner(register) as theirs:
        start = mine.view.position()
        notifications = mine.store.log.select_notifications(start, 100, inclusive_of_start=False)
        events = [(register.mapper.to_domain_event(n), Tracking(APPLICATION, n.id)) for n in notifications]
        theirs.catch_up()
        held = mine.projection.process_batch(events, Tracking(APPLICATION, notifications[-1].id), after=start)
        assert held == register.recorder.max_notification_id()
        assert [d["version"] for d in mine.view.all("member")] == [1] * 5


def test_reads_wait_for_acknowledged_writes(register: Register) -> None:
    runner = ViewRunner(register)
    ident = member(register, 1)
    register.suspend_member(REGISTRAR, ident, "x")
    assert runner.wait_for(register.recorder.max_notification_id())
    assert runner.view.page("member", {"status": "suspended"}, None, 10)[0]["id"] == str(ident)


def test_the_view_is_settled_only_on_the_logs_last_position(register: Register) -> None:
    member(register, 1)
    runner = ViewRunner(register, active=False)
    assert runner.settled() is None
    ViewRunner(register).catch_up()
    assert runner.settled() == register.recorder.max_notification_id()
    member(register, 2)
    assert runner.settled() is None


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
    seen: list[Doc] = []
    after = None
    while True:
        page = runner.view.page("member", {}, after, 5)
        if not page:
            break
        seen.extend(page)
        after = position_of(page[-1])
    assert [d["id"] for d in seen] == [d["id"] for d in sorted(seen, key=lambda d: (d["name"], d["id"]))]
    assert {d["id"] for d in seen} == ids
    assert len(seen) == len(ids)
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


def test_a_projector_overtaken_between_reading_and_folding_folds_only_the_rest(register: Register) -> None:
    ident = member(register, 1)
    for n in range(1, 5):
        register.suspend_member(REGISTRAR, ident, f"x{n}")
        register.reinstate_member(REGISTRAR, ident, f"y{n}")
    mine, theirs = ViewRunner(register, batch=100), ViewRunner(register, batch=4)
    read = mine.store.log.select_notifications

    def read_then_overtaken(*args: Any, **kwargs: Any) -> Any:
        notifications = read(*args, **kwargs)
        theirs.step()
        return notifications

    with mine, theirs:
        mine.store.log.select_notifications = read_then_overtaken  # type: ignore[method-assign]
        assert mine.step() == 9
        assert theirs.view.position() == register.recorder.max_notification_id() == 9
        assert _all(mine) == _rebuilt(register)


def test_a_batch_read_before_a_rebuild_moved_the_view_back_is_not_folded(register: Register) -> None:
    for n in range(1, 4):
        member(register, n)
    with ViewRunner(register) as runner:
        runner.catch_up()
        start = runner.view.position()
        member(register, 4)
        notifications = runner.store.log.select_notifications(start, 100, inclusive_of_start=False)
        events = [(register.mapper.to_domain_event(n), Tracking(APPLICATION, n.id)) for n in notifications]
        first = MemoryView()
        apply(first.docs, register.mapper.to_domain_event(register.recorder.select_notifications(1, 1)[0]))
        runner.view.replace_all(first.docs, Tracking(APPLICATION, 1))
        assert runner.projection.process_batch(events, Tracking(APPLICATION, notifications[-1].id), after=start) == 1
        assert [d["name"] for d in runner.view.all("member")] == ["企业1"]
        runner.catch_up()
        assert _all(runner) == _rebuilt(register)


def test_projectors_in_many_threads_apply_each_event_once(store_url: str, register: Register) -> None:
    branches = [branch(register, [member(register, n)], name=f"党支部{n}") for n in range(1, 4)]
    others = [Register({"FICLEDGER_DATABASE_URL": store_url}) for _ in range(3)]
    runners = [ViewRunner(app, batch=3) for app in [register, *others]]
    try:
        for runner in runners:
            runner.start(interval=0.001)
        deadline = time.monotonic() + 1.5
        n = 0
        while time.monotonic() < deadline:
            n += 1
            held_on = date(2020, 1, 1) + timedelta(days=n % 700)
            register.record_organizational_life(REGISTRAR, branches[n % 3], "committee_meeting", held_on, 5)
            if n % 7 == 0:
                unit = "南山街道党工委" if n % 14 else "区非公党委"
                with contextlib.suppress(RuleViolation):
                    register.transfer_management(REGISTRAR, branches[n % 3], unit, "territorial", held_on, "调整")
        for runner in runners:
            runner.stop()
        assert [runner.error for runner in runners] == [None] * len(runners)
        with ViewRunner(register) as last:
            last.catch_up()
            assert last.view.position() == register.recorder.max_notification_id()
            assert _all(last) == _rebuilt(register)
    finally:
        for runner in runners:
            runner.close()
        for app in others:
            app.close()


def test_closing_a_runner_ends_its_thread_before_its_connections(register: Register) -> None:
    member(register, 1)
    runner = ViewRunner(register)
    runner.start(interval=0.001)
    runner.close()
    assert runner._thread is not None
    assert not runner._thread.is_alive()
    with pytest.raises(Exception):  # noqa: B017, PT011
        runner.view.position()
    assert register.recorder.max_notification_id() == 1


def test_a_runner_outlives_the_register_it_was_opened_with(store_url: str) -> None:
    writer = Register({"FICLEDGER_DATABASE_URL": store_url})
    reader = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        member(writer, 1)
        with ViewRunner(reader) as runner:
            runner.start(interval=0.001)
            reader.close()
            member(writer, 2)
            assert runner.wait_for(writer.recorder.max_notification_id(), timeout=10)
            assert len(runner.view.all("member")) == 2
    finally:
        writer.close()


def test_the_one_event_form_applies_an_event_once(register: Register) -> None:
    ident = member(register, 1)
    register.suspend_member(REGISTRAR, ident, "x")
    with ViewRunner(register) as runner:
        for notification in register.recorder.select_notifications(1, 10) * 2:
            event = register.mapper.to_domain_event(notification)
            runner.projection.process_event(event, Tracking(APPLICATION, notification.id))
        assert runner.view.position() == 2
        assert _all(runner) == _rebuilt(register)


def _cut_tail(store_url: str, after: int) -> None:
    """Delete every event and chain link after position ``after``, as someone with the database's password would."""
    raw = RawStore(store_url)
    raw.run(f"DELETE FROM {raw.events} WHERE {raw.pos} > ?", (after,))
    raw.run(f"DELETE FROM {raw.chain} WHERE position > ?", (after,))


def test_a_log_cut_at_the_tail_is_detected_at_each_step_until_the_view_is_rebuilt(
    store_url: str, register: Register, caplog: pytest.LogCaptureFixture
) -> None:
    ids = [member(register, n) for n in range(1, 6)]
    with ViewRunner(register) as runner:
        runner.catch_up()
        assert runner.view.position() == 5
        _cut_tail(store_url, 3)
        caplog.set_level("WARNING", logger="ficledger.views")
        for _ in range(3):
            with pytest.raises(ViewAhead) as ahead:
                runner.step()
            assert (ahead.value.held, ahead.value.end) == (5, 3)
        with pytest.raises(ViewAhead):
            runner.wait_for(register.recorder.max_notification_id())
        [logged] = [r for r in caplog.records if r.name == "ficledger.views"]
        assert "5" in logged.getMessage()
        assert "ficledger rebuild" in logged.getMessage()
        assert runner.problems() == [str(ahead.value)]
        later = member(register, 6)
        with pytest.raises(ViewAhead):
            runner.step()
        runner.rebuild()
        runner.catch_up()
        assert runner.problems() == []
        assert {d["id"] for d in runner.view.all("member")} == {*map(str, ids[:3]), str(later)}
        assert "matches the log again" in caplog.records[-1].getMessage()


def test_a_view_ahead_of_its_log_is_detected_when_a_runner_starts(store_url: str, register: Register) -> None:
    for n in range(1, 5):
        member(register, n)
    with ViewRunner(register) as runner:
        runner.catch_up()
    _cut_tail(store_url, 2)
    with ViewRunner(register, active=False) as passive:
        [problem] = passive.problems()
        assert "视图已处理到日志位置 4，日志却只到 2" in problem
        with pytest.raises(ViewAhead):
            passive.wait_for(register.recorder.max_notification_id())


def test_an_empty_view_on_an_emptied_log_is_not_ahead(register: Register) -> None:
    with ViewRunner(register) as runner:
        assert runner.problems() == []
        assert runner.wait_for(None)
