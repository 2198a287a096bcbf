"""Organizational-life compliance (三会一课): each organization's year against the minimums of the policy."""

from __future__ import annotations

from typing import Any

from application.reports.common import Documents
from domain.values import DEFAULT_MINIMUMS


def organizational_life_report(view: Documents, year: int) -> dict[str, Any]:
    """Each organization active in ``year`` against the year's minimums (the round's policy, else the defaults)."""
    rounds = {d["year"]: d for d in view.all("round")}
    minimums = dict(DEFAULT_MINIMUMS)
    if year in rounds:
        minimums.update(rounds[year]["policy"].get("minimums", {}))
    start, end = f"{year}-01-01", f"{year}-12-31"
    rows = []
    for branch in sorted(view.all("branch"), key=lambda b: b["id"]):
        if branch["founded_on"] > end or (branch["ended_on"] is not None and branch["ended_on"] < start):
            continue
        held = branch["organizational_life"].get(str(year), {})
        activities = {
            a: {"held": held.get(a, 0), "minimum": m, "met": held.get(a, 0) >= m} for a, m in minimums.items()
        }
        rows.append(
            {
                "branch_id": branch["id"],
                "name": branch["name"],
                "street": branch["street"],
                "managing_unit": branch["managing_unit"],
                "activities": activities,
                "compliant": all(a["met"] for a in activities.values()),
            }
        )
    return {
        "report": "organizational_life",
        "year": year,
        "minimums": minimums,
        "branches": len(rows),
        "compliant": sum(1 for r in rows if r["compliant"]),
        "by_activity": {a: sum(1 for r in rows if r["activities"][a]["met"]) for a in minimums},
        "rows": rows,
    }
