"""The grade set is policy data: a round gives the grades its policy names, best first, each with its Chinese label
and the lowest score that earns it; the default is the three grades of the rules."""

from __future__ import annotations

from typing import Any

import pytest

from domain.errors import InvalidValue
from domain.grade_set import DEFAULT, MAX_GRADES, MIN_GRADES, GradeSet, set_of
from domain.texts import InvalidText
from domain.values import Grade, GradingPolicy

FOUR = [
    {"code": "excellent", "label": "优秀", "min_score": 95},
    {"code": "good", "label": "良好", "min_score": 85},
    {"code": "average", "label": "一般", "min_score": 70},
    {"code": "weak", "label": "软弱涣散", "min_score": 0},
]


def _with(n: int, **change: Any) -> list[dict[str, Any]]:
    """The four grades with grade ``n`` changed."""
    return [{**g, **change} if i == n else dict(g) for i, g in enumerate(FOUR)]


def test_the_default_set_is_todays_three_grades() -> None:
    assert DEFAULT.labels() == Grade.labels() == {"advanced": "先进", "average": "一般", "weak": "软弱涣散"}
    assert [g.min_score for g in DEFAULT.levels] == [90, 70, 0]
    assert (DEFAULT.top, DEFAULT.bottom, DEFAULT.shorthand) == ("advanced", "weak", (90, 70))
    assert GradingPolicy().grade_set == DEFAULT


def test_four_grades_are_accepted_best_first_and_ranked_from_the_bottom() -> None:
    grades = GradeSet.of(FOUR)
    assert grades.codes == ["excellent", "good", "average", "weak"]
    assert grades.labels() == {"excellent": "优秀", "good": "良好", "average": "一般", "weak": "软弱涣散"}
    assert (grades.top, grades.bottom, grades.shorthand) == ("excellent", "weak", None)
    assert [grades.rank(c) for c in grades.codes] == [3, 2, 1, 0]
    assert grades.rank("advanced") is None
    assert grades.as_list() == FOUR


@pytest.mark.parametrize(
    ("score", "grade"),
    [(100, "excellent"), (95, "excellent"), (94, "good"), (85, "good"), (84, "average"), (69, "weak")],
)
def test_a_score_earns_the_best_grade_it_reaches(score: int, grade: str) -> None:
    assert GradeSet.of(FOUR).map(score, []) == grade


def test_any_veto_finding_gives_the_bottom_grade() -> None:
    assert GradeSet.of(FOUR).map(100, ["班子不健全"]) == "weak"
    two = GradeSet.of(
        [{"code": "pass", "label": "合格", "min_score": 60}, {"code": "fail", "label": "不合格", "min_score": 0}]
    )
    assert two.map(100, ["leadership_incomplete"]) == "fail"
    assert GradingPolicy(grades=two).map(59, []) == "fail"


def test_a_code_outside_the_set_is_refused_naming_the_field_and_the_codes() -> None:
    with pytest.raises(InvalidValue) as raised:
        GradeSet.of(FOUR).check("advanced")
    assert raised.value.field == "grade"
    assert "excellent, good, average, weak" in raised.value.message


@pytest.mark.parametrize(
    "grades",
    [
        pytest.param(FOUR[:1], id="too-few"),
        pytest.param(
            [*FOUR[:3], *({"code": f"g{n}", "label": f"等次{n}", "min_score": 0} for n in range(4))], id="too-many"
        ),
        pytest.param("advanced", id="not-a-list"),
        pytest.param([*FOUR[:3], "weak"], id="not-an-object"),
        pytest.param(_with(1, code="excellent"), id="duplicate-code"),
        pytest.param(_with(1, label="优秀"), id="duplicate-label"),
        pytest.param(_with(0, code="Excellent"), id="code-not-lower-case"),
        pytest.param(_with(0, code="优秀"), id="code-not-ascii"),
        pytest.param(_with(0, code="1st"), id="code-not-an-identifier"),
        pytest.param(_with(0, code="total"), id="code-reserved"),
        pytest.param(_with(0, code="x" * 33), id="code-too-long"),
        pytest.param(_with(1, min_score=95), id="bounds-not-decreasing"),
        pytest.param(_with(1, min_score=99), id="bounds-rising"),
        pytest.param(_with(3, min_score=10), id="bottom-not-zero"),
        pytest.param(_with(0, min_score=101), id="bound-over-100"),
        pytest.param(_with(0, min_score="95"), id="bound-not-a-number"),
        pytest.param(_with(0, colour="gold"), id="unknown-key"),
        pytest.param(_with(2, label=""), id="label-empty"),
        pytest.param(_with(2, label="一" * 21), id="label-too-long"),
    ],
)
def test_a_grade_set_that_makes_no_sense_is_refused_naming_policy_grades(grades: Any) -> None:
    with pytest.raises(InvalidValue) as raised:
        GradingPolicy.from_dict({"grades": grades})
    assert raised.value.field == "policy.grades"


def test_a_label_passes_the_registers_text_checks() -> None:
    with pytest.raises(InvalidText) as raised:
        GradeSet.of(_with(1, label="良\u200b好"))
    assert raised.value.field == "policy.grades"


def test_the_limits_are_two_to_six_grades() -> None:
    assert (MIN_GRADES, MAX_GRADES) == (2, 6)
    six = [{"code": f"g{n}", "label": f"第{n}等", "min_score": 50 - 10 * n} for n in range(6)]
    assert GradeSet.of(six).bottom == "g5"


def test_a_policy_recorded_before_grade_sets_reads_as_the_default_three_with_its_bands() -> None:
    old = {"advanced_min": 95, "average_min": 60, "publicity_working_days": 5, "minimums": {}}
    assert set_of(old) == GradeSet.banded(95, 60)
    policy = GradingPolicy.from_dict(old)
    assert (policy.advanced_min, policy.average_min) == (95, 60)
    assert policy.grade_set.labels() == Grade.labels()
    assert [g.min_score for g in policy.grade_set.levels] == [95, 60, 0]
    assert set_of(None) == DEFAULT


def test_a_round_records_its_grades_and_the_shorthand_for_the_default_set() -> None:
    recorded = GradingPolicy(advanced_min=95).as_dict()
    assert (recorded["advanced_min"], recorded["average_min"]) == (95, 70)
    assert recorded["grades"] == GradeSet.banded(95, 70).as_list()
    four = GradingPolicy.from_dict({"grades": FOUR})
    assert "advanced_min" not in four.as_dict()
    assert four.as_dict()["grades"] == FOUR
    assert GradingPolicy.from_dict(four.as_dict()) == four
    assert (four.advanced_min, four.average_min) == (None, None)


def test_the_shorthand_and_grades_together_must_agree() -> None:
    default = DEFAULT.as_list()
    assert GradingPolicy.from_dict({"advanced_min": 90, "grades": default}) == GradingPolicy()
    assert GradingPolicy.from_dict({"advanced_min": 90, "average_min": 70, "grades": default}) == GradingPolicy()
    for data in (
        {"advanced_min": 95, "grades": default},
        {"average_min": 60, "grades": default},
        {"advanced_min": 90, "grades": FOUR},
        {"advanced_min": 90, "average_min": 70, "grades": [{**g, "label": g["code"]} for g in default]},
    ):
        with pytest.raises(InvalidValue) as raised:
            GradingPolicy.from_dict(data)
        assert raised.value.field == "policy.grades"
