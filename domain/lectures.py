"""Who gave a Party lecture (党课): the secretary gives at least one a year (local practice beside 条例 Art. 19).

A lecture recorded since the register asks says whether the organization's secretary gave it; one recorded earlier
does not, and the year's check then cannot say "short" for it: it reads "not recorded" until every lecture of the
year says who gave it or the secretary's lectures reach the minimum.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from domain.errors import InvalidValue, RuleViolation
from domain.values import Activity, Compliance


@dataclass(frozen=True)
class LectureSpeakers:
    """A year's lectures that say who gave them: by the secretary, by someone else."""

    secretary: int = 0
    other: int = 0

    def counted(self, by_secretary: bool | None, step: int) -> LectureSpeakers:
        """The tally with one lecture (``step`` 1) recorded or (``step`` -1) voided; one that does not say who gave
        it changes nothing."""
        if by_secretary is None:
            return self
        if by_secretary:
            return replace(self, secretary=self.secretary + step)
        return replace(self, other=self.other + step)

    def compliance(self, lectures: int, minimum: int) -> Compliance:
        """The secretary's lectures against ``minimum``, of the year's ``lectures`` (all of them, whether they
        say who gave them or not)."""
        if minimum <= 0:
            return Compliance.NOT_APPLICABLE
        if self.secretary >= minimum:
            return Compliance.MET
        if self.secretary + self.other >= lectures:
            return Compliance.SHORT
        return Compliance.NOT_RECORDED


def speaker(activity: str, by_secretary: object) -> bool | None:
    """Whether the secretary gave the activity, as recorded: only a lecture says it (None: not said)."""
    if by_secretary is None:
        return None
    if not isinstance(by_secretary, bool):
        raise InvalidValue("by_secretary", "must be true or false")
    if activity != Activity.LECTURE:
        raise InvalidValue("by_secretary", "only a lecture (党课) records whether the secretary gave it")
    return by_secretary


def lecture_to_void(remaining: Mapping[bool | None, int], asked: bool | None) -> bool | None:
    """Which of a day's lectures a voiding takes, from those that still count by who gave them (``remaining``):
    the kind ``asked`` for, else the only kind left; two kinds left and none asked for is refused."""
    if asked is not None:
        return asked
    kinds = [kind for kind, left in remaining.items() if left > 0]
    if len(kinds) > 1:
        raise RuleViolation(
            "meeting.which_lecture",
            "lectures of that day differ in whether the secretary gave them; say which (by_secretary)",
            "当天的党课有书记讲授的，也有其他人讲授的，请注明作废哪一次（是否书记讲授）",
        )
    return kinds[0] if kinds else None
