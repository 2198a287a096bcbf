"""The console's forms for the daily work: what each asks, the API route whose roles it shares, and the Register
command it sends. A new form is one more ``FormSpec`` here; the pages, the menu and the checks follow from it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from application.base import Recorded
from application.context import CommandContext
from application.register import Register
from interfaces.console.forms.fields import Field

Send = Callable[[Register, CommandContext, str | None, dict[str, Any], int | None], Recorded[Any]]
REASON = Field(
    "reason", "备注（理由）", "textarea", required=False, hint="记入这条记录的历史，审计时可见", max_length=2000
)


@dataclass(frozen=True)
class FormSpec:
    """One form: its URL name, title, the record kind it acts on (None: it creates one), the API route it mirrors
    (for the roles allowed), its fields and the command it sends.

    ``rule_fields`` places a broken rule beside a field of this form when the rule's usual field is not on it
    (a date rule beside this form's date)."""

    name: str
    title: str
    record: str
    creates: bool
    api: tuple[str, str]
    fields: list[Field]
    send: Send
    intro: str = ""
    rule_fields: dict[str, str] = field(default_factory=dict)

    @property
    def action(self) -> str:
        """The console action this form is, for the permissions: ``branch.review``."""
        return f"{self.record}.{self.name}"


def _join(register: Register, ctx: CommandContext, _: str | None, v: dict[str, Any], version: int | None) -> Any:
    return register.join_member(ctx, v["credit_code"], v["name"], v["street"], v["industry"], v["joined_on"])


def _review(register: Register, ctx: CommandContext, key: str | None, v: dict[str, Any], version: int | None) -> Any:
    return register.review_branch(
        ctx,
        UUID(key),
        v["year"],
        v["score"],
        v["veto_findings"],
        v["reviewed_on"],
        v["reviewer"],
        v["summary"] or "",
        version,
    )


def _grade(register: Register, ctx: CommandContext, key: str | None, v: dict[str, Any], version: int | None) -> Any:
    return register.grade_branch(ctx, UUID(key), v["year"], v["grade"], v["override_reason"], version)


def _correct(register: Register, ctx: CommandContext, key: str | None, v: dict[str, Any], version: int | None) -> Any:
    return register.correct_grade(ctx, UUID(key), v["year"], v["grade"], v["reason"], version)


def _life(register: Register, ctx: CommandContext, key: str | None, v: dict[str, Any], version: int | None) -> Any:
    return register.record_organizational_life(ctx, UUID(key), v["activity"], v["held_on"], v["attendance"], version)


FORMS: list[FormSpec] = [
    FormSpec(
        "new",
        "新会员入会",
        "member",
        True,
        ("POST", "/v1/members"),
        [
            Field("credit_code", "统一社会信用代码", hint="18位，末位为校验码", max_length=40),
            Field("name", "企业名称", max_length=200),
            Field("street", "所在街道", max_length=100, suggest="street"),
            Field("industry", "所属行业", max_length=100, suggest="industry"),
            Field("joined_on", "入会日期", "date"),
            REASON,
        ],
        _join,
        intro="登记一家民营企业加入工商联。曾经退会的企业重新入会时，沿用原有记录。",
    ),
    FormSpec(
        "review",
        "述职评议",
        "branch",
        False,
        ("POST", "/v1/branches/{branch_id}/review"),
        [
            Field("year", "评议年度", "year"),
            Field("score", "得分", "int", hint="0至100分"),
            Field(
                "veto_findings",
                "否决情形",
                "checkboxes",
                required=False,
                vocabulary="veto",
                hint="有任一情形即定为软弱涣散",
            ),
            Field("reviewed_on", "评议日期", "date"),
            Field("reviewer", "评议人（单位）", max_length=200),
            Field("summary", "评议意见", "textarea", required=False, max_length=2000),
            REASON,
        ],
        _review,
        intro="每个党组织每年一次述职评议，定级以评议为依据。",
        rule_fields={"date.before_founding": "reviewed_on"},
    ),
    FormSpec(
        "grade",
        "分类定级",
        "branch",
        False,
        ("POST", "/v1/branches/{branch_id}/grade"),
        [
            Field("year", "定级年度", "year"),
            Field(
                "grade",
                "等次",
                "select",
                required=False,
                vocabulary="grade",
                blank="按评分确定",
                hint="不选则按当年定级政策由评分确定；选择其他等次须填写调整理由",
            ),
            Field("override_reason", "调整理由", "textarea", required=False, max_length=2000),
            REASON,
        ],
        _grade,
        intro="按当年定级工作的政策，以述职评议确定等次。须先录入当年的述职评议，且当年定级工作正在进行。",
    ),
    FormSpec(
        "correct-grade",
        "更正等次",
        "branch",
        False,
        ("POST", "/v1/branches/{branch_id}/correct-grade"),
        [
            Field("year", "年度", "year"),
            Field("grade", "更正后等次", "select", vocabulary="grade"),
            Field("reason", "更正理由", "textarea", max_length=2000),
        ],
        _correct,
        intro="更正已定的等次；原等次保留在历史中。",
        rule_fields={"grade.correction_changes_nothing": "grade"},
    ),
    FormSpec(
        "organizational-life",
        "记录组织生活",
        "branch",
        False,
        ("POST", "/v1/branches/{branch_id}/record-organizational-life"),
        [
            Field("activity", "活动类型", "select", vocabulary="activity"),
            Field("held_on", "开展日期", "date"),
            Field("attendance", "参加人数", "int"),
            REASON,
        ],
        _life,
        intro="记录“三会一课”和主题党日。",
        rule_fields={"date.before_founding": "held_on"},
    ),
]
BY_KEY: dict[tuple[str, str], FormSpec] = {(f.record, f.name): f for f in FORMS}


def forms_for(record: str) -> list[FormSpec]:
    """The forms that act on an existing record of this kind, in the order offered."""
    return [f for f in FORMS if f.record == record and not f.creates]
