"""What a Party organization keeps of its years and its management, as small frozen records: the annual review
(述职评议) and the grade, each with its corrections, a rectification (整顿) and a transfer of management."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from domain.grade_set import GradeSet, set_of


class ReadByName:
    """A record whose fields also read by name, ``record["closed_on"]``, as the records of the organization's state
    version 2 (plain dicts) were read."""

    def __getitem__(self, name: str) -> Any:
        if name not in {f.name for f in fields(self)}:  # type: ignore[arg-type]
            raise KeyError(name)
        return getattr(self, name)


def _freeze(record: Any, *names: str) -> None:
    """Hold each named sequence of a frozen record as a tuple (a snapshot reads sequences back as lists)."""
    for name in names:
        object.__setattr__(record, name, tuple(getattr(record, name)))


@dataclass(frozen=True)
class ReviewCorrection(ReadByName):
    """A review's score, veto findings and day as corrected, with what they were and why (a day not corrected:
    None both)."""

    from_score: int
    to_score: int
    from_veto_findings: tuple[str, ...]
    to_veto_findings: tuple[str, ...]
    reason: str
    from_reviewed_on: date | None = None
    to_reviewed_on: date | None = None

    def __post_init__(self) -> None:
        _freeze(self, "from_veto_findings", "to_veto_findings")


@dataclass(frozen=True)
class Review(ReadByName):
    """A year's annual review: its score and veto findings as they now read, and the corrections that made them
    so (the review as first recorded is the first correction's ``from_``, or the record itself)."""

    score: int
    veto_findings: tuple[str, ...]
    reviewed_on: date
    reviewer: str
    summary: str
    corrections: tuple[ReviewCorrection, ...] = ()

    def __post_init__(self) -> None:
        _freeze(self, "veto_findings", "corrections")

    def corrected(self, correction: ReviewCorrection) -> Review:
        return replace(
            self,
            score=correction.to_score,
            veto_findings=correction.to_veto_findings,
            reviewed_on=correction.to_reviewed_on or self.reviewed_on,
            corrections=(*self.corrections, correction),
        )


@dataclass(frozen=True)
class GradeCorrection(ReadByName):
    """A year's grade as corrected, with what it was and why."""

    from_grade: str
    to_grade: str
    reason: str


@dataclass(frozen=True)
class GradeRecord(ReadByName):
    """A year's grade as it now reads, the basis it was given on (the review, the policy's grade, the round and its
    policy), the reason an assessor gave another grade than the policy's, and its corrections."""

    grade: str
    basis: Mapping[str, Any]
    override_reason: str | None
    corrections: tuple[GradeCorrection, ...] = ()

    def __post_init__(self) -> None:
        _freeze(self, "corrections")

    @property
    def grade_set(self) -> GradeSet:
        """The grades of the policy the grade was given under, as its basis records it."""
        return set_of(self.basis.get("policy"))

    @property
    def rank(self) -> int | None:
        """The grade's rank within its own set (0 for the bottom grade)."""
        return self.grade_set.rank(self.grade)

    @property
    def is_bottom(self) -> bool:
        """Whether the grade is the bottom grade of its set: the one that calls for rectification."""
        return self.grade == self.grade_set.bottom

    def corrected(self, correction: GradeCorrection) -> GradeRecord:
        return replace(self, grade=correction.to_grade, corrections=(*self.corrections, correction))


@dataclass(frozen=True)
class RectificationCorrection(ReadByName):
    """A rectification's days as corrected (opening, due and closing), with what they were and why."""

    from_opened_on: date | None
    to_opened_on: date | None
    from_due_on: date
    to_due_on: date
    from_closed_on: date | None
    to_closed_on: date | None
    reason: str


@dataclass(frozen=True)
class Rectification(ReadByName):
    """The rectification a year's weak grade required: opened (``opened_on`` None: day not known) with its
    measures, helper and plan, due by ``due_on``; closed by the managing unit's acceptance on ``closed_on``."""

    year: int
    measures: str
    due_on: date
    opened_on: date | None = None
    helper: str | None = None
    helper_role: str | None = None
    plan: str | None = None
    closed_on: date | None = None
    outcome: str | None = None
    accepting_unit: str | None = None
    accepted_by: str | None = None
    corrections: tuple[RectificationCorrection, ...] = ()

    def __post_init__(self) -> None:
        _freeze(self, "corrections")

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None

    def corrected(self, correction: RectificationCorrection) -> Rectification:
        """The rectification with its days as ``correction`` sets them, the correction kept."""
        return replace(
            self,
            opened_on=correction.to_opened_on,
            due_on=correction.to_due_on,
            closed_on=correction.to_closed_on,
            corrections=(*self.corrections, correction),
        )

    def closed(self, on: date, outcome: str, accepting_unit: str | None, accepted_by: str | None) -> Rectification:
        return replace(self, closed_on=on, outcome=outcome, accepting_unit=accepting_unit, accepted_by=accepted_by)


@dataclass(frozen=True)
class Transfer(ReadByName):
    """The organization's management passed to ``managing_unit`` on ``basis`` from ``on``, for a reason."""

    managing_unit: str
    basis: str
    on: date
    reason: str
