"""Member commands on both stores: joining once, joining again, versions, unknown ids, and who did it."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from application.context import CommandContext, meta_of
from application.errors import NotFound, VersionMismatch
from application.register import Register
from domain.errors import InvalidValue, RuleViolation
from domain.member import member_id
from tests.conftest import REGISTRAR
from tests.factories import chamber, credit_code, member


def test_join_then_duplicate_join_records_nothing(register: Register) -> None:
    ident = member(register, 1)
    assert ident == member_id(credit_code(1))
    before = register.recorder.max_notification_id()
    with pytest.raises(RuleViolation) as raised:
        register.join_member(REGISTRAR, credit_code(1).lower(), "again", "s", "i", date(2020, 1, 1))
    assert raised.value.rule == "member.already_member"
    assert register.recorder.max_notification_id() == before


def test_invalid_code_records_nothing(register: Register) -> None:
    with pytest.raises(InvalidValue):
        register.join_member(REGISTRAR, "91440305MA00000010", "n", "s", "i", date(2020, 1, 1))
    assert register.recorder.max_notification_id() is None


def test_a_member_that_left_joins_again_on_its_stream(register: Register) -> None:
    ident = member(register, 1)
    register.member_leave(REGISTRAR, ident, date(2021, 1, 1), "withdrew")
    again = register.join_member(REGISTRAR, credit_code(1), "新名", "粤海街道", "服务业", date(2022, 1, 1))
    assert again.aggregate.id == ident
    assert again.aggregate.version == 3
    assert [type(e).__name__ for e in register.events.get(ident)] == ["Joined", "Left", "Rejoined"]


def test_joining_a_chamber_needs_one_that_exists_and_is_not_dissolved(register: Register) -> None:
    ident = member(register, 1)
    with pytest.raises(NotFound):
        register.member_join_chamber(REGISTRAR, ident, uuid.uuid4(), date(2020, 1, 1))
    place = chamber(register)
    register.dissolve_chamber(REGISTRAR, place, date(2020, 1, 1), "撤销")
    with pytest.raises(RuleViolation) as raised:
        register.member_join_chamber(REGISTRAR, ident, place, date(2020, 2, 1))
    assert raised.value.rule == "chamber.dissolved"


def test_expected_version(register: Register) -> None:
    ident = member(register, 1)
    with pytest.raises(VersionMismatch) as raised:
        register.suspend_member(REGISTRAR, ident, "x", expected_version=2)
    assert (raised.value.expected, raised.value.actual) == (2, 1)
    assert register.suspend_member(REGISTRAR, ident, "x", expected_version=1).aggregate.version == 2


def test_unknown_and_wrong_kind_ids_are_not_found(register: Register) -> None:
    with pytest.raises(NotFound):
        register.get_member(uuid.uuid4())
    with pytest.raises(NotFound):
        register.get_member(chamber(register))


def test_every_event_names_actor_role_request_and_reason(register: Register) -> None:
    ident = member(register, 1)
    register.designate_key_focus(CommandContext("wang", "registrar", "req-9", "利税贡献突出"), ident, ["tax"])
    metas = [meta_of(e) for e in register.events.get(ident)]
    assert metas[0] == {"actor": {"name": "li-wei", "role": "registrar"}, "request_id": "req-registrar", "reason": None}
    assert metas[1] == {"actor": {"name": "wang", "role": "registrar"}, "request_id": "req-9", "reason": "利税贡献突出"}


def test_snapshots_keep_long_streams_right(register: Register) -> None:
    ident = member(register, 1)
    for n in range(120):
        register.amend_member(REGISTRAR, ident, {"industry": f"行业{n}"}, "调整")
    assert register.snapshots is not None
    assert len(list(register.snapshots.get(ident))) == 2
    fresh = Register({"FICLEDGER_DATABASE_URL": register.database_url})
    try:
        assert fresh.get_member(ident).industry == "行业119"
        assert fresh.get_member(ident).version == 121
        assert fresh.get_member(ident, version=60).industry == "行业58"
        assert fresh.get_member(ident, version=1).industry == "制造业"
    finally:
        fresh.close()


def _refused(rule: str, command: object, *args: object, **kwargs: object) -> None:
    with pytest.raises(RuleViolation) as raised:
        command(*args, **kwargs)  # type: ignore[operator]
    assert raised.value.rule == rule


def test_the_last_leaving_is_corrected_between_its_membership_and_the_next(register: Register) -> None:
    ident = member(register, 1)
    register.member_leave(REGISTRAR, ident, date(2020, 1, 1), "withdrew")
    register.correct_left_on(REGISTRAR, ident, date(2019, 12, 1), "更正")
    register.join_member(REGISTRAR, credit_code(1), "n", "s", "i", date(2021, 1, 1))
    register.member_leave(REGISTRAR, ident, date(2022, 1, 1), "withdrew")
    register.join_member(REGISTRAR, credit_code(1), "n", "s", "i", date(2023, 1, 1))
    _refused("date.before_joining", register.correct_left_on, REGISTRAR, ident, date(2020, 12, 31), "更正")
    _refused("member.rejoin_before_leaving", register.correct_left_on, REGISTRAR, ident, date(2023, 1, 2), "更正")
    corrected = register.correct_left_on(REGISTRAR, ident, date(2022, 6, 1), "更正").aggregate
    assert (corrected.left_on, corrected.joined_on) == (None, date(2023, 1, 1))
    _refused("member.rejoin_before_leaving", register.correct_joined_on, REGISTRAR, ident, date(2022, 5, 31), "更正")
    assert register.correct_joined_on(REGISTRAR, ident, date(2022, 6, 1), "更正").aggregate.joined_on == date(
        2022, 6, 1
    )


def test_the_chamber_days_of_the_current_membership_are_corrected_and_bound_the_joining_day(
    register: Register,
) -> None:
    ident = member(register, 1)
    ch = chamber(register)
    register.member_join_chamber(REGISTRAR, ident, ch, date(2019, 6, 1))
    register.member_leave(REGISTRAR, ident, date(2020, 1, 1), "withdrew")
    register.join_member(REGISTRAR, credit_code(1), "n", "s", "i", date(2021, 1, 1))
    fix = register.correct_chamber_days
    _refused("member.chamber_not_joined", fix, REGISTRAR, ident, ch, "更正", joined_on=date(2021, 2, 1))
    register.member_join_chamber(REGISTRAR, ident, ch, date(2021, 3, 1))
    fix(REGISTRAR, ident, ch, "更正", joined_on=date(2021, 5, 1))
    assert register.correct_joined_on(REGISTRAR, ident, date(2021, 4, 1), "更正").aggregate.joined_on == date(
        2021, 4, 1
    )
    _refused(
        "member.joined_after_recorded_fact", register.correct_joined_on, REGISTRAR, ident, date(2021, 5, 2), "更正"
    )
    _refused(
        "chamber.established_after_recorded_fact",
        register.correct_chamber_established_on,
        REGISTRAR,
        ch,
        date(2019, 7, 1),
        "更正",
    )
