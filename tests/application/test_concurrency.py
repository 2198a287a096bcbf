"""Two writers on one store: exactly one wins, the other is told, and no event is lost."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from application.errors import ConcurrentWrite
from application.register import Register
from domain.errors import RuleViolation
from domain.member import member_id
from tests.conftest import REGISTRAR
from tests.factories import branch, credit_code, member


def test_two_writers_on_one_branch(register: Register, store_url: str) -> None:
    ident = branch(register, [member(register, 1)])
    other = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        first, second = register.get_branch(ident), other.get_branch(ident)
        first.report_party_members(7, date(2020, 1, 1))
        second.report_party_members(9, date(2020, 1, 2))
        register.record(REGISTRAR, first)
        with pytest.raises(ConcurrentWrite):
            other.record(REGISTRAR, second)
        events = list(register.events.get(ident))
        assert [type(e).__name__ for e in events] == ["Founded", "PartyMemberCountReported"]
        assert other.get_branch(ident).party_member_count == 7
        assert other.report_party_members(REGISTRAR, ident, 9, date(2020, 1, 2)).aggregate.version == 3
    finally:
        other.close()


def test_concurrent_joins_of_one_enterprise_record_one_member(register: Register, store_url: str) -> None:
    apps = [register, Register({"FICLEDGER_DATABASE_URL": store_url})]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def join(app: Register) -> None:
        barrier.wait()
        try:
            app.join_member(REGISTRAR, credit_code(5), "同一企业", "南山街道", "制造业", date(2020, 1, 1))
            outcomes.append("joined")
        except (ConcurrentWrite, RuleViolation):
            outcomes.append("refused")

    threads = [threading.Thread(target=join, args=(app,)) for app in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    apps[1].close()
    assert sorted(outcomes) == ["joined", "refused"]
    assert len(list(register.events.get(member_id(credit_code(5))))) == 1
