"""The SQL views: built by the library's factory on connections of their own, changed one projector at a time."""

from __future__ import annotations

import logging
import threading
import time
from datetime import date

import pytest
from eventsourcing.persistence import InfrastructureFactory, Tracking
from eventsourcing.utils import Environment

from application.projections.runner import ViewRunner
from application.projections.views import APPLICATION, VIEW_ENV, PostgresDocumentView, Search, position_of
from application.register import Register
from application.reports.organizational_life import overdue
from application.reports.service import build_report
from application.store.sealing import new_key
from domain.member import member_id
from tests.conftest import REGISTRAR
from tests.factories import branch, credit_code, member

SHORT_LOCKS = {"FICLEDGER_VIEW_SQLITE_LOCK_TIMEOUT": "1", "FICLEDGER_VIEW_POSTGRES_LOCK_TIMEOUT": "1"}


def _until(condition: object, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.01)
    return False


@pytest.mark.postgres
def test_the_postgres_view_is_built_by_the_librarys_factory(postgres_url: str) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": postgres_url})
    try:
        member(register, 1)
        with ViewRunner(register) as runner:
            runner.catch_up()
            assert isinstance(runner.view, PostgresDocumentView)
            assert runner.view.tracking_table_name == f"{VIEW_ENV}_tracking"
            assert runner.view.datastore is not register.recorder.datastore
            factory = InfrastructureFactory.construct(Environment(VIEW_ENV, register.env))
            try:
                same = factory.tracking_recorder(PostgresDocumentView)
                assert same.position() == runner.view.position() == 1
                assert same.has_tracking_id(APPLICATION, 1)
                same.wait(APPLICATION, 1, timeout=1)
            finally:
                factory.close()
    finally:
        register.close()


def test_a_second_projector_waits_for_the_first_and_reads_where_it_left_the_view(register: Register) -> None:
    for n in range(1, 4):
        member(register, n)
    with ViewRunner(register) as first, ViewRunner(register) as second:
        seen: list[int] = []

        def second_projector() -> None:
            with second.view.locked() as batch:
                seen.append(batch.position())

        with first.view.locked() as batch:
            waiting = threading.Thread(target=second_projector)
            waiting.start()
            waiting.join(timeout=0.5)
            assert waiting.is_alive()
            assert batch.position() == 0
            batch.save({}, Tracking(APPLICATION, 3))
        waiting.join(timeout=30)
        assert seen == [3]


def test_a_projector_that_fails_logs_one_line_and_retries(store_url: str, caplog: pytest.LogCaptureFixture) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": store_url, **SHORT_LOCKS})
    try:
        member(register, 1)
        with ViewRunner(register) as holder, ViewRunner(register) as runner:
            with caplog.at_level(logging.WARNING, logger="ficledger.views"), holder.view.locked():
                runner.start(interval=0.01)
                assert _until(lambda: runner.error is not None)
            assert runner.wait_for(1, timeout=30)
            assert _until(lambda: runner.error is None)
        failures = [r.getMessage() for r in caplog.records if "视图更新出错" in r.getMessage()]
        assert failures
        assert all("\n" not in line and "OperationalError" in line for line in failures)
    finally:
        register.close()


NAMES = ["Zeta 科技", "alpha 贸易", "Beta 科技", "甲乙 实业", "beta 物流", "Gamma 科技", "丙 科技", "delta"]


def _pages(view: object, filters: dict[str, object], limit: int) -> list[list[str]]:
    """Every page of a list, walked by its cursors, as names."""
    pages, after = [], None
    while True:
        docs = view.page("member", filters, after, limit)  # type: ignore[attr-defined]
        pages.append([d["name"] for d in docs])
        if len(docs) < limit:
            return pages
        after = position_of(docs[-1])


def test_a_sealed_view_lists_searches_and_pages_as_one_in_clear(store_url: str, fresh_store: object) -> None:
    stores = {"clear": (store_url, ""), "sealed": (fresh_store("sqlite"), new_key())}  # type: ignore[operator]
    registers = {
        k: Register({"FICLEDGER_DATABASE_URL": url, "FICLEDGER_CIPHER_KEY": key}) for k, (url, key) in stores.items()
    }
    try:
        for register in registers.values():
            for n, name in enumerate(NAMES, start=1):
                street = "南山街道" if n % 2 else "粤海街道"
                register.join_member(REGISTRAR, credit_code(n), name, street, "制造业", date(2019, 3, 1))
        runners = {k: ViewRunner(r) for k, r in registers.items()}
        for runner in runners.values():
            runner.catch_up()
        cases = [({}, 3), ({"street": "南山街道"}, 2), ({"q": Search("科技")}, 2), ({"q": Search("BETA")}, 5)]
        code = credit_code(4)
        cases.append(({"q": Search(code, str(member_id(code)))}, 5))
        for filters, limit in cases:
            assert _pages(runners["sealed"].view, filters, limit) == _pages(runners["clear"].view, filters, limit)
        for key, register in registers.items():
            register.amend_member(REGISTRAR, member_id(credit_code(1)), {"name": "AAA 实业"}, "更名")
            runners[key].catch_up()
        assert _pages(runners["sealed"].view, {}, 3)[0][0] == "AAA 实业"
        assert _pages(runners["sealed"].view, {}, 3) == _pages(runners["clear"].view, {}, 3)
        for runner in runners.values():
            runner.close()
    finally:
        for register in registers.values():
            register.close()


def test_documents_folded_by_the_release_before_read_as_its_events_do(register: Register) -> None:
    """A view folded by release 0.1.0 holds one count and no structure or terms; it serves the new reports and
    takes the new events without a rebuild."""
    host = member(register, 1, joined_on=date(2014, 1, 1))
    organization = branch(register, [host], founded_on=date(2015, 3, 1), full_members=9)
    register.member_report_party_members(REGISTRAR, host, 4, date(2016, 1, 1), 1)
    with ViewRunner(register) as runner:
        runner.catch_up()
        docs = {d["id"]: d for kind in ("member", "branch") for d in runner.view.all(kind)}
        old = docs[str(organization)]
        for key in ("full_members", "probationary_members", "structures", "terms"):
            del old[key]
        reported = docs[str(host)]["party_members"]
        del reported["full_members"], reported["probationary_members"]
        runner.view.replace_all(docs, Tracking(APPLICATION, runner.view.position()))
        read = {d["id"]: d for kind in ("member", "branch") for d in runner.view.all(kind)}
        assert read[str(host)]["party_members"] == {
            "count": 4,
            "on": "2016-01-01",
            "full_members": 4,
            "probationary_members": None,
        }
        assert read[str(organization)]["terms"][0]["ends_on"] == "2018-02-28"
        assert [d["id"] for d in runner.view.page("branch", {}, None, 10, lambda d: overdue(d, date(2020, 1, 1)))] == [
            str(organization)
        ]
        register.record_structure(REGISTRAR, organization, True, True, date(2020, 3, 1))
        runner.catch_up()
        life = build_report(register, runner, "organizational-life", 2020)
        assert life["rows"][0]["activities"]["group_meeting"]["compliance"] == "short"
        assert [r["branch_id"] for r in life["overdue_for_election"]] == [str(organization)]
        structures = runner.view.load([str(organization)])[str(organization)]["structures"]
        assert structures == [
            {"since": "2015-03-01", "has_committee": None, "has_party_groups": None},
            {"since": "2020-03-01", "has_committee": True, "has_party_groups": True},
        ]
