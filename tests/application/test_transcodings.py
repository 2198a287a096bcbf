"""A Party organization's records through a snapshot, on both stores: they read back as the same frozen records,
their years as whole numbers, whether the snapshot was taken on its own or by a batch; a snapshot of state version
2 (dicts, those by year keyed by the year as text, no hosting policy) reads as the records its events make."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Snapshot

from application.register import Register
from domain.branch import PartyBranch
from domain.branch_records import GradeCorrection, GradeRecord, Rectification, Review, ReviewCorrection, Transfer
from domain.by_year import ByYear
from tests.conftest import REGISTRAR
from tests.factories import branch_with_records


def _typed_by_year(branch: PartyBranch) -> None:
    for records in (branch.organizational_life, branch.reviews, branch.grades):
        assert isinstance(records, ByYear)
        assert all(type(year) is int for year in records)
    assert list(branch.organizational_life) == [2020, 2021]
    assert isinstance(branch.reviews[2020], Review)
    assert branch.reviews[2020].corrections == (ReviewCorrection(70, 70, (), ("组织生活不正常",), "漏计扣分项"),)
    assert isinstance(branch.grades[2019], GradeRecord)
    assert branch.grades[2019].corrections == (GradeCorrection("advanced", "average", "复核"),)
    assert branch.rectifications == [branch.rectification_for(2020)]
    assert isinstance(branch.rectifications[0], Rectification)
    assert branch.transfers == [Transfer("南山街道党工委", "territorial", date(2019, 5, 1), "属地管理")]


def _last_snapshot(app: Register, ident: UUID) -> Snapshot:
    assert app.snapshots is not None
    return list(app.snapshots.get(ident))[-1]


def test_a_snapshot_reads_back_as_the_same_records_by_year(store_url: str) -> None:
    writer = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        ident = branch_with_records(writer)
        writer.take_snapshot(ident)
        expected = writer.get_branch(ident)
    finally:
        writer.close()
    reader = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        snapshot = _last_snapshot(reader, ident)
        assert snapshot.originator_version == expected.version
        again = snapshot.mutate(None)
        assert again == expected
        _typed_by_year(again)
        assert reader.get_branch(ident) == expected
    finally:
        reader.close()


def test_a_batch_snapshot_reads_back_as_the_same_records_by_year(store_url: str) -> None:
    writer = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        ident = branch_with_records(writer)
        with writer.batch():
            for day in range(1, 51):
                writer.record_organizational_life(REGISTRAR, ident, "theme_day", date(2021, 4, 1 + day % 28), 5)
        expected = writer.get_branch(ident)
    finally:
        writer.close()
    reader = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        again = _last_snapshot(reader, ident).mutate(None)
        assert again == expected
        _typed_by_year(again)
        assert again.organizational_life[2021] == {"theme_day": 51}
    finally:
        reader.close()


def _as_version_2(branch: PartyBranch) -> dict[str, Any]:
    """The organization's records as state version 2 kept them: dicts, those by year keyed by the year as text."""
    grades = branch.grades
    return {
        "class_version": 2,
        "transfers": [
            {"managing_unit": "南山街道党工委", "basis": "territorial", "on": date(2019, 5, 1), "reason": "属地管理"}
        ],
        "organizational_life": {"2020": {"lecture": 1}, "2021": {"theme_day": 1}},
        "reviews": {
            "2019": {
                "score": 92,
                "veto_findings": [],
                "reviewed_on": date(2020, 1, 10),
                "reviewer": "考核组",
                "summary": "",
                "corrections": [],
            },
            "2020": {
                "score": 70,
                "veto_findings": ["组织生活不正常"],
                "reviewed_on": date(2021, 1, 10),
                "reviewer": "考核组",
                "summary": "良好",
                "corrections": [
                    {
                        "from_score": 70,
                        "to_score": 70,
                        "from_veto_findings": [],
                        "to_veto_findings": ["组织生活不正常"],
                        "reason": "漏计扣分项",
                    }
                ],
            },
        },
        "grades": {
            "2019": {
                "grade": "average",
                "basis": dict(grades[2019].basis),
                "override_reason": None,
                "corrections": [{"from_grade": "advanced", "to_grade": "average", "reason": "复核"}],
            },
            "2020": {"grade": "weak", "basis": dict(grades[2020].basis), "override_reason": None, "corrections": []},
        },
        "rectifications": [
            {
                "year": 2020,
                "measures": "健全制度",
                "due_on": date(2021, 6, 30),
                "opened_on": date(2021, 1, 31),
                "helper": "王建国",
                "helper_role": "leader",
                "plan": "整顿方案",
                "closed_on": date(2021, 6, 1),
                "outcome": "rectified",
                "accepting_unit": branch.managing_unit,
                "accepted_by": "赵立新",
            }
        ],
    }


def test_a_snapshot_of_state_version_2_reads_as_the_records_its_events_make(store_url: str) -> None:
    writer = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        ident = branch_with_records(writer)
        expected = writer.get_branch(ident)
        current = Snapshot.take(expected)
        state = {**current.state, **_as_version_2(expected)}
        state.pop("max_joint_units")
        writer.snapshots.put(
            [Snapshot(current.originator_id, current.originator_version, current.timestamp, current.topic, state)]
        )
    finally:
        writer.close()
    reader = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        stored = _last_snapshot(reader, ident)
        assert stored.state["class_version"] == 2
        assert stored.state["reviews"]["2020"]["score"] == 70
        upcast = reader.get_branch(ident)
        assert upcast.max_joint_units == 5
        assert upcast == expected
        _typed_by_year(upcast)
    finally:
        reader.close()
