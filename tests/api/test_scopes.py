"""Scoped keys through HTTP, beyond the route matrix: a record outside the scope answers exactly as one that does not
exist, at a version and as of a time too; filters cannot reach past the scope; a report names its scope in its
fingerprint and in its downloads."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

import httpx
import pytest
from fastapi.testclient import TestClient

from application.register import Register
from interfaces.api.app import create_app
from interfaces.api.auth import ApiKeys
from tests.conftest import REGISTRAR
from tests.scoped import IN, OUT, UNIT_IN, UNIT_OUT, Two, build

TOKENS = {"street": "street-auditor-token", "unit": "unit-auditor-token", "all": "district-auditor-token"}
KEYS = ApiKeys.parse(
    f"auditor:zs:{TOKENS['street']}:street={IN},auditor:zs-unit:{TOKENS['unit']}:unit={UNIT_IN},"
    f"auditor:district:{TOKENS['all']}"
)


@pytest.fixture(autouse=True)
def as_of_without_settling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FICLEDGER_AS_OF_SETTLING", "0")


@pytest.fixture
def two(register: Register) -> Two:
    return build(register)


@pytest.fixture
def client(register: Register, two: Two) -> Iterator[TestClient]:
    with TestClient(create_app(register, KEYS), raise_server_exceptions=False) as client:
        yield client


def get(client: TestClient, path: str, who: str = "street") -> httpx.Response:
    return client.get(path, headers={"Authorization": f"Bearer {TOKENS[who]}"})


def same_as_missing(client: TestClient, path: str, outside: UUID) -> None:
    found = get(client, path.format(outside))
    missing_id = uuid4()
    missing = get(client, path.format(missing_id))
    assert found.status_code == missing.status_code == 404
    body, other = found.json(), missing.json()
    assert body["detail"].replace(str(outside), "X") == other["detail"].replace(str(missing_id), "X")
    assert {k: v for k, v in body.items() if k != "detail"} == {k: v for k, v in other.items() if k != "detail"}


def test_a_record_outside_answers_as_a_record_that_does_not_exist(client: TestClient, two: Two) -> None:
    moment = (datetime.now(UTC) + timedelta(seconds=1)).isoformat()
    time.sleep(1.1)
    for path in [
        "/v1/members/{}",
        "/v1/members/{}?version=1",
        f"/v1/members/{{}}?as_of={moment.replace('+00:00', 'Z')}",
        "/v1/members/{}/history",
    ]:
        same_as_missing(client, path, two.member_out)
        assert get(client, path.format(two.member_in)).status_code == 200
    same_as_missing(client, "/v1/branches/{}?version=2", two.branch_out)
    assert get(client, f"/v1/branches/{two.branch_in}?version=2", "unit").status_code == 200
    assert get(client, f"/v1/branches/{two.branch_out}?version=2", "unit").status_code == 404


def test_a_filter_cannot_reach_past_the_scope(client: TestClient, two: Two) -> None:
    for path in [f"/v1/members?street={OUT}", f"/v1/branches?managing_unit={UNIT_OUT}", f"/v1/chambers?street={OUT}"]:
        answer = get(client, path)
        assert answer.status_code == 200
        assert answer.json() == {"items": [], "next_cursor": None}
    own = get(client, f"/v1/members?street={IN}").json()
    assert {m["street"] for m in own["items"]} == {IN}
    assert get(client, f"/v1/branches?managing_unit={UNIT_OUT}", "unit").json()["items"] == []
    assert get(client, "/v1/members", "unit").json()["items"] == []
    units = get(client, "/v1/branches", "unit").json()["items"]
    assert [b["id"] for b in units] == [str(two.branch_in)]


def test_a_kept_page_is_never_another_scopes(client: TestClient, two: Two) -> None:
    for path in ["/v1/members", "/v1/chambers", "/v1/branches", "/v1/members?key_focus=true"]:
        district = get(client, path, "all")
        street = get(client, path)
        unit = get(client, path, "unit")
        again = get(client, path, "all")
        assert len(district.json()["items"]) > len(street.json()["items"])
        assert {item["street"] for item in street.json()["items"]} <= {IN}
        assert again.content == district.content
        assert street.headers["etag"] != district.headers["etag"]
        tagged = client.get(
            path, headers={"Authorization": f"Bearer {TOKENS['street']}", "If-None-Match": district.headers["etag"]}
        )
        assert tagged.status_code == 200
        assert tagged.content == street.content
        assert unit.content != district.content


def test_a_report_names_its_scope_in_its_fingerprint_and_downloads(client: TestClient) -> None:
    street = get(client, "/v1/reports/classification/2023").json()
    district = get(client, "/v1/reports/classification/2023", "all").json()
    assert street["scope"] == f"street={IN}"
    assert "scope" not in district
    assert street["fingerprint"] != district["fingerprint"]
    assert (street["totals"]["total"], district["totals"]["total"]) == (1, 2)
    moment = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    time.sleep(0.05)
    first = get(client, f"/v1/reports/classification/2023?as_of={moment}").json()
    again = get(client, f"/v1/reports/classification/2023?as_of={moment}").json()
    assert first["fingerprint"] == again["fingerprint"]
    assert first["scope"] == f"street={IN}"
    csv = get(client, "/v1/reports/classification/2023.csv").content.decode("utf-8-sig")
    assert f"；范围：街道：{IN}" in csv.splitlines()[1]


def test_a_scoped_coverage_report_flags_only_the_organizations_in_its_scope(
    client: TestClient, register: Register, two: Two
) -> None:
    for branch in (two.branch_in, two.branch_out):
        register.report_party_members(REGISTRAR, branch, 60, date(2024, 3, 1))
    street = get(client, "/v1/reports/coverage").json()["size_flags"]
    unit = get(client, "/v1/reports/coverage", "unit").json()["size_flags"]
    district = get(client, "/v1/reports/coverage", "all").json()["size_flags"]
    assert [f["branch_id"] for f in street] == [f["branch_id"] for f in unit] == [str(two.branch_in)]
    assert {f["branch_id"] for f in district} == {str(two.branch_in), str(two.branch_out)}
