"""Chamber names and Party organizations' hosts, on both stores."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from application.register import Register
from domain.errors import InvalidValue, RuleViolation
from tests.conftest import REGISTRAR
from tests.factories import branch, chamber, member


def test_names_unique_among_chambers_not_dissolved(register: Register) -> None:
    first = chamber(register, "南山街道商会")
    before = register.recorder.max_notification_id()
    with pytest.raises(RuleViolation) as raised:
        chamber(register, "南山街道商会 ")
    assert raised.value.rule == "chamber.name_taken"
    assert register.recorder.max_notification_id() == before
    register.dissolve_chamber(REGISTRAR, first, date(2020, 1, 1), "撤销")
    second = chamber(register, "南山街道商会")
    assert second != first
    with pytest.raises(RuleViolation):
        chamber(register, "南山街道商会")


def test_hosts_must_be_active_members_or_a_live_chamber(register: Register) -> None:
    host = member(register, 1)
    register.suspend_member(REGISTRAR, host, "停业")
    with pytest.raises(RuleViolation) as raised:
        branch(register, [host])
    assert raised.value.rule == "branch.host_member_not_active"
    with pytest.raises(InvalidValue) as invalid:
        branch(register, [uuid.uuid4()])
    assert invalid.value.field == "host_member_ids"
    place = chamber(register)
    register.dissolve_chamber(REGISTRAR, place, date(2020, 1, 1), "撤销")
    with pytest.raises(RuleViolation) as dissolved:
        register.found_branch(
            REGISTRAR,
            "联合党委",
            "joint_committee",
            "南山街道",
            "南山街道党工委",
            "territorial",
            date(2020, 1, 1),
            20,
            host_chamber_id=place,
        )
    assert dissolved.value.rule == "chamber.dissolved"


def test_merging_needs_an_active_target(register: Register) -> None:
    a = branch(register, [member(register, 1)])
    b = branch(register, [member(register, 2)])
    c = branch(register, [member(register, 3)])
    register.dissolve_branch(REGISTRAR, c, date(2021, 1, 1), "注销")
    with pytest.raises(RuleViolation) as raised:
        register.merge_branch(REGISTRAR, a, c, date(2021, 2, 1))
    assert raised.value.rule == "branch.merge_target_not_active"
    assert register.merge_branch(REGISTRAR, a, b, date(2021, 2, 1)).aggregate.status == "merged"
