"""The fold from events to documents: one JSON-ready document per member, chamber, branch and grading round.

Pure and store-agnostic: the live views on SQLite and PostgreSQL and the throwaway in-memory view that answers
``as_of`` run the same code. Dates are kept as ISO strings, which compare in date order.

Folds are keyed by the event classes themselves, so renaming or removing an event class fails here at import, and
the topics a view or a report reads are derived from the same classes. Every event class of the aggregates is
either folded or named in ``UNFOLDED``; a test holds the two lists to the domain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, MutableMapping
from datetime import date
from typing import Any

import orjson
from eventsourcing.utils import get_topic

from application.state import plain
from domain.aggregates import Chamber, ChamberName, GradingRound, Member, PartyBranch
from domain.branch import review_correction
from domain.chamber import NOT_POSTPONED, NOT_REVOKED
from domain.chamber_terms import FOUR_GOOD_PERIOD_YEARS
from domain.elections import TermPolicy
from domain.values import ChamberFact

Doc = dict[str, Any]
KINDS = ("member", "chamber", "branch", "round")
"""The types of document the fold makes."""
Docs = MutableMapping[str, Doc]
Fold = Callable[[Doc | None, Any], Doc]


def _iso(value: Any) -> Any:
    return plain(value)


def _member_joined(doc: Doc | None, e: Any) -> Doc:
    return {
        "type": "member",
        "credit_code": e.credit_code,
        "name": e.name,
        "street": e.street,
        "industry": e.industry,
        "status": "active",
        "joined_on": _iso(e.joined_on),
        "left_on": None,
        "left_reason": None,
        "chamber_ids": [],
        "key_focus_criteria": [],
        "party_members": None,
        "san_you_mark": None,
    }


def _update(handler: Callable[[Doc, Any], None]) -> Callable[[Doc | None, Any], Doc]:
    def fold(doc: Doc | None, event: Any) -> Doc:
        assert doc is not None
        handler(doc, event)
        return doc

    return fold


def _rejoined(doc: Doc, e: Any) -> None:
    doc.update(name=e.name, street=e.street, industry=e.industry, joined_on=_iso(e.joined_on), status="active")
    doc.update(left_on=None, left_reason=None)


def _left(doc: Doc, e: Any) -> None:
    doc.update(status="left", left_on=_iso(e.on), left_reason=e.reason, chamber_ids=[], key_focus_criteria=[])


def _left_on_corrected(doc: Doc, e: Any) -> None:
    if doc["status"] == "left":
        doc["left_on"] = _iso(e.to_on)


def _chamber_established(doc: Doc | None, e: Any) -> Doc:
    return {
        "type": "chamber",
        "name": e.name,
        "kind": e.kind,
        "street": e.street,
        "established_on": _iso(e.established_on),
        "certificate_no": None,
        "registered_on": None,
        "charter_term_years": None,
        "fic_plaque_on": None,
        "terms": [],
        "four_good": [],
        "demonstration_site_years": [],
        "dissolved_on": None,
        "status": "active",
        "corrections": [],
    }


def _term(doc: Doc, e: Any) -> None:
    doc["terms"].append(
        {
            "term": e.term,
            "starts_on": _iso(e.starts_on),
            "ends_on": _iso(e.ends_on),
            "president": e.president,
            **NOT_POSTPONED,
        }
    )


def _four_good(doc: Doc, e: Any) -> None:
    doc["four_good"].append({"year": e.year, "until_year": e.until_year, "level": e.level, **NOT_REVOKED})


def _four_good_revoked(doc: Doc, e: Any) -> None:
    for title in doc["four_good"]:
        if (title["year"], title["level"]) == (e.year, e.level):
            title.update(revoked_on=_iso(e.on), revoke_reason=e.reason)


def _chamber_correction(fact: ChamberFact, from_value: Any, to_value: Any, level: str | None = None) -> Doc:
    return {"fact": fact.value, "level": level, "from_value": from_value, "to_value": to_value}


def _chamber_corrected(doc: Doc, e: Any) -> None:
    """A correction of a chamber's name, establishment day or award years: the fact as corrected, and the
    correction listed (the chambers report lists them)."""
    if isinstance(e, Chamber.Renamed):
        doc["name"] = e.to_name
        correction = _chamber_correction(ChamberFact.NAME, e.from_name, e.to_name)
    elif isinstance(e, Chamber.EstablishedOnCorrected):
        doc["established_on"] = _iso(e.to_on)
        correction = _chamber_correction(ChamberFact.ESTABLISHED_ON, _iso(e.from_on), _iso(e.to_on))
    elif isinstance(e, Chamber.FourGoodYearsCorrected):
        for title in doc["four_good"]:
            if (title["year"], title["level"]) == (e.from_year, e.level):
                title.update(year=e.to_year, until_year=e.to_until_year)
        correction = _chamber_correction(
            ChamberFact.FOUR_GOOD_YEARS, f"{e.from_year}-{e.from_until_year}", f"{e.to_year}-{e.to_until_year}", e.level
        )
    else:
        years = doc["demonstration_site_years"]
        years[years.index(e.from_year)] = e.to_year
        correction = _chamber_correction(ChamberFact.DEMONSTRATION_SITE_YEAR, str(e.from_year), str(e.to_year))
    doc.setdefault("corrections", []).append({**correction, "reason": e.reason})


def _branch_founded(doc: Doc | None, e: Any) -> Doc:
    return {
        "type": "branch",
        "name": e.name,
        "kind": e.kind,
        "host_member_ids": [str(m) for m in e.host_member_ids],
        "host_chamber_id": _iso(e.host_chamber_id),
        "street": e.street,
        "managing_unit": e.managing_unit,
        "management_basis": e.management_basis,
        "units": [[_iso(e.founded_on), e.managing_unit, e.management_basis]],
        "founded_on": _iso(e.founded_on),
        "full_members": e.full_members,
        "probationary_members": e.probationary_members,
        "party_member_count": e.full_members,
        "structures": [_structure(e.founded_on, e.has_committee, e.has_party_groups)],
        "terms": [_term_record(e.founded_on, e.term_ends_on)],
        "status": "active",
        "ended_on": None,
        "organizational_life": {},
        "voided_meetings": [],
        "founding_corrections": [],
        "reviews": {},
        "grades": {},
        "rectifications": [],
    }


def _structure(since: Any, has_committee: bool | None, has_party_groups: bool | None) -> Doc:
    return {"since": _iso(since), "has_committee": has_committee, "has_party_groups": has_party_groups}


def _term_record(starts_on: Any, ends_on: Any) -> Doc:
    return {
        "starts_on": _iso(starts_on),
        "ends_on": _iso(ends_on),
        "postponed_to": None,
        "approved_by": None,
        "approved_on": None,
    }


def _counted(doc: Doc, e: Any) -> None:
    doc.update(
        full_members=e.full_members, probationary_members=e.probationary_members, party_member_count=e.full_members
    )


def _postponed(doc: Doc, e: Any) -> None:
    doc["terms"][-1].update(
        postponed_to=_iso(e.postponed_to), approved_by=e.approved_by, approved_on=_iso(e.approved_on)
    )


def _transferred(doc: Doc, e: Any) -> None:
    doc.update(managing_unit=e.managing_unit, management_basis=e.basis)
    doc["units"].append([_iso(e.on), e.managing_unit, e.basis])


def _transfer_day_corrected(doc: Doc, e: Any) -> None:
    """The last unit that took over on the day first recorded took over on the corrected day."""
    from_on = _iso(e.from_on)
    index = max(i for i, (since, _unit, _basis) in enumerate(doc["units"]) if i and since == from_on)
    doc["units"][index][0] = _iso(e.to_on)


def _election_corrected(doc: Doc, e: Any) -> None:
    """The term elected on the day first recorded starts and ends on the corrected days; the correction listed
    (the organizational-life report lists it)."""
    from_on = _iso(e.from_elected_on)
    term = next(t for i, t in enumerate(doc["terms"]) if i and t["starts_on"] == from_on)
    term.update(starts_on=_iso(e.to_elected_on), ends_on=_iso(e.to_term_ends_on))
    doc.setdefault("election_corrections", []).append(
        {
            "from_elected_on": from_on,
            "to_elected_on": _iso(e.to_elected_on),
            "from_term_ends_on": _iso(e.from_term_ends_on),
            "to_term_ends_on": _iso(e.to_term_ends_on),
            "reason": e.reason,
        }
    )


def _life(doc: Doc, e: Any) -> None:
    per_year = doc["organizational_life"].setdefault(str(e.held_on.year), {})
    per_year[e.activity] = per_year.get(e.activity, 0) + 1
    _speakers(doc, e, 1)


def _speakers(doc: Doc, e: Any, step: int) -> None:
    """The year's lectures that say whether the secretary gave them, by who gave them."""
    if e.by_secretary is None:
        return
    per_year = doc.setdefault("lecture_speakers", {}).setdefault(str(e.held_on.year), {"secretary": 0, "other": 0})
    per_year["secretary" if e.by_secretary else "other"] += step


def _founded_on_corrected(doc: Doc, e: Any) -> None:
    """The corrected founding day, which the first unit, structure and term start on when they started on the day
    first recorded; the correction listed (the organizational-life report lists it)."""
    from_on, to_on = _iso(e.from_on), _iso(e.to_on)
    doc["founded_on"] = to_on
    if doc["units"][0][0] == from_on:
        doc["units"][0][0] = to_on
    for record, key in ((doc["structures"][0], "since"), (doc["terms"][0], "starts_on")):
        if record[key] == from_on:
            record[key] = to_on
    doc.setdefault("founding_corrections", []).append({"from_on": from_on, "to_on": to_on, "reason": e.reason})


def _voided(doc: Doc, e: Any) -> None:
    per_year = doc["organizational_life"][str(e.held_on.year)]
    per_year[e.activity] -= 1
    if not per_year[e.activity]:
        del per_year[e.activity]
    _speakers(doc, e, -1)
    doc.setdefault("voided_meetings", []).append(
        {"activity": e.activity, "held_on": _iso(e.held_on), "reason": e.reason}
    )


def _reviewed(doc: Doc, e: Any) -> None:
    doc["reviews"][str(e.year)] = {"score": e.score, "veto_findings": list(e.veto_findings), "corrections": []}


def _review_corrected(doc: Doc, e: Any) -> None:
    record = doc["reviews"][str(e.year)]
    record.update(score=e.to_score, veto_findings=list(e.to_veto_findings))
    record.setdefault("corrections", []).append({k: _iso(v) for k, v in review_correction(e).items()})


def _graded(doc: Doc, e: Any) -> None:
    doc["grades"][str(e.year)] = {
        "grade": e.grade,
        "original_grade": e.grade,
        "mapped_grade": e.basis.get("mapped_grade"),
        "override_reason": e.override_reason,
        "corrections": [],
    }


def _corrected(doc: Doc, e: Any) -> None:
    record = doc["grades"][str(e.year)]
    record["grade"] = e.to_grade
    record["corrections"].append({"from_grade": e.from_grade, "to_grade": e.to_grade, "reason": e.reason})


def _rect_opened(doc: Doc, e: Any) -> None:
    doc["rectifications"].append(
        {
            "year": e.year,
            "measures": e.measures,
            "due_on": _iso(e.due_on),
            "opened_on": _iso(e.opened_on) if e.opened_on else None,
            "helper": e.helper,
            "helper_role": e.helper_role,
            "plan": e.plan,
            "closed_on": None,
            "outcome": None,
            "accepting_unit": None,
            "accepted_by": None,
        }
    )


def _rect_days_corrected(doc: Doc, e: Any) -> None:
    record = next(r for r in reversed(doc["rectifications"]) if r["year"] == e.year)
    record.update(opened_on=_iso(e.to_opened_on), due_on=_iso(e.to_due_on), closed_on=_iso(e.to_closed_on))
    record.setdefault("corrections", []).append(
        {
            "from_opened_on": _iso(e.from_opened_on),
            "to_opened_on": _iso(e.to_opened_on),
            "from_due_on": _iso(e.from_due_on),
            "to_due_on": _iso(e.to_due_on),
            "from_closed_on": _iso(e.from_closed_on),
            "to_closed_on": _iso(e.to_closed_on),
            "reason": e.reason,
        }
    )


def _rect_closed(doc: Doc, e: Any) -> None:
    doc["rectifications"][-1].update(
        closed_on=_iso(e.on), outcome=e.outcome, accepting_unit=e.accepting_unit, accepted_by=e.accepted_by
    )


def _ended(status: str) -> Callable[[Doc, Any], None]:
    def handler(doc: Doc, e: Any) -> None:
        doc.update(status=status, ended_on=_iso(e.on))

    return handler


def _round_opened(doc: Doc | None, e: Any) -> Doc:
    return {"type": "round", "year": e.year, "policy": plain(e.policy), "publicity": None, "closed_on": None}


def _set(**fields: Callable[[Any], Any]) -> Callable[[Doc, Any], None]:
    def handler(doc: Doc, e: Any) -> None:
        for name, value in fields.items():
            doc[name] = value(e)

    return handler


FOLDS: dict[type[Any], Fold] = {
    Member.Joined: _member_joined,
    Member.Rejoined: _update(_rejoined),
    Member.ProfileAmended: _update(lambda d, e: d.update(e.changes)),
    Member.JoinedOnCorrected: _update(_set(joined_on=lambda e: _iso(e.to_joined_on))),
    Member.JoinedChamber: _update(lambda d, e: d["chamber_ids"].append(str(e.chamber_id))),
    Member.LeftChamber: _update(lambda d, e: d["chamber_ids"].remove(str(e.chamber_id))),
    Member.KeyFocusDesignated: _update(_set(key_focus_criteria=lambda e: list(e.criteria))),
    Member.KeyFocusRevoked: _update(_set(key_focus_criteria=lambda e: [])),
    Member.Suspended: _update(_set(status=lambda e: "suspended")),
    Member.Reinstated: _update(_set(status=lambda e: "active")),
    Member.Left: _update(_left),
    Member.LeftOnCorrected: _update(_left_on_corrected),
    Member.PartyMembersReported: _update(
        _set(
            party_members=lambda e: {
                "full_members": e.full_members,
                "probationary_members": e.probationary_members,
                "on": _iso(e.on),
                "count": e.full_members,
            }
        )
    ),
    Member.SanYouRecorded: _update(
        _set(
            san_you_mark=lambda e: {
                "fixed_premises": e.fixed_premises,
                "employees": e.employees,
                "real_business": e.real_business,
                "on": _iso(e.on),
            }
        )
    ),
    Chamber.Established: _chamber_established,
    Chamber.RegisteredAsSocialOrganization: _update(
        _set(
            certificate_no=lambda e: e.certificate_no,
            registered_on=lambda e: _iso(e.on),
            charter_term_years=lambda e: e.charter_term_years,
        )
    ),
    Chamber.FicPlaqueHung: _update(_set(fic_plaque_on=lambda e: _iso(e.on))),
    Chamber.TermRenewed: _update(_term),
    Chamber.TermPostponed: _update(_postponed),
    Chamber.FourGoodAwarded: _update(_four_good),
    Chamber.FourGoodRevoked: _update(_four_good_revoked),
    Chamber.DemonstrationSiteDesignated: _update(lambda d, e: d["demonstration_site_years"].append(e.year)),
    Chamber.Renamed: _update(_chamber_corrected),
    Chamber.EstablishedOnCorrected: _update(_chamber_corrected),
    Chamber.FourGoodYearsCorrected: _update(_chamber_corrected),
    Chamber.DemonstrationSiteYearCorrected: _update(_chamber_corrected),
    Chamber.Dissolved: _update(_set(dissolved_on=lambda e: _iso(e.on), status=lambda e: "dissolved")),
    PartyBranch.Founded: _branch_founded,
    PartyBranch.Renamed: _update(_set(name=lambda e: e.to_name)),
    PartyBranch.FoundedOnCorrected: _update(_founded_on_corrected),
    PartyBranch.ManagementTransferred: _update(_transferred),
    PartyBranch.TransferDayCorrected: _update(_transfer_day_corrected),
    PartyBranch.PartyMemberCountReported: _update(_counted),
    PartyBranch.StructureRecorded: _update(
        lambda d, e: d["structures"].append(_structure(e.on, e.has_committee, e.has_party_groups))
    ),
    PartyBranch.ElectionHeld: _update(lambda d, e: d["terms"].append(_term_record(e.elected_on, e.term_ends_on))),
    PartyBranch.ElectionPostponed: _update(_postponed),
    PartyBranch.ElectionCorrected: _update(_election_corrected),
    PartyBranch.OrganizationalLifeRecorded: _update(_life),
    PartyBranch.MeetingVoided: _update(_voided),
    PartyBranch.Reviewed: _update(_reviewed),
    PartyBranch.ReviewCorrected: _update(_review_corrected),
    PartyBranch.Graded: _update(_graded),
    PartyBranch.GradeCorrected: _update(_corrected),
    PartyBranch.RectificationOpened: _update(_rect_opened),
    PartyBranch.RectificationClosed: _update(_rect_closed),
    PartyBranch.RectificationDaysCorrected: _update(_rect_days_corrected),
    PartyBranch.Dissolved: _update(_ended("dissolved")),
    PartyBranch.MergedInto: _update(_ended("merged")),
    GradingRound.Opened: _round_opened,
    GradingRound.PublicityStarted: _update(
        _set(publicity=lambda e: {"starts_on": _iso(e.starts_on), "ends_on": _iso(e.ends_on)})
    ),
    GradingRound.Closed: _update(_set(closed_on=lambda e: _iso(e.on))),
}


UNFOLDED: frozenset[type[Any]] = frozenset(
    {
        Member.ChamberDaysCorrected,
        ChamberName.Claimed,
        ChamberName.Reclaimed,
        ChamberName.Released,
        GradingRound.ObjectionRaised,
        GradingRound.ObjectionResolved,
    }
)
"""Events no document holds: the days a member joined and left a chamber (its aggregate and history keep them),
the uniqueness of chamber names, and objections (the round's aggregate keeps them)."""

TOPICS: frozenset[str] = frozenset(get_topic(cls) for cls in FOLDS)
"""The stored topics of the folded events: the only events a view decodes."""


def folded_events(*aggregates: type[Any]) -> list[type[Any]]:
    """The folded event classes of ``aggregates`` (``Member``, ``Chamber`` ...), in fold order."""
    return [cls for cls in FOLDS if any(issubclass(cls, aggregate.Event) for aggregate in aggregates)]


def event_topics(classes: Iterable[type[Any]]) -> list[str]:
    """The stored topics of ``classes``; a class no view folds is a TypeError, since no document would show it."""
    topics = []
    for cls in classes:
        if cls not in FOLDS:
            raise TypeError(f"{cls.__qualname__} is not folded into any document")
        topics.append(get_topic(cls))
    return topics


def read(stored: bytes | str) -> Doc:
    """A stored document as this release folds it. A document folded by release 0.1.0 reads as its events now do:
    one Party member count as full members, probationary unknown; an organization's committee and groups not
    recorded and a first term of the default length from its founding; a chamber with no charter term, no
    postponement, and each Four Good title for the two years from its year; a member with no "三有" mark."""
    doc: Doc = orjson.loads(stored)
    if doc["type"] == "branch" and "full_members" not in doc:
        founded_on = date.fromisoformat(doc["founded_on"])
        ends_on = TermPolicy().ends_on(doc["kind"], founded_on)
        doc.update(full_members=doc["party_member_count"], probationary_members=None)
        doc.update(structures=[_structure(founded_on, None, None)], terms=[_term_record(founded_on, ends_on)])
    elif doc["type"] == "member":
        if doc.get("party_members") and "full_members" not in doc["party_members"]:
            doc["party_members"].update(full_members=doc["party_members"]["count"], probationary_members=None)
        doc.setdefault("san_you_mark", None)
    elif doc["type"] == "chamber" and "charter_term_years" not in doc:
        doc["charter_term_years"] = None
        doc["terms"] = [{**NOT_POSTPONED, **term} for term in doc["terms"]]
        doc["four_good"] = [
            {"until_year": t["year"] + FOUR_GOOD_PERIOD_YEARS - 1, **NOT_REVOKED, **t} for t in doc["four_good"]
        ]
    return doc


def apply(docs: Docs, event: Any) -> str | None:
    """Fold one event into ``docs``; the id of the document it changed, or None for the events in ``UNFOLDED``.
    An event of any other class is a TypeError: a view must not skip what it does not know."""
    fold = FOLDS.get(type(event))
    if fold is None:
        if type(event) in UNFOLDED:
            return None
        raise TypeError(f"no fold for {type(event).__qualname__}: fold it in FOLDS or name it in UNFOLDED")
    ident = str(event.originator_id)
    doc = fold(docs.get(ident), event)
    doc["id"] = ident
    doc["version"] = event.originator_version
    docs[ident] = doc
    return ident
