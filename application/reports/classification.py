"""The annual classification report (年度分类定级报告) for one year."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from application.projections.documents import Doc
from application.reports.common import GRADES, LABELS, Documents, active_on, counts
from domain.values import Grade


def unit_on(branch: Doc, day: str) -> str:
    """The managing unit a branch had on ``day``."""
    unit = branch["units"][0][1]
    for since, name, _basis in branch["units"]:
        if since <= day:
            unit = name
    return unit


def grade_in(branch: Doc, year: int) -> str | None:
    record = branch["grades"].get(str(year))
    return record["grade"] if record else None


def rectification_status(branch: Doc, year: int, on: date) -> str:
    """none, open, overdue (due date passed, not closed) or closed, for the rectification of ``year``."""
    for rectification in reversed(branch["rectifications"]):
        if rectification["year"] == year:
            if rectification["closed_on"]:
                return "closed"
            return "overdue" if rectification["due_on"] < on.isoformat() else "open"
    return "none"


def _rows(groups: dict[str, dict[str, int]], key: str) -> list[dict[str, Any]]:
    return [{key: name, **figures} for name, figures in sorted(groups.items())]


def classification_report(view: Documents, year: int, on: date) -> dict[str, Any]:
    """Branches active on 31 December of ``year``, under the unit and street they had then; ``on`` dates overdue."""
    day = f"{year}-12-31"
    rounds = {d["year"]: d for d in view.all("round")}
    branches = sorted((b for b in view.all("branch") if active_on(b, day)), key=lambda b: b["id"])
    totals = counts()
    by_unit: dict[str, dict[str, int]] = defaultdict(counts)
    by_street: dict[str, dict[str, int]] = defaultdict(counts)
    by_kind: dict[str, dict[str, int]] = defaultdict(counts)
    movements: dict[str, list[str]] = {"upgraded": [], "downgraded": [], "unchanged": [], "weak_two_years": []}
    weak, overrides, corrections = [], [], []
    for branch in branches:
        grade = grade_in(branch, year)
        column = grade or "ungraded"
        for figures in (totals, by_unit[unit_on(branch, day)], by_street[branch["street"]], by_kind[branch["kind"]]):
            figures[column] += 1
            figures["total"] += 1
        before = grade_in(branch, year - 1)
        if grade and before:
            change = Grade(grade).rank - Grade(before).rank
            movements["upgraded" if change > 0 else "downgraded" if change < 0 else "unchanged"].append(branch["id"])
            if change == 0 and grade == Grade.WEAK:
                movements["weak_two_years"].append(branch["id"])
        if grade == Grade.WEAK:
            weak.append(
                {
                    "branch_id": branch["id"],
                    "name": branch["name"],
                    "managing_unit": unit_on(branch, day),
                    "street": branch["street"],
                    "rectification": rectification_status(branch, year, on),
                }
            )
        record = branch["grades"].get(str(year))
        if record and record["override_reason"]:
            overrides.append(
                {
                    "branch_id": branch["id"],
                    "name": branch["name"],
                    "grade": record["original_grade"],
                    "mapped_grade": record["mapped_grade"],
                    "override_reason": record["override_reason"],
                }
            )
        for correction in record["corrections"] if record else []:
            corrections.append({"branch_id": branch["id"], "name": branch["name"], **correction})
    total = totals["total"]
    round_doc = rounds.get(year)
    return {
        "report": "classification",
        "year": year,
        "status": "final" if round_doc and round_doc["closed_on"] else "provisional",
        "round": "closed" if round_doc and round_doc["closed_on"] else ("open" if round_doc else "not_opened"),
        "on": on.isoformat(),
        "labels": LABELS,
        "totals": totals,
        "shares": {g: round(totals[g] / total, 4) if total else 0.0 for g in [*GRADES, "ungraded"]},
        "by_managing_unit": _rows(by_unit, "managing_unit"),
        "by_street": _rows(by_street, "street"),
        "by_kind": _rows(by_kind, "kind"),
        "movements": movements,
        "weak": weak,
        "overrides": overrides,
        "corrections": corrections,
    }
