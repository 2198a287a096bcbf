"""Chambers of commerce (商会): one row establishes a chamber."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import Any, ClassVar

from application.context import CommandContext
from application.imports import cells
from application.imports.columns import Column, columns_for
from application.imports.kinds.base import ImportKind, unchanged_or_refused
from application.imports.outcome import RowRejected
from application.register import Register
from domain.chamber import chamber_name_key
from domain.values import ChamberKind
from domain.vocabulary import FIELDS

ESTABLISHMENT = ("kind", "street", "established_on")
REGISTRATION = ("certificate_no", "registered_on", "charter_term_years")
"""The registration as a social organization, with the term its charter sets: optional columns."""


class Chambers(ImportKind):
    """A ledger of chambers of commerce."""

    name = "chambers"
    title = FIELDS["chambers"]
    role = "registrar"
    key_fields = ("name",)
    columns: ClassVar[tuple[Column, ...]] = (
        *columns_for(
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
        ),
        Column(
            "certificate_no",
            required=False,
            example="51440305MJL000001X",
            explanation="登记为社会组织的登记证书号；已登记的商会与登记日期一并填写，未登记的不填",
            aliases=("登记证号", "社会组织登记证号"),
        ),
        Column(
            "registered_on",
            cells.day,
            required=False,
            example=date(2016, 3, 1),
            explanation=f"登记为社会组织的日期；{cells.DATE_HINT}",
            aliases=("登记时间",),
        ),
        Column(
            "charter_term_years",
            cells.whole,
            required=False,
            example=5,
            explanation="商会章程规定的每届任期年数（1至10），随登记一并记录；不填按5年计",
            aliases=("章程任期", "任期年限", "每届任期"),
        ),
    )
    rule_fields: ClassVar[dict[str, str]] = {
        "chamber.name_taken": "name",
        "date.in_future": "established_on",
        "chamber.already_registered": "certificate_no",
        "chamber.term_too_long": "charter_term_years",
    }

    def key(self, values: dict[str, Any]) -> Hashable:
        return chamber_name_key(values["name"])

    def record(self, ctx: CommandContext, values: dict[str, Any]) -> bool:
        registration = registration_given(values)
        ident = self.register.chamber_named(values["name"])
        if ident is None:
            established = self.register.establish_chamber(ctx, **{f: values[f] for f in ("name", *ESTABLISHMENT)})
            if registration is not None:
                self.register.register_chamber(ctx, established.aggregate.id, *registration)
            return True
        chamber = self.register.get_chamber(ident)
        registered = {field: getattr(chamber, field) for field in ESTABLISHMENT}
        given = {field: values[field] for field in ESTABLISHMENT}
        if registration is None or chamber.certificate_no is not None:
            if registration is not None:
                registered.update({field: getattr(chamber, field) for field in REGISTRATION})
                given.update(zip(REGISTRATION, registration, strict=True))
            return unchanged_or_refused("name", "同名商会", registered, given, {"kind": ChamberKind})
        unchanged_or_refused("name", "同名商会", registered, given, {"kind": ChamberKind})
        self.register.register_chamber(ctx, ident, *registration)
        return True


def registration_given(values: dict[str, Any]) -> tuple[str, Any, int | None] | None:
    """The row's registration (certificate, day, the charter's term), None when it gives none; the certificate
    and its day go together, and a charter's term is recorded with a registration only."""
    certificate, day, term = (values[field] for field in REGISTRATION)
    if certificate is None and day is None:
        if term is not None:
            raise RowRejected(
                "charter_term_years", "章程规定任期随登记为社会组织一并记录，须同时填写登记证书号和登记日期"
            )
        return None
    if certificate is None or day is None:
        raise RowRejected(
            "certificate_no" if certificate is None else "registered_on", "登记证书号和登记日期须同时填写"
        )
    return certificate, day, term
