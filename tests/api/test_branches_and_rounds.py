"""Party organizations and grading rounds through HTTP: the registrar's records, the assessor's grading year."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Api, auth
from tests.api.scenario import branch_body, chamber_body, member_body, review_body


def _branch(api: Api, n: int = 1) -> dict[str, Any]:
    member = api.post("/v1/members", member_body(n), "registrar").json()
    response = api.post("/v1/branches", branch_body([member["id"]], name=f"党支部{n}"), "registrar")
    assert response.status_code == 201, response.json()
    return response.json()


def test_registrar_records_on_a_branch(api: Api) -> None:
    branch = _branch(api)
    path = f"/v1/branches/{branch['id']}"
    transfer = {"managing_unit": "南山街道党工委", "basis": "territorial", "on": "2020-03-01", "reason": "属地管理"}
    assert api.post(f"{path}/transfer-management", transfer, "registrar").json()["managing_unit"] == "南山街道党工委"
    counted = api.post(f"{path}/report-party-members", {"full_members": 9, "on": "2020-04-01"}, "registrar").json()
    assert (counted["full_members"], counted["probationary_members"], counted["party_member_count"]) == (9, None, 9)
    life = {"activity": "theme_day", "held_on": "2020-05-10", "attendance": 8}
    assert api.post(f"{path}/record-organizational-life", life, "registrar").json()["organizational_life"] == {
        "2020": {"theme_day": 1}
    }
    dissolved = api.post(f"{path}/dissolve", {"on": "2021-01-01", "reason": "企业注销"}, "registrar")
    assert dissolved.json()["status"] == "dissolved"


def test_joint_branch_needs_two_hosts_and_active_hosts(api: Api) -> None:
    one = api.post("/v1/members", member_body(1)).json()
    two = api.post("/v1/members", member_body(2)).json()
    lone = api.post("/v1/branches", branch_body([one["id"]], kind="joint_branch"))
    assert lone.json()["rule"] == "branch.joint_needs_two_hosts"
    api.post(f"/v1/members/{two['id']}/suspend", {"reason": "停业整顿"})
    suspended_host = api.post("/v1/branches", branch_body([one["id"], two["id"]]))
    assert suspended_host.json()["rule"] == "branch.host_member_not_active"
    unknown = api.post("/v1/branches", branch_body([one["id"], "00000000-0000-4000-8000-000000000000"]))
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "host_member_ids"


def test_joint_committee_hosted_by_a_chamber(api: Api) -> None:
    chamber = api.post("/v1/chambers", chamber_body()).json()
    body = branch_body([], kind="joint_committee", host_member_ids=None, host_chamber_id=chamber["id"])
    response = api.post("/v1/branches", body, "registrar")
    assert response.status_code == 201
    assert response.json()["host_chamber_id"] == chamber["id"]


def test_a_grading_year_from_review_to_final(api: Api) -> None:
    good, weak = _branch(api, 1), _branch(api, 2)
    unreviewed = api.post(f"/v1/branches/{good['id']}/grade", {"year": 2020}, "assessor").json()
    assert unreviewed["rule"] == "grade.requires_review"
    assert unreviewed["detail"].startswith("grade.requires_review: ")
    api.post(f"/v1/branches/{good['id']}/review", review_body(2020, 93), "assessor")
    api.post(f"/v1/branches/{weak['id']}/review", review_body(2020, 88, veto_findings=["no_organizational_life"]))
    assert api.post(f"/v1/branches/{good['id']}/grade", {"year": 2020}, "assessor").json()["rule"] == (
        "grade.requires_open_round"
    )
    opened = api.post("/v1/grading-rounds", {"year": 2020}, "assessor")
    assert opened.status_code == 201
    assert opened.headers["location"] == "/v1/grading-rounds/2020"
    graded = api.post(f"/v1/branches/{good['id']}/grade", {"year": 2020}, "assessor").json()
    assert graded["grades"]["2020"]["grade"] == "advanced"
    assert graded["grades"]["2020"]["final"] is False
    vetoed = api.post(f"/v1/branches/{weak['id']}/grade", {"year": 2020}, "assessor").json()
    assert vetoed["grades"]["2020"]["grade"] == "weak"

    rounds = "/v1/grading-rounds/2020"
    assert api.post(f"{rounds}/start-publicity", {"starts_on": "2021-01-15"}, "assessor").json()["publicity"] == {
        "starts_on": "2021-01-15",
        "ends_on": "2021-01-21",
    }
    objection = api.post(
        f"{rounds}/raise-objection",
        {"branch_id": weak["id"], "text": "评分有误", "raised_on": "2021-01-18"},
        "assessor",
    ).json()
    objection_id = objection["objections"][0]["objection_id"]
    closing = api.post(f"{rounds}/close", {"on": "2021-02-01"}, "assessor")
    assert closing.json()["rule"] == "grading_round.objections_unresolved"
    api.post(f"{rounds}/resolve-objection", {"objection_id": objection_id, "resolution": "维持原等次"}, "assessor")
    assert (
        api.post(f"{rounds}/close", {"on": "2021-02-01"}).json()["rule"] == "grading_round.weak_without_rectification"
    )
    rectification = {
        "year": 2020,
        "measures": "健全组织生活制度",
        "due_on": "2021-06-30",
        "opened_on": "2021-02-01",
        "helper": "王建国",
        "helper_role": "leader",
        "plan": "整顿方案",
    }
    assert api.post(f"/v1/branches/{weak['id']}/open-rectification", rectification, "assessor").status_code == 200
    assert api.post(f"{rounds}/close", {"on": "2021-01-21"}).json()["rule"] == "grading_round.publicity_not_ended"
    closed = api.post(f"{rounds}/close", {"on": "2021-02-01"}, "assessor")
    assert closed.json()["status"] == "closed"
    assert api.get(f"/v1/branches/{good['id']}", "reader").json()["grades"]["2020"]["final"] is True

    assert api.post(f"/v1/branches/{good['id']}/grade", {"year": 2020}).json()["rule"] == "grade.requires_open_round"
    corrected = api.post(
        f"/v1/branches/{good['id']}/correct-grade", {"year": 2020, "grade": "average", "reason": "复核"}, "assessor"
    ).json()
    assert corrected["grades"]["2020"]["grade"] == "average"
    assert corrected["grades"]["2020"]["corrections"] == [
        {"from_grade": "advanced", "to_grade": "average", "reason": "复核"}
    ]
    closed_rect = api.post(
        f"/v1/branches/{weak['id']}/close-rectification",
        {"on": "2021-06-01", "outcome": "rectified", "accepted_by": "赵立新"},
        "assessor",
    ).json()
    assert closed_rect["rectifications"][0]["outcome"] == "rectified"


def test_override_needs_a_reason(api: Api) -> None:
    branch = _branch(api)
    api.post(f"/v1/branches/{branch['id']}/review", review_body(2020, 75), "assessor")
    api.post("/v1/grading-rounds", {"year": 2020, "policy": {"advanced_min": 95}}, "assessor")
    without = api.post(f"/v1/branches/{branch['id']}/grade", {"year": 2020, "grade": "advanced"}, "assessor")
    assert without.json()["rule"] == "grade.override_requires_reason"
    with_reason = api.post(
        f"/v1/branches/{branch['id']}/grade",
        {"year": 2020, "grade": "advanced", "override_reason": "抗疫表现突出"},
        "assessor",
    ).json()
    assert with_reason["grades"]["2020"]["override_reason"] == "抗疫表现突出"
    assert with_reason["grades"]["2020"]["basis"]["mapped_grade"] == "average"
    assert with_reason["grades"]["2020"]["basis"]["policy"]["advanced_min"] == 95


def test_round_read_and_duplicate(api: Api) -> None:
    api.post("/v1/grading-rounds", {"year": 2021}, "assessor")
    assert api.post("/v1/grading-rounds", {"year": 2021}, "assessor").json()["rule"] == "grading_round.already_open"
    assert api.get("/v1/grading-rounds/2021", "reader").json()["status"] == "open"
    assert api.get("/v1/grading-rounds/2019", "reader").status_code == 404
    assert api.get("/v1/grading-rounds/20", "reader").status_code == 422


def test_past_states_of_a_branch_and_its_round(api: Api) -> None:
    branch = _branch(api)
    path = f"/v1/branches/{branch['id']}"
    api.post(f"{path}/review", review_body(2020, 93), "assessor")
    api.post("/v1/grading-rounds", {"year": 2020}, "assessor")
    graded = api.post(f"{path}/grade", {"year": 2020}, "assessor").json()
    rounds = "/v1/grading-rounds/2020"
    api.post(f"{rounds}/start-publicity", {"starts_on": "2021-01-15"}, "assessor")
    closed = api.post(f"{rounds}/close", {"on": "2021-02-01"}, "assessor").json()
    assert closed["status"] == "closed"
    assert api.get(path, "reader").json()["grades"]["2020"]["final"] is True

    then = api.get(f"{path}?version={graded['version']}", "auditor")
    assert then.headers["etag"] == f'"{graded["version"]}"'
    assert then.json()["grades"]["2020"] == {**graded["grades"]["2020"], "final": False}
    at_grading = api.client.get(path, params={"as_of": graded["modified_at"]}, headers=auth("auditor"))
    assert at_grading.json()["grades"]["2020"]["final"] is False
    after_closing = api.client.get(path, params={"as_of": closed["modified_at"]}, headers=auth("auditor"))
    assert after_closing.json()["grades"]["2020"]["final"] is True
    assert api.get(f"{path}?version=2", "reader").status_code == 403

    assert api.get(f"{rounds}?version=1", "auditor").json()["status"] == "open"
    assert api.get(f"{rounds}?version={closed['version'] + 1}", "auditor").status_code == 404
    assert api.client.get(rounds, params={"as_of": closed["modified_at"]}, headers=auth("auditor")).json() == closed
    assert api.get(f"{rounds}?as_of=2000-01-01T00:00:00Z", "auditor").status_code == 404
    assert api.get(f"{rounds}?version=1", "assessor").status_code == 403
    assert api.get(f"{rounds}?version=1&as_of=2030-01-01T00:00:00Z", "admin").status_code == 422
