"""Organizational-life compliance (三会一课, 组织生活会, 民主评议党员): each organization's year against the minimums
of the policy that apply to it, and the organizations overdue for election."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from application.projections.documents import Doc
from application.reports.common import Documents, ReportName, as_date, branch_stood, by_name
from domain.branch import last_day_in
from domain.elections import overdue_for_election
from domain.lectures import LectureSpeakers
from domain.structure import Structure, minimum_applies, structure_on
from domain.values import Activity, Compliance, GradingPolicy


def election_due_by(branch: Doc) -> date:
    """The last day a branch document's current term stands: its end, or the day it was postponed to."""
    term = branch["terms"][-1]
    return date.fromisoformat(term["postponed_to"] or term["ends_on"])


def overdue(branch: Doc, on: date) -> bool:
    """Whether the domain judges a branch document overdue for election on ``on``."""
    return overdue_for_election(election_due_by(branch), as_date(branch["ended_on"]), on)


def set_up_in(branch: Doc, year: int) -> tuple[bool, bool]:
    """Whether a branch document's organization had a committee and Party groups on the last day it stood in
    ``year``, as the domain reads its recorded structure."""
    structures = [
        Structure(date.fromisoformat(s["since"]), s["has_committee"], s["has_party_groups"])
        for s in branch["structures"]
    ]
    structure = structure_on(structures, last_day_in(year, as_date(branch["ended_on"])))
    return structure.committee(branch["kind"], branch["full_members"]), structure.party_groups


def policy_for(view: Documents, year: int) -> GradingPolicy:
    """The minimums of ``year``: its round's policy, else the defaults."""
    found = next((d for d in view.all("round") if d["year"] == year), None)
    return GradingPolicy.from_dict(found["policy"]) if found else GradingPolicy()


def complies(branch: Doc, year: int, policy: GradingPolicy) -> bool:
    """Whether a branch document's organizational life in ``year`` met every minimum of ``policy`` that applies
    to it, the secretary's lectures included where the records can tell."""
    held = branch["organizational_life"].get(str(year), {})
    has_committee, has_party_groups = set_up_in(branch, year)
    return (
        policy.complies(held, lambda activity: minimum_applies(activity, has_committee, has_party_groups))
        and secretary_lectures(branch, year, policy).compliance != Compliance.SHORT
    )


def secretary_lectures(branch: Doc, year: int, policy: GradingPolicy) -> SecretaryLectures:
    """The lectures of ``year`` a branch document says the secretary gave, against the policy's minimum."""
    said = branch.get("lecture_speakers", {}).get(str(year), {})
    speakers = LectureSpeakers(said.get("secretary", 0), said.get("other", 0))
    lectures = branch["organizational_life"].get(str(year), {}).get(Activity.LECTURE.value, 0)
    return SecretaryLectures(speakers, lectures, policy.secretary_lectures)


@dataclass(frozen=True)
class SecretaryLectures:
    """A year's lectures by who gave them, and how the secretary's stand against the minimum."""

    speakers: LectureSpeakers
    lectures: int
    minimum: int

    @property
    def compliance(self) -> Compliance:
        return self.speakers.compliance(self.lectures, self.minimum)

    def as_row(self) -> dict[str, Any]:
        compliance = self.compliance
        return {
            "by_secretary": self.speakers.secretary,
            "not_said": self.lectures - self.speakers.secretary - self.speakers.other,
            "minimum": self.minimum or None,
            "compliance": compliance.value,
        }


def organizational_life_report(view: Documents, year: int, on: date) -> dict[str, Any]:
    """Each organization standing in ``year`` against the year's minimums (the round's policy, else the defaults)
    that apply to it, as the register stood on ``on``; the report stands on ``on``, or on 31 December for a year
    already past, and judges elections overdue on that day."""
    policy = policy_for(view, year)
    judged = min(on, date(year, 12, 31))
    rows = []
    for branch in by_name(view.all("branch")):
        if not branch_stood(branch, date(year, 1, 1), date(year, 12, 31)):
            continue
        held = branch["organizational_life"].get(str(year), {})
        has_committee, has_party_groups = set_up_in(branch, year)
        applies = {a: minimum_applies(a, has_committee, has_party_groups) for a in policy.minimums}
        activities = {}
        for activity, minimum in policy.minimums.items():
            compliance = policy.compliance(activity, held.get(activity, 0), applies[activity])
            activities[activity] = {
                "held": held.get(activity, 0),
                "minimum": minimum if applies[activity] else None,
                "met": None if compliance == Compliance.NOT_APPLICABLE else compliance == Compliance.MET,
                "compliance": compliance.value,
            }
        secretary = secretary_lectures(branch, year, policy)
        rows.append(
            {
                "branch_id": branch["id"],
                "name": branch["name"],
                "street": branch["street"],
                "managing_unit": branch["managing_unit"],
                "has_committee": has_committee,
                "has_party_groups": has_party_groups,
                "activities": activities,
                "secretary_lectures": secretary.as_row(),
                "compliant": policy.complies(held, applies.__getitem__) and secretary.compliance != Compliance.SHORT,
                "election_due_by": election_due_by(branch).isoformat(),
                "overdue_for_election": overdue(branch, judged),
            }
        )
    return {
        "report": ReportName.ORGANIZATIONAL_LIFE.value,
        "year": year,
        "on": judged.isoformat(),
        "minimums": policy.minimums,
        "secretary_lectures_minimum": policy.secretary_lectures,
        "branches": len(rows),
        "compliant": sum(1 for r in rows if r["compliant"]),
        "by_activity": {
            a: sum(1 for r in rows if r["activities"][a]["compliance"] == Compliance.MET) for a in policy.minimums
        },
        "secretary_lectures": {
            c.value: sum(1 for r in rows if r["secretary_lectures"]["compliance"] == c) for c in Compliance
        },
        "overdue_for_election": [
            {
                "branch_id": r["branch_id"],
                "name": r["name"],
                "street": r["street"],
                "managing_unit": r["managing_unit"],
                "election_due_by": r["election_due_by"],
            }
            for r in rows
            if r["overdue_for_election"]
        ],
        "rows": rows,
        "voided_meetings": [
            {"branch_id": branch["id"], "name": branch["name"], **voided}
            for branch in by_name(view.all("branch"))
            for voided in branch.get("voided_meetings", [])
            if voided["held_on"].startswith(f"{year}-")
        ],
        "founding_corrections": [
            {"branch_id": branch["id"], "name": branch["name"], **corrected}
            for branch in by_name(view.all("branch"))
            for corrected in branch.get("founding_corrections", [])
            if year in _years_between(corrected["from_on"], corrected["to_on"])
        ],
        "election_corrections": [
            {"branch_id": branch["id"], "name": branch["name"], **corrected}
            for branch in by_name(view.all("branch"))
            for corrected in branch.get("election_corrections", [])
            if year in _years_between(*_span(corrected))
        ],
    }


def _span(corrected: Doc) -> tuple[str, str]:
    """The first and last of an election correction's days (as they were and as they are)."""
    days = [corrected[k] for k in ("from_elected_on", "to_elected_on", "from_term_ends_on", "to_term_ends_on")]
    return min(days), max(days)


def _years_between(one: str, other: str) -> range:
    """The years from one ISO day's to the other's, whichever comes first: those a changed founding day concerns."""
    first, last = sorted((int(one[:4]), int(other[:4])))
    return range(first, last + 1)
