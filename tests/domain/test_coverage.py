"""The two coverages: the threshold of full Party members, and which organization covers an enterprise."""

from __future__ import annotations

import pytest

from domain.coverage import Coverage, coverage_of, enough_for_an_organization


@pytest.mark.parametrize(("count", "enough"), [(0, False), (2, False), (3, True), (50, True)])
def test_three_full_members_are_enough_for_an_organization(count: int, enough: bool) -> None:
    assert enough_for_an_organization(count) is enough


@pytest.mark.parametrize(
    ("kinds", "coverage"),
    [
        ([], Coverage.NONE),
        (["joint_committee"], Coverage.NONE),
        (["joint_branch"], Coverage.JOINT_BRANCH),
        (["joint_branch", "branch"], Coverage.OWN_ORGANIZATION),
        (["general_branch"], Coverage.OWN_ORGANIZATION),
        (["committee", "joint_branch"], Coverage.OWN_ORGANIZATION),
    ],
)
def test_an_organization_of_its_own_comes_before_a_joint_branch(kinds: list[str], coverage: Coverage) -> None:
    assert coverage_of(kinds) == coverage
