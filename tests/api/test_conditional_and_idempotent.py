"""Optimistic concurrency with ETag / If-Match, and Idempotency-Key kept in the store across restarts."""

from __future__ import annotations

from fastapi.testclient import TestClient

from interfaces.api.app import create_app
from tests.api.conftest import KEYS, Api, auth
from tests.api.scenario import member_body


def test_if_match_makes_a_write_conditional(api: Api) -> None:
    member = api.post("/v1/members", member_body(1), "registrar")
    path = f"/v1/members/{member.json()['id']}"
    ok = api.post(f"{path}/suspend", {"reason": "欠费"}, "registrar", **{"If-Match": member.headers["etag"]})
    assert ok.status_code == 200
    assert ok.headers["etag"] == '"2"'
    before = api.position()
    stale = api.post(f"{path}/reinstate", {"reason": "补缴"}, "registrar", **{"If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.json()["type"].endswith("version-mismatch")
    assert stale.headers["etag"] == '"2"'
    assert api.position() == before
    malformed = api.post(f"{path}/reinstate", {"reason": "补缴"}, "registrar", **{"If-Match": "two"})
    assert malformed.status_code == 400
    assert api.position() == before


def test_get_answers_the_etag(api: Api) -> None:
    member = api.post("/v1/members", member_body(1), "registrar").json()
    assert api.get(f"/v1/members/{member['id']}", "reader").headers["etag"] == '"1"'


def test_retry_with_the_same_key_answers_the_first_answer(api: Api) -> None:
    first = api.post("/v1/members", member_body(1), "registrar", **{"Idempotency-Key": "join-1"})
    after_first = api.position()
    retry = api.post("/v1/members", member_body(1), "registrar", **{"Idempotency-Key": "join-1"})
    assert retry.status_code == 201
    assert retry.json() == first.json()
    assert retry.headers["location"] == first.headers["location"]
    assert retry.headers["etag"] == first.headers["etag"]
    assert api.position() == after_first


def test_same_key_with_another_body_is_409(api: Api) -> None:
    api.post("/v1/members", member_body(1), "registrar", **{"Idempotency-Key": "join-1"})
    before = api.position()
    other = api.post("/v1/members", member_body(2), "registrar", **{"Idempotency-Key": "join-1"})
    assert other.status_code == 409
    assert other.json()["rule"] == "idempotency.key_reused"
    assert api.position() == before


def test_a_rejection_is_replayed_too(api: Api) -> None:
    api.post("/v1/members", member_body(1), "registrar")
    first = api.post("/v1/members", member_body(1), "registrar", **{"Idempotency-Key": "dup"})
    retry = api.post("/v1/members", member_body(1), "registrar", **{"Idempotency-Key": "dup"})
    assert first.status_code == retry.status_code == 409
    assert retry.json() == first.json()


def test_keys_survive_a_restart(api: Api) -> None:
    first = api.post("/v1/members", member_body(1), "registrar", **{"Idempotency-Key": "before-restart"})
    before = api.position()
    with TestClient(create_app(api.register, KEYS)) as restarted:
        retry = restarted.post(
            "/v1/members", json=member_body(1), headers=auth("registrar", **{"Idempotency-Key": "before-restart"})
        )
    assert retry.status_code == 201
    assert retry.json() == first.json()
    assert api.position() == before


def test_keys_are_scoped_by_caller(api: Api) -> None:
    api.post("/v1/members", member_body(1), "registrar", **{"Idempotency-Key": "k"})
    other_caller = api.post("/v1/members", member_body(2), "admin", **{"Idempotency-Key": "k"})
    assert other_caller.status_code == 201


def test_if_match_makes_joining_again_conditional(api: Api) -> None:
    member = api.post("/v1/members", member_body(1), "registrar").json()
    path = f"/v1/members/{member['id']}"
    left = api.post(f"{path}/leave", {"on": "2021-03-01", "reason": "withdrew"}, "registrar")
    assert left.headers["etag"] == '"2"'
    before = api.position()
    stale = api.post("/v1/members", member_body(1, joined_on="2022-01-01"), "registrar", **{"If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.headers["etag"] == '"2"'
    assert api.position() == before
    again = api.post("/v1/members", member_body(1, joined_on="2022-01-01"), "registrar", **{"If-Match": '"2"'})
    assert again.status_code == 201
    assert again.headers["etag"] == '"3"'


def test_if_match_on_a_new_enterprise_is_412_unless_version_0(api: Api) -> None:
    new = api.post("/v1/members", member_body(1), "registrar", **{"If-Match": '"1"'})
    assert new.status_code == 412
    assert api.position() == 0
    assert api.post("/v1/members", member_body(1), "registrar", **{"If-Match": '"0"'}).status_code == 201
