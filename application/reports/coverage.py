"""The coverage report (两个覆盖): member enterprises with their own Party organization, a joint branch, or none."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from application.reports.common import Documents, ReportName, branch_stood, by_name, named
from domain.coverage import Coverage, coverage_of, enough_for_an_organization, san_you_of
from domain.values import MemberStatus


def coverage_report(view: Documents, on: date) -> dict[str, Any]:
    """Member enterprises meeting "三有" (the denominator) with their own organization, covered by a joint branch,
    or with none, on ``on``; the other members (not meeting it, or not recorded) counted apart; and those whose last
    report counts 3 or more full Party members (probationary ones do not count) without an organization of their
    own."""
    members = by_name(m for m in view.all("member") if m["status"] != MemberStatus.LEFT)
    hosted: dict[str, list[str]] = defaultdict(list)
    for branch in view.all("branch"):
        if branch_stood(branch, on):
            for member_id in branch["host_member_ids"]:
                hosted[member_id].append(branch["kind"])
    rows: dict[Coverage, list[dict[str, str]]] = {coverage: [] for coverage in Coverage}
    apart: dict[Coverage, int] = dict.fromkeys(Coverage, 0)
    outside: list[dict[str, Any]] = []
    own: set[str] = set()
    for member in members:
        coverage = coverage_of(hosted[member["id"]])
        if coverage == Coverage.OWN_ORGANIZATION:
            own.add(member["id"])
        san_you = san_you_of(member["san_you_mark"])
        if san_you:
            rows[coverage].append(named(member))
            continue
        apart[coverage] += 1
        outside.append(
            {"member_id": member["id"], "name": member["name"], "san_you": san_you, "coverage": coverage.value}
        )
    needing_own = [
        {
            "member_id": m["id"],
            "name": m["name"],
            "street": m["street"],
            "full_members": m["party_members"]["full_members"],
            "probationary_members": m["party_members"]["probationary_members"],
            "party_members": m["party_members"]["full_members"],
        }
        for m in members
        if m["party_members"] and enough_for_an_organization(m["party_members"]["full_members"]) and m["id"] not in own
    ]
    total = sum(len(r) for r in rows.values())
    own_count, joint_count = len(rows[Coverage.OWN_ORGANIZATION]), len(rows[Coverage.JOINT_BRANCH])
    return {
        "report": ReportName.COVERAGE.value,
        "on": on.isoformat(),
        "members": len(members),
        "san_you_members": total,
        Coverage.OWN_ORGANIZATION.value: own_count,
        Coverage.JOINT_BRANCH.value: joint_count,
        Coverage.NONE.value: len(rows[Coverage.NONE]),
        "organization_coverage": round(own_count / total, 4) if total else 0.0,
        "work_coverage": round((own_count + joint_count) / total, 4) if total else 0.0,
        "without_organization": rows[Coverage.NONE],
        "outside_san_you": {
            "members": len(outside),
            "not_recorded": sum(1 for row in outside if row["san_you"] is None),
            **{coverage.value: count for coverage, count in apart.items()},
            "rows": outside,
        },
        "three_or_more_party_members_without_own_branch": needing_own,
    }
