"""Loading a record: the register applies a record's events in turn itself (without the library's per-event
protocol assertion) and gets the same state as the library's own replay, at any version; a record read as it stands
now from the aggregate cache is answered as it is while the log has not moved, and any event recorded since, by this
register or by another process on the same store, is read."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.application import project_aggregate

from application.base import shared_reads
from application.register import Register
from tests.conftest import REGISTRAR
from tests.factories import member


def test_a_record_loads_at_every_version_as_the_library_replays_it(register: Register) -> None:
    ident: UUID = member(register, 1)
    for k in range(60):
        register.amend_member(REGISTRAR, ident, {"industry": f"行业{k}"}, "更正")
    latest = register.get_member(ident).version
    assert latest == 61
    for version in (1, 2, 49, 50, 51, latest):
        ours = register.get_member(ident, version)
        theirs = register.repository.get(ident, version=version, projector_func=project_aggregate)
        assert ours.version == version
        assert vars(ours) == vars(theirs)
    assert vars(register.get_member(ident)) == vars(register.get_member(ident, latest))
    assert register.get_member(ident).industry == "行业59"


def test_a_read_while_the_log_stands_is_the_cached_aggregate(register: Register) -> None:
    ident = member(register, 1)
    with shared_reads():
        first = register.get_member(ident)
        again = register.get_member(ident)
    assert again is first
    assert register.get_member(ident) is not first


def test_a_write_by_another_process_is_read_by_the_next_shared_read(register: Register, store_url: str) -> None:
    ident = member(register, 1)
    with shared_reads():
        assert register.get_member(ident).version == 1
    other = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        other.suspend_member(REGISTRAR, ident, "停业")
        other.reinstate_member(REGISTRAR, ident, "复业")
    finally:
        other.close()
    with shared_reads():
        now = register.get_member(ident)
    assert (now.version, now.status) == (3, "active")


def test_a_write_by_this_register_is_read_by_the_next_shared_read(register: Register) -> None:
    ident = member(register, 1)
    with shared_reads():
        register.get_member(ident)
    register.suspend_member(REGISTRAR, ident, "停业")
    with shared_reads():
        assert register.get_member(ident).version == 2
