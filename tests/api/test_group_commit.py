"""Writers on one record at once through a real uvicorn server: the group commit decides them in turn, so each is
recorded at a version of its own and none is refused as a concurrent write."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from uuid import UUID

import httpx
import pytest

from application.audit.verify import verify
from application.register import Register
from tests.api.concurrent_support import serving
from tests.api.conftest import auth
from tests.api.scenario import branch_body, member_body

CLIENTS = 8
WRITES_PER_CLIENT = 4


@pytest.fixture
def server(register: Register) -> Iterator[str]:
    with serving(register) as url:
        yield url


def test_writers_on_one_record_at_once_each_get_a_version_of_their_own(server: str, register: Register) -> None:
    with httpx.Client(base_url=server, headers=auth("registrar"), timeout=30) as setup:
        member = setup.post("/v1/members", json=member_body(1)).json()["id"]
        branch = setup.post("/v1/branches", json=branch_body([member])).json()
    path = f"/v1/branches/{branch['id']}/record-organizational-life"

    def client(n: int) -> list[tuple[int, str]]:
        answers = []
        with httpx.Client(base_url=server, headers=auth("registrar"), timeout=30) as http:
            for k in range(WRITES_PER_CLIENT):
                body = {"activity": "theme_day", "held_on": f"2020-{k + 1:02d}-{n + 1:02d}", "attendance": 5}
                response = http.post(path, json=body)
                answers.append((response.status_code, response.headers.get("etag", response.text)))
        return answers

    with ThreadPoolExecutor(CLIENTS) as pool:
        answers = [a for part in pool.map(client, range(CLIENTS)) for a in part]

    total = CLIENTS * WRITES_PER_CLIENT
    assert {status for status, _ in answers} == {200}, answers
    first = branch["version"] + 1
    assert sorted(int(tag.strip('"')) for _, tag in answers) == list(range(first, first + total))
    recorded = register.get_branch(UUID(branch["id"]))
    assert (recorded.version, recorded.organizational_life[2020]["theme_day"]) == (first + total - 1, total)
    assert verify(register).ok


def test_writers_beyond_what_one_group_holds_are_each_answered_once_by_a_later_group(
    server: str, register: Register
) -> None:
    register.group.limit = 3
    with httpx.Client(base_url=server, headers=auth("registrar"), timeout=30) as setup:
        members = [setup.post("/v1/members", json=member_body(n)).json() for n in range(1, CLIENTS + 1)]

    def client(n: int) -> list[tuple[int, str]]:
        answers = []
        with httpx.Client(base_url=server, headers=auth("registrar"), timeout=30) as http:
            for k in range(WRITES_PER_CLIENT):
                body = {"changes": {"industry": f"行业{n}-{k}"}, "reason": "更正"}
                response = http.post(f"/v1/members/{members[n]['id']}/amend", json=body)
                answers.append((response.status_code, response.headers.get("etag", response.text)))
        return answers

    with ThreadPoolExecutor(CLIENTS) as pool:
        answers = list(pool.map(client, range(CLIENTS)))

    for n, answered in enumerate(answers):
        assert {status for status, _ in answered} == {200}, answered
        first = members[n]["version"] + 1
        assert [int(tag.strip('"')) for _, tag in answered] == list(range(first, first + WRITES_PER_CLIENT))
        recorded = register.get_member(UUID(members[n]["id"]))
        last = WRITES_PER_CLIENT - 1
        assert (recorded.version, recorded.industry) == (first + last, f"行业{n}-{last}")
    assert register.group.grouped <= 3 * register.group.groups
    assert verify(register).ok
