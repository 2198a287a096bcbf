"""The fold: one fold per event class, every event of the domain accounted for, report inputs derived from the
classes."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

import orjson
import pytest
from eventsourcing.utils import get_topic

from application.projections.documents import FOLDS, TOPICS, UNFOLDED, apply, event_topics, folded_events, read
from application.projections.runner import as_of_view
from application.register import Register
from application.reports.service import READS
from domain.aggregates import AGGREGATES, Chamber, ChamberName, GradingRound, Member, PartyBranch
from tests.conftest import REGISTRAR
from tests.factories import branch, member


def _event_classes(aggregate: type[Any]) -> set[type[Any]]:
    return {
        value
        for name, value in vars(aggregate).items()
        if isinstance(value, type) and issubclass(value, aggregate.Event) and name not in ("Event", "Created")
    }


def test_every_event_of_the_domain_is_folded_or_named_as_unfolded() -> None:
    domain = set().union(*(_event_classes(aggregate) for aggregate in AGGREGATES))
    assert set(FOLDS) | UNFOLDED == domain
    assert not set(FOLDS) & UNFOLDED


def test_folds_are_keyed_by_the_event_classes_and_topics_derive_from_them() -> None:
    assert all(isinstance(cls, type) for cls in FOLDS)
    assert get_topic(Member.Joined) in TOPICS
    assert {get_topic(cls) for cls in FOLDS} == TOPICS
    assert folded_events(Chamber) == [cls for cls in FOLDS if cls.__qualname__.startswith("Chamber.")]
    assert PartyBranch.Graded not in folded_events(Member, Chamber)


def test_an_event_of_a_class_no_fold_knows_is_refused() -> None:
    class Renamed(Member.Event):
        pass

    with pytest.raises(TypeError, match="no fold for"):
        apply({}, Renamed(originator_id=uuid4(), originator_version=2, timestamp=Renamed.create_timestamp()))


def test_an_unfolded_event_changes_no_document() -> None:
    docs: dict[str, Any] = {}
    (event,) = ChamberName.claim("南山街道商会", uuid4()).collect_events()
    assert isinstance(event, ChamberName.Claimed)
    assert apply(docs, event) is None
    assert docs == {}


def test_report_inputs_are_event_classes_with_derived_topics() -> None:
    for name, classes in READS.items():
        assert classes, name
        assert set(classes) <= set(FOLDS), name
        assert event_topics(classes) == [get_topic(cls) for cls in classes]
    with pytest.raises(TypeError, match="not folded"):
        event_topics([GradingRound.ObjectionRaised])


def test_an_as_of_view_narrowed_to_classes_folds_only_their_events(register: Register) -> None:
    ident = branch(register, [member(register, 1)])
    register.record_organizational_life(REGISTRAR, ident, "lecture", date(2020, 3, 1), 9)
    moment = register.repository.get(ident).modified_on
    view = as_of_view(register, moment, [PartyBranch.Founded, PartyBranch.OrganizationalLifeRecorded])
    assert view.all("member") == []
    assert view.all("branch")[0]["organizational_life"] == {"2020": {"lecture": 1}}


def test_a_chamber_and_a_member_folded_by_the_first_release_read_as_their_events_now_do() -> None:
    chamber = {
        "type": "chamber",
        "terms": [{"term": 1, "starts_on": "2016-01-01", "ends_on": "2020-12-31", "president": "王"}],
        "four_good": [{"year": 2019, "level": "city"}],
    }
    read_chamber = read(orjson.dumps(chamber))
    assert read_chamber["charter_term_years"] is None
    assert read_chamber["terms"][0]["postponed_to"] is None
    assert read_chamber["four_good"] == [
        {"year": 2019, "until_year": 2020, "level": "city", "revoked_on": None, "revoke_reason": None}
    ]
    member = {"type": "member", "party_members": None}
    assert read(orjson.dumps(member))["san_you_mark"] is None
