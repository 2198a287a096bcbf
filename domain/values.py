"""Value objects and vocabularies: kinds, grades, the grading policy and the organizational-life minimums."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from domain.errors import InvalidValue


class ChamberKind(StrEnum):
    """Kinds of chamber of commerce: sub-district (街道商会), industry (行业商会), hometown (异地商会)."""

    STREET = "street"
    INDUSTRY = "industry"
    HOMETOWN = "hometown"


class BranchKind(StrEnum):
    """Kinds of Party organization, from a branch (党支部) to a street chamber's joint committee (联合党委)."""

    BRANCH = "branch"
    JOINT_BRANCH = "joint_branch"
    GENERAL_BRANCH = "general_branch"
    COMMITTEE = "committee"
    JOINT_COMMITTEE = "joint_committee"


class ManagementBasis(StrEnum):
    """Why a managing unit manages an organization: territory first (属地), industry second (行业)."""

    TERRITORIAL = "territorial"
    INDUSTRY = "industry"


class Grade(StrEnum):
    """The three grades of the annual classification (分类定级)."""

    ADVANCED = "advanced"
    AVERAGE = "average"
    WEAK = "weak"

    @property
    def label(self) -> str:
        return GRADE_LABELS[self]

    @property
    def rank(self) -> int:
        return {Grade.WEAK: 0, Grade.AVERAGE: 1, Grade.ADVANCED: 2}[self]


GRADE_LABELS = {Grade.ADVANCED: "先进", Grade.AVERAGE: "一般", Grade.WEAK: "软弱涣散"}


class LeaveReason(StrEnum):
    """Why a member enterprise left the FIC."""

    WITHDREW = "withdrew"
    REMOVED = "removed"
    DISSOLVED = "dissolved"


class KeyFocusCriterion(StrEnum):
    """What puts an enterprise on the key-focus list (重点关注对象)."""

    ASSETS = "assets"
    PARTY_MEMBERS = "party_members"
    TAX = "tax"
    PROSPECTS = "prospects"


class FourGoodLevel(StrEnum):
    """The level that awarded a "Four Good" chamber title."""

    DISTRICT = "district"
    CITY = "city"
    PROVINCE = "province"
    NATIONAL = "national"


class Activity(StrEnum):
    """Organizational-life activities (三会一课 and 主题党日)."""

    GENERAL_MEETING = "general_meeting"
    COMMITTEE_MEETING = "committee_meeting"
    GROUP_MEETING = "group_meeting"
    LECTURE = "lecture"
    THEME_DAY = "theme_day"


class RectificationOutcome(StrEnum):
    """How a rectification ended."""

    RECTIFIED = "rectified"
    NOT_RECTIFIED = "not_rectified"
    REORGANIZED = "reorganized"


VETO_FINDINGS = {
    "leadership_incomplete": "班子不健全",
    "no_organizational_life": "组织生活不正常",
    "term_election_not_held": "未按期换届",
}

DEFAULT_MINIMUMS = {
    Activity.GENERAL_MEETING.value: 4,
    Activity.COMMITTEE_MEETING.value: 12,
    Activity.GROUP_MEETING.value: 12,
    Activity.LECTURE.value: 4,
    Activity.THEME_DAY.value: 12,
}


E = TypeVar("E", bound=StrEnum)


def parse_enum(enum: type[E], value: Any, field_name: str) -> E:
    """``value`` as a member of ``enum``, or InvalidValue naming the field and the allowed codes."""
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise InvalidValue(field_name, f"must be one of: {allowed}") from None


@dataclass(frozen=True)
class GradingPolicy:
    """How a review maps to a grade, and the other numbers a grading round runs by. Recorded in the round as data."""

    advanced_min: int = 90
    average_min: int = 70
    publicity_working_days: int = 5
    minimums: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_MINIMUMS))

    def __post_init__(self) -> None:
        object.__setattr__(self, "minimums", {**DEFAULT_MINIMUMS, **self.minimums})
        if not 0 <= self.average_min <= self.advanced_min <= 100:
            raise InvalidValue("policy", "thresholds need 0 <= average_min <= advanced_min <= 100")
        if not 1 <= self.publicity_working_days <= 60:
            raise InvalidValue("policy.publicity_working_days", "must be between 1 and 60")
        for activity, minimum in self.minimums.items():
            parse_enum(Activity, activity, "policy.minimums")
            if not isinstance(minimum, int) or not 0 <= minimum <= 366:
                raise InvalidValue(f"policy.minimums.{activity}", "must be a whole number from 0 to 366")

    def map(self, score: int, veto_findings: list[str]) -> Grade:
        """The grade a review earns: any veto finding makes it weak, else the score decides."""
        if veto_findings:
            return Grade.WEAK
        if score >= self.advanced_min:
            return Grade.ADVANCED
        if score >= self.average_min:
            return Grade.AVERAGE
        return Grade.WEAK

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> GradingPolicy:
        data = dict(data or {})
        unknown = set(data) - {"advanced_min", "average_min", "publicity_working_days", "minimums"}
        if unknown:
            raise InvalidValue("policy", f"unknown keys: {', '.join(sorted(unknown))}")
        minimums = dict(data.pop("minimums", None) or {})
        for key in ("advanced_min", "average_min", "publicity_working_days"):
            if key in data and (not isinstance(data[key], int) or isinstance(data[key], bool)):
                raise InvalidValue(f"policy.{key}", "must be a whole number")
        return cls(minimums=minimums, **data)


def add_working_days(start: date, days: int) -> date:
    """The last day of a period of ``days`` working days (Monday to Friday) that begins on ``start``."""
    current = start
    while current.weekday() >= 5:
        current += timedelta(days=1)
    counted = 1
    while counted < days:
        current += timedelta(days=1)
        if current.weekday() < 5:
            counted += 1
    return current
