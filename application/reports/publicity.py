"""The publicity list (公示名单) of a year's round: the organizations graded and their grades, for the period of
publicity. It names organizations only, never a person (no reviewer, no one who recorded anything)."""

from __future__ import annotations

from datetime import date
from typing import Any

from application.errors import NotFound, RuleViolation
from application.reports.common import Documents, ReportName, branch_stood, by_name
from domain.grade_set import set_of
from domain.grading_round import round_status


def publicity_notice(view: Documents, year: int, on: date) -> dict[str, Any]:
    """The organizations standing on 31 December of ``year`` that hold a grade for it, best grade first and by
    name, with the publicity period and the round's grades with their labels; a round never opened is
    ``NotFound``, one not yet in publicity a rule broken."""
    found = [d for d in view.all("round") if d["year"] == year]
    if not found:
        raise NotFound("grading round", year)
    publicity = found[0]["publicity"]
    if publicity is None:
        raise RuleViolation(
            "grading_round.publicity_not_started", f"{year}年度定级结果尚未公示 (the {year} grades are not posted yet)"
        )
    grades = set_of(found[0]["policy"])
    graded = [
        (b["grades"][str(year)]["grade"], b)
        for b in by_name(view.all("branch"))
        if str(year) in b["grades"] and branch_stood(b, date(year, 12, 31))
    ]
    graded.sort(key=lambda pair: -(grades.rank(pair[0]) or 0))
    return {
        "report": ReportName.PUBLICITY_NOTICE.value,
        "year": year,
        "on": on.isoformat(),
        "round": round_status(True, found[0]["closed_on"] is not None).value,
        "publicity": {"starts_on": publicity["starts_on"], "ends_on": publicity["ends_on"]},
        "labels": grades.labels(),
        "totals": {
            **{code: sum(1 for g, _ in graded if g == code) for code in grades.codes},
            "total": len(graded),
        },
        "organizations": [
            {"branch_id": b["id"], "name": b["name"], "kind": b["kind"], "street": b["street"], "grade": g}
            for g, b in graded
        ],
    }
