"""How a Party organization is set up: whether it has a committee (支部委员会) and Party groups (党小组), and which
organizational-life minimums that makes apply.

A branch with 7 or more full Party members has a committee; a smaller one has a secretary only (条例 Art. 12). A
general branch and a Party committee are led by their committee. Only some branches have Party groups (Art. 13).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.errors import InvalidValue, RuleViolation
from domain.values import Activity, BranchKind

COMMITTEE_MIN_FULL_MEMBERS = 7
LED_BY_A_COMMITTEE = frozenset({BranchKind.GENERAL_BRANCH, BranchKind.COMMITTEE, BranchKind.JOINT_COMMITTEE})
"""Kinds of organization that are led by an elected committee whatever their size."""


def committee_expected(kind: str, full_members: int) -> bool:
    """Whether the rules give an organization of ``kind`` with ``full_members`` a committee."""
    return kind in LED_BY_A_COMMITTEE or full_members >= COMMITTEE_MIN_FULL_MEMBERS


def check_committee(kind: str, full_members: int, has_committee: Any) -> bool:
    """``has_committee`` as recorded for an organization of ``kind`` with ``full_members``, or the rule it breaks:
    a branch with fewer than 7 full members has no committee; a general branch or a Party committee has one."""
    if not isinstance(has_committee, bool):
        raise InvalidValue("has_committee", "must be true or false")
    if has_committee and not committee_expected(kind, full_members):
        raise RuleViolation(
            "committee.too_few_full_members",
            f"a branch has a committee only with {COMMITTEE_MIN_FULL_MEMBERS} or more full Party members; "
            f"this one has {full_members}",
            f"正式党员{COMMITTEE_MIN_FULL_MEMBERS}人以上的党支部才设支部委员会，该党组织现有正式党员{full_members}人",
        )
    if not has_committee and kind in LED_BY_A_COMMITTEE:
        raise RuleViolation(
            "committee.required_for_kind", f"a {kind} is led by its committee", "党总支、党委须设委员会"
        )
    return has_committee


def check_party_groups(value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidValue("has_party_groups", "must be true or false")
    return value


@dataclass(frozen=True)
class Structure:
    """Whether an organization has a committee and Party groups, from a day on. ``None`` is "not recorded": an
    organization founded before these facts were kept."""

    since: date
    has_committee: bool | None
    has_party_groups: bool | None

    def committee(self, kind: str, full_members: int) -> bool:
        """Whether the organization has a committee: as recorded, or, when not recorded, as the rules expect."""
        return committee_expected(kind, full_members) if self.has_committee is None else self.has_committee

    @property
    def party_groups(self) -> bool:
        """Whether the organization has Party groups: only when recorded so."""
        return bool(self.has_party_groups)


def structure_on(structures: Sequence[Structure], day: date) -> Structure:
    """The structure an organization had on ``day``: the last recorded since then, else its founding one."""
    found = structures[0]
    for structure in structures:
        if structure.since <= day:
            found = structure
    return found


def minimum_applies(activity: str, has_committee: bool, has_party_groups: bool) -> bool:
    """Whether the minimum for ``activity`` applies: committee meetings where a committee exists, group meetings
    where Party groups exist, every other activity everywhere."""
    if activity == Activity.COMMITTEE_MEETING:
        return has_committee
    if activity == Activity.GROUP_MEETING:
        return has_party_groups
    return True
