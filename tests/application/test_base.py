"""Loading a record: the register applies a record's events in turn itself (without the library's per-event
protocol assertion), and gets the same state as the library's own replay, at any version, from a snapshot or not."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.application import project_aggregate

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
