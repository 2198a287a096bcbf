"""The rectification (整顿) of a weak organization: who helps it, when it is due by default, who accepts it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
