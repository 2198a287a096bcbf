"""The assessor's commands: reviews, grades, corrections, rectifications and the annual grading round."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.utils import get_topic

from application.base import Recorded, RegisterBase
from application.context import CommandContext
from application.scope import require_district
from application.working_calendar import StateCouncilCalendar
from domain import checks
from domain.branch import PartyBranch
from domain.dates import recording_day
from domain.errors import InvalidValue, RuleViolation
from domain.grading_round import GradingRound, round_id
from domain.rectification import require_opened_within_round, require_round_closes_after_openings
from domain.values import GradingPolicy
from domain.working_days import WorkingCalendar


class GradingCommands(RegisterBase):
    """Reviews and grades rest on the year's round; the round closes only when its rules are met."""

    working_calendar: WorkingCalendar = StateCouncilCalendar()
    """The official calendar the publicity's working days are counted by."""

    def get_round(self, year: int, version: int | None = None) -> GradingRound:
        if not isinstance(year, int) or isinstance(year, bool):
            raise InvalidValue("year", "must be a whole number")
        return self._load(GradingRound, round_id(year), "grading round", version)

    def final_years(self, years: list[int]) -> set[int]:
        """Of these years, those whose round has closed (their grades are final). A closed round stays closed,
        so what is found closed is remembered."""
        closed = self.closed_years
        for year in years:
            if year not in closed:
                ident = round_id(year)
                if self.exists(ident) and self._load(GradingRound, ident, "grading round").is_closed:
                    closed.add(year)
        return closed.intersection(years)

    def open_round(
        self, ctx: CommandContext, year: int, policy: dict[str, Any] | None = None
    ) -> Recorded[GradingRound]:
        require_district("opening a grading round")
        rnd = GradingRound.open(year, GradingPolicy.from_dict(policy))
        if self.exists(rnd.id):
            raise RuleViolation("grading_round.already_open", f"the {year} round already exists")
        return self.record(ctx, rnd)

    def _round_command(self, year: int, expected_version: int | None) -> GradingRound:
        rnd = self.get_round(year)
        self._expect(rnd, expected_version)
        return rnd

    def start_publicity(
        self,
        ctx: CommandContext,
        year: int,
        starts_on: date,
        ends_on: date | None = None,
        expected_version: int | None = None,
    ) -> Recorded[GradingRound]:
        require_district("the grading round's publicity")
        rnd = self._round_command(year, expected_version)
        rnd.start_publicity(starts_on, ends_on, self.working_calendar)
        return self.record(ctx, rnd)

    def raise_objection(
        self,
        ctx: CommandContext,
        year: int,
        branch_id: UUID,
        text: str,
        raised_on: date | None = None,
        expected_version: int | None = None,
    ) -> Recorded[GradingRound]:
        """An objection received on ``raised_on`` (by default the day it is recorded, in Beijing)."""
        rnd = self._round_command(year, expected_version)
        branch = self._reference(PartyBranch, branch_id, "branch", "branch_id")
        if branch.grade_for(rnd.year) is None:
            raise RuleViolation("grading_round.objection_to_ungraded", f"the organization has no grade for {rnd.year}")
        rnd.raise_objection(uuid4(), branch_id, text, raised_on or recording_day(datetime.now(UTC)))
        return self.record(ctx, rnd)

    def resolve_objection(
        self, ctx: CommandContext, year: int, objection_id: UUID, resolution: str, expected_version: int | None = None
    ) -> Recorded[GradingRound]:
        rnd = self._round_command(year, expected_version)
        objection = rnd.objections.get(str(objection_id))
        if objection is not None and not self.reaches(PartyBranch, objection["branch_id"], "branch"):
            raise RuleViolation("grading_round.unknown_objection", "no such objection in this round")
        rnd.resolve_objection(objection_id, resolution)
        return self.record(ctx, rnd)

    def close_round(
        self, ctx: CommandContext, year: int, on: date, expected_version: int | None = None
    ) -> Recorded[GradingRound]:
        require_district("closing a grading round")
        rnd = self._round_command(year, expected_version)
        rnd.require_open()
        bottom = rnd.grading_policy.grade_set.bottom
        rnd.close(on, self.weak_without_rectification(rnd.year, bottom), self.rectifications_opened_on(rnd.year))
        return self.record(ctx, rnd)

    def rectifications_opened_on(self, year: int) -> list[date | None]:
        """The day each rectification of ``year``'s weak grades opened (None where it is not known)."""
        topic = get_topic(PartyBranch.RectificationOpened)
        return [event.opened_on for event in self.scan([topic]) if event.year == year]

    def weak_without_rectification(self, year: int, bottom: str | None = None) -> list[UUID]:
        """Active organizations whose grade for ``year`` is the round's ``bottom`` grade (weak in the default set;
        None: read from the year's round) and that have no rectification for it."""
        if bottom is None:
            bottom = self.get_round(year).grading_policy.grade_set.bottom
        topics = [get_topic(PartyBranch.Graded), get_topic(PartyBranch.GradeCorrected)]
        graded_weak: dict[UUID, bool] = {}
        for event in self.scan(topics):
            if event.year == year:
                grade = event.grade if isinstance(event, PartyBranch.Graded) else event.to_grade
                graded_weak[event.originator_id] = grade == bottom
        missing = []
        for ident, weak in graded_weak.items():
            if weak:
                branch = self.get_branch_for_round(ident)
                if branch.is_active and branch.rectification_for(year) is None:
                    missing.append(ident)
        return missing

    def get_branch_for_round(self, ident: UUID) -> PartyBranch:
        return self._load(PartyBranch, ident, "branch")

    def _assessed_branch(self, ident: UUID, expected_version: int | None) -> PartyBranch:
        branch = self._load(PartyBranch, ident, "branch")
        self._expect(branch, expected_version)
        return branch

    def review_branch(
        self,
        ctx: CommandContext,
        ident: UUID,
        year: int,
        score: int,
        veto_findings: list[str],
        reviewed_on: date,
        reviewer: str,
        summary: str,
        expected_version: int | None = None,
    ) -> Recorded[PartyBranch]:
        branch = self._assessed_branch(ident, expected_version)
        branch.review(year, score, veto_findings, reviewed_on, reviewer, summary)
        return self.record(ctx, branch)

    def grade_branch(
        self,
        ctx: CommandContext,
        ident: UUID,
        year: int,
        grade: str | None = None,
        override_reason: str | None = None,
        expected_version: int | None = None,
    ) -> Recorded[PartyBranch]:
        """Grade under the open round's policy; needs the year's review and an open round."""
        branch = self._assessed_branch(ident, expected_version)
        if not isinstance(year, int) or isinstance(year, bool):
            raise InvalidValue("year", "must be a whole number")
        branch.review_for(year)
        if not self.exists(round_id(year)):
            raise RuleViolation("grade.requires_open_round", f"no grading round is open for {year}")
        rnd = self.get_round(year)
        rnd.require_grading()
        branch.grade(year, rnd.grading_policy, rnd.id, grade, override_reason)
        return self.record(ctx, branch)

    def correct_grade(
        self,
        ctx: CommandContext,
        ident: UUID,
        year: int,
        grade: str,
        reason: str,
        expected_version: int | None = None,
    ) -> Recorded[PartyBranch]:
        branch = self._assessed_branch(ident, expected_version)
        branch.correct_grade(year, grade, reason)
        return self.record(ctx, branch)

    def correct_review(
        self,
        ctx: CommandContext,
        ident: UUID,
        year: int,
        reason: str,
        score: int | None = None,
        veto_findings: list[str] | None = None,
        expected_version: int | None = None,
        *,
        reviewed_on: date | None = None,
    ) -> Recorded[PartyBranch]:
        """Correct a year's review (score, findings and/or day) with a reason."""
        branch = self._assessed_branch(ident, expected_version)
        branch.correct_review(year, reason, score, veto_findings, reviewed_on)
        return self.record(ctx, branch)

    def open_rectification(
        self,
        ctx: CommandContext,
        ident: UUID,
        year: int,
        measures: str,
        due_on: date | None,
        opened_on: date | None = None,
        expected_version: int | None = None,
        *,
        helper: str | None = None,
        helper_role: str | None = None,
        plan: str | None = None,
    ) -> Recorded[PartyBranch]:
        """Open a rectification on ``opened_on`` (not known when not given) with its helper and plan, due by
        ``due_on`` or, when not given, one year (the policy's default) after opening."""
        branch = self._assessed_branch(ident, expected_version)
        if isinstance(year, int) and not isinstance(year, bool) and branch.graded_bottom(year):
            require_opened_within_round(
                year,
                self.exists(round_id(year)),
                branch.review_for(year)["reviewed_on"],
                None if opened_on is None else checks.day(opened_on, "opened_on"),
            )
        branch.open_rectification(year, measures, due_on, opened_on, helper=helper, helper_role=helper_role, plan=plan)
        return self.record(ctx, branch)

    def correct_rectification_days(
        self,
        ctx: CommandContext,
        ident: UUID,
        year: int,
        reason: str,
        opened_on: date | None = None,
        due_on: date | None = None,
        closed_on: date | None = None,
        expected_version: int | None = None,
    ) -> Recorded[PartyBranch]:
        """Correct, with a reason, the days of a year's rectification (None: unchanged); a corrected opening day
        stays within the year's round: no earlier than the review, no later than the round closed."""
        branch = self._assessed_branch(ident, expected_version)
        if opened_on is not None and branch.rectification_for(checks.year(year)) is not None:
            day = checks.day(opened_on, "opened_on")
            require_opened_within_round(year, self.exists(round_id(year)), branch.review_for(year).reviewed_on, day)
            closed_on_round = self.get_round(year).closed_on
            if closed_on_round is not None:
                require_round_closes_after_openings(year, closed_on_round, [day])
        branch.correct_rectification_days(year, reason, opened_on, due_on, closed_on)
        return self.record(ctx, branch)

    def close_rectification(
        self,
        ctx: CommandContext,
        ident: UUID,
        on: date,
        outcome: str,
        expected_version: int | None = None,
        *,
        accepted_by: str | None = None,
        accepting_unit: str | None = None,
    ) -> Recorded[PartyBranch]:
        """Close the rectification by its acceptance (验收) by the managing unit, naming who accepted it."""
        branch = self._assessed_branch(ident, expected_version)
        branch.close_rectification(on, outcome, accepted_by=accepted_by, accepting_unit=accepting_unit)
        return self.record(ctx, branch)
