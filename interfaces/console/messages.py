"""Why a command was refused, in Chinese, and which field of the form it concerns.

``explain`` is the one place the console turns a rejection into words: the domain's own Chinese message when the
error carries one, else the tables here, keyed by the stable rule code or by the field and the kind of fault.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from application.errors import (
    ConcurrentWrite,
    DistrictOnly,
    InvalidValue,
    NotFound,
    OutsideScope,
    RuleViolation,
    VersionMismatch,
)
from interfaces.console.labels import label
from interfaces.messages import RULES, Blanks, chinese_invalid

RULE_FIELDS: dict[str, str] = {
    "member.already_member": "credit_code",
    "member.rejoin_before_leaving": "joined_on",
    "member.correction_changes_nothing": "joined_on",
    "member.joined_after_recorded_fact": "joined_on",
    "review.already_recorded": "year",
    "review.before_founding": "year",
    "branch.rename_changes_nothing": "name",
    "meeting.not_recorded": "held_on",
    "meeting.already_voided": "held_on",
    "review.not_recorded": "year",
    "review.correction_changes_nothing": "score",
    "grade.requires_review": "year",
    "grade.requires_open_round": "year",
    "grade.already_graded": "year",
    "grade.override_requires_reason": "override_reason",
    "grade.not_graded": "year",
    "grade.correction_changes_nothing": "grade",
    "rectification.requires_weak_grade": "year",
    "rectification.already_done": "year",
    "branch.too_few_party_members": "full_members",
    "chamber.name_taken": "name",
    "member.left_chamber_before_joining": "on",
    "rectification.before_opening": "on",
    "rectification.helper_required": "helper",
    "rectification.plan_required": "plan",
    "rectification.due_unknown": "due_on",
    "rectification.acceptor_required": "accepted_by",
    "rectification.acceptor_not_managing_unit": "accepting_unit",
    "branch.host_already_organized": "host_member_ids",
    "branch.joint_too_many_units": "joint_units_approved_by",
    "publicity.too_short": "ends_on",
    "publicity.objection_outside_period": "raised_on",
    "calendar.year_unknown": "starts_on",
}


@dataclass(frozen=True)
class Explained:
    """A refusal in Chinese: the field it belongs beside (None: the form as a whole) and the message."""

    field: str | None
    message: str


def _domain_chinese(error: Exception) -> str | None:
    chinese = getattr(error, "chinese", None) or getattr(error, "message_zh", None)
    return chinese if isinstance(chinese, str) and chinese else None


def explain(error: Exception, values: dict[str, Any] | None = None) -> Explained:
    """What to show for a refused command; ``values`` are the form's values, named in some messages."""
    given = Blanks({k: v for k, v in (values or {}).items() if v not in (None, "")})
    if isinstance(error, OutsideScope):
        kind = label("kind", error.kind)
        return Explained(
            error.field, f"超出本密钥的范围（{error.scope.label}）：只能登记本{error.scope.kind.label}的{kind}"
        )
    if isinstance(error, DistrictOnly):
        return Explained(None, f"此操作涉及全区；限于“{error.scope.label}”的密钥不能办理")
    if isinstance(error, RuleViolation):
        message = _domain_chinese(error) or RULES.get(error.rule, "此操作不符合登记规则")
        return Explained(RULE_FIELDS.get(error.rule), message.format_map(given))
    if isinstance(error, InvalidValue):
        field = error.field.split(".")[0]
        return Explained(field, _domain_chinese(error) or chinese_invalid(error.message))
    if isinstance(error, VersionMismatch | ConcurrentWrite):
        return Explained(None, "这条记录在您打开表单后已被修改，请刷新页面，核对后重新提交")
    if isinstance(error, NotFound):
        return Explained(None, f"找不到该{label('kind', _kind(error.kind))}")
    raise error


def _kind(kind: str) -> str:
    return {"grading round": "round"}.get(kind, kind)
