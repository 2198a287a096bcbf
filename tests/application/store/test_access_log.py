"""The access log's table on SQLite and PostgreSQL: entries appended in batches, read in pages in either direction,
pruned by age, and kept when the store is opened again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from application.register import Register
from application.store.access_log import Access, AccessLog

START = datetime(2024, 3, 1, 8, 30, tzinfo=UTC)


def access(n: int, at: datetime = START, scope: str | None = "street=招商街道") -> Access:
    return Access(
        at=at + timedelta(seconds=n),
        request_id=f"req-{n}",
        key_name="招商登记员",
        role="registrar",
        scope=scope,
        method="GET",
        path=f"/v1/members/{n}",
        record_ids=(f"00000000-0000-0000-0000-{n:012d}",),
        status=200,
    )


def test_entries_come_back_in_the_order_written_a_page_at_a_time(register: Register) -> None:
    log = AccessLog(register.recorder.datastore)  # type: ignore[attr-defined]
    log.append([access(n) for n in range(5)])
    log.append([access(5, scope=None)])
    first = log.page(0, 4)
    assert [a.request_id for _, a in first] == ["req-0", "req-1", "req-2", "req-3"]
    rest = log.page(first[-1][0], 4)
    assert [a.request_id for _, a in rest] == ["req-4", "req-5"]
    assert rest[-1][1] == access(5, scope=None)
    assert first[0][1] == access(0)
    assert log.page(rest[-1][0], 4) == []


def test_the_latest_come_first_going_back(register: Register) -> None:
    log = AccessLog(register.recorder.datastore)  # type: ignore[attr-defined]
    log.append([access(n) for n in range(5)])
    newest = log.latest(None, 2)
    assert [a.request_id for _, a in newest] == ["req-4", "req-3"]
    older = log.latest(newest[-1][0], 10)
    assert [a.request_id for _, a in older] == ["req-2", "req-1", "req-0"]


def test_pruning_removes_what_is_older_than_the_bound_only(register: Register) -> None:
    log = AccessLog(register.recorder.datastore)  # type: ignore[attr-defined]
    log.append([access(0, START - timedelta(days=200)), access(1, START - timedelta(days=10)), access(2)])
    assert log.prune(START - timedelta(days=180)) == 1
    assert [a.request_id for _, a in log.page(0, 10)] == ["req-1", "req-2"]
    assert log.prune(START - timedelta(days=180)) == 0


def test_the_table_lives_in_the_store_beside_the_events(store_url: str) -> None:
    first = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        AccessLog(first.recorder.datastore).append([access(1)])  # type: ignore[attr-defined]
    finally:
        first.close()
    again = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        kept = AccessLog(again.recorder.datastore).page(0, 10)  # type: ignore[attr-defined]
    finally:
        again.close()
    assert [a for _, a in kept] == [access(1)]
