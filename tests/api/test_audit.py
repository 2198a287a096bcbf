"""The audit routes through HTTP: histories with who, why and which request; the log; verification; roles."""

from __future__ import annotations

import pytest

from tests.api.conftest import Api
from tests.api.scenario import chamber_body, member_body
from tests.application.audit.raw import RawStore

AUDIT_PATHS = [
    "/v1/members/{member}/history",
    "/v1/chambers/{chamber}/history",
    "/v1/grading-rounds/2020/history",
    "/v1/audit/events",
    "/v1/audit/verify",
]


@pytest.fixture
def recorded(api: Api) -> dict[str, str]:
    member = api.post("/v1/members", member_body(1), "registrar", **{"X-Request-ID": "req-join-1"}).json()
    api.post(
        f"/v1/members/{member['id']}/suspend",
        {"reason": "未按期年检"},
        "registrar",
        **{"X-Request-ID": "req-suspend-1"},
    )
    chamber = api.post("/v1/chambers", chamber_body(), "registrar").json()
    api.post("/v1/grading-rounds", {"year": 2020, "reason": "启动2020年度分类定级"}, "assessor")
    return {"member": member["id"], "chamber": chamber["id"]}


def test_history_shows_actor_role_reason_and_request_id(api: Api, recorded: dict[str, str]) -> None:
    response = api.get(f"/v1/members/{recorded['member']}/history", "auditor")
    assert response.status_code == 200
    events = response.json()["events"]
    assert [e["type"] for e in events] == ["Joined", "Suspended"]
    assert events[0]["actor"] == {"name": "registrar-key", "role": "registrar"}
    assert events[0]["request_id"] == "req-join-1"
    assert events[1]["request_id"] == "req-suspend-1"
    assert events[1]["reason"] == "未按期年检"
    assert events[1]["data"] == {"reason": "未按期年检"}
    rounds = api.get("/v1/grading-rounds/2020/history", "auditor").json()["events"]
    assert rounds[0]["actor"]["role"] == "assessor"
    assert rounds[0]["reason"] == "启动2020年度分类定级"


def test_history_of_unknown_or_wrong_kind_is_404(api: Api, recorded: dict[str, str]) -> None:
    assert api.get(f"/v1/chambers/{recorded['member']}/history", "auditor").status_code == 404
    assert api.get("/v1/grading-rounds/2019/history", "auditor").status_code == 404


def test_the_log_pages_in_order(api: Api, recorded: dict[str, str]) -> None:
    first = api.get("/v1/audit/events?limit=2", "auditor").json()
    assert [e["position"] for e in first["events"]] == [1, 2]
    rest = api.get(f"/v1/audit/events?after={first['next_after']}&limit=500", "auditor").json()
    positions = [e["position"] for e in rest["events"]]
    assert positions == sorted(positions)
    assert positions[0] == 3
    assert {e["aggregate_type"] for e in rest["events"]} >= {"Chamber", "GradingRound"}
    assert api.get("/v1/audit/events?limit=0", "auditor").status_code == 422
    assert api.get("/v1/audit/events?after=-1", "auditor").status_code == 422


def test_verify_finds_a_change_behind_the_service(api: Api, recorded: dict[str, str], store_url: str) -> None:
    healthy = api.get("/v1/audit/verify", "auditor").json()
    assert healthy["ok"] is True
    assert healthy["checked"] == api.position()
    raw = RawStore(store_url)
    raw.set_state(2, raw.state(2).replace("未按期年检".encode(), "按期年检".encode()))
    broken = api.get("/v1/audit/verify", "auditor").json()
    assert broken["ok"] is False
    assert broken["first_bad_position"] == 2
    anchored = api.get(f"/v1/audit/verify?position=1&head={healthy['head']}", "auditor").json()
    assert anchored["ok"] is False
    assert api.get("/v1/audit/verify?position=1", "auditor").status_code == 422


@pytest.mark.parametrize("role", ["reader", "registrar", "assessor"])
def test_only_auditors_and_admins_reach_audit_routes(api: Api, recorded: dict[str, str], role: str) -> None:
    for template in AUDIT_PATHS:
        path = template.format(**recorded)
        assert api.get(path, role).status_code == 403, path
        assert api.get(path, "auditor").status_code == 200, path
        assert api.get(path, "admin").status_code == 200, path
