"""The error contract: every bad input answers 4xx problem+json naming the field or rule, and records nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from application.settings import get_settings
from tests.api.conftest import Api, auth
from tests.api.scenario import member_body

BAD_MEMBER_BODIES: list[tuple[str, Any, int, str | None]] = [
    ("wrong type", member_body(1, joined_on=20200101), 422, "joined_on"),
    ("number for a string", member_body(1, name=12345), 422, "name"),
    ("huge string", member_body(1, name="企" * 200_000), 422, "name"),
    ("control characters", member_body(1, street="南山\x00街道"), 422, "street"),
    ("invalid date", member_body(1, joined_on="2020-02-30"), 422, "joined_on"),
    ("unknown field", {**member_body(1), "colour": "red"}, 422, "colour"),
    ("missing field", {k: v for k, v in member_body(1).items() if k != "name"}, 422, "name"),
    ("empty name", member_body(1, name="   "), 422, "name"),
    ("date as a number", member_body(1, joined_on=0), 422, "joined_on"),
    ("date with a time", member_body(1, joined_on="2020-01-01T00:00:00"), 422, "joined_on"),
    ("date without dashes", member_body(1, joined_on="20200101"), 422, "joined_on"),
    ("date before the register's years", member_body(1, joined_on="1900-01-01"), 422, "joined_on"),
    ("control characters in the reason", member_body(1, reason="补录\x1b[31m"), 422, "reason"),
    ("a reason too long", member_body(1, reason="x" * 2001), 422, "reason"),
    ("array body", [member_body(1)], 400, None),
    ("string body", "member", 400, None),
    ("null body", None, 400, None),
]


@pytest.mark.parametrize(("case", "body", "status", "field"), BAD_MEMBER_BODIES, ids=[c[0] for c in BAD_MEMBER_BODIES])
def test_bad_bodies_are_rejected_naming_the_field(
    module_api: Api, case: str, body: Any, status: int, field: str | None
) -> None:
    before = module_api.position()
    response = module_api.post("/v1/members", body, "registrar")
    assert response.status_code == status, response.json()
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert {"type", "title", "status", "detail"} <= problem.keys()
    if field:
        assert field in {e["field"] for e in problem["errors"]}
    assert module_api.position() == before


def test_malformed_json_is_400(api: Api) -> None:
    response = api.client.post(
        "/v1/members", content=b'{"credit_code": ', headers=auth("registrar", **{"Content-Type": "application/json"})
    )
    assert response.status_code == 400
    assert response.json()["type"].endswith("malformed-body")


@pytest.mark.parametrize(
    "path",
    [
        "/v1/members/not-a-uuid/suspend",
        "/v1/branches/12345/review",
        "/v1/chambers/%00%ff/dissolve",
        "/v1/grading-rounds/abc/close",
        "/v1/grading-rounds/-5/close",
    ],
)
def test_odd_ids_are_4xx(module_api: Api, path: str) -> None:
    response = module_api.post(path, {"reason": "x", "on": "2020-01-01"}, "admin")
    assert 400 <= response.status_code < 500
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"year": 2020, "score": -1, "veto_findings": [], "reviewed_on": "2021-01-01", "reviewer": "x"}, "score"),
        ({"year": 2020, "score": 101, "veto_findings": [], "reviewed_on": "2021-01-01", "reviewer": "x"}, "score"),
        ({"year": 20200, "score": 80, "veto_findings": [], "reviewed_on": "2021-01-01", "reviewer": "x"}, "year"),
        ({"year": 2020, "score": 80.5, "veto_findings": [], "reviewed_on": "2021-01-01", "reviewer": "x"}, "score"),
        ({"year": 2020, "score": True, "veto_findings": [], "reviewed_on": "2021-01-01", "reviewer": "x"}, "score"),
    ],
)
def test_out_of_range_numbers_are_422(api: Api, body: dict[str, Any], field: str) -> None:
    member = api.post("/v1/members", member_body(1)).json()
    branch = api.post(
        "/v1/branches",
        {
            "name": "党支部",
            "kind": "branch",
            "host_member_ids": [member["id"]],
            "street": "南山街道",
            "managing_unit": "区非公党委",
            "management_basis": "territorial",
            "founded_on": "2019-01-01",
            "full_members": 3,
        },
    ).json()
    before = api.position()
    response = api.post(f"/v1/branches/{branch['id']}/review", body, "assessor")
    assert response.status_code == 422
    assert field in {e["field"] for e in response.json()["errors"]}
    assert api.position() == before


def test_unknown_route_and_method_are_problems(api: Api) -> None:
    missing = api.get("/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    wrong_method = api.client.delete("/v1/members", headers=auth("admin"))
    assert wrong_method.status_code == 405
    assert wrong_method.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", "/v1/members", "GET, POST"),
        ("PUT", "/v1/members/00000000-0000-4000-8000-000000000000", "GET"),
        ("GET", "/v1/members/00000000-0000-4000-8000-000000000000/suspend", "POST"),
        ("PATCH", "/v1/grading-rounds", "POST"),
        ("POST", "/v1/reports/coverage", "GET"),
    ],
)
def test_a_405_names_every_method_of_the_path(module_api: Api, method: str, path: str, allowed: str) -> None:
    response = module_api.client.request(method, path, headers=auth("admin"))
    assert response.status_code == 405
    assert response.headers["allow"] == allowed


@pytest.mark.parametrize(
    ("header", "value", "slug"),
    [
        ("If-Match", "3", "malformed-if-match"),
        ("If-Match", '"three"', "malformed-if-match"),
        ("Idempotency-Key", " padded ", "malformed-idempotency-key"),
        ("Idempotency-Key", "k" * 201, "malformed-idempotency-key"),
    ],
)
def test_a_malformed_command_header_is_400_and_records_nothing(api: Api, header: str, value: str, slug: str) -> None:
    member = api.post("/v1/members", member_body(1), "registrar").json()
    before = api.position()
    response = api.post(f"/v1/members/{member['id']}/suspend", {"reason": "欠费"}, "registrar", **{header: value})
    assert response.status_code == 400
    assert response.json()["type"].endswith(slug)
    assert api.position() == before


def test_request_id_is_echoed_or_made(api: Api) -> None:
    given = api.get("/healthz", **{"X-Request-ID": "trace-42"})
    assert given.headers["x-request-id"] == "trace-42"
    made = api.get("/healthz", **{"X-Request-ID": "bad id with spaces"})
    assert made.headers["x-request-id"] != "bad id with spaces"
    assert len(made.headers["x-request-id"]) == 36


def test_field_messages_read_plainly(api: Api) -> None:
    response = api.post("/v1/members", member_body(1, joined_on="1 March 2020"), "registrar")
    assert response.json()["errors"] == [{"field": "joined_on", "message": "must be a date written YYYY-MM-DD"}]


@pytest.mark.parametrize(
    ("key", "status"),
    [("a" * 200, 201), ("retry 1 of join", 201), ("a" * 201, 400), (" ", 400), ("\tkey", 400)],
)
def test_idempotency_keys_are_printable_ascii_up_to_200(api: Api, key: str, status: int) -> None:
    response = api.post("/v1/members", member_body(1), "registrar", **{"Idempotency-Key": key})
    assert response.status_code == status, response.json()
    if status == 400:
        assert response.json()["type"].endswith("malformed-idempotency-key")
        assert api.position() == 0


@pytest.mark.parametrize("header", ["two", '"1", "2"', 'W/"1"', '"-1"', '"1'])
def test_malformed_if_match_is_400_and_records_nothing(api: Api, header: str) -> None:
    member = api.post("/v1/members", member_body(1), "registrar").json()
    before = api.position()
    response = api.post(f"/v1/members/{member['id']}/suspend", {"reason": "x"}, "registrar", **{"If-Match": header})
    assert response.status_code == 400
    assert response.json()["type"].endswith("malformed-if-match")
    assert api.position() == before


@pytest.mark.parametrize("as_of", ["1700000000", "2021-01-15", "2021-01-15T08:30:00", "2021-01-15T08:30:00 08:00"])
def test_as_of_must_be_rfc_3339_with_an_offset(api: Api, as_of: str) -> None:
    member = api.post("/v1/members", member_body(1), "registrar").json()
    response = api.client.get(f"/v1/members/{member['id']}", params={"as_of": as_of}, headers=auth("auditor"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "as_of"


@pytest.mark.parametrize("path", ["/v1/members/{id}", "/v1/reports/classification/2020", "/v1/reports/coverage"])
def test_as_of_too_recent_to_be_final_is_422(api: Api, monkeypatch: pytest.MonkeyPatch, path: str) -> None:
    monkeypatch.delenv("FICLEDGER_AS_OF_SETTLING")
    get_settings.cache_clear()
    member = api.post("/v1/members", member_body(1), "registrar").json()
    for moment in (datetime.now(UTC) - timedelta(seconds=10), datetime.now(UTC) + timedelta(days=1)):
        response = api.client.get(
            path.format(id=member["id"]), params={"as_of": moment.isoformat()}, headers=auth("auditor")
        )
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["errors"][0]["field"] == "as_of"
        assert "60 s in the past" in response.json()["errors"][0]["message"]
    earlier = datetime.now(UTC) - timedelta(minutes=5)  # before the member joined, so it did not exist yet
    accepted = api.client.get(
        path.format(id=member["id"]), params={"as_of": earlier.isoformat()}, headers=auth("auditor")
    )
    assert accepted.status_code == (404 if path.startswith("/v1/members") else 200)
