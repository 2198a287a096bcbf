"""The chamber report: chambers by kind and street, registration, plaque, terms, titles, joint committees, and the
corrections of chambers' names, establishment days and award years."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any

from application.projections.documents import Doc
from application.reports.common import Documents, ReportName, as_date, by_name, named
from domain.chamber import overdue_for_renewal
from domain.chamber_terms import in_force, term_due_by
from domain.values import BranchKind, BranchStatus, ChamberStatus


def overdue(chamber: Doc, on: date) -> bool:
    """Whether the domain judges a chamber document overdue for renewal on ``on``: past its current term's end, or
    the day an approved postponement moved it to."""
    established_on = date.fromisoformat(chamber["established_on"])
    due = term_due_by(chamber["terms"][-1]) if chamber["terms"] else None
    dissolved_on = as_date(chamber["dissolved_on"])
    return overdue_for_renewal(established_on, due, dissolved_on, on, chamber["charter_term_years"])


def chambers_report(view: Documents, on: date) -> dict[str, Any]:
    """Chambers by kind and street, their registration, plaque, terms (overdue past any postponement), the Four
    Good titles in force on ``on`` and joint Party committees."""
    every = {c["id"]: c for c in view.all("chamber")}
    chambers = by_name(c for c in every.values() if c["status"] == ChamberStatus.ACTIVE)
    joint = [
        {
            "branch_id": b["id"],
            "name": b["name"],
            "chamber_id": b["host_chamber_id"],
            "chamber": named(every[b["host_chamber_id"]]) if b["host_chamber_id"] in every else None,
        }
        for b in by_name(view.all("branch"))
        if b["kind"] == BranchKind.JOINT_COMMITTEE and b["status"] == BranchStatus.ACTIVE
    ]
    overdue_rows = [
        {
            "chamber_id": c["id"],
            "name": c["name"],
            "term_ended_on": c["terms"][-1]["ends_on"] if c["terms"] else None,
            "postponed_to": c["terms"][-1]["postponed_to"] if c["terms"] else None,
        }
        for c in chambers
        if overdue(c, on)
    ]
    by_street: dict[str, Counter[str]] = defaultdict(Counter)
    for chamber in chambers:
        by_street[chamber["street"]][chamber["kind"]] += 1
    return {
        "report": ReportName.CHAMBERS.value,
        "on": on.isoformat(),
        "total": len(chambers),
        "by_kind": dict(sorted(Counter(c["kind"] for c in chambers).items())),
        "by_street": [
            {"street": s, "by_kind": dict(sorted(k.items())), "total": sum(k.values())}
            for s, k in sorted(by_street.items())
        ],
        "registered_as_social_organization": sum(1 for c in chambers if c["certificate_no"]),
        "fic_plaque": sum(1 for c in chambers if c["fic_plaque_on"]),
        "overdue_for_renewal": overdue_rows,
        "overdue_after_postponement": sum(1 for row in overdue_rows if row["postponed_to"]),
        "four_good": [
            {"chamber_id": c["id"], "name": c["name"], **title}
            for c in chambers
            for title in c["four_good"]
            if in_force(title, on)
        ],
        "demonstration_sites": [
            {"chamber_id": c["id"], "name": c["name"], "year": y}
            for c in chambers
            for y in c["demonstration_site_years"]
        ],
        "joint_party_committees": joint,
        "chamber_corrections": [
            {"chamber_id": c["id"], "name": c["name"], **correction}
            for c in by_name(every.values())
            for correction in c.get("corrections", [])
        ],
        "chambers": [
            {
                "chamber_id": c["id"],
                "name": c["name"],
                "kind": c["kind"],
                "street": c["street"],
                "registered": bool(c["certificate_no"]),
                "fic_plaque": bool(c["fic_plaque_on"]),
                "overdue_for_renewal": overdue(c, on),
            }
            for c in chambers
        ],
    }
