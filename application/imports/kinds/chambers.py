"""Chambers of commerce (商会): one row establishes a chamber."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import Any, ClassVar

from application.context import CommandContext
from application.imports import cells
from application.imports.columns import Column, columns_for
from application.imports.kinds.base import ImportKind, unchanged_or_refused
from application.register import Register
from domain.chamber import chamber_name_key
from domain.values import ChamberKind
from domain.vocabulary import FIELDS

ESTABLISHMENT = ("kind", "street", "established_on")


class Chambers(ImportKind):
    """A ledger of chambers of commerce."""

    name = "chambers"
    title = FIELDS["chambers"]
    role = "registrar"
    key_fields = ("name",)
    columns: ClassVar[tuple[Column, ...]] = columns_for(
        Register.establish_chamber,
        {
            "name": Column(
                "name",
                example="南山区示例行业商会",
                explanation="商会全称，不能与未注销的商会同名",
                aliases=("商会名称",),
            ),
            "kind": Column(
                "kind",
                cells.choice(ChamberKind),
                example=ChamberKind.INDUSTRY.label,
                explanation=f"可选：{'、'.join(ChamberKind.labels().values())}",
                aliases=("商会类型",),
            ),
            "street": Column("street", example="南山街道", explanation="商会所在街道", aliases=("所在街道",)),
            "established_on": Column(
                "established_on",
                cells.day,
                example=date(2015, 6, 1),
                explanation=f"成立日期；{cells.DATE_HINT}",
                aliases=("成立时间",),
            ),
        },
    )
    rule_fields: ClassVar[dict[str, str]] = {"chamber.name_taken": "name", "date.in_future": "established_on"}

    def key(self, values: dict[str, Any]) -> Hashable:
        return chamber_name_key(values["name"])

    def record(self, ctx: CommandContext, values: dict[str, Any]) -> bool:
        ident = self.register.chamber_named(values["name"])
        if ident is None:
            self.register.establish_chamber(ctx, **values)
            return True
        chamber = self.register.get_chamber(ident)
        registered = {field: getattr(chamber, field) for field in ESTABLISHMENT}
        given = {field: values[field] for field in ESTABLISHMENT}
        return unchanged_or_refused("name", "同名商会", registered, given, {"kind": ChamberKind})
