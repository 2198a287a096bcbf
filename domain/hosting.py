"""Which enterprises an organization may be founded in (条例 Art. 4–5): an enterprise hosts at most one active
organization, a joint branch counting for each unit it covers; a joint branch covers at most a policy's number of
units (by default 5). Sizes (≤50 members a branch, 50–100 usually a general branch, ≥100 usually a committee) are
flagged both ways, never refused: an organization larger than its kind usually holds, and a general branch or a
Party committee smaller than its kind is usually set up for (条例 allows that with the higher organization's
approval).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from uuid import UUID

from domain.errors import InvalidValue, RuleViolation
from domain.values import BranchKind, SizeMismatch


@dataclass(frozen=True)
class HostingPolicy:
    """The numbers that decide where an organization is founded, as data: the units a joint branch may cover, and
    the member counts past which a branch is usually a general branch, and a general branch a Party committee."""

    max_joint_units: int = 5
    general_branch_from: int = 50
    committee_from: int = 100

    def __post_init__(self) -> None:
        if not isinstance(self.max_joint_units, int) or not 2 <= self.max_joint_units <= 100:
            raise InvalidValue("policy.max_joint_units", "must be a whole number from 2 to 100")
        if not 0 < self.general_branch_from < self.committee_from:
            raise InvalidValue("policy.committee_from", "must be above general_branch_from")

    def check_joint_units(self, kind: str, units: int) -> None:
        """RuleViolation ``branch.joint_too_many_units`` for a joint branch covering more units than allowed."""
        if kind == BranchKind.JOINT_BRANCH and units > self.max_joint_units:
            raise RuleViolation(
                "branch.joint_too_many_units",
                f"a joint branch covers at most {self.max_joint_units} units; {units} were given",
                f"联合党支部覆盖的单位一般不超过{self.max_joint_units}个，现为{units}个",
            )

    def size_flag(self, kind: str, members: int) -> tuple[str, SizeMismatch] | None:
        """The kind an organization of ``members`` full Party members usually is, when it is another, and whether
        it is larger or smaller than its kind usually is; a report flags it, nothing refuses it. A street chamber's
        joint committee is flagged for neither: its size follows the chamber, not 条例 Art. 4."""
        usual = self.usual_kind(members)
        if kind in (BranchKind.BRANCH, BranchKind.JOINT_BRANCH) and usual != BranchKind.BRANCH:
            return usual.value, SizeMismatch.TOO_LARGE
        if kind == BranchKind.GENERAL_BRANCH and usual != BranchKind.GENERAL_BRANCH:
            return usual.value, SizeMismatch.TOO_LARGE if usual == BranchKind.COMMITTEE else SizeMismatch.TOO_SMALL
        if kind == BranchKind.COMMITTEE and usual != BranchKind.COMMITTEE:
            return usual.value, SizeMismatch.TOO_SMALL
        return None

    def usual_kind(self, members: int) -> BranchKind:
        """A branch up to ``general_branch_from`` full members, a general branch below ``committee_from``, a Party
        committee from there."""
        if members >= self.committee_from:
            return BranchKind.COMMITTEE
        if members > self.general_branch_from:
            return BranchKind.GENERAL_BRANCH
        return BranchKind.BRANCH


def check_hosts_free(hosted: Mapping[UUID, UUID]) -> None:
    """RuleViolation ``branch.host_already_organized`` when a host enterprise already hosts an active organization
    (``hosted``: each such host with the organization it hosts)."""
    if hosted:
        host, organization = next(iter(hosted.items()))
        raise RuleViolation(
            "branch.host_already_organized",
            f"member {host} already hosts the active organization {organization}; an enterprise hosts one "
            "(a joint branch counts for each unit it covers)",
            "该企业已有正常的党组织（联合党支部也计入所覆盖的每家企业），一家企业只能有一个党组织",
        )
