"""The two coverages (两个覆盖): which enterprises have a Party organization of their own, or are reached by one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from domain.labelled import Labelled
from domain.values import BranchKind

MIN_FULL_MEMBERS = 3
SAN_YOU_MIN_EMPLOYEES = 10
"""Employees an enterprise needs, besides fixed premises and a real business, to meet "三有" and count in the
coverage denominator."""


class Coverage(Labelled):
    """How a member enterprise is covered: by an organization of its own, by a joint branch, or not at all."""

    OWN_ORGANIZATION = "own_organization", "单独建立党组织"
    JOINT_BRANCH = "joint_branch", "联合党支部覆盖"
    NONE = "none", "未覆盖"


def enough_for_an_organization(full_members: int) -> bool:
    """Whether so many full Party members can form an organization: an enterprise with that many should have its
    own, fewer are covered by a joint branch."""
    return full_members >= MIN_FULL_MEMBERS


def coverage_by(kind: str) -> Coverage:
    """What an organization of ``kind`` gives the enterprises that host it (a chamber's joint committee: none)."""
    if kind in (BranchKind.BRANCH, BranchKind.GENERAL_BRANCH, BranchKind.COMMITTEE):
        return Coverage.OWN_ORGANIZATION
    if kind == BranchKind.JOINT_BRANCH:
        return Coverage.JOINT_BRANCH
    return Coverage.NONE


def coverage_of(kinds: Iterable[str]) -> Coverage:
    """An enterprise's coverage from the kinds of the standing organizations it hosts: its own comes first."""
    given = {coverage_by(kind) for kind in kinds}
    return next((c for c in Coverage if c in given), Coverage.NONE)


def meets_san_you(fixed_premises: bool, employees: int, real_business: bool) -> bool:
    """Whether an enterprise meets "三有": fixed premises, 10 or more employees and a real business."""
    return fixed_premises and employees >= SAN_YOU_MIN_EMPLOYEES and real_business


def san_you_of(mark: Mapping[str, Any] | None) -> bool | None:
    """Whether a member's recorded "三有" mark is met; None when none was recorded."""
    if mark is None:
        return None
    return meets_san_you(mark["fixed_premises"], mark["employees"], mark["real_business"])
