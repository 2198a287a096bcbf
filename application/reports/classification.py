"""The annual classification report (年度分类定级报告) for one year."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import partial
from typing import Any

from application.projections.documents import Doc
from application.reports.common import Documents, ReportName, as_date, branch_stood, by_name, counts, named
from domain.branch import latest_rectification, managing_unit_on, rectification_status
from domain.grade_set import GradeSet, set_of
from domain.grading_round import grade_standing, round_status
from domain.quotas import quota_warnings
from domain.values import GradingPolicy, Movement, RectificationStatus, RoundStatus, movement_between


def unit_on(branch: Doc, on: date) -> str:
    """The managing unit a branch document had on ``on``."""
    return managing_unit_on(((date.fromisoformat(since), unit) for since, unit, _basis in branch["units"]), on)


def grade_in(branch: Doc, year: int) -> str | None:
    record = branch["grades"].get(str(year))
    return record["grade"] if record else None


def round_grades(round_doc: Doc | None) -> GradeSet:
    """The grades of a year's round as its policy records them; the default three for a year never opened."""
    return set_of(round_doc["policy"] if round_doc else None)


def rectification_in(branch: Doc, year: int, on: date) -> RectificationStatus:
    """Where the rectification of a branch document's weak grade for ``year`` stands on ``on``."""
    found = latest_rectification(branch["rectifications"], year)
    if found is None:
        return rectification_status(None, False, on)
    return rectification_status(as_date(found["due_on"]), found["closed_on"] is not None, on)


def acceptance_in(branch: Doc, year: int) -> dict[str, Any] | None:
    """The acceptance (验收) that closed the rectification of ``year``'s weak grade, or None while none closed it;
    a closing recorded before acceptances were recorded names no unit or person."""
    found = latest_rectification(branch["rectifications"], year)
    if found is None or found["closed_on"] is None:
        return None
    return {
        "on": found["closed_on"],
        "outcome": found["outcome"],
        "accepting_unit": found.get("accepting_unit"),
        "accepted_by": found.get("accepted_by"),
    }


def helper_in(branch: Doc, year: int) -> dict[str, Any] | None:
    """The helper and plan of the rectification of ``year``'s weak grade, or None when none was opened."""
    found = latest_rectification(branch["rectifications"], year)
    if found is None:
        return None
    return {"helper": found.get("helper"), "helper_role": found.get("helper_role"), "plan": found.get("plan")}


def year_round(round_doc: Doc | None) -> RoundStatus:
    """Where the year's round stands, from its document (none: never opened)."""
    if round_doc is None:
        return RoundStatus.NOT_OPENED
    return round_status(round_doc["publicity"] is not None, round_doc["closed_on"] is not None)


def _rows(groups: dict[str, dict[str, int]], key: str) -> list[dict[str, Any]]:
    return [{key: name, **figures} for name, figures in sorted(groups.items())]


def classification_report(view: Documents, year: int, on: date) -> dict[str, Any]:
    """Branches standing on 31 December of ``year``, under the unit and street they had then; ``on`` dates overdue."""
    year_end = date(year, 12, 31)
    rounds = {d["year"]: d for d in view.all("round")}
    grades, grades_before = round_grades(rounds.get(year)), round_grades(rounds.get(year - 1))
    branches = by_name(b for b in view.all("branch") if branch_stood(b, year_end))
    totals = counts(grades.codes)
    row = partial(counts, grades.codes)
    by_unit: dict[str, dict[str, int]] = defaultdict(row)
    by_street: dict[str, dict[str, int]] = defaultdict(row)
    by_kind: dict[str, dict[str, int]] = defaultdict(row)
    movements: dict[str, list[dict[str, str]]] = {**{m.value: [] for m in Movement}, "weak_two_years": []}
    weak, escalated, overrides, corrections, review_corrections = [], [], [], [], []
    rectification_corrections = []
    for branch in branches:
        grade = grade_in(branch, year)
        column = grade if grade in grades.codes else "ungraded"
        unit = unit_on(branch, year_end)
        for figures in (totals, by_unit[unit], by_street[branch["street"]], by_kind[branch["kind"]]):
            figures[column] += 1
            figures["total"] += 1
        before = grade_in(branch, year - 1)
        bottom, bottom_before = grade == grades.bottom, before == grades_before.bottom
        rank, rank_before = grades.rank(grade or ""), grades_before.rank(before or "")
        if rank is not None and rank_before is not None:
            movement = movement_between(rank, rank_before)
            movements[movement.value].append(named(branch))
            if bottom and bottom_before:
                movements["weak_two_years"].append(named(branch))
        if bottom:
            weak_row = {
                "branch_id": branch["id"],
                "name": branch["name"],
                "managing_unit": unit,
                "street": branch["street"],
                "rectification": rectification_in(branch, year, on).value,
                "escalated": bottom_before,
                "rectification_of": helper_in(branch, year),
                "acceptance": acceptance_in(branch, year),
            }
            weak.append(weak_row)
            if bottom_before:
                escalated.append(weak_row)
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
        review = branch["reviews"].get(str(year))
        for correction in review.get("corrections", []) if review else []:
            review_corrections.append({"branch_id": branch["id"], "name": branch["name"], **correction})
        for rectification in (r for r in branch["rectifications"] if r["year"] == year):
            for correction in rectification.get("corrections", []):
                rectification_corrections.append({"branch_id": branch["id"], "name": branch["name"], **correction})
    total = totals["total"]
    round_now = year_round(rounds.get(year))
    return {
        "report": ReportName.CLASSIFICATION.value,
        "year": year,
        "status": grade_standing(round_now == RoundStatus.CLOSED).value,
        "round": round_now.value,
        "on": on.isoformat(),
        "labels": grades.labels(),
        "totals": totals,
        "shares": {g: round(totals[g] / total, 4) if total else 0.0 for g in totals if g != "total"},
        "by_managing_unit": _rows(by_unit, "managing_unit"),
        "by_street": _rows(by_street, "street"),
        "by_kind": _rows(by_kind, "kind"),
        "movements": movements,
        "weak": weak,
        "escalated": escalated,
        "overrides": overrides,
        "corrections": corrections,
        "review_corrections": review_corrections,
        "rectification_corrections": rectification_corrections,
        "quota_warnings": _quota_warnings(rounds.get(year), totals),
    }


def _quota_warnings(round_doc: dict[str, Any] | None, totals: dict[str, int]) -> list[dict[str, Any]]:
    """The quotas of the round's policy that its grades break: warnings, never refusals."""
    if round_doc is None:
        return []
    return [w.as_dict() for w in quota_warnings(GradingPolicy.from_dict(round_doc["policy"]), totals)]
