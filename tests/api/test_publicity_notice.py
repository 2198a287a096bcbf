"""``GET /v1/grading-rounds/{year}/publicity-notice`` through HTTP on both stores: the printable publicity list
(公示名单) as HTML and XLSX, holding every graded organization with its grade and the period, and no person."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from typing import Any

import openpyxl
import pytest
from fastapi.testclient import TestClient

from application.register import Register
from application.settings import Settings
from interfaces.api.app import create_app
from interfaces.api.routers.reports import XLSX
from tests.api.conftest import KEYS, Api
from tests.api.scenario import branch_body, member_body, review_body
from tests.interfaces.exports.test_page import table_rows

REVIEWER = "王立新"
OBJECTION = "陈女士认为分数偏低"
PEOPLE = [REVIEWER, OBJECTION, "陈女士", "assessor-key", "registrar-key", "admin-key"]
"""Who reviewed, who objected, and the keys that recorded it all: none may appear on a publicity list."""


@pytest.fixture
def filed(register: Register) -> Iterator[Api]:
    """The API of a district named 南山区."""
    app = create_app(register, KEYS, Settings(district="南山区"))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Api(client, register)


def _graded_district(api: Api) -> dict[str, str]:
    """Four organizations, three graded for 2020 (advanced, average, weak) with a reviewer's name and an objection
    naming a person, and the round in publicity; the ids by name."""
    names = ["南山精密党支部", "粤海科技党支部", "南山物流党支部", "粤海未评党支部"]
    ids = {}
    for n, name in enumerate(names, start=1):
        member = api.post("/v1/members", member_body(n), "registrar").json()
        street = "粤海街道" if "粤海" in name else "南山街道"
        ids[name] = api.post("/v1/branches", branch_body([member["id"]], name=name, street=street), "registrar").json()[
            "id"
        ]
    api.post("/v1/grading-rounds", {"year": 2020}, "assessor")
    for name, score in zip(names[:3], (93, 80, 60), strict=False):
        reviewed = api.post(f"/v1/branches/{ids[name]}/review", review_body(2020, score, reviewer=REVIEWER), "assessor")
        assert reviewed.status_code == 200, reviewed.text
        assert api.post(f"/v1/branches/{ids[name]}/grade", {"year": 2020}, "assessor").status_code == 200
    started = api.post("/v1/grading-rounds/2020/start-publicity", {"starts_on": "2021-03-08"}, "assessor")
    assert started.status_code == 200, started.text
    objection = {"branch_id": ids["南山物流党支部"], "text": OBJECTION, "raised_on": "2021-03-08"}
    assert api.post("/v1/grading-rounds/2020/raise-objection", objection, "assessor").status_code == 200
    return ids


def _graded_by_the_register(api: Api, ids: dict[str, str]) -> dict[str, str]:
    """Each organization's 2020 grade as its own record answers it, in Chinese."""
    labels = {"advanced": "先进", "average": "一般", "weak": "软弱涣散"}
    graded = {}
    for name, ident in ids.items():
        grade = api.get(f"/v1/branches/{ident}", "reader").json()["grades"].get("2020")
        if grade:
            graded[name] = labels[grade["grade"]]
    return graded


def _period(api: Api) -> str:
    """The round's publicity period as its own record answers it, written as a clerk writes it."""
    period = api.get("/v1/grading-rounds/2020", "reader").json()["publicity"]
    start, end = (date.fromisoformat(period[key]) for key in ("starts_on", "ends_on"))
    assert start == date(2021, 3, 8)
    return f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"


def _cells(content: bytes) -> list[tuple[Any, ...]]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["公示名单"]
    return list(book["公示名单"].iter_rows(values_only=True))


def test_the_printable_page_lists_every_graded_organization_and_no_person(filed: Api) -> None:
    ids = _graded_district(filed)
    answer = filed.get("/v1/grading-rounds/2020/publicity-notice", "reader")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    page = answer.text
    assert '<html lang="zh-CN">' in page
    assert "<h1>南山区2020年度非公有制企业党组织分类定级结果公示</h1>" in page
    assert f"公示期：{_period(filed)}" in page
    rows = table_rows(page)
    assert rows[0] == ["序号", "党组织名称", "所在街道", "评定等次"]
    assert {row[1]: row[3] for row in rows[1:]} == _graded_by_the_register(filed, ids)
    assert [row[1:] for row in rows[1:]] == [
        ["南山精密党支部", "南山街道", "先进"],
        ["粤海科技党支部", "粤海街道", "一般"],
        ["南山物流党支部", "南山街道", "软弱涣散"],
    ]
    assert "粤海未评党支部" not in page
    for person in PEOPLE:
        assert person not in page


def test_the_workbook_lists_the_same_and_is_stamped(filed: Api) -> None:
    ids = _graded_district(filed)
    answer = filed.get("/v1/grading-rounds/2020/publicity-notice?format=xlsx", "assessor")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == XLSX
    assert answer.headers["content-disposition"].startswith('attachment; filename="publicity-notice-2020.xlsx"')
    rows = _cells(answer.content)
    assert rows[0][0] == "南山区2020年度非公有制企业党组织分类定级结果公示"
    assert rows[1][0] == f"公示期：{_period(filed)}"
    assert rows[2] == ("序号", "党组织名称", "所在街道", "评定等次")
    listed = rows[3:6]
    assert [row[0] for row in listed] == [1, 2, 3]
    assert {row[1]: row[3] for row in listed} == _graded_by_the_register(filed, ids)
    assert rows[6] == (None, None, None, None)
    footer = {row[0]: row[1] for row in rows[7:]}
    assert footer["汇总"] == "先进 1 个、一般 1 个、软弱涣散 1 个，共 3 个"
    assert footer["日志位置"] == filed.position()
    assert str(footer["指纹"]).startswith("sha256:")
    every_cell = " ".join(str(value) for row in rows for value in row if value is not None)
    for person in PEOPLE:
        assert person not in every_cell
    octets = filed.get(
        "/v1/grading-rounds/2020/publicity-notice?format=xlsx", "reader", Accept="application/octet-stream"
    )
    assert octets.headers["content-type"] == "application/octet-stream"


def test_every_role_may_read_it_and_only_with_a_token(filed: Api) -> None:
    _graded_district(filed)
    for role in ("reader", "registrar", "assessor", "auditor", "admin"):
        assert filed.get("/v1/grading-rounds/2020/publicity-notice", role).status_code == 200
    assert filed.client.get("/v1/grading-rounds/2020/publicity-notice").status_code == 401


def test_a_round_without_a_list_answers_a_problem(filed: Api) -> None:
    missing = filed.get("/v1/grading-rounds/2020/publicity-notice", "reader")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.json()["detail"] == "no grading round 2020"
    filed.post("/v1/grading-rounds", {"year": 2020}, "assessor")
    early = filed.get("/v1/grading-rounds/2020/publicity-notice?format=xlsx", "reader")
    assert early.status_code == 409
    assert early.json()["rule"] == "grading_round.publicity_not_started"
    assert "尚未公示" in early.json()["detail"]
    wrong = filed.get("/v1/grading-rounds/2020/publicity-notice?format=pdf", "reader")
    assert wrong.status_code == 422
    assert [e["field"] for e in wrong.json()["errors"]] == ["format"]
    assert filed.get("/v1/grading-rounds/20x0/publicity-notice", "reader").status_code == 422
    assert filed.get("/v1/grading-rounds/2020/publicity-notice?as_of=2021-01-01T00:00:00Z", "reader").status_code == 422
