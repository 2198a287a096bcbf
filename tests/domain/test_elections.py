"""Terms of a Party organization: founding and elections, postponement with approval, overdue for election."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain.branch import PartyBranch
from domain.elections import Term, TermPolicy, overdue_for_election
from domain.errors import RuleViolation
from tests.domain.rules import invalid, rejects, replayed
from tests.domain.test_branch import found


@pytest.mark.parametrize(
    ("kind", "ends_on"),
    [
        ("branch", date(2021, 4, 30)),
        ("joint_branch", date(2021, 4, 30)),
        ("general_branch", date(2021, 4, 30)),
        ("committee", date(2023, 4, 30)),
        ("joint_committee", date(2023, 4, 30)),
    ],
)
def test_a_term_lasts_three_years_or_five_for_a_party_committee(kind: str, ends_on: date) -> None:
    assert TermPolicy().ends_on(kind, date(2018, 5, 1)) == ends_on


def test_the_term_policy_is_data() -> None:
    policy = TermPolicy(years={"branch": 2}, max_postponement_years=0)
    assert policy.ends_on("branch", date(2020, 1, 1)) == date(2021, 12, 31)
    assert policy.ends_on("committee", date(2020, 1, 1)) == date(2024, 12, 31)
    assert policy.latest_postponement(date(2021, 12, 31)) == date(2021, 12, 31)
    invalid(None, lambda: TermPolicy(years={"cell": 3}), "term_policy.years")
    invalid(None, lambda: TermPolicy(years={"branch": 0}), "term_policy.years.branch")
    invalid(None, lambda: TermPolicy(max_postponement_years=-1), "term_policy.max_postponement_years")


def test_the_founding_elects_the_first_term() -> None:
    branch = found(founded_on=date(2018, 1, 1))
    assert branch.current_term == Term(date(2018, 1, 1), date(2020, 12, 31))
    shorter = found(founded_on=date(2018, 1, 1), term_ends_on=date(2019, 12, 31))
    assert shorter.current_term.ends_on == date(2019, 12, 31)
    rejects(None, lambda: found(term_ends_on=date(2018, 1, 1)), "election.term_end_before_election")
    rejects(None, lambda: found(term_ends_on=date(2021, 1, 1)), "election.term_too_long")
    invalid(None, lambda: found(term_ends_on="2020-12-31"), "term_ends_on")


@pytest.fixture
def branch() -> PartyBranch:
    return found(founded_on=date(2018, 1, 1), host_member_ids=[uuid4()])


def test_an_election_starts_a_new_term(branch: PartyBranch) -> None:
    branch.record_election(date(2021, 1, 10))
    assert branch.current_term == Term(date(2021, 1, 10), date(2024, 1, 9))
    branch.record_election(date(2022, 6, 1), date(2024, 12, 31))
    assert branch.current_term.ends_on == date(2024, 12, 31)
    assert [t.starts_on for t in replayed(branch).terms] == [date(2018, 1, 1), date(2021, 1, 10), date(2022, 6, 1)]


def test_an_election_is_refused_when_a_rule_says_no(branch: PartyBranch) -> None:
    rejects(branch, lambda: branch.record_election(date(2017, 12, 31)), "election.before_founding")
    rejects(branch, lambda: branch.record_election(date(2018, 1, 1)), "election.before_previous")
    rejects(
        branch,
        lambda: branch.record_election(date(2021, 1, 10), date(2021, 1, 10)),
        "election.term_end_before_election",
    )
    rejects(branch, lambda: branch.record_election(date(2021, 1, 10), date(2024, 1, 10)), "election.term_too_long")
    invalid(branch, lambda: branch.record_election("2021-01-10"), "elected_on")
    branch.record_election(date(2021, 1, 10))
    rejects(branch, lambda: branch.record_election(date(2020, 6, 1)), "election.before_previous")
    branch.merge_into(uuid4(), date(2022, 1, 1))
    rejects(branch, lambda: branch.record_election(date(2023, 1, 1)), "branch.merged")


def test_a_postponement_with_approval_moves_the_election_by_a_year_at_most(branch: PartyBranch) -> None:
    branch.postpone_election(date(2021, 6, 30), "区非公党委", date(2020, 12, 1))
    assert branch.current_term.due_by == date(2021, 6, 30)
    branch.postpone_election(date(2021, 12, 31), "区非公党委", date(2021, 6, 1))
    term = replayed(branch).current_term
    assert (term.ends_on, term.postponed_to, term.approved_by) == (date(2020, 12, 31), date(2021, 12, 31), "区非公党委")


def test_a_postponement_is_refused_when_a_rule_says_no(branch: PartyBranch) -> None:
    postpone = branch.postpone_election
    rejects(
        branch, lambda: postpone(date(2022, 1, 1), "区非公党委", date(2020, 12, 1)), "election.postponement_too_long"
    )
    rejects(
        branch, lambda: postpone(date(2020, 12, 31), "区非公党委", date(2020, 12, 1)), "election.postponement_not_later"
    )
    rejects(
        branch, lambda: postpone(date(2021, 6, 30), "区非公党委", date(2017, 12, 1)), "election.approval_before_term"
    )
    invalid(branch, lambda: postpone(date(2021, 6, 30), " ", date(2020, 12, 1)), "approved_by")
    branch.postpone_election(date(2021, 6, 30), "区非公党委", date(2020, 12, 1))
    rejects(
        branch, lambda: postpone(date(2021, 3, 31), "区非公党委", date(2021, 1, 5)), "election.postponement_not_later"
    )


def test_overdue_for_election_after_the_postponed_end_and_never_once_ended() -> None:
    assert not overdue_for_election(date(2020, 12, 31), None, date(2020, 12, 31))
    assert overdue_for_election(date(2020, 12, 31), None, date(2021, 1, 1))
    assert not overdue_for_election(date(2020, 12, 31), date(2021, 1, 1), date(2021, 6, 1))
    assert overdue_for_election(date(2020, 12, 31), date(2021, 6, 2), date(2021, 6, 1))


def test_an_organization_is_overdue_after_its_term_unless_postponed_or_reelected(branch: PartyBranch) -> None:
    assert not branch.is_overdue_for_election(date(2020, 12, 31))
    assert branch.is_overdue_for_election(date(2021, 1, 1))
    branch.postpone_election(date(2021, 6, 30), "区非公党委", date(2020, 12, 1))
    assert not branch.is_overdue_for_election(date(2021, 6, 30))
    assert branch.is_overdue_for_election(date(2021, 7, 1))
    branch.record_election(date(2021, 7, 5))
    assert not branch.is_overdue_for_election(date(2024, 7, 4))
    assert branch.is_overdue_for_election(date(2024, 7, 5))


def test_each_refusal_of_a_term_or_structure_says_it_in_chinese(branch: PartyBranch) -> None:
    commands = [
        lambda: branch.record_election(date(2017, 12, 31)),
        lambda: branch.record_election(date(2018, 1, 1)),
        lambda: branch.record_election(date(2021, 1, 10), date(2021, 1, 10)),
        lambda: branch.record_election(date(2021, 1, 10), date(2024, 1, 10)),
        lambda: branch.postpone_election(date(2022, 1, 1), "区非公党委", date(2020, 12, 1)),
        lambda: branch.postpone_election(date(2020, 12, 31), "区非公党委", date(2020, 12, 1)),
        lambda: branch.postpone_election(date(2021, 6, 30), "区非公党委", date(2017, 12, 1)),
        lambda: branch.record_structure(True, False, date(2020, 1, 1)),
        lambda: branch.record_structure(False, False, date(2020, 1, 1)),
        lambda: found(kind="general_branch", full_members=40, has_committee=False),
    ]
    for command in commands:
        with pytest.raises(RuleViolation) as raised:
            command()
        assert raised.value.chinese, raised.value.rule
        assert any("\u4e00" <= c <= "\u9fff" for c in raised.value.chinese), raised.value.rule
