"""Reviews (述职评议): one row records a year's review of a Party organization named by its name. A year already
reviewed is unchanged if the row gives the same review, and refused otherwise (a review is recorded once)."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import asdict
from datetime import date
from typing import Any, ClassVar

from application.context import CommandContext
from application.imports import cells
from application.imports.columns import Column, columns_for
from application.imports.kinds.base import ImportKind, unchanged_or_refused
from application.imports.kinds.organizational_life import BRANCH_NAME
from application.imports.lookup import BranchNames, name_key
from application.register import Register
from domain.values import VetoFinding
from domain.vocabulary import FIELDS

REVIEW = ("score", "veto_findings", "reviewed_on", "reviewer", "summary")


class Reviews(ImportKind):
    """A year's review scores."""

    name = "reviews"
    title = FIELDS["reviews"]
    role = "assessor"
    key_fields = ("branch_name", "year")
    columns: ClassVar[tuple[Column, ...]] = columns_for(
        Register.review_branch,
        {
            "branch_name": BRANCH_NAME,
            "year": Column("year", cells.whole, example=2024, explanation="被评议的年度", aliases=("评议年度",)),
            "score": Column(
                "score", cells.whole, example=92, explanation="0 至 100 的整数", aliases=("评议得分", "分数")
            ),
            "veto_findings": Column(
                "veto_findings",
                cells.choices(VetoFinding, others=True),
                required=False,
                explanation=f"没有则不填；有则填写，多项用顿号分隔，如{'、'.join(VetoFinding.labels().values())}；"
                "有任何否决事项，定级为软弱涣散",
                aliases=("一票否决事项",),
                blank=[],
            ),
            "reviewed_on": Column(
                "reviewed_on",
                cells.day,
                example=date(2025, 1, 15),
                explanation=f"评议日期，不早于被评议年度；{cells.DATE_HINT}",
                aliases=("评议时间",),
            ),
            "reviewer": Column("reviewer", example="区非公党委评议组", aliases=("评议单位",)),
            "summary": Column("summary", required=False, example="组织健全，活动正常", explanation="可不填", blank=""),
        },
        rename={"ident": "branch_name"},
    )
    rule_fields: ClassVar[dict[str, str]] = {
        "review.already_recorded": "year",
        "review.before_founding": "year",
        "date.in_future": "reviewed_on",
    }

    def prepare(self) -> None:
        self.names = BranchNames(self.register)

    def key(self, values: dict[str, Any]) -> Hashable:
        return name_key(values["branch_name"]), values["year"]

    def record(self, ctx: CommandContext, values: dict[str, Any]) -> bool:
        ident = self.names.the_one(values["branch_name"], "branch_name")
        registered = self.register.get_branch(ident).reviews.get(values["year"])
        given = {field: values[field] for field in REVIEW}
        if registered is None:
            self.register.review_branch(ctx, ident, values["year"], **given)
            return True
        as_read = {**asdict(registered), "veto_findings": list(registered.veto_findings)}
        return unchanged_or_refused("year", f"该党组织{values['year']}年度的述职评议", as_read, given)
