"""Valid test data: credit codes with the right check character, and members, chambers and branches (one with a
record of each kind)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from application.register import Register
from domain.credit_code import check_character
from tests.conftest import ASSESSOR, REGISTRAR


def credit_code(n: int, region: str = "440305") -> str:
    """The n-th valid credit code of an enterprise (registration authority 9, kind 1) in a region."""
    body = f"91{region}MA{n:07d}"[:17]
    return body + check_character(body)


def member(app: Register, n: int = 1, street: str = "南山街道", joined_on: date = date(2019, 3, 1)) -> UUID:
    return app.join_member(REGISTRAR, credit_code(n), f"企业{n}", street, "制造业", joined_on).aggregate.id


def chamber(app: Register, name: str = "南山街道商会", kind: str = "street", street: str = "南山街道") -> UUID:
    return app.establish_chamber(REGISTRAR, name, kind, street, date(2015, 6, 1)).aggregate.id


def branch(
    app: Register,
    hosts: list[UUID],
    *,
    kind: str = "branch",
    street: str = "南山街道",
    managing_unit: str = "区非公党委",
    founded_on: date = date(2019, 5, 1),
    name: str = "党支部",
    full_members: int = 5,
    **facts: Any,
) -> UUID:
    """An organization of 5 full Party members (no committee); ``facts`` are the founding's other keywords."""
    return app.found_branch(
        REGISTRAR, name, kind, street, managing_unit, "territorial", founded_on, full_members, hosts, **facts
    ).aggregate.id


def branch_with_records(app: Register) -> UUID:
    """An organization with a record of each kind: a transfer, two years of organizational life, two reviews (one
    corrected), two grades (one corrected), a rectification opened and closed."""
    ident = branch(app, [member(app, 1)], founded_on=date(2018, 1, 1))
    app.transfer_management(REGISTRAR, ident, "南山街道党工委", "territorial", date(2019, 5, 1), "属地管理")
    app.record_organizational_life(REGISTRAR, ident, "lecture", date(2020, 3, 1), 5)
    app.record_organizational_life(REGISTRAR, ident, "theme_day", date(2021, 3, 1), 5)
    app.review_branch(ASSESSOR, ident, 2019, 92, [], date(2020, 1, 10), "考核组", "")
    app.review_branch(ASSESSOR, ident, 2020, 70, [], date(2021, 1, 10), "考核组", "良好")
    app.correct_review(ASSESSOR, ident, 2020, "漏计扣分项", veto_findings=["组织生活不正常"])
    for year in (2019, 2020):
        app.open_round(ASSESSOR, year)
        app.grade_branch(ASSESSOR, ident, year)
    app.correct_grade(ASSESSOR, ident, 2019, "average", "复核")
    app.open_rectification(
        ASSESSOR,
        ident,
        2020,
        "健全制度",
        date(2021, 6, 30),
        date(2021, 1, 31),
        helper="王建国",
        helper_role="leader",
        plan="整顿方案",
    )
    app.close_rectification(ASSESSOR, ident, date(2021, 6, 1), "rectified", accepted_by="赵立新")
    return ident
