"""The annual grading round (年度分类定级): its policy, publicity period, objections and closing."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domain import checks
from domain.errors import InvalidValue, RuleViolation
from domain.rectification import require_round_closes_after_openings
from domain.values import GradeStanding, GradingPolicy, RoundStatus
from domain.working_days import WorkingCalendar, last_working_day, working_days_between

ROUND_NAMESPACE = uuid5(NAMESPACE_URL, "https://ficledger/grading-round")


def round_id(year: int) -> UUID:
    """One round per year: its id derives from the year."""
    return uuid5(ROUND_NAMESPACE, str(year))


def round_status(publicity_started: bool, closed: bool) -> RoundStatus:
    """Where an opened round stands: open, in publicity once the grades are posted, closed once closed."""
    if closed:
        return RoundStatus.CLOSED
    return RoundStatus.PUBLICITY if publicity_started else RoundStatus.OPEN


def grade_standing(round_closed: bool) -> GradeStanding:
    """A year's grades are provisional until the year's round closes, and final after."""
    return GradeStanding.FINAL if round_closed else GradeStanding.PROVISIONAL


class GradingRound(Aggregate):
    """One year's classification exercise. Grades are provisional until it closes and final after."""

    class Opened(Aggregate.Created):
        year: int
        policy: dict[str, Any]

    class PublicityStarted(Aggregate.Event):
        starts_on: date
        ends_on: date

        def apply(self, rnd: GradingRound) -> None:
            rnd.publicity = {"starts_on": self.starts_on, "ends_on": self.ends_on}

    class ObjectionRaised(Aggregate.Event):
        """Version 2 records the day the objection was received; a version 1 objection's day is not known."""

        class_version = 2

        objection_id: UUID
        branch_id: UUID
        text: str
        raised_on: date | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["raised_on"] = None

        def apply(self, rnd: GradingRound) -> None:
            rnd.objections[str(self.objection_id)] = {
                "objection_id": self.objection_id,
                "branch_id": self.branch_id,
                "text": self.text,
                "raised_on": self.raised_on,
                "resolution": None,
            }

    class ObjectionResolved(Aggregate.Event):
        objection_id: UUID
        resolution: str

        def apply(self, rnd: GradingRound) -> None:
            rnd.objections[str(self.objection_id)]["resolution"] = self.resolution

    class Closed(Aggregate.Event):
        on: date

        def apply(self, rnd: GradingRound) -> None:
            rnd.closed_on = self.on

    def __init__(self, year: int, policy: dict[str, Any]) -> None:
        self.year = year
        self.policy = policy
        self.publicity: dict[str, date] | None = None
        self.objections: dict[str, dict[str, Any]] = {}
        self.closed_on: date | None = None

    @classmethod
    def open(cls, year: int, policy: GradingPolicy | None = None) -> GradingRound:
        year = checks.year(year)
        return cls._create(cls.Opened, id=round_id(year), year=year, policy=(policy or GradingPolicy()).as_dict())

    @property
    def grading_policy(self) -> GradingPolicy:
        return GradingPolicy.from_dict(self.policy)

    @property
    def status(self) -> RoundStatus:
        return round_status(self.publicity is not None, self.is_closed)

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None

    @property
    def standing(self) -> GradeStanding:
        """Whether the year's grades are provisional or final."""
        return grade_standing(self.is_closed)

    def unresolved_objections(self) -> list[dict[str, Any]]:
        return [o for o in self.objections.values() if o["resolution"] is None]

    def require_open(self) -> None:
        if self.closed_on:
            raise RuleViolation("grading_round.closed", f"the {self.year} round is closed; grades are final")

    @property
    def in_publicity(self) -> bool:
        """Whether the grades are posted and the round not closed: no grade is given or changed then but by a
        correction with a reason."""
        return self.publicity is not None and not self.is_closed

    def require_grading(self) -> None:
        """Grades are given while the round is open and its grades not yet posted; after, only corrected."""
        if self.is_closed:
            raise RuleViolation(
                "grade.requires_open_round", f"the {self.year} round is closed; correct the grade instead"
            )
        if self.in_publicity:
            raise RuleViolation(
                "publicity.grades_posted",
                f"the {self.year} grades are posted for publicity: a grade is given or changed now only by a "
                "correction with a reason",
                f"{self.year}年度定级结果正在公示，公示期间不能定级，如需改变等次请更正等次并说明理由",
            )

    def start_publicity(self, starts_on: date, ends_on: date | None, calendar: WorkingCalendar) -> None:
        """Post the grades (公示) from ``starts_on``: for the policy's working days by ``calendar`` (the official
        one), or until ``ends_on`` if that is no shorter (``publicity.too_short`` otherwise)."""
        self.require_open()
        if self.publicity:
            raise RuleViolation("grading_round.publicity_already_started", "publicity has already started")
        starts_on = checks.day(starts_on, "starts_on")
        if starts_on.year < self.year:
            raise InvalidValue("starts_on", "publicity cannot start before the graded year")
        required = self.grading_policy.publicity_working_days
        if ends_on is None:
            ends_on = last_working_day(starts_on, required, calendar)
        ends_on = checks.day(ends_on, "ends_on")
        if ends_on < starts_on:
            raise InvalidValue("ends_on", "must not be before starts_on")
        days = working_days_between(starts_on, ends_on, calendar, enough=required)
        if days < required:
            raise RuleViolation(
                "publicity.too_short",
                f"publicity lasts {required} working days by the round's policy; "
                f"{starts_on.isoformat()} to {ends_on.isoformat()} holds {days}",
                f"公示期应为{required}个工作日，{starts_on.isoformat()}至{ends_on.isoformat()}只有{days}个工作日",
            )
        self.trigger_event(self.PublicityStarted, starts_on=starts_on, ends_on=ends_on)

    def raise_objection(self, objection_id: UUID, branch_id: UUID, text: str, raised_on: date) -> None:
        """An objection received on ``raised_on``, which must lie within the publicity period."""
        self.require_open()
        if not self.publicity:
            raise RuleViolation("grading_round.not_in_publicity", "objections are raised during publicity")
        raised_on = checks.day(raised_on, "raised_on")
        starts_on, ends_on = self.publicity["starts_on"], self.publicity["ends_on"]
        if not starts_on <= raised_on <= ends_on:
            raise RuleViolation(
                "publicity.objection_outside_period",
                f"objections are received from {starts_on.isoformat()} to {ends_on.isoformat()}; "
                f"{raised_on.isoformat()} is outside",
                f"异议须在公示期内（{starts_on.isoformat()}至{ends_on.isoformat()}）提出",
            )
        self.trigger_event(
            self.ObjectionRaised,
            objection_id=objection_id,
            branch_id=branch_id,
            text=checks.text(text, "text"),
            raised_on=raised_on,
        )

    def resolve_objection(self, objection_id: UUID, resolution: str) -> None:
        self.require_open()
        objection = self.objections.get(str(objection_id))
        if objection is None:
            raise RuleViolation("grading_round.unknown_objection", "no such objection in this round")
        if objection["resolution"] is not None:
            raise RuleViolation("grading_round.objection_already_resolved", "the objection is already resolved")
        self.trigger_event(
            self.ObjectionResolved, objection_id=objection_id, resolution=checks.text(resolution, "resolution")
        )

    def close(
        self, on: date, weak_without_rectification: list[UUID], rectifications_opened_on: Iterable[date | None] = ()
    ) -> None:
        """Close the round, making its grades final.

        Publicity must be over, every objection resolved and every weak organization under rectification, each
        rectification of the year opened (``rectifications_opened_on``) no later than the closing day.
        """
        self.require_open()
        on = checks.day(on, "on")
        if not self.publicity:
            raise RuleViolation("grading_round.publicity_not_started", "grades must be posted for publicity first")
        if on <= self.publicity["ends_on"]:
            raise RuleViolation(
                "grading_round.publicity_not_ended", f"publicity runs until {self.publicity['ends_on']} inclusive"
            )
        if self.unresolved_objections():
            raise RuleViolation(
                "grading_round.objections_unresolved",
                f"{len(self.unresolved_objections())} objection(s) are not resolved",
            )
        if weak_without_rectification:
            raise RuleViolation(
                "grading_round.weak_without_rectification",
                f"{len(weak_without_rectification)} weak organization(s) have no rectification: "
                + ", ".join(str(b) for b in weak_without_rectification[:10]),
            )
        require_round_closes_after_openings(self.year, on, rectifications_opened_on)
        self.trigger_event(self.Closed, on=on)
