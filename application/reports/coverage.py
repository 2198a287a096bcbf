"""The coverage report (两个覆盖): member enterprises with their own Party organization, a joint branch, or none."""

from __future__ import annotations

from datetime import date
from typing import Any

from application.reports.common import Documents

OWN_KINDS = {"branch", "general_branch", "committee"}


def coverage_report(view: Documents, on: date) -> dict[str, Any]:
    """Member enterprises with their own organization, covered by a joint branch, or with none."""
    day = on.isoformat()
    members = sorted((m for m in view.all("member") if m["status"] != "left"), key=lambda m: m["id"])
    own: set[str] = set()
    joint: set[str] = set()
    for branch in view.all("branch"):
        if branch["status"] == "active" and branch["founded_on"] <= day:
            target = own if branch["kind"] in OWN_KINDS else joint if branch["kind"] == "joint_branch" else None
            if target is not None:
                target.update(branch["host_member_ids"])
    rows = {"own_organization": [], "joint_branch": [], "none": []}
    for member in members:
        key = "own_organization" if member["id"] in own else "joint_branch" if member["id"] in joint else "none"
        rows[key].append(member["id"])
    needing_own = [
        {"member_id": m["id"], "name": m["name"], "street": m["street"], "party_members": m["party_members"]["count"]}
        for m in members
        if m.get("party_members") and m["party_members"]["count"] >= 3 and m["id"] not in own
    ]
    total = len(members)
    return {
        "report": "coverage",
        "on": day,
        "members": total,
        "own_organization": len(rows["own_organization"]),
        "joint_branch": len(rows["joint_branch"]),
        "none": len(rows["none"]),
        "organization_coverage": round(len(rows["own_organization"]) / total, 4) if total else 0.0,
        "work_coverage": round((len(rows["own_organization"]) + len(rows["joint_branch"])) / total, 4)
        if total
        else 0.0,
        "without_organization": rows["none"],
        "three_or_more_party_members_without_own_branch": needing_own,
    }
