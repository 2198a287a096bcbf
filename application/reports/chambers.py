"""The chamber report: chambers by kind and street, registration, plaque, terms, titles and joint committees."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any

from application.projections.documents import Doc
from application.reports.common import Documents
from domain.chamber import TERM_YEARS


def overdue_for_renewal(chamber: Doc, day: str) -> bool:
    if chamber["status"] != "active":
        return False
    if chamber["terms"]:
        return chamber["terms"][-1]["ends_on"] < day
    established = date.fromisoformat(chamber["established_on"])
    return established.replace(year=established.year + TERM_YEARS, day=min(established.day, 28)).isoformat() < day


def chambers_report(view: Documents, on: date) -> dict[str, Any]:
    """Chambers by kind and street, their registration, plaque, terms, titles and joint Party committees."""
    day = on.isoformat()
    chambers = sorted((c for c in view.all("chamber") if c["status"] == "active"), key=lambda c: c["id"])
    joint = [
        {"branch_id": b["id"], "name": b["name"], "chamber_id": b["host_chamber_id"]}
        for b in sorted(view.all("branch"), key=lambda b: b["id"])
        if b["kind"] == "joint_committee" and b["status"] == "active"
    ]
    by_street: dict[str, Counter[str]] = defaultdict(Counter)
    for chamber in chambers:
        by_street[chamber["street"]][chamber["kind"]] += 1
    return {
        "report": "chambers",
        "on": day,
        "total": len(chambers),
        "by_kind": dict(sorted(Counter(c["kind"] for c in chambers).items())),
        "by_street": [
            {"street": s, "by_kind": dict(sorted(k.items())), "total": sum(k.values())}
            for s, k in sorted(by_street.items())
        ],
        "registered_as_social_organization": sum(1 for c in chambers if c["certificate_no"]),
        "fic_plaque": sum(1 for c in chambers if c["fic_plaque_on"]),
        "overdue_for_renewal": [
            {
                "chamber_id": c["id"],
                "name": c["name"],
                "term_ended_on": c["terms"][-1]["ends_on"] if c["terms"] else None,
            }
            for c in chambers
            if overdue_for_renewal(c, day)
        ],
        "four_good": [
            {"chamber_id": c["id"], "name": c["name"], **title} for c in chambers for title in c["four_good"]
        ],
        "demonstration_sites": [
            {"chamber_id": c["id"], "name": c["name"], "year": y}
            for c in chambers
            for y in c["demonstration_site_years"]
        ],
        "joint_party_committees": joint,
        "chambers": [
            {
                "chamber_id": c["id"],
                "name": c["name"],
                "kind": c["kind"],
                "street": c["street"],
                "registered": bool(c["certificate_no"]),
                "fic_plaque": bool(c["fic_plaque_on"]),
                "overdue_for_renewal": overdue_for_renewal(c, day),
            }
            for c in chambers
        ],
    }
