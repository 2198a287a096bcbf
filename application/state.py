"""Current state of each aggregate as JSON-ready dicts: the shapes the API and reports present."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

from domain.aggregates import Chamber, GradingRound, Member, PartyBranch
from domain.chamber_terms import in_force


def plain(value: Any) -> Any:
    """``value`` with dates as ISO strings, UUIDs as strings and codes as their plain values, recursively."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def record_state(record: Any) -> dict[str, Any]:
    """A frozen record (a review, a grade, a rectification, ...) as the JSON-ready dict of its fields."""
    return plain(asdict(record))


def _common(aggregate: Any) -> dict[str, Any]:
    return {
        "id": str(aggregate.id),
        "version": aggregate.version,
        "created_at": plain(aggregate.created_on),
        "modified_at": plain(aggregate.modified_on),
    }


def member_state(member: Member) -> dict[str, Any]:
    return {
        **_common(member),
        "credit_code": member.credit_code,
        "name": member.name,
        "street": member.street,
        "industry": member.industry,
        "status": plain(member.status),
        "joined_on": plain(member.joined_on),
        "left_on": plain(member.left_on),
        "left_reason": member.left_reason,
        "chamber_ids": plain(member.chamber_ids),
        "key_focus": member.key_focus,
        "key_focus_criteria": list(member.key_focus_criteria),
        "party_members": party_members(member.party_members),
        "san_you_mark": plain(member.san_you_mark),
        "san_you": member.san_you,
    }


def party_members(reported: dict[str, Any] | None) -> dict[str, Any] | None:
    """A member's last report of its Party members; ``count`` (full members) is the name of the first release."""
    if reported is None:
        return None
    return {**plain(reported), "count": reported["full_members"]}


def chamber_state(chamber: Chamber, on: date | None = None) -> dict[str, Any]:
    """A chamber; ``on`` (today unless given) is the day its renewal is judged overdue or not and its Four Good
    titles in force or not."""
    on = on or date.today()
    return {
        **_common(chamber),
        "name": chamber.name,
        "kind": chamber.kind,
        "street": chamber.street,
        "status": plain(chamber.status),
        "established_on": plain(chamber.established_on),
        "registered_as_social_organization": chamber.certificate_no is not None,
        "certificate_no": chamber.certificate_no,
        "registered_on": plain(chamber.registered_on),
        "charter_term_years": chamber.charter_term_years,
        "fic_plaque": chamber.fic_plaque_on is not None,
        "fic_plaque_on": plain(chamber.fic_plaque_on),
        "terms": plain(chamber.terms),
        "current_term": plain(chamber.current_term),
        "renewal_due_by": plain(chamber.renewal_due_by),
        "overdue_for_renewal": chamber.is_overdue_for_renewal(on),
        "four_good": [{**plain(title), "in_force": in_force(title, on)} for title in chamber.four_good],
        "demonstration_site_years": list(chamber.demonstration_site_years),
        "dissolved_on": plain(chamber.dissolved_on),
        "dissolved_reason": chamber.dissolved_reason,
    }


def branch_state(branch: PartyBranch, final_years: set[int] | None = None, on: date | None = None) -> dict[str, Any]:
    """A branch; ``final_years`` are the years whose round has closed, making those grades final; ``on`` (today
    unless given) is the day its election is judged overdue or not."""
    final_years = final_years or set()
    grades = {
        str(year): {**record_state(record), "final": year in final_years}
        for year, record in sorted(branch.grades.items())
    }
    return {
        **_common(branch),
        "name": branch.name,
        "kind": branch.kind,
        "status": plain(branch.status),
        "street": branch.street,
        "host_member_ids": plain(branch.host_member_ids),
        "host_chamber_id": plain(branch.host_chamber_id),
        "managing_unit": branch.managing_unit,
        "management_basis": branch.management_basis,
        "founded_on": plain(branch.founded_on),
        "full_members": branch.full_members,
        "probationary_members": branch.probationary_members,
        "party_member_count": branch.party_member_count,
        "has_committee": branch.has_committee,
        "has_party_groups": branch.has_party_groups,
        "structures": [plain(asdict(structure)) for structure in branch.structures],
        "terms": [plain(asdict(term)) for term in branch.terms],
        "current_term": plain(asdict(branch.current_term)),
        "election_due_by": plain(branch.current_term.due_by),
        "overdue_for_election": branch.is_overdue_for_election(on or date.today()),
        "ended_on": plain(branch.ended_on),
        "end_reason": branch.end_reason,
        "merged_into": plain(branch.merged_into),
        "transfers": [record_state(transfer) for transfer in branch.transfers],
        "organizational_life": {str(year): dict(held) for year, held in branch.organizational_life.items()},
        "lecture_speakers": {str(year): asdict(held) for year, held in sorted(branch.lecture_speakers.items())},
        "reviews": {str(year): record_state(review) for year, review in sorted(branch.reviews.items())},
        "grades": grades,
        "rectifications": [record_state(rectification) for rectification in branch.rectifications],
    }


def round_state(rnd: GradingRound) -> dict[str, Any]:
    return {
        **_common(rnd),
        "year": rnd.year,
        "status": plain(rnd.status),
        "policy": plain(rnd.policy),
        "publicity": plain(rnd.publicity),
        "objections": plain(list(rnd.objections.values())),
        "closed_on": plain(rnd.closed_on),
    }
