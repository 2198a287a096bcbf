"""The console's forms for the daily work: the Register command each sends, the API route whose roles it shares,
and its fields, derived from the command's parameters and named by the one vocabulary (``domain/vocabulary.py``).
A new form is one more ``FormSpec`` here; the pages, the menu, the record pages' links and the checks follow."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from application.base import Recorded
from application.context import CommandContext
from application.register import Register
from domain.vocabulary import FIELDS
from interfaces.console.forms.fields import Field
from interfaces.console.labels import label

REASON = Field(
    "reason", "备注（理由）", "textarea", required=False, hint="记入这条记录的历史，审计时可见", max_length=2000
)
NOT_ASKED = {"self", "ctx", "ident", "expected_version"}
VOCABULARIES = {
    "activity": "activity",
    "grade": "grade",
    "level": "level",
    "outcome": "outcome",
    "helper_role": "helper_role",
    "basis": "basis",
    "management_basis": "basis",
    "criteria": "criterion",
    "veto_findings": "veto",
}
"""The vocabulary of the codes a parameter takes, by its name."""
RECORDS = {"chamber_id": "chamber", "host_chamber_id": "chamber", "branch_id": "branch", "into": "branch"}
"""The kind of record a parameter naming one takes."""
LONG_TEXTS = {"reason", "summary", "measures", "plan", "text", "resolution", "override_reason"}
Arguments = Callable[[dict[str, Any]], dict[str, Any]]
Offers = Callable[[Mapping[str, Any], Mapping[str, Any]], bool]
"""Whether a form acting on a record (its document first) offers a candidate record (second) in its choices."""


def _in_chamber(member: Mapping[str, Any], chamber: Mapping[str, Any]) -> bool:
    return chamber["id"] in member.get("chamber_ids", [])


def _not_in_chamber(member: Mapping[str, Any], chamber: Mapping[str, Any]) -> bool:
    return not _in_chamber(member, chamber)


def _plain(hint: Any) -> tuple[Any, bool]:
    """The type a parameter's value has, and whether it may be None."""
    arguments = typing.get_args(hint)
    if type(None) in arguments:
        rest = [a for a in arguments if a is not type(None)]
        return (rest[0] if len(rest) == 1 else hint), True
    return hint, False


def derived_fields(
    command: Callable[..., Any],
    record: str,
    given: Mapping[str, Field | None],
    titles: Mapping[str, str],
    on_record: bool,
) -> list[Field]:
    """One field per parameter of ``command`` a person fills in, in its order (after the record's own id or year
    when the form acts ``on_record``): as ``given`` (None leaves it out), else by its type, titled by the
    vocabulary (or ``titles``); ``reason`` last, the command's own or the note every event may carry."""
    hints = typing.get_type_hints(command)
    fields: list[Field] = []
    parameters = [p for p in inspect.signature(command).parameters.values() if p.name not in ("self", "ctx")]
    for parameter in parameters[1:] if on_record else parameters:
        name = parameter.name
        if name in NOT_ASKED:
            continue
        if name in given:
            if given[name] is not None:
                fields.append(given[name])  # type: ignore[arg-type]
            continue
        kind, optional = _plain(hints.get(name, str))
        required = parameter.default is inspect.Parameter.empty and not optional
        fields.append(_field(name, kind, required, record, titles.get(name) or FIELDS.get(name, name)))
    named = {p.name for p in parameters}
    fields += [f for name, f in given.items() if f is not None and name not in named]
    asked = {f.name for f in fields}
    if "reason" in asked:
        fields.sort(key=lambda f: f.name == "reason")
    else:
        fields.append(REASON)
    return fields


def _field(name: str, kind: Any, required: bool, record: str, title: str) -> Field:
    if kind is date:
        return Field(name, title, "date", required)
    if kind is bool:
        return Field(name, title, "bool", required)
    if kind is int:
        return Field(name, title, "year" if name == "year" else "int", required)
    if kind is UUID:
        records = RECORDS.get(name, record)
        return Field(
            name, label("kind", records) if title.endswith("编号") else title, "record", required, records=records
        )
    if kind == list[UUID]:
        return Field(name, title, "credit_codes", required, hint="填写统一社会信用代码，多家用顿号（、）分隔")
    if kind == list[str]:
        return Field(name, title, "checkboxes", False, vocabulary=VOCABULARIES.get(name))
    if name == "grade":
        return Field(name, title, "grade", required, vocabulary="grade")
    if name in VOCABULARIES:
        return Field(name, title, "select", required, vocabulary=VOCABULARIES[name])
    if name == "kind":
        return Field(name, title, "select", required, vocabulary=f"{record}_kind")
    if name in LONG_TEXTS:
        return Field(name, title, "textarea", required, max_length=2000)
    suggest = name if name in ("street", "industry", "managing_unit") else None
    return Field(name, title, required=required, max_length=200, suggest=suggest)


@dataclass(frozen=True)
class FormSpec:
    """One form: its URL name, title, the record kind it acts on, whether it creates one, the API route it mirrors
    (for the roles allowed) and the Register command it sends.

    ``given`` replaces (or, as None, leaves out) a derived field; ``arguments`` turns the form's values into the
    command's keywords where they are not one to one; ``rule_fields`` places a broken rule beside a field of this
    form when the rule's usual field is not on it (a date rule beside this form's date); ``offers`` narrows the
    records a chamber or organization field offers to those that fit the record acted on (the chambers a member is
    in, to leave one); ``ended`` offers it on a record that ended too (a member that left: the day it left)."""

    name: str
    title: str
    record: str
    creates: bool
    api: tuple[str, str]
    command: str
    intro: str = ""
    given: Mapping[str, Field | None] = field(default_factory=dict)
    titles: Mapping[str, str] = field(default_factory=dict)
    rule_fields: dict[str, str] = field(default_factory=dict)
    arguments: Arguments | None = None
    offers: Offers | None = None
    ended: bool = False
    fields: list[Field] = field(init=False)

    def __post_init__(self) -> None:
        command = getattr(Register, self.command)
        derived = derived_fields(command, self.record, self.given, self.titles, not self.creates)
        object.__setattr__(self, "fields", derived)

    @property
    def action(self) -> str:
        """The console action this form is, for the permissions: ``branch.review``."""
        return f"{self.record}.{self.name}"

    def send(
        self,
        register: Register,
        ctx: CommandContext,
        ident: UUID | int | None,
        values: dict[str, Any],
        version: int | None,
    ) -> Recorded[Any]:
        """Send the command with the form's values, on the record ``ident`` at ``version`` (None: any)."""
        command = getattr(register, self.command)
        parameters = inspect.signature(command).parameters
        if self.arguments is not None:
            keywords = self.arguments(values)
        else:
            keywords = {
                name: values[name]
                for name, parameter in parameters.items()
                if name in values and not (values[name] is None and parameter.default is not inspect.Parameter.empty)
            }
        if ident is None:
            return command(ctx, **keywords)
        if "expected_version" in parameters:
            keywords["expected_version"] = version
        return command(ctx, ident, **keywords)


def _amendment(values: dict[str, Any]) -> dict[str, Any]:
    changes = {k: values[k] for k in ("name", "street", "industry") if values.get(k)}
    return {"changes": changes, "reason": values["reason"]}


def _v1(record: str, verb: str = "") -> tuple[str, str]:
    plural = {"member": "members", "chamber": "chambers", "branch": "branches"}.get(record)
    if record == "round":
        return ("POST", f"/v1/grading-rounds/{{year}}/{verb}" if verb else "/v1/grading-rounds")
    return ("POST", f"/v1/{plural}/{{{record}_id}}/{verb}" if verb else f"/v1/{plural}")


def _on(title: str) -> dict[str, str]:
    return {"on": title}


YEAR_HINT = "四位年份，例如 2021"
FORMS: list[FormSpec] = [
    FormSpec(
        "new",
        "新会员入会",
        "member",
        True,
        _v1("member"),
        "join_member",
        "登记一家民营企业加入工商联。曾经退会的企业重新入会时，沿用原有记录。",
        given={"credit_code": Field("credit_code", FIELDS["credit_code"], hint="18位，末位为校验码", max_length=40)},
        titles={"name": "企业名称", "street": "所在街道", "industry": "所属行业"},
    ),
    FormSpec(
        "amend",
        "变更企业信息",
        "member",
        False,
        _v1("member", "amend"),
        "amend_member",
        "只填写要变更的项目；原有信息保留在历史中。",
        given={
            "changes": None,
            "name": Field("name", "企业名称", required=False, max_length=200),
            "street": Field("street", "所在街道", required=False, max_length=100, suggest="street"),
            "industry": Field("industry", "所属行业", required=False, max_length=100),
            "reason": Field("reason", "变更理由", "textarea", max_length=2000),
        },
        arguments=_amendment,
        rule_fields={"member.amendment_changes_nothing": "name"},
    ),
    FormSpec(
        "correct-joined-on",
        "更正入会日期",
        "member",
        False,
        _v1("member", "correct-joined-on"),
        "correct_joined_on",
        "入会日期录错时更正，须写明理由；原日期保留在历史中。",
        titles={"joined_on": "更正后的入会日期", "reason": "更正理由"},
        rule_fields={
            "member.correction_changes_nothing": "joined_on",
            "member.joined_after_recorded_fact": "joined_on",
            "member.rejoin_before_leaving": "joined_on",
        },
    ),
    FormSpec(
        "correct-left-on",
        "更正退会日期",
        "member",
        False,
        _v1("member", "correct-left-on"),
        "correct_left_on",
        "退会日期录错时更正，须写明理由；原日期保留在历史中。",
        titles={"on": "更正后的退会日期", "reason": "更正理由"},
        rule_fields={
            "member.not_left": "on",
            "member.correction_changes_nothing": "on",
            "member.rejoin_before_leaving": "on",
            "date.before_joining": "on",
        },
        ended=True,
    ),
    FormSpec(
        "correct-chamber-day",
        "更正加入、退出商会日期",
        "member",
        False,
        _v1("member", "correct-chamber-day"),
        "correct_chamber_days",
        "加入或退出商会的日期录错时更正（该商会最近一次的加入、退出），须写明理由；不更正的日期留空，原日期保留在历史中。",
        titles={"joined_on": "更正后的加入日期", "left_on": "更正后的退出日期", "reason": "更正理由"},
        rule_fields={
            "member.chamber_not_joined": "chamber_id",
            "member.chamber_not_left": "left_on",
            "member.correction_changes_nothing": "joined_on",
            "member.left_chamber_before_joining": "left_on",
            "date.before_establishment": "joined_on",
            "date.before_joining": "joined_on",
        },
        ended=True,
    ),
    FormSpec(
        "join-chamber",
        "加入商会",
        "member",
        False,
        _v1("member", "join-chamber"),
        "member_join_chamber",
        titles=_on("加入日期"),
        rule_fields={"member.already_in_chamber": "chamber_id", "chamber.dissolved": "chamber_id"},
        offers=_not_in_chamber,
    ),
    FormSpec(
        "leave-chamber",
        "退出商会",
        "member",
        False,
        _v1("member", "leave-chamber"),
        "member_leave_chamber",
        titles=_on("退出日期"),
        rule_fields={"member.not_in_chamber": "chamber_id"},
        offers=_in_chamber,
    ),
    FormSpec(
        "designate-key-focus",
        "列为重点关注对象",
        "member",
        False,
        _v1("member", "designate-key-focus"),
        "designate_key_focus",
        rule_fields={"member.key_focus_unchanged": "criteria"},
    ),
    FormSpec(
        "revoke-key-focus",
        "取消重点关注",
        "member",
        False,
        _v1("member", "revoke-key-focus"),
        "revoke_key_focus",
        rule_fields={"member.not_key_focus": "reason"},
    ),
    FormSpec(
        "correct-transfer",
        "更正管理移交日期",
        "branch",
        False,
        _v1("branch", "correct-transfer"),
        "correct_transfer_day",
        "移交日期录错时更正，须写明理由；不能早于成立日期和上一次移交，不能晚于下一次移交，原日期保留在历史中。",
        titles={"on": "原登记的移交日期", "to_on": "更正后的移交日期", "reason": "更正理由"},
        rule_fields={
            "branch.transfer_not_recorded": "on",
            "branch.transfer_correction_changes_nothing": "to_on",
            "branch.transfer_before_previous": "to_on",
            "branch.transfer_after_next": "to_on",
            "date.before_founding": "to_on",
            "date.in_future": "to_on",
        },
    ),
    FormSpec(
        "report-party-members",
        "报告党员人数",
        "member",
        False,
        _v1("member", "report-party-members"),
        "member_report_party_members",
        titles=_on("报告日期"),
    ),
    FormSpec(
        "record-san-you",
        "记录“三有”情况",
        "member",
        False,
        _v1("member", "record-san-you"),
        "record_san_you",
        "有固定经营场所、从业人员10人以上、有实际经营业务的企业为“三有”企业，计入“两个覆盖”的基数。",
        titles=_on("核实日期"),
        rule_fields={"member.san_you_unchanged": "employees", "date.before_joining": "on"},
    ),
    FormSpec(
        "suspend",
        "暂停会籍",
        "member",
        False,
        _v1("member", "suspend"),
        "suspend_member",
        titles={"reason": "暂停理由"},
        rule_fields={"member.not_active": "reason"},
    ),
    FormSpec(
        "reinstate",
        "恢复会籍",
        "member",
        False,
        _v1("member", "reinstate"),
        "reinstate_member",
        titles={"reason": "恢复理由"},
        rule_fields={"member.not_suspended": "reason"},
    ),
    FormSpec(
        "leave",
        "退会",
        "member",
        False,
        _v1("member", "leave"),
        "member_leave",
        "退会后记录保留；日后可重新入会。",
        given={"reason": Field("reason", FIELDS["left_reason"], "select", vocabulary="leave_reason")},
        titles=_on(FIELDS["left_on"]),
        rule_fields={"date.before_joining": "on"},
    ),
    FormSpec(
        "new",
        "成立商会",
        "chamber",
        True,
        _v1("chamber"),
        "establish_chamber",
        "登记一个新成立的商会；商会名称不能与未注销的商会相同。",
    ),
    FormSpec(
        "register",
        "登记为社会组织",
        "chamber",
        False,
        _v1("chamber", "register"),
        "register_chamber",
        titles=_on(FIELDS["registered_on"]),
        rule_fields={"chamber.already_registered": "certificate_no", "date.before_establishment": "on"},
    ),
    FormSpec(
        "hang-fic-plaque",
        "加挂工商联牌子",
        "chamber",
        False,
        _v1("chamber", "hang-fic-plaque"),
        "hang_fic_plaque",
        titles=_on(FIELDS["fic_plaque_on"]),
        rule_fields={"chamber.plaque_already_hung": "on", "date.before_establishment": "on"},
    ),
    FormSpec(
        "renew-term",
        "换届",
        "chamber",
        False,
        _v1("chamber", "renew-term"),
        "renew_chamber_term",
        "记录商会新一届的起止日期和会长。",
        titles={"term": "第几届"},
        rule_fields={
            "chamber.term_out_of_sequence": "term",
            "chamber.term_starts_before_previous": "starts_on",
            "chamber.term_too_long": "ends_on",
            "date.before_establishment": "starts_on",
        },
    ),
    FormSpec(
        "postpone-term",
        "延期换届",
        "chamber",
        False,
        _v1("chamber", "postpone-term"),
        "postpone_chamber_term",
        "延期换届须经批准，一般不超过1年。",
        rule_fields={
            "chamber.no_term": "postponed_to",
            "chamber.approval_before_term": "approved_on",
            "chamber.postponement_not_later": "postponed_to",
            "chamber.postponement_too_long": "postponed_to",
        },
    ),
    FormSpec(
        "award-four-good",
        "获评“四好”商会",
        "chamber",
        False,
        _v1("chamber", "award-four-good"),
        "award_four_good",
        "称号按期间授予（如2021—2022年），期满失效；有效期至不填，则为两年。",
        rule_fields={"chamber.four_good_already_awarded": "year"},
    ),
    FormSpec(
        "revoke-four-good",
        "撤销“四好”商会称号",
        "chamber",
        False,
        _v1("chamber", "revoke-four-good"),
        "revoke_four_good",
        "写明撤销的称号（起始年度和级别）及理由。",
        rule_fields={
            "chamber.four_good_not_awarded": "year",
            "chamber.four_good_revoked": "year",
            "date.before_establishment": "on",
        },
    ),
    FormSpec(
        "designate-demonstration-site",
        "确定为示范点",
        "chamber",
        False,
        _v1("chamber", "designate-demonstration-site"),
        "designate_demonstration_site",
        rule_fields={"chamber.demonstration_site_already": "year"},
    ),
    FormSpec(
        "rename",
        "商会更名",
        "chamber",
        False,
        _v1("chamber", "rename"),
        "rename_chamber",
        "更改或更正商会名称，须写明理由；新名称不能与未注销的商会相同，原名称保留在历史中并可再用。",
        titles={"name": "新名称", "reason": "更名理由"},
        rule_fields={"chamber.rename_changes_nothing": "name"},
    ),
    FormSpec(
        "correct-established-on",
        "更正成立日期",
        "chamber",
        False,
        _v1("chamber", "correct-established-on"),
        "correct_chamber_established_on",
        "成立日期录错时更正，须写明理由；不能晚于已登记的该商会任何事项，原日期保留在历史中。",
        titles={"on": "更正后的成立日期", "reason": "更正理由"},
        rule_fields={
            "chamber.correction_changes_nothing": "on",
            "chamber.established_after_recorded_fact": "on",
            "date.in_future": "on",
        },
    ),
    FormSpec(
        "correct-four-good-years",
        "更正“四好”商会称号年度",
        "chamber",
        False,
        _v1("chamber", "correct-four-good-years"),
        "correct_four_good_years",
        "写明要更正的称号（起始年度和级别）和正确的年度；有效期至不填，则保持原期限长度。",
        titles={"year": "原起始年度", "to_year": "更正后的起始年度", "to_until_year": "更正后的有效期至（年）"},
        rule_fields={
            "chamber.four_good_not_awarded": "year",
            "chamber.correction_changes_nothing": "to_year",
            "chamber.four_good_already_awarded": "to_year",
            "date.before_establishment": "to_year",
            "date.in_future": "to_year",
        },
    ),
    FormSpec(
        "correct-demonstration-site-year",
        "更正示范点年度",
        "chamber",
        False,
        _v1("chamber", "correct-demonstration-site-year"),
        "correct_demonstration_site_year",
        "示范点年度录错时更正，须写明理由；原年度保留在历史中。",
        titles={"year": "原年度", "to_year": "更正后的年度"},
        rule_fields={
            "chamber.demonstration_site_not_designated": "year",
            "chamber.correction_changes_nothing": "to_year",
            "chamber.demonstration_site_already": "to_year",
            "date.before_establishment": "to_year",
            "date.in_future": "to_year",
        },
    ),
    FormSpec(
        "dissolve",
        "注销商会",
        "chamber",
        False,
        _v1("chamber", "dissolve"),
        "dissolve_chamber",
        titles={**_on(FIELDS["dissolved_on"]), "reason": FIELDS["dissolved_reason"]},
        rule_fields={"date.before_establishment": "on"},
    ),
    FormSpec(
        "new",
        "成立党组织",
        "branch",
        True,
        _v1("branch"),
        "found_branch",
        "在会员企业（填写其统一社会信用代码）或商会中成立党组织；成立时产生第一届委员会（或书记）。",
        given={
            "has_party_groups": Field("has_party_groups", FIELDS["has_party_groups"], "bool", required=False),
            "joint_units_approved_by": Field(
                "joint_units_approved_by",
                "批准单位",
                required=False,
                max_length=200,
                hint="联合党支部覆盖的单位一般不超过5个；超过的须经上级党组织批准，填写批准单位",
            ),
        },
        rule_fields={
            "branch.too_few_party_members": "full_members",
            "branch.host_member_not_active": "host_member_ids",
            "branch.joint_needs_two_hosts": "host_member_ids",
            "branch.single_host": "host_member_ids",
            "branch.joint_committee_needs_chamber": "host_chamber_id",
            "chamber.dissolved": "host_chamber_id",
            "committee.too_few_full_members": "has_committee",
            "committee.required_for_kind": "has_committee",
        },
    ),
    FormSpec(
        "rename",
        "党组织更名",
        "branch",
        False,
        _v1("branch", "rename"),
        "rename_branch",
        "更改或更正党组织名称，须写明理由；原名称保留在历史中。",
        titles={"name": "新名称", "reason": "更名理由"},
        rule_fields={"branch.rename_changes_nothing": "name"},
    ),
    FormSpec(
        "correct-founded-on",
        "更正党组织成立日期",
        "branch",
        False,
        _v1("branch", "correct-founded-on"),
        "correct_branch_founded_on",
        "成立日期录错时更正，须写明理由；不能晚于已登记的该党组织任何事项，原日期保留在历史中。",
        titles={"on": "更正后的成立日期", "reason": "更正理由"},
        rule_fields={
            "branch.correction_changes_nothing": "on",
            "branch.founded_after_recorded_fact": "on",
            "date.before_establishment": "on",
            "date.in_future": "on",
        },
    ),
    FormSpec(
        "transfer-management",
        "移交管理",
        "branch",
        False,
        _v1("branch", "transfer-management"),
        "transfer_management",
        titles={"managing_unit": "新的管理单位", **_on("移交日期")},
        rule_fields={"branch.transfer_to_same_unit": "managing_unit", "branch.transfer_before_previous": "on"},
    ),
    FormSpec(
        "report-party-members",
        "报告党员人数",
        "branch",
        False,
        _v1("branch", "report-party-members"),
        "report_party_members",
        titles=_on("报告日期"),
        rule_fields={"date.before_founding": "on"},
    ),
    FormSpec(
        "record-structure",
        "记录组织设置",
        "branch",
        False,
        _v1("branch", "record-structure"),
        "record_structure",
        titles=_on("变更日期"),
        rule_fields={
            "committee.too_few_full_members": "has_committee",
            "committee.required_for_kind": "has_committee",
            "structure.before_previous": "on",
            "structure.changes_nothing": "has_committee",
        },
    ),
    FormSpec(
        "record-election",
        "换届选举",
        "branch",
        False,
        _v1("branch", "record-election"),
        "record_election",
        "任期届满日不填，则按党组织类型的任期年限计算。",
        rule_fields={
            "election.before_founding": "elected_on",
            "election.before_previous": "elected_on",
            "election.term_end_before_election": "term_ends_on",
            "election.term_too_long": "term_ends_on",
        },
    ),
    FormSpec(
        "correct-election",
        "更正换届选举",
        "branch",
        False,
        _v1("branch", "correct-election"),
        "correct_election",
        "更正换届选举日期或任期届满日，不填的保持不变；原日期保留在历史中。",
        titles={
            "elected_on": "原登记的选举日期",
            "to_elected_on": "更正后的选举日期",
            "to_term_ends_on": "更正后的任期届满日",
            "reason": "更正理由",
        },
        rule_fields={
            "election.not_recorded": "elected_on",
            "election.before_founding": "to_elected_on",
            "election.before_previous": "to_elected_on",
            "election.after_next": "to_elected_on",
            "election.term_end_before_election": "to_term_ends_on",
            "election.term_too_long": "to_term_ends_on",
            "election.correction_changes_nothing": "to_elected_on",
            "election.approval_before_term": "to_elected_on",
            "election.postponement_not_later": "to_term_ends_on",
            "election.postponement_too_long": "to_term_ends_on",
            "date.in_future": "to_elected_on",
        },
    ),
    FormSpec(
        "postpone-election",
        "延期换届",
        "branch",
        False,
        _v1("branch", "postpone-election"),
        "postpone_election",
        "延期换届须经上级党组织批准，一般不超过1年。",
        rule_fields={
            "election.approval_before_term": "approved_on",
            "election.postponement_not_later": "postponed_to",
            "election.postponement_too_long": "postponed_to",
        },
    ),
    FormSpec(
        "organizational-life",
        "记录组织生活",
        "branch",
        False,
        _v1("branch", "record-organizational-life"),
        "record_organizational_life",
        "记录“三会一课”和主题党日。党课请注明是否由书记讲授：书记每年至少讲一次党课。",
        given={
            "by_secretary": Field("by_secretary", "书记讲授", "bool", required=False, hint="仅党课填写；其他活动不选"),
        },
        rule_fields={"date.before_founding": "held_on"},
    ),
    FormSpec(
        "void-meeting",
        "作废组织生活记录",
        "branch",
        False,
        _v1("branch", "void-meeting"),
        "void_meeting",
        "误录的组织生活记录可以作废，须写明理由；作废后不再计入，原记录保留在历史中。",
        titles={"held_on": "误录活动的日期", "reason": "作废理由"},
        given={
            "by_secretary": Field(
                "by_secretary",
                "作废的党课是否书记讲授",
                "bool",
                required=False,
                hint="仅当天的党课讲授人不同时选择",
            ),
        },
        rule_fields={
            "meeting.not_recorded": "held_on",
            "meeting.already_voided": "held_on",
            "meeting.which_lecture": "by_secretary",
        },
    ),
    FormSpec(
        "review",
        "述职评议",
        "branch",
        False,
        _v1("branch", "review"),
        "review_branch",
        "每个党组织每年一次述职评议，定级以评议为依据。",
        given={
            "score": Field("score", FIELDS["score"], "int", hint="0至100分"),
            "veto_findings": Field(
                "veto_findings",
                "否决情形",
                "checkboxes",
                required=False,
                vocabulary="veto",
                hint="有任一情形即定为软弱涣散",
            ),
            "reviewer": Field("reviewer", "评议人（单位）", max_length=200),
            "summary": Field("summary", "评议意见", "textarea", required=False, max_length=2000),
        },
        titles={"year": "评议年度"},
        rule_fields={"date.before_founding": "reviewed_on"},
    ),
    FormSpec(
        "grade",
        "分类定级",
        "branch",
        False,
        _v1("branch", "grade"),
        "grade_branch",
        "按当年定级工作的政策，以述职评议确定等次。须先录入当年的述职评议，且当年定级工作正在进行。",
        given={
            "grade": Field(
                "grade",
                "等次",
                "grade",
                required=False,
                vocabulary="grade",
                blank="按评分确定",
                hint="不选则按当年定级政策由评分确定；选择其他等次须填写调整理由",
            ),
        },
        titles={"year": "定级年度"},
    ),
    FormSpec(
        "correct-grade",
        "更正等次",
        "branch",
        False,
        _v1("branch", "correct-grade"),
        "correct_grade",
        "更正已定的等次；原等次保留在历史中。",
        titles={"grade": "更正后等次", "reason": "更正理由"},
        rule_fields={"grade.correction_changes_nothing": "grade"},
    ),
    FormSpec(
        "correct-review",
        "更正述职评议",
        "branch",
        False,
        _v1("branch", "correct-review"),
        "correct_review",
        "更正已录入的述职评议得分或否决情形；原评议保留在历史中。已定等次不随之改变，如需改变请另行更正等次。",
        given={
            "score": Field("score", "更正后得分", "int", required=False, hint="0至100分；不填则得分不变"),
            "veto_findings": Field(
                "veto_findings",
                "更正后否决情形",
                "checkboxes",
                required=False,
                vocabulary="veto",
                hint="勾选更正后应有的全部情形；不勾选即无否决情形",
            ),
        },
        titles={"year": "评议年度", "reason": "更正理由", "reviewed_on": "更正后评议日期（不填则不变）"},
        rule_fields={"review.correction_changes_nothing": "score", "review.after_rectification": "reviewed_on"},
    ),
    FormSpec(
        "open-rectification",
        "启动整顿",
        "branch",
        False,
        _v1("branch", "open-rectification"),
        "open_rectification",
        "被定为软弱涣散的党组织须启动整顿，明确帮扶责任人、整顿方案和措施；期限默认为启动后一年。",
        titles={"year": "定级年度"},
        rule_fields={"rectification.already_open": "year"},
    ),
    FormSpec(
        "close-rectification",
        "完成整顿",
        "branch",
        False,
        _v1("branch", "close-rectification"),
        "close_rectification",
        titles=_on(FIELDS["closed_on"]),
        rule_fields={"rectification.none_open": "on"},
    ),
    FormSpec(
        "correct-rectification",
        "更正整顿日期",
        "branch",
        False,
        _v1("branch", "correct-rectification"),
        "correct_rectification_days",
        "更正整顿的启动日期、整顿期限或结束日期，不填的保持不变；原日期保留在历史中。",
        titles={
            "year": "整顿所属年度",
            "opened_on": "更正后启动日期",
            "due_on": "更正后整顿期限",
            "closed_on": "更正后结束日期",
            "reason": "更正理由",
        },
        rule_fields={
            "rectification.not_recorded": "year",
            "rectification.correction_changes_nothing": "opened_on",
            "rectification.before_opening": "closed_on",
            "rectification.outside_round": "opened_on",
        },
    ),
    FormSpec(
        "dissolve",
        "撤销党组织",
        "branch",
        False,
        _v1("branch", "dissolve"),
        "dissolve_branch",
        titles={**_on("撤销日期"), "reason": "撤销原因"},
        rule_fields={"date.before_founding": "on"},
    ),
    FormSpec(
        "merge",
        "合并到其他党组织",
        "branch",
        False,
        _v1("branch", "merge"),
        "merge_branch",
        given={"into": Field("into", FIELDS["merged_into"], "record", records="branch")},
        titles=_on("合并日期"),
        rule_fields={"branch.merge_into_itself": "into", "branch.merge_target_not_active": "into"},
    ),
    FormSpec(
        "new",
        "启动年度定级",
        "round",
        True,
        _v1("round"),
        "open_round",
        "启动一个年度的分类定级工作，按默认定级办法。",
        given={"policy": None},
        titles={"year": "定级年度"},
        rule_fields={"grading_round.already_open": "year"},
    ),
    FormSpec(
        "start-publicity",
        "开始公示",
        "round",
        False,
        _v1("round", "start-publicity"),
        "start_publicity",
        "公示结束日期不填，则按定级办法的工作日数计算。",
        titles={"starts_on": "公示开始日期", "ends_on": "公示结束日期"},
        rule_fields={"grading_round.publicity_already_started": "starts_on"},
    ),
    FormSpec(
        "raise-objection",
        "提出异议",
        "round",
        False,
        _v1("round", "raise-objection"),
        "raise_objection",
        given={"branch_id": Field("branch_id", "党组织", "record", records="branch")},
        titles={"text": "异议内容"},
        rule_fields={"grading_round.objection_to_ungraded": "branch_id", "grading_round.not_in_publicity": "text"},
    ),
    FormSpec(
        "resolve-objection",
        "处理异议",
        "round",
        False,
        _v1("round", "resolve-objection"),
        "resolve_objection",
        given={"objection_id": Field("objection_id", "异议", "record", records="objection")},
        rule_fields={
            "grading_round.unknown_objection": "objection_id",
            "grading_round.objection_already_resolved": "objection_id",
        },
    ),
    FormSpec(
        "close",
        "结束年度定级",
        "round",
        False,
        _v1("round", "close"),
        "close_round",
        "公示期满、异议处理完毕、软弱涣散党组织均已启动整顿后，结束定级工作，等次生效。",
        titles=_on(FIELDS["closed_on"]),
        rule_fields=dict.fromkeys(
            (
                "grading_round.publicity_not_started",
                "grading_round.publicity_not_ended",
                "grading_round.objections_unresolved",
                "grading_round.weak_without_rectification",
                "grading_round.closed",
            ),
            "on",
        ),
    ),
]
BY_KEY: dict[tuple[str, str], FormSpec] = {(f.record, f.name): f for f in FORMS}


def forms_for(record: str) -> list[FormSpec]:
    """The forms that act on an existing record of this kind, in the order offered."""
    return [f for f in FORMS if f.record == record and not f.creates]


def creating(record: str) -> FormSpec | None:
    """The form that creates a record of this kind, if there is one."""
    return BY_KEY.get((record, "new"))
