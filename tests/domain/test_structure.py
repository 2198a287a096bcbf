"""Committees and Party groups: what the rules expect, what can be recorded, and which minimums that makes apply."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain.branch import PartyBranch
from domain.structure import Structure, committee_expected, minimum_applies, structure_on
from domain.values import Activity, GradingPolicy
from tests.domain.rules import invalid, rejects, replayed
from tests.domain.test_branch import found


@pytest.mark.parametrize(
    ("kind", "full_members", "expected"),
    [
        ("branch", 6, False),
        ("branch", 7, True),
        ("joint_branch", 6, False),
        ("joint_branch", 9, True),
        ("general_branch", 3, True),
        ("committee", 3, True),
        ("joint_committee", 3, True),
    ],
)
def test_a_committee_is_expected_from_seven_full_members_or_of_a_general_branch_or_committee(
    kind: str, full_members: int, expected: bool
) -> None:
    assert committee_expected(kind, full_members) is expected


def test_founding_records_the_committee_the_rules_expect_unless_told() -> None:
    assert not found(full_members=6).has_committee
    assert found(full_members=7).has_committee
    assert found(full_members=9, has_committee=False).has_committee is False
    assert found(kind="general_branch", full_members=40).has_committee
    grouped = found(full_members=20, has_party_groups=True)
    assert (grouped.has_committee, grouped.has_party_groups) == (True, True)
    assert not found().has_party_groups


def test_founding_refuses_a_committee_the_rules_do_not_allow() -> None:
    rejects_founding = [
        ({"full_members": 6, "has_committee": True}, "committee.too_few_full_members"),
        ({"kind": "general_branch", "full_members": 40, "has_committee": False}, "committee.required_for_kind"),
    ]
    for overrides, rule in rejects_founding:
        rejects(None, lambda o=overrides: found(**o), rule)
    invalid(None, lambda: found(has_committee="yes"), "has_committee")
    invalid(None, lambda: found(has_party_groups=1), "has_party_groups")


def test_a_probationary_member_does_not_count_toward_a_committee() -> None:
    rejects(
        None,
        lambda: found(full_members=6, probationary_members=3, has_committee=True),
        "committee.too_few_full_members",
    )


@pytest.fixture
def branch() -> PartyBranch:
    return found(full_members=9, has_committee=False)


def test_a_later_structure_is_recorded_from_its_day(branch: PartyBranch) -> None:
    branch.record_structure(True, True, date(2020, 3, 1))
    assert (branch.has_committee, branch.has_party_groups) == (True, True)
    assert branch.structures[-1] == Structure(date(2020, 3, 1), True, True)
    again = replayed(branch)
    assert again.structures == [Structure(date(2018, 1, 1), False, False), Structure(date(2020, 3, 1), True, True)]


def test_a_structure_change_is_refused_when_a_rule_says_no(branch: PartyBranch) -> None:
    rejects(branch, lambda: branch.record_structure(False, False, date(2020, 3, 1)), "structure.changes_nothing")
    rejects(branch, lambda: branch.record_structure(True, False, date(2017, 3, 1)), "date.before_founding")
    branch.record_structure(True, False, date(2020, 3, 1))
    rejects(branch, lambda: branch.record_structure(True, True, date(2020, 2, 1)), "structure.before_previous")
    small = found(full_members=5)
    rejects(small, lambda: small.record_structure(True, False, date(2020, 3, 1)), "committee.too_few_full_members")
    general = found(kind="general_branch", full_members=40)
    rejects(general, lambda: general.record_structure(False, True, date(2020, 3, 1)), "committee.required_for_kind")
    invalid(branch, lambda: branch.record_structure(True, "no", date(2020, 4, 1)), "has_party_groups")
    branch.dissolve(date(2021, 1, 1), "企业注销")
    rejects(branch, lambda: branch.record_structure(True, True, date(2021, 2, 1)), "branch.dissolved")


def test_the_structure_of_a_day_is_the_last_recorded_by_then() -> None:
    first, second = Structure(date(2018, 1, 1), False, False), Structure(date(2020, 6, 1), True, True)
    assert structure_on([first, second], date(2020, 5, 31)) is first
    assert structure_on([first, second], date(2020, 6, 1)) is second
    assert structure_on([first, second], date(2017, 1, 1)) is first


def test_a_structure_not_recorded_follows_the_rules() -> None:
    unknown = Structure(date(2018, 1, 1), None, None)
    assert unknown.committee("branch", 7)
    assert not unknown.committee("branch", 6)
    assert unknown.committee("committee", 3)
    assert not unknown.party_groups


@pytest.mark.parametrize(
    ("committee", "groups", "expected"),
    [
        (False, False, {"committee_meeting": False, "group_meeting": False}),
        (True, False, {"committee_meeting": True, "group_meeting": False}),
        (False, True, {"committee_meeting": False, "group_meeting": True}),
    ],
)
def test_committee_and_group_meetings_apply_only_where_they_exist(
    committee: bool, groups: bool, expected: dict[str, bool]
) -> None:
    applies = {a.value: minimum_applies(a, committee, groups) for a in Activity}
    assert applies == {a.value: True for a in Activity} | expected


def test_compliance_asks_only_the_minimums_that_apply_at_the_years_end() -> None:
    branch = found(full_members=5, host_member_ids=[uuid4()])
    policy = GradingPolicy()
    held = {"general_meeting": 4, "lecture": 4, "theme_day": 12, "life_meeting": 1, "member_appraisal": 1}
    for activity, times in held.items():
        for n in range(times):
            branch.record_organizational_life(activity, date(2020, 1 + n % 12, 10), 5)
    assert branch.complies_with(policy, 2020)
    assert not branch.requires("committee_meeting", 2020)
    branch.report_party_members(8, date(2020, 11, 1))
    branch.record_structure(True, True, date(2020, 12, 1))
    assert branch.requires("committee_meeting", 2020)
    assert branch.requires("group_meeting", 2020)
    assert not branch.complies_with(policy, 2020)
    assert not branch.requires("committee_meeting", 2019)
