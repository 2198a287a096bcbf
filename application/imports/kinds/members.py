"""Member enterprises (会员企业): one row joins an enterprise, or joins again one that left, and may name the
chambers it belongs to."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import Any, ClassVar

from application.context import CommandContext
from application.imports import cells
from application.imports.columns import Column, columns_for
from application.imports.kinds.base import ImportKind, unchanged_or_refused
from application.imports.lookup import chamber_by_name, members_registered
from application.imports.outcome import RowRejected
from application.register import Register
from domain import credit_code
from domain.member import member_id
from domain.values import MemberStatus
from domain.vocabulary import FIELDS

EXAMPLE_CODE = "91440305MA5D00001" + credit_code.check_character("91440305MA5D00001")
PROFILE = ("name", "street", "industry", "joined_on")
SAN_YOU = ("fixed_premises", "employees", "real_business")
"""The "三有" mark's columns: all three filled, or none."""


class Members(ImportKind):
    """A roster of member enterprises."""

    name = "members"
    title = FIELDS["members"]
    role = "registrar"
    key_fields = ("credit_code",)
    columns: ClassVar[tuple[Column, ...]] = (
        *columns_for(
            Register.join_member,
            {
                "credit_code": Column(
                    "credit_code",
                    cells.credit_code,
                    example=EXAMPLE_CODE,
                    explanation="18 位统一社会信用代码，校验码须正确（GB 32100-2015）",
                    aliases=("信用代码", "社会信用代码"),
                ),
                "name": Column(
                    "name", example="深圳市示例科技有限公司", explanation="企业全称", aliases=("企业名称", "会员名称")
                ),
                "street": Column("street", example="南山街道", explanation="企业所在街道", aliases=("所在街道",)),
                "industry": Column("industry", example="软件和信息服务", aliases=("所属行业",)),
                "joined_on": Column(
                    "joined_on",
                    cells.day,
                    example=date(2020, 1, 5),
                    explanation=f"加入工商联的日期；{cells.DATE_HINT}",
                    aliases=("入会时间",),
                ),
            },
        ),
        Column(
            "chamber_ids",
            cells.words,
            required=False,
            example="南山街道商会",
            explanation="企业所属商会的名称，可填多个，用顿号分隔；商会须已在登记册中，入会日期即加入商会的日期",
            aliases=("商会", "所属商会名称"),
            blank=[],
        ),
        Column(
            "fixed_premises",
            cells.yes_no,
            required=False,
            example="是",
            explanation="“三有”之一：是否有固定经营场所，填“是”或“否”；“三有”三列同时填写或都不填",
        ),
        Column(
            "employees",
            cells.whole,
            required=False,
            example=25,
            explanation="“三有”之一：从业人员数，整数（10人及以上为“三有”）",
            aliases=("从业人数", "员工人数"),
        ),
        Column(
            "real_business",
            cells.yes_no,
            required=False,
            example="是",
            explanation="“三有”之一：是否有实际经营业务，填“是”或“否”",
        ),
        Column(
            "san_you_on",
            cells.day,
            required=False,
            explanation=f"核实“三有”情况的日期，不填即为入会日期；{cells.DATE_HINT}",
        ),
    )
    rule_fields: ClassVar[dict[str, str]] = {
        "member.already_member": "credit_code",
        "member.rejoin_before_leaving": "joined_on",
        "chamber.dissolved": "chamber_ids",
        "date.before_joining": "joined_on",
        "date.in_future": "joined_on",
        "date.before_establishment": "chamber_ids",
        "member.san_you_unchanged": "fixed_premises",
    }

    def prepare(self) -> None:
        """Every enterprise that ever joined, so that a row of one that never did costs no query."""
        self.registered = members_registered(self.register)

    def key(self, values: dict[str, Any]) -> Hashable:
        return credit_code.normalize(values["credit_code"])

    def record(self, ctx: CommandContext, values: dict[str, Any]) -> bool:
        register = self.register
        chambers = [chamber_by_name(register, name, "chamber_ids") for name in values["chamber_ids"]]
        mark = san_you_given(values)
        ident = member_id(values["credit_code"])
        profile = {field: values[field] for field in PROFILE}
        member = register.get_member(ident) if ident in self.registered else None
        if member is not None and member.status != MemberStatus.LEFT:
            unchanged_or_refused("credit_code", "该企业", {f: getattr(member, f) for f in PROFILE}, profile)
            chambers = [c for c in chambers if c not in member.chamber_ids]
            recorded = member.san_you_mark
            if mark is not None and recorded is not None and tuple(recorded[f] for f in SAN_YOU) == mark:
                mark = None
            if not chambers and mark is None:
                return False
        else:
            if member is None and self.batch is not None:
                self.batch.known_absent(ident)
            register.join_member(ctx, values["credit_code"], **profile)
        for chamber in dict.fromkeys(chambers):
            register.member_join_chamber(ctx, ident, chamber, values["joined_on"])
        if mark is not None:
            register.record_san_you(ctx, ident, *mark, values["san_you_on"] or values["joined_on"])
        return True


def san_you_given(values: dict[str, Any]) -> tuple[bool, int, bool] | None:
    """The row's "三有" mark (fixed premises, employees, real business), None when it gives none; a mark given in
    part is refused in the first column left empty, one dated before the row's joining day in its day's column."""
    missing = [field for field in SAN_YOU if values[field] is None]
    if len(missing) == len(SAN_YOU):
        if values["san_you_on"] is not None:
            raise RowRejected("fixed_premises", "填写了“三有”情况日期，须同时填写“三有”三项情况")
        return None
    if missing:
        named = "、".join(FIELDS[field] for field in SAN_YOU)
        raise RowRejected(missing[0], f"“三有”情况须同时填写{named}三项")
    if values["san_you_on"] is not None and values["san_you_on"] < values["joined_on"]:
        raise RowRejected("san_you_on", "“三有”情况日期不能早于入会日期")
    return values["fixed_premises"], values["employees"], values["real_business"]
