"""Organizational life (组织生活): one row records one meeting or lecture of a Party organization named by its name.
A row whose organization, activity and day are already recorded is unchanged if its attendance is the same."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import Any, ClassVar
from uuid import UUID

from application.context import CommandContext
from application.imports import cells
from application.imports.columns import Column, columns_for
from application.imports.kinds.base import ImportKind
from application.imports.lookup import BranchNames, name_key
from application.imports.outcome import RowRejected
from application.register import Register
from domain.branch import PartyBranch
from domain.values import Activity
from domain.vocabulary import FIELDS

BRANCH_NAME = Column(
    "branch_name",
    example="深圳市示例科技有限公司党支部",
    explanation="党组织全称，须是登记册中正常存续的党组织",
    aliases=("党组织", "名称"),
)

Held = dict[tuple[str, date], int]


class OrganizationalLife(ImportKind):
    """A record of meetings, lectures and theme days."""

    name = "organizational-life"
    title = FIELDS["organizational_life"]
    role = "registrar"
    key_fields = ("branch_name", "activity", "held_on")
    columns: ClassVar[tuple[Column, ...]] = columns_for(
        Register.record_organizational_life,
        {
            "branch_name": BRANCH_NAME,
            "activity": Column(
                "activity",
                cells.choice(Activity),
                example=Activity.GENERAL_MEETING.label,
                explanation=f"可选：{'、'.join(Activity.labels().values())}",
                aliases=("活动类型", "会议类型"),
            ),
            "held_on": Column(
                "held_on",
                cells.day,
                example=date(2024, 3, 28),
                explanation=f"开展日期；{cells.DATE_HINT}",
                aliases=("活动日期", "开展时间"),
            ),
            "attendance": Column(
                "attendance", cells.whole, example=5, explanation="参加人数", aliases=("参会人数", "出席人数")
            ),
            "by_secretary": Column(
                "by_secretary",
                cells.yes_no,
                required=False,
                explanation="仅党课填写：是否由书记讲授，填“是”或“否”；其他活动不填",
                aliases=("书记讲党课", "是否书记讲授"),
            ),
        },
        rename={"ident": "branch_name"},
    )
    rule_fields: ClassVar[dict[str, str]] = {"date.before_founding": "held_on", "date.in_future": "held_on"}

    def prepare(self) -> None:
        self.names = BranchNames(self.register)
        self.held: dict[UUID, Held] = {}

    def key(self, values: dict[str, Any]) -> Hashable:
        return name_key(values["branch_name"]), values["activity"], values["held_on"]

    def record(self, ctx: CommandContext, values: dict[str, Any]) -> bool:
        ident = self.names.the_one(values["branch_name"], "branch_name")
        held = self._held(ident)
        activity, held_on, attendance = values["activity"], values["held_on"], values["attendance"]
        recorded = held.get((activity, held_on))
        if recorded is None:
            self.register.record_organizational_life(
                ctx, ident, activity, held_on, attendance, by_secretary=values.get("by_secretary")
            )
            return True
        if recorded != attendance:
            raise RowRejected(
                "attendance",
                f"该党组织{held_on.isoformat()}的{Activity(activity).label}已在登记册中，登记的参加人数为 {recorded}，"
                "与本行不同",
            )
        return False

    def _held(self, ident: UUID) -> Held:
        """What the organization's log records, by activity and day: the attendance."""
        if ident not in self.held:
            self.held[ident] = {
                (event.activity, event.held_on): event.attendance
                for event in self.register.events.get(ident)
                if isinstance(event, PartyBranch.OrganizationalLifeRecorded)
            }
        return self.held[ident]
