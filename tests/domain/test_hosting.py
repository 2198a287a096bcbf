"""Hosting: an enterprise hosts one active organization; a joint branch's units are bounded by policy data."""

from __future__ import annotations

from uuid import uuid4

import pytest

from domain.errors import InvalidValue, RuleViolation
from domain.hosting import HostingPolicy, check_hosts_free


def test_a_host_with_an_active_organization_is_refused() -> None:
    check_hosts_free({})
    with pytest.raises(RuleViolation) as raised:
        check_hosts_free({uuid4(): uuid4()})
    assert raised.value.rule == "branch.host_already_organized"
    assert raised.value.chinese


def test_the_policy_defaults_to_five_units_and_refuses_nonsense() -> None:
    assert HostingPolicy().max_joint_units == 5
    HostingPolicy().check_joint_units("branch", 9)
    for policy in ({"max_joint_units": 1}, {"general_branch_from": 100, "committee_from": 50}):
        with pytest.raises(InvalidValue):
            HostingPolicy(**policy)  # type: ignore[arg-type]
