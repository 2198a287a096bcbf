"""The "三有" mark on a member: fixed premises, 10 or more employees and a real business put an enterprise in the
coverage denominator."""

from __future__ import annotations

from datetime import date

import pytest

from domain.coverage import meets_san_you
from domain.member import Member
from tests.domain.rules import invalid, rejects, replayed
from tests.factories import credit_code


@pytest.fixture
def member() -> Member:
    return Member.join(credit_code(1), "企业1", "南山街道", "制造业", date(2018, 1, 1))


@pytest.mark.parametrize(
    ("premises", "employees", "business", "meets"),
    [(True, 10, True, True), (False, 50, True, False), (True, 9, True, False), (True, 50, False, False)],
)
def test_all_three_are_needed(premises: bool, employees: int, business: bool, meets: bool) -> None:
    assert meets_san_you(premises, employees, business) is meets


def test_the_mark_is_recorded_on_the_member(member: Member) -> None:
    assert member.san_you is None
    member.record_san_you(True, 12, True, date(2020, 5, 1))
    assert member.san_you is True
    rejects(member, lambda: member.record_san_you(True, 12, True, date(2021, 5, 1)), "member.san_you_unchanged")
    member.record_san_you(True, 8, True, date(2021, 5, 1))
    again = replayed(member)
    assert again.san_you is False
    assert again.san_you_mark["employees"] == 8


def test_a_mark_is_refused_when_it_cannot_hold(member: Member) -> None:
    rejects(member, lambda: member.record_san_you(True, 12, True, date(2017, 5, 1)), "date.before_joining")
    invalid(member, lambda: member.record_san_you("yes", 12, True, date(2020, 5, 1)), "fixed_premises")  # type: ignore[arg-type]
    invalid(member, lambda: member.record_san_you(True, -1, True, date(2020, 5, 1)), "employees")
    member.leave(date(2020, 1, 1), "withdrew")
    rejects(member, lambda: member.record_san_you(True, 12, True, date(2020, 5, 1)), "member.left")


def test_a_version_three_snapshot_reads_with_no_mark() -> None:
    state: dict = {"party_members": None}
    Member.upcast_v3_v4(state)
    assert state["san_you_mark"] is None
