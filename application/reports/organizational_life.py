"""Organizational-life compliance (三会一课): each organization's year against the minimums of the policy."""

from __future__ import annotations

from datetime import date
from typing import Any

from application.reports.common import Documents, ReportName, branch_stood, by_name
from domain.values import GradingPolicy


def organizational_life_report(view: Documents, year: int, on: date) -> dict[str, Any]:
    """Each organization standing in ``year`` against the year's minimums (the round's policy, else the defaults),
    as the register stood on ``on``."""
    rounds = {d["year"]: d for d in view.all("round")}
    policy = GradingPolicy.from_dict(rounds[year]["policy"]) if year in rounds else GradingPolicy()
    rows = []
    for branch in by_name(view.all("branch")):
        if not branch_stood(branch, date(year, 1, 1), date(year, 12, 31)):
            continue
        held = branch["organizational_life"].get(str(year), {})
        activities = {
            activity: {
                "held": held.get(activity, 0),
                "minimum": minimum,
                "met": policy.meets(activity, held.get(activity, 0)),
            }
            for activity, minimum in policy.minimums.items()
        }
        rows.append(
            {
                "branch_id": branch["id"],
                "name": branch["name"],
                "street": branch["street"],
                "managing_unit": branch["managing_unit"],
                "activities": activities,
                "compliant": policy.complies(held),
            }
        )
    return {
        "report": ReportName.ORGANIZATIONAL_LIFE.value,
        "year": year,
        "on": on.isoformat(),
        "minimums": policy.minimums,
        "branches": len(rows),
        "compliant": sum(1 for r in rows if r["compliant"]),
        "by_activity": {a: sum(1 for r in rows if r["activities"][a]["met"]) for a in policy.minimums},
        "rows": rows,
    }
