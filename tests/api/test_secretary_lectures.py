"""The secretary's lectures (书记讲党课) through HTTP on both stores: a lecture says whether the secretary gave it,
the organization's state counts them, the organizational-life report judges them against the round's minimum, and
voiding one of a day whose lectures differ asks which."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Api
from tests.api.scenario import branch_body, member_body


def _branch(api: Api, n: int) -> str:
    member = api.post("/v1/members", member_body(n), "registrar").json()
    response = api.post("/v1/branches", branch_body([member["id"]], name=f"讲党课党支部{n}"), "registrar")
    assert response.status_code == 201, response.json()
    return str(response.json()["id"])


def _lecture(api: Api, branch: str, held_on: str, by_secretary: bool | None) -> dict[str, Any]:
    body: dict[str, Any] = {"activity": "lecture", "held_on": held_on, "attendance": 8}
    if by_secretary is not None:
        body["by_secretary"] = by_secretary
    response = api.post(f"/v1/branches/{branch}/record-organizational-life", body, "registrar")
    assert response.status_code == 200, response.json()
    return dict(response.json())


def _row(api: Api, branch: str, year: int = 2020) -> dict[str, Any]:
    report = api.get(f"/v1/reports/organizational-life/{year}", "reader").json()
    return dict(next(r for r in report["rows"] if r["branch_id"] == branch))


def test_a_lecture_by_the_secretary_is_counted_and_judged(api: Api) -> None:
    given, unsaid, others = _branch(api, 1), _branch(api, 2), _branch(api, 3)
    _lecture(api, given, "2020-03-02", False)
    state = _lecture(api, given, "2020-04-02", True)
    assert state["organizational_life"] == {"2020": {"lecture": 2}}
    assert state["lecture_speakers"] == {"2020": {"secretary": 1, "other": 1}}
    _lecture(api, unsaid, "2020-03-02", None)
    _lecture(api, others, "2020-03-02", False)
    assert _row(api, given)["secretary_lectures"] == {
        "by_secretary": 1,
        "not_said": 0,
        "minimum": 1,
        "compliance": "met",
    }
    assert _row(api, unsaid)["secretary_lectures"]["compliance"] == "not_recorded"
    assert _row(api, others)["secretary_lectures"]["compliance"] == "short"
    report = api.get("/v1/reports/organizational-life/2020", "reader").json()
    assert report["secretary_lectures_minimum"] == 1
    assert report["secretary_lectures"]["met"] == 1
    assert report["secretary_lectures"]["short"] == 1
    assert report["secretary_lectures"]["not_recorded"] == 1


def test_the_round_s_policy_sets_the_secretary_s_minimum(api: Api) -> None:
    branch = _branch(api, 1)
    _lecture(api, branch, "2020-03-02", True)
    opened = api.post(
        "/v1/grading-rounds", {"year": 2020, "policy": {"secretary_lectures": 2}, "reason": "启动"}, "assessor"
    )
    assert opened.status_code == 201, opened.json()
    assert _row(api, branch)["secretary_lectures"]["compliance"] == "short"
    refused = api.post("/v1/grading-rounds", {"year": 2021, "policy": {"secretary_lectures": -1}}, "assessor")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"].endswith("secretary_lectures")


def test_only_a_lecture_says_who_gave_it(api: Api) -> None:
    branch = _branch(api, 1)
    before = api.position()
    body = {"activity": "theme_day", "held_on": "2020-03-02", "attendance": 8, "by_secretary": True}
    refused = api.post(f"/v1/branches/{branch}/record-organizational-life", body, "registrar")
    assert refused.status_code == 422, refused.json()
    assert [e["field"] for e in refused.json()["errors"]] == ["by_secretary"]
    text = {**body, "activity": "lecture", "by_secretary": "是"}
    assert api.post(f"/v1/branches/{branch}/record-organizational-life", text, "registrar").status_code == 422
    assert api.position() == before


def test_a_lecture_voided_is_the_one_named_when_the_day_s_lectures_differ(api: Api) -> None:
    branch = _branch(api, 1)
    _lecture(api, branch, "2020-03-02", True)
    _lecture(api, branch, "2020-03-02", False)
    void = f"/v1/branches/{branch}/void-meeting"
    body = {"activity": "lecture", "held_on": "2020-03-02", "reason": "讲授人录错"}
    before = api.position()
    refused = api.post(void, body, "registrar", **{"Accept-Language": "zh-CN"})
    assert refused.status_code == 409, refused.json()
    assert refused.json()["rule"] == "meeting.which_lecture"
    assert "书记" in refused.json()["detail"]
    assert api.position() == before
    voided = api.post(void, {**body, "by_secretary": False}, "registrar")
    assert voided.status_code == 200, voided.json()
    assert voided.json()["lecture_speakers"] == {"2020": {"secretary": 1, "other": 0}}
    last = api.post(void, body, "registrar")
    assert last.status_code == 200, last.json()
    assert last.json()["lecture_speakers"] == {"2020": {"secretary": 0, "other": 0}}
    assert _row(api, branch)["secretary_lectures"]["compliance"] == "short"
