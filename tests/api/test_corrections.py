"""Corrections through HTTP: a recorded fact is corrected with a reason, never rewritten; the history keeps both and
the reports use the corrected fact and list the correction."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Api
from tests.api.scenario import branch_body, chamber_body, member_body, review_body


def _branch(api: Api, n: int) -> dict[str, Any]:
    member = api.post("/v1/members", member_body(n), "registrar").json()
    response = api.post("/v1/branches", branch_body([member["id"]], name=f"更正党支部{n}"), "registrar")
    assert response.status_code == 201, response.json()
    return response.json()


def _refused(api: Api, path: str, body: dict[str, Any], status: int, named: str, role: str = "assessor") -> None:
    """A correction refused with ``status``, naming the rule or field, in Chinese, that records nothing."""
    before = api.position()
    response = api.post(path, body, role, **{"Accept-Language": "zh-CN"})
    assert response.status_code == status, response.json()
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert named in (problem.get("rule"), *(e["field"] for e in problem.get("errors", [])))
    assert any("\u4e00" <= ch <= "\u9fff" for ch in problem["detail"]), problem
    assert api.position() == before


def test_a_review_is_corrected_and_the_classification_report_uses_it(module_api: Api) -> None:
    api = module_api
    branch = _branch(api, 701)
    path = f"/v1/branches/{branch['id']}/correct-review"
    _refused(api, path, {"year": 2020, "score": 60, "reason": "复核"}, 409, "review.not_recorded")
    api.post(f"/v1/branches/{branch['id']}/review", review_body(2020, 93), "assessor")
    _refused(api, path, {"year": 2020, "score": 93, "reason": "复核"}, 409, "review.correction_changes_nothing")
    _refused(api, path, {"year": 2020, "score": 60, "reason": "\u200b"}, 422, "reason")
    _refused(api, path, {"year": 2020, "score": 60}, 422, "reason")
    _refused(api, path, {"year": 2020, "score": 160, "reason": "复核"}, 422, "score")
    assert api.post(path, {"year": 2020, "score": 60, "reason": "复核"}, "registrar").status_code == 403

    corrected = api.post(path, {"year": 2020, "score": 62, "reason": "漏计扣分项"}, "assessor")
    assert corrected.status_code == 200, corrected.json()
    review = corrected.json()["reviews"]["2020"]
    assert (review["score"], review["veto_findings"]) == (62, [])
    assert review["corrections"] == [
        {"from_score": 93, "to_score": 62, "from_veto_findings": [], "to_veto_findings": [], "reason": "漏计扣分项"}
    ]
    api.post("/v1/grading-rounds", {"year": 2020}, "assessor")
    graded = api.post(f"/v1/branches/{branch['id']}/grade", {"year": 2020}, "assessor").json()
    assert graded["grades"]["2020"]["grade"] == "weak"
    assert graded["grades"]["2020"]["basis"]["review_score"] == 62

    report = api.get("/v1/reports/classification/2020", "reader").json()
    assert [c for c in report["review_corrections"] if c["branch_id"] == branch["id"]] == [
        {
            "branch_id": branch["id"],
            "name": "更正党支部701",
            "from_score": 93,
            "to_score": 62,
            "from_veto_findings": [],
            "to_veto_findings": [],
            "reason": "漏计扣分项",
        }
    ]
    assert branch["id"] in [w["branch_id"] for w in report["weak"]]
    history = api.get(f"/v1/branches/{branch['id']}/history", "auditor").json()["events"]
    assert [e["type"] for e in history][-3:] == ["Reviewed", "ReviewCorrected", "Graded"]
    assert history[-3]["data"]["score"] == 93


def test_a_meeting_recorded_in_error_is_voided_and_no_longer_counted(module_api: Api) -> None:
    api = module_api
    branch = _branch(api, 702)
    path = f"/v1/branches/{branch['id']}"
    for held_on in ("2020-03-02", "2020-06-01"):
        life = {"activity": "general_meeting", "held_on": held_on, "attendance": 8}
        api.post(f"{path}/record-organizational-life", life, "registrar")
    void = f"{path}/void-meeting"
    wrong_day = {"activity": "general_meeting", "held_on": "2020-03-03", "reason": "误录"}
    _refused(api, void, wrong_day, 409, "meeting.not_recorded", "registrar")
    wrong_kind = {"activity": "lecture", "held_on": "2020-03-02", "reason": "误录"}
    _refused(api, void, wrong_kind, 409, "meeting.not_recorded", "registrar")
    body = {"activity": "general_meeting", "held_on": "2020-03-02", "reason": "会议未召开，系误录"}
    _refused(api, void, {**body, "reason": "\u200b"}, 422, "reason", "registrar")
    assert api.post(void, body, "assessor").status_code == 403

    voided = api.post(void, body, "registrar")
    assert voided.status_code == 200, voided.json()
    assert voided.json()["organizational_life"] == {"2020": {"general_meeting": 1}}
    _refused(api, void, body, 409, "meeting.already_voided", "registrar")

    report = api.get("/v1/reports/organizational-life/2020", "reader").json()
    row = next(r for r in report["rows"] if r["branch_id"] == branch["id"])
    assert row["activities"]["general_meeting"]["held"] == 1
    assert [v for v in report["voided_meetings"] if v["branch_id"] == branch["id"]] == [
        {
            "branch_id": branch["id"],
            "name": "更正党支部702",
            "activity": "general_meeting",
            "held_on": "2020-03-02",
            "reason": "会议未召开，系误录",
        }
    ]
    history = api.get(f"{path}/history", "auditor").json()["events"]
    assert [e["type"] for e in history][-3:] == [
        "OrganizationalLifeRecorded",
        "OrganizationalLifeRecorded",
        "MeetingVoided",
    ]


def test_a_joining_day_is_corrected_no_later_than_what_the_log_records_after_it(module_api: Api) -> None:
    api = module_api
    member = api.post("/v1/members", member_body(703), "registrar").json()
    chamber = api.post("/v1/chambers", chamber_body("更正测试商会"), "registrar").json()
    path = f"/v1/members/{member['id']}"
    api.post(f"{path}/join-chamber", {"chamber_id": chamber["id"], "on": "2020-01-01"}, "registrar")
    correct = f"{path}/correct-joined-on"
    _refused(
        api,
        correct,
        {"joined_on": "2019-03-01", "reason": "更正"},
        409,
        "member.correction_changes_nothing",
        "registrar",
    )
    late = {"joined_on": "2020-06-01", "reason": "更正"}
    _refused(api, correct, late, 409, "member.joined_after_recorded_fact", "registrar")
    _refused(api, correct, {"joined_on": "2019-01-01", "reason": "\u200b"}, 422, "reason", "registrar")

    corrected = api.post(correct, {"joined_on": "2019-01-15", "reason": "按入会申请书更正"}, "registrar")
    assert corrected.status_code == 200, corrected.json()
    assert corrected.json()["joined_on"] == "2019-01-15"
    listed = api.get("/v1/members?limit=500", "reader").json()
    rows = listed["items"] if isinstance(listed, dict) else listed
    assert next(m for m in rows if m["id"] == member["id"])["joined_on"] == "2019-01-15"
    history = api.get(f"{path}/history", "auditor").json()["events"]
    assert [e["type"] for e in history] == ["Joined", "JoinedChamber", "JoinedOnCorrected"]
    assert history[0]["data"]["joined_on"] == "2019-03-01"
    assert history[-1]["reason"] == "按入会申请书更正"


def test_a_renamed_organization_is_reported_under_its_new_name(module_api: Api) -> None:
    api = module_api
    branch = _branch(api, 704)
    path = f"/v1/branches/{branch['id']}"
    rename = f"{path}/rename"
    _refused(
        api, rename, {"name": "更正党支部704", "reason": "更名"}, 409, "branch.rename_changes_nothing", "registrar"
    )
    _refused(api, rename, {"name": "新名\u200b称", "reason": "更名"}, 422, "name", "registrar")
    _refused(api, rename, {"name": "新名称党支部704", "reason": " "}, 422, "reason", "registrar")

    renamed = api.post(rename, {"name": "新名称党支部704", "reason": "企业更名"}, "registrar")
    assert renamed.status_code == 200, renamed.json()
    assert renamed.json()["name"] == "新名称党支部704"
    api.post(f"{path}/record-organizational-life", {"activity": "lecture", "held_on": "2021-03-01", "attendance": 5})
    report = api.get("/v1/reports/organizational-life/2021", "reader").json()
    assert next(r for r in report["rows"] if r["branch_id"] == branch["id"])["name"] == "新名称党支部704"
    history = api.get(f"{path}/history", "auditor").json()["events"]
    assert history[0]["data"]["name"] == "更正党支部704"
    assert history[1]["type"] == "Renamed"
    assert (history[1]["data"]["from_name"], history[1]["data"]["to_name"]) == ("更正党支部704", "新名称党支部704")
