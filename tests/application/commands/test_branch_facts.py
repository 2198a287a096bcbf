"""A Party organization's own facts through the Register, on both stores: full and probationary members, its
committee and Party groups, its elections; each refusal records nothing, and what is recorded reads back the same
from the events and from a snapshot, including a snapshot written by the first release."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

import pytest
from eventsourcing.domain import Snapshot

from application.register import Register
from domain.by_year import ByYear
from domain.elections import Term
from domain.errors import InvalidValue, RuleViolation
from domain.structure import Structure
from tests.conftest import ASSESSOR, REGISTRAR
from tests.factories import branch, chamber, member


def refused(register: Register, command: Callable[[], object], rule: str) -> None:
    """``command`` breaks ``rule`` and the log does not move."""
    before = register.recorder.max_notification_id()
    with pytest.raises(RuleViolation) as raised:
        command()
    assert raised.value.rule == rule
    assert register.recorder.max_notification_id() == before


def invalid(register: Register, command: Callable[[], object], field: str) -> None:
    before = register.recorder.max_notification_id()
    with pytest.raises(InvalidValue) as raised:
        command()
    assert raised.value.field == field
    assert register.recorder.max_notification_id() == before


@pytest.fixture
def organization(register: Register) -> UUID:
    return branch(register, [member(register, 1)], founded_on=date(2018, 1, 1), full_members=9)


def test_full_and_probationary_members_are_recorded_apart(register: Register, organization: UUID) -> None:
    founded = register.get_branch(organization)
    assert (founded.full_members, founded.probationary_members, founded.has_committee) == (9, None, True)
    register.report_party_members(REGISTRAR, organization, 12, date(2020, 1, 1), 3)
    assert (register.get_branch(organization).full_members, register.get_branch(organization).probationary_members) == (
        12,
        3,
    )
    invalid(
        register, lambda: register.report_party_members(REGISTRAR, organization, -1, date(2020, 1, 1)), "full_members"
    )
    invalid(
        register,
        lambda: register.report_party_members(REGISTRAR, organization, 5, date(2020, 1, 1), -3),
        "probationary_members",
    )
    enterprise = member(register, 2)
    register.member_report_party_members(REGISTRAR, enterprise, 2, date(2020, 5, 1), 4)
    assert register.get_member(enterprise).party_members == {
        "full_members": 2,
        "probationary_members": 4,
        "on": date(2020, 5, 1),
    }
    assert not register.get_member(enterprise).calls_for_own_organization
    refused(
        register,
        lambda: branch(register, [enterprise], full_members=2, probationary_members=4),
        "branch.too_few_party_members",
    )


def test_the_committee_and_party_groups(register: Register, organization: UUID) -> None:
    register.record_structure(REGISTRAR, organization, True, True, date(2020, 3, 1))
    assert register.get_branch(organization).structures[-1] == Structure(date(2020, 3, 1), True, True)
    refused(
        register,
        lambda: register.record_structure(REGISTRAR, organization, True, True, date(2020, 4, 1)),
        "structure.changes_nothing",
    )
    refused(
        register,
        lambda: register.record_structure(REGISTRAR, organization, False, True, date(2020, 2, 1)),
        "structure.before_previous",
    )
    small = branch(register, [member(register, 2)])
    refused(
        register,
        lambda: register.record_structure(REGISTRAR, small, True, False, date(2020, 3, 1)),
        "committee.too_few_full_members",
    )
    host = member(register, 3)
    refused(
        register,
        lambda: branch(register, [host], kind="general_branch", full_members=60, has_committee=False),
        "committee.required_for_kind",
    )


def test_elections_and_postponement(register: Register, organization: UUID) -> None:
    register.postpone_election(REGISTRAR, organization, date(2021, 6, 30), "区非公党委", date(2020, 11, 20))
    register.record_election(REGISTRAR, organization, date(2021, 6, 18))
    terms = register.get_branch(organization).terms
    assert terms == [
        Term(date(2018, 1, 1), date(2020, 12, 31), date(2021, 6, 30), "区非公党委", date(2020, 11, 20)),
        Term(date(2021, 6, 18), date(2024, 6, 17)),
    ]
    refused(
        register,
        lambda: register.record_election(REGISTRAR, organization, date(2017, 6, 1)),
        "election.before_founding",
    )
    refused(
        register,
        lambda: register.record_election(REGISTRAR, organization, date(2022, 6, 1), date(2022, 5, 1)),
        "election.term_end_before_election",
    )
    refused(
        register,
        lambda: register.record_election(REGISTRAR, organization, date(2022, 6, 1), date(2025, 6, 1)),
        "election.term_too_long",
    )
    refused(
        register,
        lambda: register.postpone_election(REGISTRAR, organization, date(2025, 6, 18), "区非公党委", date(2024, 5, 1)),
        "election.postponement_too_long",
    )
    host = member(register, 2)
    refused(
        register,
        lambda: branch(register, [host], founded_on=date(2020, 1, 1), term_ends_on=date(2024, 1, 1)),
        "election.term_too_long",
    )


def test_the_facts_read_back_the_same_from_a_snapshot(store_url: str) -> None:
    writer = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        ident = branch(writer, [member(writer, 1)], founded_on=date(2018, 1, 1), full_members=9)
        writer.record_structure(REGISTRAR, ident, True, True, date(2019, 1, 1))
        writer.postpone_election(REGISTRAR, ident, date(2021, 3, 31), "区非公党委", date(2020, 12, 1))
        writer.record_election(REGISTRAR, ident, date(2021, 3, 20))
        for day in range(1, 50):
            writer.record_organizational_life(REGISTRAR, ident, "theme_day", date(2021, 4, 1 + day % 28), 9)
        expected = writer.get_branch(ident)
    finally:
        writer.close()
    reader = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        assert list(reader.snapshots.get(ident)), "a snapshot was taken"
        again = reader.get_branch(ident)
        assert (again.version, again.terms, again.structures) == (expected.version, expected.terms, expected.structures)
        assert (again.full_members, again.probationary_members) == (9, None)
    finally:
        reader.close()


def test_a_snapshot_of_the_first_release_reads_as_its_events(store_url: str) -> None:
    """A snapshot stored before version 2 holds ``party_member_count``, no structures or terms, and its records as
    dicts; it reads through version 2 into version 3."""
    writer = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        ident = branch(writer, [member(writer, 1)], founded_on=date(2018, 1, 1), full_members=9)
        writer.report_party_members(REGISTRAR, ident, 11, date(2019, 1, 1))
        writer.record_organizational_life(REGISTRAR, ident, "lecture", date(2019, 3, 1), 11)
        old = Snapshot.take(writer.get_branch(ident))
        state = dict(old.state)
        for name in ("class_version", "full_members", "probationary_members", "structures", "terms"):
            state.pop(name)
        state["party_member_count"] = 11
        records = {"transfers": [], "reviews": {}, "grades": {}, "rectifications": []}
        state.update(records, organizational_life={"2019": {"lecture": 1}})
        writer.snapshots.put([Snapshot(old.originator_id, old.originator_version, old.timestamp, old.topic, state)])
    finally:
        writer.close()
    reader = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        upcast = reader.get_branch(ident)
        assert (upcast.full_members, upcast.probationary_members) == (11, None)
        assert upcast.structures == [Structure(date(2018, 1, 1), None, None)]
        assert upcast.has_committee
        assert not upcast.has_party_groups
        assert upcast.terms == [Term(date(2018, 1, 1), date(2020, 12, 31))]
        assert (upcast.reviews, upcast.organizational_life) == (ByYear(), ByYear({2019: {"lecture": 1}}))
    finally:
        reader.close()


def test_a_meeting_recorded_and_voided_in_one_batch(register: Register, organization: UUID) -> None:
    with register.batch():
        register.record_organizational_life(REGISTRAR, organization, "lecture", date(2020, 5, 1), 8)
        register.void_meeting(REGISTRAR, organization, "lecture", date(2020, 5, 1), "误录")
        refused(
            register,
            lambda: register.void_meeting(REGISTRAR, organization, "lecture", date(2020, 5, 1), "误录"),
            "meeting.already_voided",
        )
    assert register.get_branch(organization).organizational_life == {2020: {}}


def test_the_founding_day_is_no_later_than_what_its_log_records(register: Register, organization: UUID) -> None:
    register.record_organizational_life(REGISTRAR, organization, "lecture", date(2019, 4, 1), 8)
    register.transfer_management(REGISTRAR, organization, "粤海街道党工委", "territorial", date(2019, 9, 1), "下放")
    register.review_branch(ASSESSOR, organization, 2018, 90, [], date(2019, 1, 10), "考核组", "")
    late = "branch.founded_after_recorded_fact"

    def correct(on: date) -> Callable[[], object]:
        return lambda: register.correct_branch_founded_on(REGISTRAR, organization, on, "更正")

    refused(register, correct(date(2018, 1, 1)), "branch.correction_changes_nothing")
    refused(register, correct(date(2019, 1, 11)), late)
    refused(register, correct(date(2019, 1, 1)), late)
    refused(register, correct(date(2099, 1, 1)), late)
    invalid(
        register, lambda: register.correct_branch_founded_on(REGISTRAR, organization, date(2017, 1, 1), " "), "reason"
    )
    corrected = register.correct_branch_founded_on(REGISTRAR, organization, date(2018, 12, 20), "按批复更正").aggregate
    assert corrected.founded_on == date(2018, 12, 20)
    assert corrected.terms[0].starts_on == date(2018, 12, 20)
    earlier = register.correct_branch_founded_on(REGISTRAR, organization, date(2017, 11, 1), "再次更正").aggregate
    assert earlier.founded_on == date(2017, 11, 1)


def test_a_founding_day_in_the_future_or_before_its_chamber_is_refused(register: Register) -> None:
    place = chamber(register)
    joint = branch(register, [], kind="joint_committee", host_chamber_id=place, founded_on=date(2019, 1, 1))
    refused(
        register,
        lambda: register.correct_branch_founded_on(REGISTRAR, joint, date(2015, 5, 31), "更正"),
        "date.before_establishment",
    )
    alone = branch(register, [member(register, 2)], founded_on=date(2025, 1, 1), full_members=5, name="新党支部")
    later = date.today().replace(year=date.today().year + 1)
    refused(register, lambda: register.correct_branch_founded_on(REGISTRAR, alone, later, "更正"), "date.in_future")
