"""The access log through HTTP: every request that reads or changes a record or a report is on record in the store,
with who, in what scope, what and how it ended, never a token, a query or a body; auditors of the whole district
read it page by page; old entries are pruned after the configured days."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from application.register import Register
from application.store.access_log import Access, AccessLog
from interfaces.api.access_log import AccessWriter
from interfaces.api.app import create_app
from interfaces.api.auth import ApiKeys
from tests.api.conftest import TOKENS
from tests.api.scenario import member_body

SCOPED = {"zs-auditor": "zs-auditor-token-1", "zs-registrar": "zs-registrar-token-1"}
KEYS = ApiKeys.parse(
    ",".join(
        [
            *(f"{role}:{role}-key:{token}" for role, token in TOKENS.items()),
            f"auditor:zs-auditor:{SCOPED['zs-auditor']}:street=南山街道",
            f"registrar:zs-registrar:{SCOPED['zs-registrar']}:street=南山街道",
        ]
    )
)


def bearer(token: str, **headers: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **headers}


@pytest.fixture
def client(register: Register) -> Iterator[TestClient]:
    with TestClient(create_app(register, KEYS), raise_server_exceptions=False) as client:
        yield client


def entries(client: TestClient, after: int = 0, limit: int = 500) -> list[dict[str, Any]]:
    answer = client.get(f"/v1/audit/access?after={after}&limit={limit}", headers=bearer(TOKENS["auditor"]))
    assert answer.status_code == 200, answer.text
    return [e for e in answer.json()["entries"] if e["path"] != "/v1/audit/access"]


def test_reads_writes_and_refusals_are_on_record_without_tokens_queries_or_bodies(client: TestClient) -> None:
    body = member_body(1, name="深圳市访问记录测试有限公司")
    joined = client.post("/v1/members", json=body, headers=bearer(SCOPED["zs-registrar"], **{"X-Request-ID": "j-1"}))
    assert joined.status_code == 201
    ident = joined.json()["id"]
    assert client.get(f"/v1/members/{ident}", headers=bearer(TOKENS["reader"])).status_code == 200
    listed = client.get("/v1/members?q=secret-search", headers=bearer(TOKENS["reader"]))
    assert listed.status_code == 200
    assert client.get("/v1/members", headers=bearer("not-a-token-at-all")).status_code == 401
    assert client.get("/v1/reports/key-focus", headers=bearer(TOKENS["reader"])).status_code == 200
    before = client.get("/v1/audit/access", headers=bearer(TOKENS["auditor"])).json()
    found = entries(client)
    assert [(e["method"], e["path"], e["status"]) for e in found] == [
        ("POST", "/v1/members", 201),
        ("GET", f"/v1/members/{ident}", 200),
        ("GET", "/v1/members", 200),
        ("GET", "/v1/members", 401),
        ("GET", "/v1/reports/key-focus", 200),
    ]
    first = found[0]
    assert first["key"] == {"name": "zs-registrar", "role": "registrar"}
    assert (first["scope"], first["request_id"], first["record_ids"]) == ("street=南山街道", "j-1", [ident])
    assert datetime.fromisoformat(first["at"].replace("Z", "+00:00")) <= datetime.now(UTC)
    assert found[1]["record_ids"] == [ident]
    assert found[1]["scope"] is None
    assert found[3]["key"] == {"name": "-", "role": "-"}
    text = str(found) + str(before)
    for secret in [*TOKENS.values(), *SCOPED.values(), "not-a-token-at-all", "secret-search", "访问记录测试"]:
        assert secret not in text
    assert body["credit_code"] not in text


def test_a_list_names_the_records_on_its_page(client: TestClient) -> None:
    ids = [
        client.post("/v1/members", json=member_body(n), headers=bearer(TOKENS["registrar"])).json()["id"]
        for n in (1, 2, 3)
    ]
    assert client.get("/v1/members?limit=2", headers=bearer(TOKENS["reader"])).status_code == 200
    listed = entries(client)[-1]
    assert listed["path"] == "/v1/members"
    assert len(listed["record_ids"]) == 2
    assert set(listed["record_ids"]) < set(ids)


def test_routes_holding_no_record_are_not_on_record(client: TestClient) -> None:
    for path in ("/healthz", "/openapi.json", "/docs", "/redoc", "/console/sign-in"):
        assert client.get(path).status_code == 200
    assert entries(client) == []


def test_the_log_is_read_a_page_at_a_time(client: TestClient) -> None:
    for _ in range(5):
        client.get("/v1/members", headers=bearer(TOKENS["reader"]))
    first = client.get("/v1/audit/access?limit=2", headers=bearer(TOKENS["admin"])).json()
    assert len(first["entries"]) == 2
    assert first["next_after"] == first["entries"][-1]["position"]
    second = client.get(f"/v1/audit/access?limit=2&after={first['next_after']}", headers=bearer(TOKENS["admin"]))
    positions = [e["position"] for e in first["entries"] + second.json()["entries"]]
    assert positions == sorted(positions)
    assert len(set(positions)) == 4
    last = client.get("/v1/audit/access?after=999999999", headers=bearer(TOKENS["admin"])).json()
    assert last == {"entries": [], "next_after": 999999999}


@pytest.mark.parametrize(("query", "field"), [("limit=0", "limit"), ("limit=501", "limit"), ("after=-1", "after")])
def test_a_page_out_of_bounds_is_refused_naming_the_parameter(client: TestClient, query: str, field: str) -> None:
    answer = client.get(f"/v1/audit/access?{query}", headers=bearer(TOKENS["auditor"]))
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == [field]


def test_only_auditors_and_admins_of_the_whole_district_read_it(client: TestClient) -> None:
    for role in ("registrar", "assessor", "reader"):
        refused = client.get("/v1/audit/access", headers=bearer(TOKENS[role]))
        assert refused.status_code == 403
        assert refused.json()["type"] == "urn:ficledger:problem:forbidden"
    scoped = client.get("/v1/audit/access", headers=bearer(SCOPED["zs-auditor"]))
    assert scoped.status_code == 403
    assert scoped.json()["rule"] == "scope.district_only"
    assert client.get("/v1/audit/access", headers=bearer(TOKENS["admin"])).status_code == 200


def test_the_writer_stores_entries_by_itself_after_the_answer(register: Register) -> None:
    app = create_app(register, KEYS)
    with TestClient(app) as client:
        assert client.get("/v1/members", headers=bearer(TOKENS["reader"])).status_code == 200
        store: AccessLog = app.state.access.store
        deadline = time.monotonic() + 30
        while not store.page(0, 10) and time.monotonic() < deadline:
            time.sleep(0.05)
        [(_, stored)] = store.page(0, 10)
    assert (stored.key_name, stored.path, stored.status) == ("reader-key", "/v1/members", 200)


def test_closing_the_app_writes_what_waits(register: Register) -> None:
    app = create_app(register, KEYS)
    app.state.access.interval = 3600
    with TestClient(app) as client:
        client.get("/v1/members", headers=bearer(TOKENS["reader"]))
    assert [a.path for _, a in app.state.access.store.page(0, 10)] == ["/v1/members"]


def test_entries_older_than_the_retention_are_pruned(register: Register) -> None:
    now = datetime(2025, 6, 1, tzinfo=UTC)
    store = AccessLog(register.recorder.datastore)  # type: ignore[attr-defined]

    def made(days_ago: int) -> Access:
        return Access(now - timedelta(days=days_ago), f"r{days_ago}", "k", "reader", None, "GET", "/v1/x", (), 200)

    store.append([made(400), made(181), made(179), made(1)])
    writer = AccessWriter(store, timedelta(days=180), clock=lambda: now)
    writer.flush()
    assert [a.request_id for _, a in store.page(0, 10)] == ["r179", "r1"]
    store.append([made(300)])
    writer.flush()
    assert len(store.page(0, 10)) == 3, "pruned at most once an hour"
