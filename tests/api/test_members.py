"""Members through HTTP: joining, every command, reading, and the rules' rejections."""

from __future__ import annotations

from tests.api.conftest import Api
from tests.api.scenario import chamber_body, member_body


def test_join_answers_201_with_location_etag_and_state(api: Api) -> None:
    response = api.post("/v1/members", member_body(1), "registrar")
    assert response.status_code == 201
    body = response.json()
    assert response.headers["location"] == f"/v1/members/{body['id']}"
    assert response.headers["etag"] == '"1"'
    assert body["status"] == "active"
    assert body["credit_code"] == member_body(1)["credit_code"]
    assert api.get(response.headers["location"], "reader").json() == body


def test_duplicate_join_of_an_active_member_is_409_and_records_nothing(api: Api) -> None:
    api.post("/v1/members", member_body(1), "registrar")
    before = api.position()
    response = api.post("/v1/members", member_body(1, name="另一个名字"), "registrar")
    assert response.status_code == 409
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["rule"] == "member.already_member"
    assert api.position() == before


def test_wrong_check_character_is_422_naming_credit_code(api: Api) -> None:
    code = member_body(1)["credit_code"]
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    response = api.post("/v1/members", member_body(1, credit_code=wrong), "registrar")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "credit_code"


def test_member_lifecycle_through_every_command(api: Api) -> None:
    member = api.post("/v1/members", member_body(1), "registrar").json()
    chamber = api.post("/v1/chambers", chamber_body(), "registrar").json()
    path = f"/v1/members/{member['id']}"
    steps = [
        ("amend", {"changes": {"name": "新名称有限公司"}, "reason": "工商变更"}, "name", "新名称有限公司"),
        ("join-chamber", {"chamber_id": chamber["id"], "on": "2020-01-01"}, "chamber_ids", [chamber["id"]]),
        ("leave-chamber", {"chamber_id": chamber["id"], "on": "2020-06-01"}, "chamber_ids", []),
        ("designate-key-focus", {"criteria": ["tax", "assets"]}, "key_focus_criteria", ["assets", "tax"]),
        ("revoke-key-focus", {"reason": "不再符合条件"}, "key_focus", False),
        ("suspend", {"reason": "欠缴会费"}, "status", "suspended"),
        ("reinstate", {"reason": "已补缴"}, "status", "active"),
        ("leave", {"on": "2021-01-01", "reason": "withdrew"}, "status", "left"),
    ]
    for version, (verb, body, field, expected) in enumerate(steps, start=2):
        response = api.post(f"{path}/{verb}", body, "registrar")
        assert response.status_code == 200, (verb, response.json())
        assert response.json()[field] == expected
        assert response.headers["etag"] == f'"{version}"'
    rejoined = api.post("/v1/members", member_body(1, joined_on="2022-01-01"), "registrar")
    assert rejoined.status_code == 201
    assert rejoined.json()["id"] == member["id"]
    assert rejoined.json()["status"] == "active"
    assert rejoined.json()["version"] == len(steps) + 2


def test_commands_on_a_member_that_left_are_409(api: Api) -> None:
    member = api.post("/v1/members", member_body(1), "registrar").json()
    api.post(f"/v1/members/{member['id']}/leave", {"on": "2021-01-01", "reason": "removed"}, "registrar")
    response = api.post(f"/v1/members/{member['id']}/suspend", {"reason": "x"}, "registrar")
    assert response.status_code == 409
    assert response.json()["rule"] == "member.left"


def test_joining_a_dissolved_chamber_is_409(api: Api) -> None:
    member = api.post("/v1/members", member_body(1), "registrar").json()
    chamber = api.post("/v1/chambers", chamber_body(), "registrar").json()
    api.post(f"/v1/chambers/{chamber['id']}/dissolve", {"on": "2020-01-01", "reason": "合并"}, "registrar")
    response = api.post(f"/v1/members/{member['id']}/join-chamber", {"chamber_id": chamber["id"], "on": "2020-02-01"})
    assert response.status_code == 409
    assert response.json()["rule"] == "chamber.dissolved"


def test_unknown_member_is_404(api: Api) -> None:
    response = api.get("/v1/members/00000000-0000-4000-8000-000000000000", "reader")
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_past_states_are_for_auditors(api: Api) -> None:
    member = api.post("/v1/members", member_body(1), "registrar").json()
    api.post(f"/v1/members/{member['id']}/suspend", {"reason": "x"}, "registrar")
    path = f"/v1/members/{member['id']}"
    assert api.get(f"{path}?version=1", "auditor").json()["status"] == "active"
    assert api.get(f"{path}?version=2", "auditor").json()["status"] == "suspended"
    assert api.get(f"{path}?version=3", "auditor").status_code == 404
    assert api.get(f"{path}?version=1", "reader").status_code == 403
    joined_at = member["created_at"]
    assert api.get(f"{path}?as_of={joined_at}", "auditor").json()["version"] == 1
    assert api.get(f"{path}?as_of=2000-01-01T00:00:00Z", "auditor").status_code == 404
    assert api.get(f"{path}?as_of=2000-01-01T00:00:00", "auditor").status_code == 422
