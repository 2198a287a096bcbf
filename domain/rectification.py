"""The rectification (整顿) of a weak organization: who helps it, when it is due by default, who accepts it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from domain.errors import RuleViolation
from domain.labelled import Labelled
from domain.values import add_years


class HelperRole(Labelled):
    """The role of the person named to help a weak organization (帮扶责任人)."""

    LEADER = "leader", "上级领导"
    INSTRUCTOR = "instructor", "党建指导员"


@dataclass(frozen=True)
class RectificationPolicy:
    """Policy data for rectifications: how many years after opening one is due when no due day is given."""

    due_after_years: int = 1

    def due_on(self, opened_on: date) -> date:
        """The default due day of a rectification opened on ``opened_on``."""
        return add_years(opened_on, self.due_after_years)


DEFAULT_POLICY = RectificationPolicy()


def require_opened_within_round(year: int, round_exists: bool, reviewed_on: date, opened_on: date | None) -> None:
    """A rectification of ``year``'s weak grade is opened within that year's round: the round exists, and the day
    it opened (when given) is no earlier than the review the grade rests on (``rectification.outside_round``)."""
    if not round_exists:
        raise RuleViolation(
            "rectification.outside_round",
            f"no grading round was opened for {year}: a rectification is opened within its year's round",
            f"{year}年度未开展分类定级，整顿须在本年度分类定级工作中启动",
        )
    if opened_on is not None and opened_on < reviewed_on:
        raise RuleViolation(
            "rectification.outside_round",
            f"the {year} review that found the organization weak is of {reviewed_on.isoformat()}; "
            f"a rectification opened on {opened_on.isoformat()} falls before it",
            f"{year}年度考评日期为{reviewed_on.isoformat()}，整顿启动日期{opened_on.isoformat()}不能早于考评日期",
        )


def require_round_closes_after_openings(year: int, closes_on: date, opened_on: Iterable[date | None]) -> None:
    """A round closes no earlier than the day any rectification of its year opened, so that each was opened
    within it (``rectification.outside_round``)."""
    latest = max((day for day in opened_on if day is not None), default=None)
    if latest is not None and closes_on < latest:
        raise RuleViolation(
            "rectification.outside_round",
            f"a rectification of {year} opened on {latest.isoformat()}; the round cannot close before",
            f"{year}年度有整顿于{latest.isoformat()}启动，定级工作结束日期不能早于该日",
        )
