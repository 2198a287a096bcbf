"""A hand-worked district over two grading years, whose reports are worked out by hand in the tests.

Branches (street, managing unit on 31 December):
  b1 branch        南山街道 区非公党委      2019 advanced (92)   2020 weak (veto; rectification open, due 2021-06-30)
  b2 branch        南山街道 区非公党委 → 南山街道党工委 on 2020-06-01
                                            2019 average (75), corrected to advanced after the round closed
                                            2020 average (88), objection raised and resolved
  b3 joint_branch  粤海街道 粤海街道党工委  2019 weak (60; rectification closed 2020-06-15)  2020 average (72)
  b4 branch        粤海街道 区非公党委      2019 average (80); dissolved 2020-09-01
  b5 general_branch 粤海街道 区非公党委     founded 2020-03-01; 2020 review 85 (average), overridden to advanced
  b6 branch        南山街道 区非公党委      2019 average (85); no 2020 review: ungraded
Members m1..m8, each meeting "三有": m3 and m4 host b3; m5 hosted b4; m8 hosts nothing and reports 5 Party members.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from uuid import UUID

from application.register import Register
from tests.conftest import ASSESSOR, REGISTRAR
from tests.factories import branch, member

A, B = "南山街道", "粤海街道"
DISTRICT, NANSHAN, YUEHAI = "区非公党委", "南山街道党工委", "粤海街道党工委"


@dataclass
class District:
    members: dict[str, UUID] = field(default_factory=dict)
    branches: dict[str, UUID] = field(default_factory=dict)
    before_correction: datetime | None = None


def _review(app: Register, ident: UUID, year: int, score: int, vetoes: list[str] | None = None) -> None:
    app.review_branch(ASSESSOR, ident, year, score, vetoes or [], date(year + 1, 1, 10), "考核组", "述职评议")


def build(app: Register) -> District:
    d = District()
    for n, street in enumerate([A, A, B, B, B, B, A, A], start=1):
        d.members[f"m{n}"] = member(app, n, street=street, joined_on=date(2015, 1, 1))
        app.record_san_you(REGISTRAR, d.members[f"m{n}"], True, 20, True, date(2015, 1, 1))
    m = d.members
    d.branches["b1"] = branch(app, [m["m1"]], street=A, founded_on=date(2018, 1, 1), name="b1")
    d.branches["b2"] = branch(app, [m["m2"]], street=A, founded_on=date(2018, 1, 1), name="b2")
    d.branches["b3"] = branch(
        app,
        [m["m3"], m["m4"]],
        kind="joint_branch",
        street=B,
        managing_unit=YUEHAI,
        founded_on=date(2018, 1, 1),
        name="b3",
    )
    d.branches["b4"] = branch(app, [m["m5"]], street=B, founded_on=date(2018, 1, 1), name="b4")
    d.branches["b5"] = branch(app, [m["m6"]], kind="general_branch", street=B, founded_on=date(2020, 3, 1), name="b5")
    d.branches["b6"] = branch(app, [m["m7"]], street=A, founded_on=date(2018, 1, 1), name="b6")
    b = d.branches
    app.member_report_party_members(REGISTRAR, m["m8"], 5, date(2020, 5, 1))

    app.open_round(ASSESSOR, 2019)
    for name, score in [("b1", 92), ("b2", 75), ("b3", 60), ("b4", 80), ("b6", 85)]:
        _review(app, b[name], 2019, score)
        app.grade_branch(ASSESSOR, b[name], 2019)
    app.open_rectification(
        ASSESSOR,
        b["b3"],
        2019,
        "健全组织生活",
        date(2020, 6, 30),
        date(2020, 1, 31),
        helper="王建国",
        helper_role="leader",
        plan="整顿方案",
    )
    app.start_publicity(ASSESSOR, 2019, date(2020, 1, 15))
    app.close_round(ASSESSOR, 2019, date(2020, 2, 1))
    d.before_correction = datetime.now(UTC)
    app.correct_grade(ASSESSOR, b["b2"], 2019, "advanced", "复核加分")
    app.close_rectification(ASSESSOR, b["b3"], date(2020, 6, 15), "rectified", accepted_by="赵立新")

    app.transfer_management(REGISTRAR, b["b2"], NANSHAN, "territorial", date(2020, 6, 1), "划转属地管理")
    app.dissolve_branch(REGISTRAR, b["b4"], date(2020, 9, 1), "企业注销")
    app.open_round(ASSESSOR, 2020)
    _review(app, b["b1"], 2020, 95, ["no_organizational_life"])
    _review(app, b["b2"], 2020, 88)
    _review(app, b["b3"], 2020, 72)
    _review(app, b["b5"], 2020, 85)
    for name in ("b1", "b2", "b3"):
        app.grade_branch(ASSESSOR, b[name], 2020)
    app.grade_branch(ASSESSOR, b["b5"], 2020, "advanced", "新建即规范")
    app.open_rectification(
        ASSESSOR,
        b["b1"],
        2020,
        "恢复三会一课",
        date(2021, 6, 30),
        date(2021, 1, 31),
        helper="王建国",
        helper_role="leader",
        plan="整顿方案",
    )
    app.start_publicity(ASSESSOR, 2020, date(2021, 1, 15))
    rnd = app.raise_objection(ASSESSOR, 2020, b["b2"], "分数偏低", date(2021, 1, 18)).aggregate
    objection = next(iter(rnd.objections.values()))["objection_id"]
    app.resolve_objection(ASSESSOR, 2020, objection, "维持")
    app.close_round(ASSESSOR, 2020, date(2021, 2, 1))
    return d
