"""Member enterprises: joining with a valid credit code, what a member may do, and leaving."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain.member import Member, member_id
from tests.domain.rules import invalid, rejects, replayed
from tests.factories import credit_code

JOINED = date(2019, 3, 1)


@pytest.fixture
def member() -> Member:
    return Member.join(credit_code(1), "南山精密制造有限公司", "南山街道", "制造业", JOINED)


def test_join_derives_the_id_from_the_code(member: Member) -> None:
    assert member.id == member_id(credit_code(1)) == member_id(credit_code(1).lower())
    assert member.status == "active"
    assert [type(e).__name__ for e in member.pending_events] == ["Joined"]


@pytest.mark.parametrize(
    ("code", "name", "street", "field"),
    [
        (
            credit_code(1)[:-1] + "0" if not credit_code(1).endswith("0") else credit_code(1)[:-1] + "1",
            "n",
            "s",
            "credit_code",
        ),
        ("123", "n", "s", "credit_code"),
        (credit_code(1), " ", "s", "name"),
        (credit_code(1), "n", "x" * 101, "street"),
        (credit_code(1), "n\x07", "s", "name"),
    ],
)
def test_join_rejects_invalid_values(code: str, name: str, street: str, field: str) -> None:
    invalid(None, lambda: Member.join(code, name, street, "制造业", JOINED), field)


def test_amend(member: Member) -> None:
    member.amend({"name": "新名称", "industry": "制造业"}, "工商变更")
    assert member.name == "新名称"
    assert member.pending_events[-1].changes == {"name": "新名称"}
    rejects(member, lambda: member.amend({"name": "新名称"}, "again"), "member.amendment_changes_nothing")
    invalid(member, lambda: member.amend({"credit_code": "x"}, "r"), "changes")
    invalid(member, lambda: member.amend({}, "r"), "changes")
    invalid(member, lambda: member.amend({"name": "另一个"}, ""), "reason")


def test_the_joining_day_is_corrected_with_a_reason(member: Member) -> None:
    recorded = member.joined_on
    rejects(member, lambda: member.correct_joined_on(recorded, "更正"), "member.correction_changes_nothing")
    rejects(
        member,
        lambda: member.correct_joined_on(date(2021, 1, 2), "更正", first_fact_on=date(2021, 1, 1)),
        "member.joined_after_recorded_fact",
    )
    rejects(
        member,
        lambda: member.correct_joined_on(date(2018, 1, 1), "更正", left_before_on=date(2018, 6, 1)),
        "member.rejoin_before_leaving",
    )
    invalid(member, lambda: member.correct_joined_on(date(2018, 1, 1), "\u200b"), "reason")
    invalid(member, lambda: member.correct_joined_on("2018-01-01", "更正"), "joined_on")  # type: ignore[arg-type]
    member.correct_joined_on(date(2018, 1, 1), "按入会申请书更正", first_fact_on=date(2021, 1, 1))
    assert member.joined_on == date(2018, 1, 1)
    corrected = member.pending_events[-1]
    assert (corrected.from_joined_on, corrected.to_joined_on) == (recorded, date(2018, 1, 1))
    assert replayed(member) == member


def test_the_leaving_day_is_corrected_with_a_reason(member: Member) -> None:
    rejects(member, lambda: member.correct_left_on(date(2021, 1, 1), "更正"), "member.not_left")
    member.leave(date(2021, 1, 1), "withdrew")
    rejects(member, lambda: member.correct_left_on(date(2021, 1, 1), "更正"), "member.correction_changes_nothing")
    rejects(member, lambda: member.correct_left_on(date(2019, 2, 28), "更正"), "date.before_joining")
    invalid(member, lambda: member.correct_left_on(date(2020, 1, 1), "\u200b"), "reason")
    invalid(member, lambda: member.correct_left_on("2020-01-01", "更正"), "on")  # type: ignore[arg-type]
    member.correct_left_on(date(2020, 12, 1), "按退会申请书更正")
    assert (member.left_on, member.status) == (date(2020, 12, 1), "left")
    corrected = member.pending_events[-1]
    assert (corrected.from_on, corrected.to_on, corrected.reason) == (
        date(2021, 1, 1),
        date(2020, 12, 1),
        "按退会申请书更正",
    )
    rejects(member, lambda: member.rejoin("n", "s", "i", date(2020, 11, 30)), "member.rejoin_before_leaving")
    assert replayed(member) == member


def test_the_leaving_day_before_joining_again_is_no_later_than_that(member: Member) -> None:
    member.leave(date(2021, 1, 1), "withdrew")
    member.rejoin("n", "s", "i", date(2022, 1, 1))
    ended = (JOINED, date(2021, 1, 1))
    rejects(member, lambda: member.correct_left_on(date(2022, 1, 2), "更正", ended), "member.rejoin_before_leaving")
    rejects(member, lambda: member.correct_left_on(date(2019, 1, 1), "更正", ended), "date.before_joining")
    member.correct_left_on(date(2022, 1, 1), "更正", ended)
    assert (member.left_on, member.status, member.joined_on) == (None, "active", date(2022, 1, 1))
    assert member.pending_events[-1].from_on == date(2021, 1, 1)


def test_the_days_in_a_chamber_are_corrected_by_the_rules_they_were_recorded_under(member: Member) -> None:
    chamber = uuid4()
    established = date(2019, 6, 1)
    member.join_chamber(chamber, date(2020, 1, 1))

    def correct(recorded: tuple[date, date | None] | None, **days: date) -> None:
        member.correct_chamber_days(chamber, "更正", recorded, established, **days)

    in_it = (date(2020, 1, 1), None)
    rejects(member, lambda: correct(None, joined_on=date(2020, 2, 1)), "member.chamber_not_joined")
    rejects(member, lambda: correct(in_it, left_on=date(2020, 2, 1)), "member.chamber_not_left")
    rejects(member, lambda: correct(in_it, joined_on=date(2020, 1, 1)), "member.correction_changes_nothing")
    rejects(member, lambda: correct(in_it), "member.correction_changes_nothing")
    rejects(member, lambda: correct(in_it, joined_on=date(2019, 5, 31)), "date.before_establishment")
    rejects(
        member,
        lambda: member.correct_chamber_days(chamber, "更正", in_it, date(2018, 1, 1), joined_on=date(2019, 2, 28)),
        "date.before_joining",
    )
    invalid(member, lambda: correct(in_it, joined_on="2020-02-01"), "joined_on")  # type: ignore[arg-type]
    invalid(member, lambda: member.correct_chamber_days(chamber, " ", in_it, established), "reason")
    correct(in_it, joined_on=date(2020, 3, 1))
    assert member.chambers_joined_on[str(chamber)] == date(2020, 3, 1)
    rejects(member, lambda: member.leave_chamber(chamber, date(2020, 2, 1)), "member.left_chamber_before_joining")
    member.leave_chamber(chamber, date(2020, 6, 1))
    left = (date(2020, 3, 1), date(2020, 6, 1))
    rejects(member, lambda: correct(left, left_on=date(2020, 2, 1)), "member.left_chamber_before_joining")
    rejects(member, lambda: correct(left, joined_on=date(2020, 6, 2)), "member.left_chamber_before_joining")
    correct(left, joined_on=date(2020, 2, 1), left_on=date(2020, 5, 1))
    corrected = member.pending_events[-1]
    assert (corrected.chamber_id, corrected.from_joined_on, corrected.to_joined_on) == (
        chamber,
        date(2020, 3, 1),
        date(2020, 2, 1),
    )
    assert (corrected.from_left_on, corrected.to_left_on) == (date(2020, 6, 1), date(2020, 5, 1))
    assert member.chamber_ids == []
    assert replayed(member) == member


def test_chambers(member: Member) -> None:
    chamber = uuid4()
    member.join_chamber(chamber, date(2020, 1, 1))
    assert member.chamber_ids == [chamber]
    rejects(member, lambda: member.join_chamber(chamber, date(2020, 2, 1)), "member.already_in_chamber")
    rejects(member, lambda: member.leave_chamber(uuid4(), date(2020, 2, 1)), "member.not_in_chamber")
    rejects(member, lambda: member.join_chamber(uuid4(), date(2010, 1, 1)), "date.before_joining")
    member.leave_chamber(chamber, date(2020, 6, 1))
    assert member.chamber_ids == []


def test_key_focus(member: Member) -> None:
    member.designate_key_focus(["tax", "assets", "tax"])
    assert member.key_focus_criteria == ["assets", "tax"]
    rejects(member, lambda: member.designate_key_focus(["assets", "tax"]), "member.key_focus_unchanged")
    invalid(member, lambda: member.designate_key_focus(["beauty"]), "criteria")
    invalid(member, lambda: member.designate_key_focus([]), "criteria")
    member.revoke_key_focus("不再符合")
    assert not member.key_focus
    rejects(member, lambda: member.revoke_key_focus("again"), "member.not_key_focus")


def test_suspend_and_reinstate(member: Member) -> None:
    rejects(member, lambda: member.reinstate("x"), "member.not_suspended")
    member.suspend("欠费")
    assert member.status == "suspended"
    rejects(member, lambda: member.suspend("again"), "member.not_active")
    member.reinstate("补缴")
    assert member.status == "active"


def test_party_members(member: Member) -> None:
    member.report_party_members(4, date(2020, 1, 1))
    assert member.party_members == {"full_members": 4, "probationary_members": None, "on": date(2020, 1, 1)}
    member.report_party_members(4, date(2020, 6, 1), 2)
    assert member.party_members == {"full_members": 4, "probationary_members": 2, "on": date(2020, 6, 1)}
    invalid(member, lambda: member.report_party_members(-1, date(2020, 1, 1)), "full_members")
    invalid(member, lambda: member.report_party_members(4, date(2020, 1, 1), -1), "probationary_members")
    invalid(member, lambda: member.report_party_members(4, date(2020, 1, 1), True), "probationary_members")
    rejects(member, lambda: member.report_party_members(4, date(2018, 1, 1)), "date.before_joining")


def test_three_full_party_members_call_for_an_organization_of_its_own(member: Member) -> None:
    assert not member.calls_for_own_organization
    member.report_party_members(2, date(2020, 1, 1), 5)
    assert not member.calls_for_own_organization
    member.report_party_members(3, date(2020, 2, 1))
    assert member.calls_for_own_organization


def test_leave_and_join_again_on_the_same_stream(member: Member) -> None:
    member.join_chamber(uuid4(), date(2020, 1, 1))
    invalid(member, lambda: member.leave(date(2021, 1, 1), "bored"), "reason")
    rejects(member, lambda: member.leave(date(2018, 1, 1), "withdrew"), "date.before_joining")
    member.leave(date(2021, 1, 1), "withdrew")
    assert (member.status, member.chamber_ids) == ("left", [])
    for command in (
        lambda: member.suspend("x"),
        lambda: member.amend({"name": "x"}, "y"),
        lambda: member.leave(date(2021, 2, 1), "removed"),
        lambda: member.join_chamber(uuid4(), date(2021, 2, 1)),
    ):
        rejects(member, command, "member.left")
    rejects(member, lambda: member.rejoin("n", "s", "i", date(2020, 6, 1)), "member.rejoin_before_leaving")
    member.rejoin("新名称", "粤海街道", "服务业", date(2022, 1, 1))
    assert (member.status, member.street, member.version) == ("active", "粤海街道", 4)
    rejects(member, lambda: member.rejoin("n", "s", "i", date(2023, 1, 1)), "member.already_member")


def test_replay_gives_the_same_member(member: Member) -> None:
    member.suspend("x")
    member.reinstate("y")
    member.leave(date(2021, 1, 1), "dissolved")
    assert replayed(member) == member


LEFT_MEMBER_COMMANDS = {
    "amend": lambda m: m.amend({"name": "新名"}, "更名"),
    "join_chamber": lambda m: m.join_chamber(uuid4(), date(2021, 2, 1)),
    "leave_chamber": lambda m: m.leave_chamber(uuid4(), date(2021, 2, 1)),
    "designate_key_focus": lambda m: m.designate_key_focus(["tax"]),
    "revoke_key_focus": lambda m: m.revoke_key_focus("不再符合"),
    "report_party_members": lambda m: m.report_party_members(3, date(2021, 2, 1)),
    "suspend": lambda m: m.suspend("欠费"),
    "reinstate": lambda m: m.reinstate("补缴"),
    "leave": lambda m: m.leave(date(2021, 2, 1), "removed"),
}


@pytest.mark.parametrize("command", list(LEFT_MEMBER_COMMANDS), ids=list(LEFT_MEMBER_COMMANDS))
def test_every_command_but_joining_again_is_rejected_after_leaving(member: Member, command: str) -> None:
    member.leave(date(2021, 1, 1), "withdrew")
    rejects(member, lambda: LEFT_MEMBER_COMMANDS[command](member), "member.left")


def test_leaving_a_chamber_not_before_joining_it(member: Member) -> None:
    chamber = uuid4()
    member.join_chamber(chamber, date(2020, 6, 1))
    rejects(member, lambda: member.leave_chamber(chamber, date(2020, 5, 31)), "member.left_chamber_before_joining")
    member.leave_chamber(chamber, date(2020, 6, 1))
    assert member.chamber_ids == []
    assert replayed(member).chambers_joined_on == {}


def test_a_snapshot_of_version_2_reads_without_chamber_days() -> None:
    state = {"party_members": None}
    Member.upcast_v2_v3(state)
    assert state == {"party_members": None, "chambers_joined_on": {}}
