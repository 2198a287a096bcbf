"""The SQL views: built by the library's factory on connections of their own, changed one projector at a time."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from eventsourcing.persistence import InfrastructureFactory, Tracking
from eventsourcing.utils import Environment

from application.projections.runner import ViewRunner
from application.projections.views import APPLICATION, VIEW_ENV, PostgresDocumentView
from application.register import Register
from tests.factories import member

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
