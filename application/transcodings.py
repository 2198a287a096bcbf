"""How the domain's small value objects (a term, a structure, an organization's records) and its records by year
are stored inside snapshots: as their fields, under a stable name, so that a snapshot reads back as the same frozen
objects, and its years as whole numbers."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from eventsourcing.persistence import Transcoding

from domain.branch_records import GradeCorrection, GradeRecord, Rectification, Review, ReviewCorrection, Transfer
from domain.by_year import ByYear
from domain.elections import Term
from domain.lectures import LectureSpeakers
from domain.structure import Structure


class ValueObjectAsDict(Transcoding):
    """A frozen dataclass stored as a mapping of its fields; its nested dates are transcoded as themselves."""

    def __init__(self, cls: type[Any], name: str) -> None:
        self.type = cls
        self.name = name

    def encode(self, obj: Any) -> dict[str, Any]:
        return {f.name: getattr(obj, f.name) for f in fields(obj)}

    def decode(self, data: dict[str, Any]) -> Any:
        return self.type(**data)


class ByYearAsPairs(Transcoding):
    """Records by year stored as a list of ``[year, record]`` pairs: a JSON object's keys would read back as text."""

    type = ByYear
    name = "by_year"

    def encode(self, obj: ByYear[Any]) -> list[list[Any]]:
        return [[year, record] for year, record in obj.items()]

    def decode(self, data: list[list[Any]]) -> ByYear[Any]:
        return ByYear((year, record) for year, record in data)


VALUE_OBJECTS = [
    ValueObjectAsDict(Term, "branch_term"),
    ValueObjectAsDict(Structure, "branch_structure"),
    ValueObjectAsDict(Review, "branch_review"),
    ValueObjectAsDict(ReviewCorrection, "branch_review_correction"),
    ValueObjectAsDict(GradeRecord, "branch_grade"),
    ValueObjectAsDict(GradeCorrection, "branch_grade_correction"),
    ValueObjectAsDict(Rectification, "branch_rectification"),
    ValueObjectAsDict(Transfer, "branch_transfer"),
    ValueObjectAsDict(LectureSpeakers, "branch_lecture_speakers"),
    ByYearAsPairs(),
]
"""Every value object an aggregate's state holds, by the name its snapshots store it under."""
