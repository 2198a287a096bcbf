"""Business dates are not in the future: an event's dates lie on or before the day it is recorded (in Beijing),
its years on or before that year; a term's end, a due day or a postponement may lie ahead."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pytest

from domain.chamber import Chamber
from domain.dates import check_not_future, recording_day
from domain.errors import RuleViolation
from domain.member import Member
from tests.domain.test_branch import found
from tests.factories import credit_code

TODAY = recording_day(datetime.now(UTC))


def _in_future(event: object) -> None:
    with pytest.raises(RuleViolation) as raised:
        check_not_future(event)
    assert raised.value.rule == "date.in_future"


def test_a_member_joining_in_2099_is_refused_and_one_joining_today_is_not() -> None:
    _in_future(Member.join(credit_code(1), "企业", "南山街道", "制造业", date(2099, 1, 1)).pending_events[0])
    check_not_future(Member.join(credit_code(1), "企业", "南山街道", "制造业", TODAY).pending_events[0])


def test_an_award_for_next_year_is_refused() -> None:
    chamber = Chamber.establish("南山街道商会", "street", "南山街道", date(2015, 6, 1))
    chamber.award_four_good(TODAY.year + 1, "district")
    chamber.designate_demonstration_site(TODAY.year)
    awarded, designated = chamber.pending_events[1:]
    _in_future(awarded)
    check_not_future(designated)


def test_dates_that_look_ahead_may_lie_beyond_today() -> None:
    branch = found(founded_on=TODAY - timedelta(days=30))
    branch.postpone_election(branch.current_term.ends_on + timedelta(days=100), "区委组织部", TODAY)
    for event in branch.pending_events:
        check_not_future(event)
    assert branch.current_term.ends_on > TODAY


def test_a_founding_tomorrow_is_refused() -> None:
    _in_future(found(founded_on=TODAY + timedelta(days=1)).pending_events[0])


def test_the_day_of_recording_is_beijings() -> None:
    assert recording_day(datetime(2020, 12, 31, 16, 0, tzinfo=UTC)) == date(2021, 1, 1)
    assert recording_day(datetime(2020, 12, 31, 15, 59, tzinfo=UTC)) == date(2020, 12, 31)


def test_a_date_of_the_recording_day_in_beijing_is_not_in_the_future() -> None:
    member = Member.join(credit_code(2), "企业", "南山街道", "制造业", date(2019, 1, 1))
    member.join_chamber(uuid4(), recording_day(member.pending_events[0].timestamp))
    check_not_future(member.pending_events[-1])
