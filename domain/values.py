"""Value objects: every code the register records with its Chinese label, the grading policy, and calendar rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from domain.errors import InvalidValue
from domain.labelled import Labelled


class ChamberKind(Labelled):
    """Kinds of chamber of commerce."""

    STREET = "street", "街道商会"
    INDUSTRY = "industry", "行业商会"
    HOMETOWN = "hometown", "异地商会"


class ChamberStatus(Labelled):
    """Whether a chamber stands or was dissolved."""

    ACTIVE = "active", "正常"
    DISSOLVED = "dissolved", "已解散"


class FourGoodLevel(Labelled):
    """The level that awarded a "Four Good" chamber title (“四好”商会)."""

    DISTRICT = "district", "区级"
    CITY = "city", "市级"
    PROVINCE = "province", "省级"
    NATIONAL = "national", "国家级"


class ChamberFact(Labelled):
    """A fact of a chamber's record that a correction changes."""

    NAME = "name", "名称"
    ESTABLISHED_ON = "established_on", "成立日期"
    FOUR_GOOD_YEARS = "four_good_years", "“四好”商会称号年度"
    DEMONSTRATION_SITE_YEAR = "demonstration_site_year", "示范点年度"


class MemberStatus(Labelled):
    """A member enterprise's standing in the FIC."""

    ACTIVE = "active", "正常"
    SUSPENDED = "suspended", "暂停会籍"
    LEFT = "left", "已退会"


class LeaveReason(Labelled):
    """Why a member enterprise left the FIC."""

    WITHDREW = "withdrew", "主动退会"
    REMOVED = "removed", "除名"
    DISSOLVED = "dissolved", "企业注销"


class KeyFocusCriterion(Labelled):
    """What puts an enterprise on the key-focus list (重点关注对象)."""

    ASSETS = "assets", "资产规模大"
    PARTY_MEMBERS = "party_members", "党员人数多"
    TAX = "tax", "纳税贡献大"
    PROSPECTS = "prospects", "发展前景好"


class BranchKind(Labelled):
    """Kinds of Party organization, from a branch to a street chamber's joint committee."""

    BRANCH = "branch", "党支部"
    JOINT_BRANCH = "joint_branch", "联合党支部"
    GENERAL_BRANCH = "general_branch", "党总支"
    COMMITTEE = "committee", "党委"
    JOINT_COMMITTEE = "joint_committee", "街道商会联合党委"


class SizeMismatch(Labelled):
    """How an organization's full Party members differ from what its kind usually holds (条例 Art. 4)."""

    TOO_LARGE = "too_large", "党员人数超出该类组织的通常规模"
    TOO_SMALL = "too_small", "党员人数不足该类组织的通常规模"


class BranchStatus(Labelled):
    """Whether a Party organization stands, was dissolved, or was merged into another."""

    ACTIVE = "active", "正常"
    DISSOLVED = "dissolved", "已撤销"
    MERGED = "merged", "已合并"


class ManagementBasis(Labelled):
    """Why a managing unit manages an organization: territory first, industry second."""

    TERRITORIAL = "territorial", "属地管理"
    INDUSTRY = "industry", "行业管理"


class Activity(Labelled):
    """Organizational-life activities (三会一课 and 主题党日)."""

    GENERAL_MEETING = "general_meeting", "党员大会"
    COMMITTEE_MEETING = "committee_meeting", "支委会"
    GROUP_MEETING = "group_meeting", "党小组会"
    LECTURE = "lecture", "党课"
    THEME_DAY = "theme_day", "主题党日"
    LIFE_MEETING = "life_meeting", "组织生活会"
    MEMBER_APPRAISAL = "member_appraisal", "民主评议党员"


class Compliance(Labelled):
    """How a year's organizational life stands against one minimum: a minimum that does not apply (committee
    meetings without a committee, group meetings without Party groups) is never a shortfall, nor one the records
    cannot judge (the secretary's lectures, while some of the year's lectures do not say who gave them)."""

    MET = "met", "达标"
    SHORT = "short", "未达标"
    NOT_APPLICABLE = "not_applicable", "不适用"
    NOT_RECORDED = "not_recorded", "未记录"


class VetoFinding(Labelled):
    """The findings of a review named by the rules; any finding, named here or not, makes the grade weak."""

    LEADERSHIP_INCOMPLETE = "leadership_incomplete", "班子不健全"
    NO_ORGANIZATIONAL_LIFE = "no_organizational_life", "组织生活不正常"
    TERM_ELECTION_NOT_HELD = "term_election_not_held", "未按期换届"


class Movement(Labelled):
    """How a year's grade compares with the year before's."""

    UPGRADED = "upgraded", "升级"
    DOWNGRADED = "downgraded", "降级"
    UNCHANGED = "unchanged", "持平"


class Grade(Labelled):
    """The three grades of the annual classification (分类定级), best first."""

    ADVANCED = "advanced", "先进"
    AVERAGE = "average", "一般"
    WEAK = "weak", "软弱涣散"

    @property
    def rank(self) -> int:
        """Higher is better: weak 0, average 1, advanced 2."""
        return len(Grade) - 1 - list(Grade).index(self)

    def compared_with(self, before: Grade) -> Movement:
        """Upgraded, downgraded or unchanged, against the grade ``before``."""
        change = self.rank - before.rank
        return Movement.UPGRADED if change > 0 else Movement.DOWNGRADED if change < 0 else Movement.UNCHANGED


class GradeStanding(Labelled):
    """Whether a year's grades stand provisionally or finally: final once the year's round has closed."""

    PROVISIONAL = "provisional", "暂定（未生效）"
    FINAL = "final", "已生效"


class RoundStatus(Labelled):
    """Where a year's grading round stands; ``not_opened`` is said of a year whose round was never opened."""

    NOT_OPENED = "not_opened", "未启动"
    OPEN = "open", "定级中"
    PUBLICITY = "publicity", "公示中"
    CLOSED = "closed", "已结束"


class RectificationStatus(Labelled):
    """Where the rectification a weak grade requires stands on a day: overdue once its due day has passed."""

    NONE = "none", "未整改"
    OPEN = "open", "整改中"
    OVERDUE = "overdue", "逾期未完成"
    CLOSED = "closed", "已完成"


class RectificationOutcome(Labelled):
    """How a rectification ended."""

    RECTIFIED = "rectified", "整改到位"
    NOT_RECTIFIED = "not_rectified", "未整改到位"
    REORGANIZED = "reorganized", "重新组建"


DEFAULT_MINIMUMS = {
    Activity.GENERAL_MEETING.value: 4,
    Activity.COMMITTEE_MEETING.value: 12,
    Activity.GROUP_MEETING.value: 12,
    Activity.LECTURE.value: 4,
    Activity.THEME_DAY.value: 12,
    Activity.LIFE_MEETING.value: 1,
    Activity.MEMBER_APPRAISAL.value: 1,
}
"""Times a year each activity is held at least (条例 Art. 11–13, 19); committee and group meetings only where the
organization has a committee or Party groups."""


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
    advanced_max_percent: int | None = None
    """An optional quota: advanced at most this share (%) of the graded organizations; beyond it, a warning."""
    weak_min_percent: int | None = None
    """An optional quota: weak at least this share (%) of the graded organizations; below it, a warning."""
    secretary_lectures: int = 1
    """Lectures (党课) a year the organization's secretary gives at least (local practice); 0: not checked."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "minimums", {**DEFAULT_MINIMUMS, **self.minimums})
        if not 0 <= self.average_min <= self.advanced_min <= 100:
            raise InvalidValue("policy", "thresholds need 0 <= average_min <= advanced_min <= 100")
        if not 1 <= self.publicity_working_days <= 60:
            raise InvalidValue("policy.publicity_working_days", "must be between 1 and 60")
        for key in ("advanced_max_percent", "weak_min_percent"):
            quota = getattr(self, key)
            if quota is not None and (not isinstance(quota, int) or isinstance(quota, bool) or not 0 <= quota <= 100):
                raise InvalidValue(f"policy.{key}", "must be a whole number from 0 to 100")
        if not isinstance(self.secretary_lectures, int) or not 0 <= self.secretary_lectures <= 366:
            raise InvalidValue("policy.secretary_lectures", "must be a whole number from 0 to 366")
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

    def meets(self, activity: str, held: int) -> bool:
        """Whether ``held`` activities of a kind in a year reach the policy's minimum for it."""
        return held >= self.minimums[activity]

    def compliance(self, activity: str, held: int, applies: bool = True) -> Compliance:
        """Met or short of the minimum for ``activity``; not applicable when the minimum does not apply."""
        if not applies:
            return Compliance.NOT_APPLICABLE
        return Compliance.MET if self.meets(activity, held) else Compliance.SHORT

    def complies(self, held: Mapping[str, int], applies: Callable[[str], bool] = lambda _: True) -> bool:
        """Whether a year's organizational life (activity → times held) reaches every minimum of the policy that
        ``applies`` to the organization."""
        return all(self.meets(a, held.get(a, 0)) for a in self.minimums if applies(a))

    def as_dict(self) -> dict[str, Any]:
        """The policy as recorded in a round; a quota not set is left out."""
        return {k: v for k, v in asdict(self).items() if k not in QUOTAS or v is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> GradingPolicy:
        data = dict(data or {})
        known = {"advanced_min", "average_min", "publicity_working_days", "minimums", "secretary_lectures", *QUOTAS}
        unknown = set(data) - known
        if unknown:
            raise InvalidValue("policy", f"unknown keys: {', '.join(sorted(unknown))}")
        minimums = dict(data.pop("minimums", None) or {})
        for key in ("advanced_min", "average_min", "publicity_working_days", "secretary_lectures"):
            if key in data and (not isinstance(data[key], int) or isinstance(data[key], bool)):
                raise InvalidValue(f"policy.{key}", "must be a whole number")
        return cls(minimums=minimums, **data)


QUOTAS = ("advanced_max_percent", "weak_min_percent")
"""The optional quotas of a grading policy; a policy recorded before them has none."""


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February falls on 28 February in a year that has none."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
