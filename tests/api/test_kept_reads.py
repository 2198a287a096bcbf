"""Current state and reports answered from kept bytes through HTTP: the same record or report twice is the same
answer and tag, a member and a report answer 304 to an ``If-None-Match`` naming them, a chamber and an
organization never do (the day changes their documents), a write (through the API, straight to the register, or by
another process on the same store) is read at once, and what is kept for one key is never answered to a key of
another scope. What the plain read cannot answer (a token not known, a record not found, a query) is answered by
the routes as always, in Chinese for ``Accept-Language: zh-CN``."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import UUID, uuid4

import httpx
import pytest
from fastapi.testclient import TestClient

from application.register import Register
from interfaces.api.app import create_app
from interfaces.api.auth import ApiKeys
from tests.api.conftest import TOKENS, Api
from tests.api.scenario import branch_body, chamber_body, member_body
from tests.conftest import REGISTRAR
from tests.scoped import IN, Two, build


def joined(api: Api, n: int = 1) -> str:
    answer = api.post("/v1/members", member_body(n), "registrar")
    assert answer.status_code == 201
    return str(answer.json()["id"])


def test_a_member_read_twice_is_the_same_body_with_its_version_as_its_tag(api: Api) -> None:
    ident = joined(api)
    first = api.get(f"/v1/members/{ident}", "reader")
    again = api.get(f"/v1/members/{ident}", "reader")
    assert first.status_code == again.status_code == 200
    assert first.content == again.content
    assert first.headers["etag"] == again.headers["etag"] == '"1"'
    assert first.headers["content-type"] == "application/json"
    assert first.json()["id"] == ident
    assert first.json()["name"] == member_body(1)["name"]
    assert api.client.app.state.states.used > 0  # type: ignore[attr-defined]


def test_a_member_at_the_version_if_none_match_names_is_answered_304(api: Api) -> None:
    ident = joined(api)
    for asked in ('"1"', 'W/"1"', '"7", "1"', "*"):
        answer = api.get(f"/v1/members/{ident}", "reader", **{"If-None-Match": asked})
        assert answer.status_code == 304
        assert answer.content == b""
        assert answer.headers["etag"] == '"1"'
    assert api.get(f"/v1/members/{ident}", "reader", **{"If-None-Match": '"2"'}).status_code == 200


def test_a_chamber_or_an_organization_is_answered_whole_whatever_if_none_match_names(api: Api) -> None:
    chamber = api.post("/v1/chambers", chamber_body(), "registrar").json()
    branch = api.post("/v1/branches", branch_body([joined(api)]), "registrar").json()
    for path in (f"/v1/chambers/{chamber['id']}", f"/v1/branches/{branch['id']}"):
        first = api.get(path, "reader")
        answer = api.get(path, "reader", **{"If-None-Match": first.headers["etag"]})
        assert answer.status_code == 200
        assert answer.content == first.content
        assert answer.headers["etag"] == '"1"'
        assert "overdue_for_election" in answer.json() or "overdue_for_renewal" in answer.json()


def test_a_write_through_the_api_is_read_at_once(api: Api) -> None:
    ident = joined(api)
    api.get(f"/v1/members/{ident}", "reader")
    assert api.post(f"/v1/members/{ident}/suspend", {"reason": "停业"}, "registrar").status_code == 200
    after = api.get(f"/v1/members/{ident}", "reader", **{"If-None-Match": '"1"'})
    assert after.status_code == 200
    assert after.headers["etag"] == '"2"'
    assert (after.json()["version"], after.json()["status"]) == (2, "suspended")


def test_a_write_past_the_api_is_read_at_once(api: Api) -> None:
    ident = joined(api)
    branch = api.post("/v1/branches", branch_body([ident]), "registrar").json()
    api.get(f"/v1/members/{ident}", "reader")
    api.get(f"/v1/branches/{branch['id']}", "reader")
    api.register.suspend_member(REGISTRAR, UUID(ident), "停业")
    api.register.rename_branch(REGISTRAR, UUID(branch["id"]), "南山企业联合党支部", "更名")
    member = api.get(f"/v1/members/{ident}", "reader")
    organization = api.get(f"/v1/branches/{branch['id']}", "reader")
    assert (member.headers["etag"], member.json()["status"]) == ('"2"', "suspended")
    assert (organization.headers["etag"], organization.json()["name"]) == ('"2"', "南山企业联合党支部")


def test_a_write_by_another_process_on_the_same_store_is_read_at_once(api: Api, store_url: str) -> None:
    ident = joined(api)
    assert api.get(f"/v1/members/{ident}", "reader").headers["etag"] == '"1"'
    assert api.get(f"/v1/members/{ident}", "reader").headers["etag"] == '"1"'
    other = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        other.suspend_member(REGISTRAR, UUID(ident), "停业")
    finally:
        other.close()
    after = api.get(f"/v1/members/{ident}", "reader", **{"If-None-Match": '"1"'})
    assert after.status_code == 200
    assert (after.headers["etag"], after.json()["status"]) == ('"2"', "suspended")


def test_a_report_read_twice_is_the_same_body_and_304_names_its_fingerprint(api: Api) -> None:
    joined(api)
    first = api.get("/v1/reports/key-focus", "reader")
    again = api.get("/v1/reports/key-focus", "reader")
    assert first.status_code == again.status_code == 200
    assert first.content == again.content
    assert first.headers["etag"] == f'"{first.json()["fingerprint"]}"'
    assert first.headers["content-type"] == "application/json"
    unchanged = api.get("/v1/reports/key-focus", "reader", **{"If-None-Match": first.headers["etag"]})
    assert (unchanged.status_code, unchanged.content) == (304, b"")
    assert unchanged.headers["etag"] == first.headers["etag"]
    assert api.client.app.state.bodies.used > 0  # type: ignore[attr-defined]


def test_a_write_a_report_reads_gives_a_new_report_at_once(api: Api) -> None:
    ident = joined(api)
    before = api.get("/v1/reports/key-focus", "reader")
    assert api.post(f"/v1/members/{ident}/designate-key-focus", {"criteria": ["tax"]}, "registrar").status_code == 200
    after = api.get("/v1/reports/key-focus", "reader", **{"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200
    assert after.headers["etag"] != before.headers["etag"]
    assert after.json()["position"] > before.json()["position"]
    assert ident in after.text


def test_downloads_are_answered_as_before_beside_kept_json(api: Api) -> None:
    joined(api)
    report = api.get("/v1/reports/key-focus", "reader").json()
    csv = api.get("/v1/reports/key-focus.csv", "reader")
    xlsx = api.get("/v1/reports/key-focus.xlsx", "reader")
    assert csv.status_code == xlsx.status_code == 200
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert csv.headers["etag"] == f'"{report["fingerprint"]}.csv"'
    assert xlsx.content[:2] == b"PK"
    assert xlsx.headers["etag"] == f'"{report["fingerprint"]}.xlsx"'
    assert api.get("/v1/reports/key-focus?format=csv", "reader").content == csv.content


def test_what_a_plain_read_cannot_answer_is_answered_by_the_routes(api: Api) -> None:
    ident = joined(api)
    missing = api.get(f"/v1/members/{uuid4()}", "reader", **{"Accept-Language": "zh-CN"})
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert any("\u4e00" <= c <= "\u9fff" for c in missing.json()["title"])
    unknown = api.client.get(f"/v1/members/{ident}", headers={"Authorization": "Bearer not-a-known-token"})
    assert (unknown.status_code, unknown.headers["www-authenticate"]) == (401, "Bearer")
    assert api.client.get(f"/v1/members/{ident}").status_code == 401
    assert api.get(f"/v1/members/{ident}?bogus=1", "reader").status_code == 422
    assert api.get(f"/v1/members/{ident.upper()}", "reader").json()["id"] == ident
    assert api.get(f"/v1/members/{ident}?version=1", "auditor").headers["etag"] == '"1"'
    assert api.get("/v1/reports/classification/1900", "reader").status_code == 422


SCOPED_TOKENS = {"street": "street-reader-token-1", "all": "district-reader-token-1"}
SCOPED_KEYS = ApiKeys.parse(
    f"reader:zs:{SCOPED_TOKENS['street']}:street={IN},reader:district:{SCOPED_TOKENS['all']},"
    + ",".join(f"{role}:{role}-key:{token}" for role, token in TOKENS.items())
)


@pytest.fixture
def scoped(register: Register) -> Iterator[tuple[TestClient, Two]]:
    two = build(register)
    with TestClient(create_app(register, SCOPED_KEYS), raise_server_exceptions=False) as client:
        yield client, two


def as_key(client: TestClient, path: str, who: str, **headers: str) -> httpx.Response:
    return client.get(path, headers={"Authorization": f"Bearer {SCOPED_TOKENS[who]}", **headers})


def test_a_kept_record_is_never_answered_to_a_key_of_another_scope(scoped: tuple[TestClient, Two]) -> None:
    client, two = scoped
    for path in (f"/v1/members/{two.member_out}", f"/v1/chambers/{two.chamber_out}", f"/v1/branches/{two.branch_out}"):
        district = as_key(client, path, "all")
        assert district.status_code == 200
        outside = as_key(client, path, "street", **{"If-None-Match": district.headers["etag"]})
        assert outside.status_code == 404
    inside = f"/v1/members/{two.member_in}"
    assert as_key(client, inside, "all").content == as_key(client, inside, "street").content


def test_a_kept_report_is_never_answered_to_a_key_of_another_scope(scoped: tuple[TestClient, Two]) -> None:
    client, _ = scoped
    path = "/v1/reports/classification/2023"
    district = as_key(client, path, "all")
    street = as_key(client, path, "street", **{"If-None-Match": district.headers["etag"]})
    assert street.status_code == 200
    assert street.json()["scope"] == f"street={IN}"
    assert (street.json()["totals"]["total"], district.json()["totals"]["total"]) == (1, 2)
    again = as_key(client, path, "all")
    assert again.content == district.content
    assert "scope" not in again.json()
