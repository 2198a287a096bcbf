"""A round with its own grade set, end to end through HTTP on both stores: opened with four grades, graded by them
(a code outside them refused), rectified by its bottom grade, and reported, downloaded and posted by their Chinese
labels, the quotas counting its top and bottom grades."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest

from tests.api.conftest import Api, auth
from tests.api.scenario import branch_body, member_body, review_body

FOUR = [
    {"code": "excellent", "label": "优秀", "min_score": 95},
    {"code": "good", "label": "良好", "min_score": 85},
    {"code": "average", "label": "一般", "min_score": 70},
    {"code": "weak", "label": "软弱涣散", "min_score": 0},
]
LABELS = {g["code"]: g["label"] for g in FOUR}
HELP = {"helper": "王建国", "helper_role": "instructor", "plan": "整顿方案"}


def _branches(api: Api, scores: list[int]) -> list[str]:
    """One organization reviewed for 2020 with each score, in order."""
    found = []
    for n, score in enumerate(scores, 1):
        member = api.post("/v1/members", member_body(n), "registrar").json()["id"]
        branch = api.post("/v1/branches", branch_body([member], name=f"党支部{n}"), "registrar").json()["id"]
        assert api.post(f"/v1/branches/{branch}/review", review_body(2020, score), "assessor").status_code == 200
        found.append(branch)
    return found


def _open_four(api: Api, **policy: Any) -> dict[str, Any]:
    opened = api.post("/v1/grading-rounds", {"year": 2020, "policy": {"grades": FOUR, **policy}}, "assessor")
    assert opened.status_code == 201, opened.text
    return opened.json()


def _rows(sheet: Any) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(values_only=True))


def test_a_four_grade_round_grades_rectifies_and_reports_by_its_own_grades(api: Api) -> None:
    opened = _open_four(api, advanced_max_percent=20, weak_min_percent=30)
    assert opened["grades"] == FOUR
    assert opened["policy"]["grades"] == FOUR
    assert "advanced_min" not in opened["policy"]
    excellent, good, average, weak = _branches(api, [97, 90, 75, 50])

    before = api.get(f"/v1/branches/{good}", "reader").json()["version"]
    outside = api.post(f"/v1/branches/{good}/grade", {"year": 2020, "grade": "advanced", "override_reason": "突出"})
    assert outside.status_code == 422, outside.text
    assert outside.json()["errors"][0]["field"] == "grade"
    assert "excellent, good, average, weak" in outside.json()["errors"][0]["message"]
    assert api.get(f"/v1/branches/{good}", "reader").json()["version"] == before

    for branch, grade in ((excellent, "excellent"), (good, "good"), (average, "average"), (weak, "weak")):
        graded = api.post(f"/v1/branches/{branch}/grade", {"year": 2020}, "assessor")
        assert graded.status_code == 200, graded.text
        assert graded.json()["grades"]["2020"]["grade"] == grade
    corrected = api.post(f"/v1/branches/{average}/correct-grade", {"year": 2020, "grade": "advanced", "reason": "复核"})
    assert corrected.status_code == 422
    assert corrected.json()["errors"][0]["field"] == "grade"

    opening = {"year": 2020, "measures": "健全组织生活制度", "opened_on": "2021-02-01", **HELP}
    not_bottom = api.post(f"/v1/branches/{average}/open-rectification", opening, "assessor")
    assert (not_bottom.status_code, not_bottom.json()["rule"]) == (409, "rectification.requires_weak_grade")
    assert api.post(f"/v1/branches/{weak}/open-rectification", opening, "assessor").status_code == 200

    report = api.get("/v1/reports/classification/2020", "reader").json()
    assert report["labels"] == LABELS
    assert list(report["labels"]) == ["excellent", "good", "average", "weak"]
    assert report["totals"] == {"excellent": 1, "good": 1, "average": 1, "weak": 1, "ungraded": 0, "total": 4}
    assert report["shares"] == {"excellent": 0.25, "good": 0.25, "average": 0.25, "weak": 0.25, "ungraded": 0.0}
    assert report["by_street"] == [{"street": "南山街道", **report["totals"]}]
    assert [w["branch_id"] for w in report["weak"]] == [weak]
    assert [(w["rule"], w["grade"], w["count"], w["graded"], w["limit_percent"]) for w in report["quota_warnings"]] == [
        ("quota.advanced_over", "excellent", 1, 4, 20),
        ("quota.weak_under", "weak", 1, 4, 30),
    ]

    answer = api.client.get("/v1/reports/classification/2020.xlsx", headers=auth("reader"))
    assert answer.status_code == 200, answer.text
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert "软弱涣散名单" in book.sheetnames
    counted = _rows(book["等次分布"])
    assert [row[1:3] for row in counted[3:8]] == [("优秀", 1), ("良好", 1), ("一般", 1), ("软弱涣散", 1), ("未定级", 0)]
    header = _rows(book["按街道"])[2]
    assert [h for h in header if h in LABELS.values()] == ["优秀", "良好", "一般", "软弱涣散"]
    assert "先进" not in header
    warned = [(row[1], row[5]) for row in _rows(book["定级比例提示"])[3:5]]
    assert warned == [
        ("优秀", "优秀等次占已定级党组织的比例超过定级办法规定的20%，请复核"),
        ("软弱涣散", "软弱涣散等次占已定级党组织的比例低于定级办法规定的30%，请复核"),
    ]

    started = api.post("/v1/grading-rounds/2020/start-publicity", {"starts_on": "2021-03-08"}, "assessor")
    assert started.status_code == 200, started.text
    posted = api.client.get("/v1/grading-rounds/2020/publicity-notice?format=xlsx", headers=auth("reader"))
    notice = _rows(openpyxl.load_workbook(io.BytesIO(posted.content)).worksheets[0])
    assert [row[1:4] for row in notice[3:7]] == [
        ("党支部1", "南山街道", "优秀"),
        ("党支部2", "南山街道", "良好"),
        ("党支部3", "南山街道", "一般"),
        ("党支部4", "南山街道", "软弱涣散"),
    ]
    assert any("优秀 1 个、良好 1 个、一般 1 个、软弱涣散 1 个，共 4 个" in str(row) for row in notice)


def test_a_round_opened_without_grades_gives_the_default_three(api: Api) -> None:
    opened = api.post("/v1/grading-rounds", {"year": 2020, "policy": {"advanced_min": 95}}, "assessor").json()
    assert [(g["code"], g["label"], g["min_score"]) for g in opened["grades"]] == [
        ("advanced", "先进", 95),
        ("average", "一般", 70),
        ("weak", "软弱涣散", 0),
    ]
    assert (opened["policy"]["advanced_min"], opened["policy"]["average_min"]) == (95, 70)
    report = api.get("/v1/reports/classification/2020", "reader").json()
    assert report["labels"] == {"advanced": "先进", "average": "一般", "weak": "软弱涣散"}


@pytest.mark.parametrize(
    ("grades", "extra"),
    [
        pytest.param(FOUR[:1], {}, id="too-few"),
        pytest.param([{**FOUR[0], "code": "good"}, *FOUR[1:]], {}, id="duplicate-code"),
        pytest.param([FOUR[0], {**FOUR[1], "label": "优秀"}, *FOUR[2:]], {}, id="duplicate-label"),
        pytest.param([*FOUR[:3], {**FOUR[3], "min_score": 10}], {}, id="bottom-not-zero"),
        pytest.param([FOUR[0], {**FOUR[1], "min_score": 96}, *FOUR[2:]], {}, id="not-decreasing"),
        pytest.param([{**FOUR[0], "code": "total"}, *FOUR[1:]], {}, id="reserved-code"),
        pytest.param(FOUR, {"advanced_min": 90}, id="shorthand-conflicting"),
    ],
)
def test_a_grade_set_that_makes_no_sense_is_refused_and_opens_nothing(
    api: Api, grades: list[dict[str, Any]], extra: dict[str, Any]
) -> None:
    body = {"year": 2020, "policy": {"grades": grades, **extra}}
    refused = api.post("/v1/grading-rounds", body, "assessor")
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["field"] == "policy.grades"
    chinese = api.post("/v1/grading-rounds", body, "assessor", **{"Accept-Language": "zh-CN"}).json()
    assert chinese["errors"][0]["message"] not in ("", "填写的内容不符合要求", refused.json()["errors"][0]["message"])
    assert api.get("/v1/grading-rounds/2020", "reader").status_code == 404
