"""Party organizations (党组织): one row founds an organization in member enterprises named by their credit codes,
or in a chamber named by its name, with its full and probationary members, its committee and Party groups and the
end of its first term. A row is compared with the organization as it was founded (its managing unit, Party members,
structure and terms may have changed since); an optional cell left empty is not compared."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import Any, ClassVar
from uuid import UUID

from application.context import CommandContext
from application.imports import cells
from application.imports.columns import Column, columns_for
from application.imports.kinds.base import ImportKind, unchanged_or_refused
from application.imports.kinds.members import EXAMPLE_CODE
from application.imports.lookup import BranchNames, chamber_by_name, member_by_code, name_key
from application.imports.outcome import RowRejected
from application.register import Register
from domain.branch import PartyBranch
from domain.values import BranchKind, ManagementBasis

FOUNDING = ("kind", "street", "managing_unit", "management_basis", "founded_on", "full_members")
OPTIONAL = ("probationary_members", "has_committee", "has_party_groups", "term_ends_on", "joint_units_approved_by")
HOSTS = "所在会员企业与所在商会须填写一项，且只填一项"


class Branches(ImportKind):
    """A ledger of Party organizations."""

    name = "branches"
    title = "党组织"
    role = "registrar"
    key_fields = ("name",)
    columns: ClassVar[tuple[Column, ...]] = columns_for(
        Register.found_branch,
        {
            "name": Column(
                "name", example="深圳市示例科技有限公司党支部", explanation="党组织全称", aliases=("党组织名称",)
            ),
            "kind": Column(
                "kind",
                cells.choice(BranchKind),
                example=BranchKind.BRANCH.label,
                explanation=f"可选：{'、'.join(BranchKind.labels().values())}",
                aliases=("党组织类型", "组织类型"),
            ),
            "street": Column("street", example="南山街道", aliases=("所在街道",)),
            "managing_unit": Column(
                "managing_unit",
                example="区非公党委",
                explanation="管理该党组织的党委或街道党工委",
                aliases=("上级党组织",),
            ),
            "management_basis": Column(
                "management_basis",
                cells.choice(ManagementBasis),
                example=ManagementBasis.TERRITORIAL.label,
                explanation=f"可选：{'、'.join(ManagementBasis.labels().values())}",
            ),
            "founded_on": Column(
                "founded_on",
                cells.day,
                example=date(2021, 7, 1),
                explanation=f"成立日期；{cells.DATE_HINT}",
                aliases=("成立时间",),
            ),
            "full_members": Column(
                "full_members",
                cells.whole,
                example=5,
                explanation="正式党员人数，单独建立党组织须 3 人以上",
                aliases=("党员人数", "党员数"),
            ),
            "host_member_ids": Column(
                "host_member_ids",
                cells.credit_codes,
                required=False,
                example=EXAMPLE_CODE,
                explanation="所在会员企业的统一社会信用代码，企业须已在登记册中；联合党支部填两家以上，用顿号分隔；"
                "依托商会组建的不填",
                aliases=("所在企业",),
                blank=[],
            ),
            "host_chamber_id": Column(
                "host_chamber_id",
                required=False,
                explanation="依托商会组建的，填写商会名称（商会须已在登记册中），此时不填所在会员企业",
            ),
            "probationary_members": Column(
                "probationary_members",
                cells.whole,
                required=False,
                example=1,
                explanation="预备党员人数；不计入成立党组织和设委员会所需的人数；未统计的不填",
                aliases=("预备党员数",),
            ),
            "has_committee": Column(
                "has_committee",
                cells.yes_no,
                required=False,
                example="否",
                explanation="是否设支部委员会，填“是”或“否”；正式党员 7 人以上的党支部才设，党总支、党委须设；"
                "不填的按规定推定",
                aliases=("是否设委员会", "设支委会"),
            ),
            "has_party_groups": Column(
                "has_party_groups",
                cells.yes_no,
                required=False,
                example="否",
                explanation="是否设党小组，填“是”或“否”；不填的视为不设",
                aliases=("是否设党小组",),
            ),
            "term_ends_on": Column(
                "term_ends_on",
                cells.day,
                required=False,
                example=date(2024, 6, 30),
                explanation=f"首届任期届满日，须晚于成立日期且不超过一届任期；不填的按一届任期推算；{cells.DATE_HINT}",
                aliases=("届满日期", "任期届满日期"),
            ),
            "joint_units_approved_by": Column(
                "joint_units_approved_by",
                required=False,
                explanation="联合党支部覆盖的单位一般不超过5个；超过的填写批准的上级党组织，其他不填",
                aliases=("批准单位",),
            ),
        },
    )
    rule_fields: ClassVar[dict[str, str]] = {
        "branch.too_few_party_members": "full_members",
        "committee.too_few_full_members": "has_committee",
        "committee.required_for_kind": "has_committee",
        "election.term_end_before_election": "term_ends_on",
        "election.term_too_long": "term_ends_on",
        "branch.host_member_not_active": "host_member_ids",
        "branch.joint_needs_two_hosts": "host_member_ids",
        "branch.single_host": "host_member_ids",
        "branch.joint_committee_needs_chamber": "host_chamber_id",
        "chamber.dissolved": "host_chamber_id",
        "branch.host_already_organized": "host_member_ids",
        "branch.joint_too_many_units": "joint_units_approved_by",
        "date.before_establishment": "founded_on",
        "date.in_future": "founded_on",
    }

    def prepare(self) -> None:
        self.names = BranchNames(self.register)

    def key(self, values: dict[str, Any]) -> Hashable:
        return name_key(values["name"])

    def record(self, ctx: CommandContext, values: dict[str, Any]) -> bool:
        codes = values["host_member_ids"]
        chamber_name = values["host_chamber_id"]
        if bool(codes) == bool(chamber_name):
            raise RowRejected("host_member_ids", HOSTS)
        hosts = [member_by_code(self.register, code, "host_member_ids") for code in codes]
        chamber = chamber_by_name(self.register, chamber_name, "host_chamber_id") if chamber_name else None
        standing = self.names.active(values["name"])
        if len(standing) > 1:
            raise RowRejected("name", f"登记册中已有 {len(standing)} 个名为“{values['name']}”的党组织")
        filled = {field: values[field] for field in OPTIONAL if values[field] is not None}
        if not standing:
            founding = {field: values[field] for field in FOUNDING}
            self.register.found_branch(
                ctx, values["name"], **founding, host_member_ids=hosts or None, host_chamber_id=chamber, **filled
            )
            return True
        founded = self.register.get_branch(standing[0], version=1)
        registered = {field: getattr(founded, field) for field in FOUNDING}
        registered.update(self._founding_facts(founded))
        registered["host_member_ids"] = sorted(self.register.get_member(i).credit_code for i in founded.host_member_ids)
        registered["host_chamber_id"] = self._chamber_name(founded.host_chamber_id)
        given = {field: values[field] for field in FOUNDING} | filled
        given["host_member_ids"] = sorted(codes)
        given["host_chamber_id"] = self._chamber_name(chamber)
        enums = {"kind": BranchKind, "management_basis": ManagementBasis}
        return unchanged_or_refused("name", "同名党组织", registered, given, enums)

    @staticmethod
    def _founding_facts(founded: PartyBranch) -> dict[str, Any]:
        """The optional facts of the founding: its members on probation, its structure and its first term."""
        [structure] = founded.structures
        [term] = founded.terms
        return {
            "probationary_members": founded.probationary_members,
            "has_committee": structure.has_committee,
            "has_party_groups": structure.has_party_groups,
            "term_ends_on": term.ends_on,
            "joint_units_approved_by": founded.joint_units_approved_by,
        }

    def _chamber_name(self, ident: UUID | None) -> str:
        return self.register.get_chamber(ident).name if ident is not None else ""
