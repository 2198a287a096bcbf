"""Sixteen clients writing at once through a real uvicorn server: no "database is locked", nothing lost."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from uuid import UUID

import httpx
import pytest

from application.register import Register
from tests.api.concurrent_support import serving
from tests.api.conftest import auth
from tests.api.scenario import branch_body, member_body

CLIENTS = 16
WRITES_PER_CLIENT = 10


@pytest.fixture
def server(register: Register) -> Iterator[str]:
    with serving(register) as url:
        yield url


def test_sixteen_concurrent_writers(server: str, register: Register) -> None:
    with httpx.Client(base_url=server, headers=auth("registrar"), timeout=30) as setup:
        members = [setup.post("/v1/members", json=member_body(n)).json()["id"] for n in range(1, CLIENTS + 1)]
        branches = [
            setup.post("/v1/branches", json=branch_body([m], name=f"党支部{i}")).json()["id"]
            for i, m in enumerate(members)
        ]
    before = register.recorder.max_notification_id()

    def client(n: int) -> list[int]:
        statuses = []
        with httpx.Client(base_url=server, headers=auth("registrar"), timeout=30) as http:
            for k in range(WRITES_PER_CLIENT):
                if k % 2:
                    response = http.post(
                        f"/v1/branches/{branches[n]}/record-organizational-life",
                        json={"activity": "theme_day", "held_on": f"2020-{k + 1:02d}-05", "attendance": 7},
                    )
                else:
                    key = {"Idempotency-Key": f"join-{n}-{k}"}
                    response = http.post("/v1/members", json=member_body(1000 + n * 100 + k), headers=key)
                statuses.append(response.status_code)
        return statuses

    with ThreadPoolExecutor(CLIENTS) as pool:
        results = [s for statuses in pool.map(client, range(CLIENTS)) for s in statuses]

    assert results.count(200) + results.count(201) == CLIENTS * WRITES_PER_CLIENT, sorted(set(results))
    assert register.recorder.max_notification_id() - before >= CLIENTS * WRITES_PER_CLIENT
    for branch in branches:
        assert register.get_branch(UUID(branch)).organizational_life[2020]["theme_day"] == WRITES_PER_CLIENT // 2


def test_sixteen_retries_of_one_key_at_once_record_once(server: str, register: Register) -> None:
    before = register.recorder.max_notification_id() or 0
    headers = auth("registrar", **{"Idempotency-Key": "the-same-join"})

    def retry(_: int) -> tuple[int, str | None]:
        with httpx.Client(base_url=server, timeout=30) as http:
            response = http.post("/v1/members", json=member_body(1), headers=headers)
            return response.status_code, response.json().get("rule")

    with ThreadPoolExecutor(CLIENTS) as pool:
        answers = list(pool.map(retry, range(CLIENTS)))

    assert (201, None) in answers
    assert set(answers) <= {(201, None), (409, "idempotency.in_progress")}, answers
    assert register.recorder.max_notification_id() == before + 1
