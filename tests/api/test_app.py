"""The app factory: health, unexpected errors without internals, the router list, the request guard."""

from __future__ import annotations

import re
import sqlite3

import psycopg
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from application.register import Register
from interfaces.api.app import create_app
from interfaces.api.guards import MAX_BODY
from tests.api.conftest import KEYS, Api, auth
from tests.api.scenario import member_body


def _drop_the_events_table(register: Register) -> None:
    url = register.database_url
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            conn.execute("DROP TABLE stored_events")
    else:
        base, schema = url.split("?schema=")
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP TABLE "{schema}".ficledger_events CASCADE')


def test_healthz_answers_503_when_the_store_does_not(api: Api) -> None:
    assert api.client.get("/healthz").status_code == 200
    _drop_the_events_table(api.register)
    response = api.client.get("/healthz")
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["type"].endswith("store-unavailable")


def test_an_unexpected_error_is_a_500_problem_without_internals(register: Register) -> None:
    app = create_app(register, KEYS)

    def fail() -> None:
        raise RuntimeError("secret internals at /srv/ficledger")

    app.add_api_route("/v1/fails", fail)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/v1/fails", headers={"X-Request-ID": "trace-500"})
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["x-request-id"] == "trace-500"
    assert "secret" not in response.text
    assert response.json()["type"].endswith("internal")


def test_create_app_keeps_the_register_and_keys(register: Register) -> None:
    app = create_app(register, KEYS)
    assert isinstance(app, FastAPI)
    assert app.state.register is register
    assert app.state.api_keys is KEYS


def test_without_keys_there_is_no_app(register: Register, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FICLEDGER_API_KEYS", raising=False)
    with pytest.raises(ValueError, match="FICLEDGER_API_KEYS"):
        create_app(register)


def test_a_body_over_the_limit_is_413_and_records_nothing(api: Api) -> None:
    before = api.position()
    body = member_body(1, name="x" * (MAX_BODY + 1))
    response = api.post("/v1/members", body, "registrar")
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("application/problem+json")

    def chunks() -> object:
        yield b'{"name": "'
        for _ in range(MAX_BODY // 65536 + 1):
            yield b"x" * 65536
        yield b'"}'

    streamed = api.client.post(
        "/v1/members", content=chunks(), headers=auth("registrar", **{"Content-Type": "application/json"})
    )
    assert streamed.status_code == 413
    assert api.position() == before


@pytest.mark.parametrize(
    "path",
    ["/v1/members?street=%00", "/v1/branches?managing_unit=a%00b", "/v1/members/%00", "/v1/reports/coverage?x=%00"],
)
def test_nul_in_the_url_is_400(api: Api, path: str) -> None:
    response = api.get(path, "reader")
    assert response.status_code == 400
    assert response.json()["type"].endswith("malformed-url")


def test_the_openapi_document_names_the_command_headers(api: Api) -> None:
    document = api.client.get("/openapi.json").json()
    suspend = document["paths"]["/v1/members/{member_id}/suspend"]["post"]
    assert {"If-Match", "Idempotency-Key"} <= {p["name"] for p in suspend["parameters"]}
    join = document["paths"]["/v1/members"]["post"]
    assert {"If-Match", "Idempotency-Key"} <= {p["name"] for p in join["parameters"]}
    for creation in ("/v1/chambers", "/v1/branches", "/v1/grading-rounds"):
        assert {p["name"] for p in document["paths"][creation]["post"]["parameters"]} == {"Idempotency-Key"}
    assert {p["name"] for p in document["paths"]["/v1/members/{member_id}"]["get"]["parameters"]} >= {
        "version",
        "as_of",
    }


def test_the_openapi_document_reads_as_a_client_needs(api: Api) -> None:
    document = api.client.get("/openapi.json").json()
    operations = [op for item in document["paths"].values() for op in item.values()]
    ids = [op["operationId"] for op in operations]
    assert len(ids) == len(set(ids))
    assert {"amend_member", "review_branch", "get_classification_report", "list_members"} <= set(ids)
    assert all(re.fullmatch(r"[a-z_]+", i) for i in ids)
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for status, answer in operation["responses"].items():
                assert "X-Request-ID" in answer.get("headers", {}), (method, path, status)
                if status.startswith("4") or status.startswith("5"):
                    schema = answer["content"]["application/problem+json"]["schema"]["$ref"]
                    expected = "ValidationProblemDetails" if status == "422" else "ProblemDetails"
                    if status == "422" and method == "post" and path.startswith("/v1/imports/"):
                        expected = "ImportProblem"
                    assert schema.endswith(f"/{expected}"), (method, path, status)
    suspend = document["paths"]["/v1/members/{member_id}/suspend"]["post"]["responses"]
    assert {"ETag", "X-Request-ID"} <= suspend["200"]["headers"].keys()
    join = document["paths"]["/v1/members"]["post"]["responses"]
    assert {"ETag", "Location", "X-Request-ID"} <= join["201"]["headers"].keys()
    download = document["paths"]["/v1/reports/coverage.csv"]["get"]["responses"]["200"]
    assert "Content-Disposition" in download["headers"]
    report = document["paths"]["/v1/reports/coverage"]["get"]["responses"]["200"]
    assert set(report["content"]) == {"application/json"}
    assert report["content"]["application/json"]["schema"]["$ref"].endswith("/CoverageReport")
    schemas = document["components"]["schemas"]
    assert {"BranchReview", "ReviewBranch", "BranchState", "MemberPage", "ClassificationReport"} <= schemas.keys()
    assert "HTTPValidationError" not in schemas


def test_docs_work_without_any_outside_host(api: Api) -> None:
    for page in ("/docs", "/redoc"):
        response = api.client.get(page)
        assert response.status_code == 200
        assert "http://" not in response.text
        assert "https://" not in response.text
        assets = re.findall(r'(?:src|href)="([^"]+)"', response.text)
        assert assets
        for asset in assets:
            assert asset.startswith("/"), asset
            assert api.client.get(asset).status_code == 200, asset
