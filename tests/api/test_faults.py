"""The API when its store fails under it: a full disk (SQLite on a small tmpfs), a store that has become read-only
(PostgreSQL), a vanished store, and a log cut at the tail behind the service's back.

Writes answer 503 problem+json saying what is wrong, with ``Retry-After``; reads go on from what is stored; the
fault is logged once when it begins and once when writing resumes; a view ahead of its log is refused as current.
"""

from __future__ import annotations

import errno
import subprocess
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import psycopg
import pytest
from fastapi.testclient import TestClient

from application.projections.runner import ViewRunner
from application.register import Register
from interfaces.api.app import create_app
from tests.api.conftest import KEYS, TOKENS, Api
from tests.api.scenario import member_body
from tests.application.audit.raw import RawStore
from tests.conftest import POSTGRES_URL, REGISTRAR
from tests.factories import credit_code

STORE_LOG = "ficledger.store"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MiB tmpfs of this test's own; skipped where the machine does not let the test mount one."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)], capture_output=True, text=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr.strip() or mounted.returncode}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill_up(folder: Path) -> Path:
    """Write a file until the disk holding ``folder`` has no space left."""
    filler = folder / "filler"
    with filler.open("wb") as out:
        while written := _write(out):
            assert written > 0
    return filler


def _write(out: Any) -> int:
    """Write and flush a block: its size, or 0 once the disk is full."""
    try:
        out.write(b"\0" * 65536)
        out.flush()
    except OSError as error:
        if error.errno != errno.ENOSPC:
            raise
        return 0
    return 65536


def refused(response: Any, kind: str) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["retry-after"] == "10"
    problem = response.json()
    assert problem["type"] == f"urn:ficledger:problem:store-{kind}"
    assert problem["status"] == 503


def store_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == STORE_LOG]


def writes(api: Api, start: int) -> list[Any]:
    """One of each kind of write: a member joining, with and without an idempotency key, and a chamber."""
    return [
        api.post("/v1/members", member_body(start), "registrar"),
        api.post("/v1/members", member_body(start + 1), "registrar", **{"Idempotency-Key": f"join-{start}"}),
        api.post(
            "/v1/chambers",
            {"name": f"商会{start}", "kind": "street", "street": "南山街道", "established_on": "2015-06-01"},
            "registrar",
        ),
    ]


def listed(api: Api) -> list[str]:
    """The names of the members the list shows."""
    response = api.get("/v1/members?limit=500", "reader")
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["items"]]


def test_a_full_disk_refuses_writes_with_503_keeps_reads_and_logs_once(
    small_disk: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger=STORE_LOG)
    register = Register({"FICLEDGER_DATABASE_URL": f"sqlite:///{small_disk}/store.sqlite3"})
    try:
        with TestClient(create_app(register, KEYS), raise_server_exceptions=False) as client:
            api = Api(client, register)
            joined = [api.post("/v1/members", member_body(n), "registrar") for n in range(1, 4)]
            assert [j.status_code for j in joined] == [201] * 3
            filler = fill_up(small_disk)
            accepted = 3
            for n in range(10, 400):
                answer = api.post("/v1/members", member_body(n, name=f"企业{n}" * 40), "registrar")
                if answer.status_code == 503:
                    break
                assert answer.status_code == 201, answer.text
                accepted += 1
            refused(answer, "full")
            assert "存储空间已满" in answer.json()["detail"]
            for round_ in range(5):
                for response in writes(api, 1000 + 10 * round_):
                    refused(response, "full")
            first = api.get(joined[0].headers["location"], "reader")
            assert first.status_code == 200
            assert first.json()["name"] == member_body(1)["name"]
            assert len(listed(api)) == accepted
            assert member_body(1)["name"] in listed(api)
            assert api.get("/v1/reports/coverage", "reader").json()["position"] == api.position()
            health = client.get("/healthz").json()
            assert health["status"] == "degraded"
            assert any("存储空间已满" in p for p in health["problems"])
            [began] = store_lines(caplog)
            assert "database or disk is full" in began
            filler.unlink()
            resumed = api.post("/v1/members", member_body(2000), "registrar")
            assert resumed.status_code == 201, resumed.text
            assert len(listed(api)) == accepted + 1
            assert client.get("/healthz").json() == {"status": "ok", "problems": []}
            lines = store_lines(caplog)
            assert len(lines) == 2
            assert "accepts writes again" in lines[1]
    finally:
        register.close()


def test_a_vanished_store_refuses_writes_with_503_and_says_so_at_healthz(
    store_url: str, register: Register, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger=STORE_LOG)
    with TestClient(create_app(register, KEYS), raise_server_exceptions=False) as client:
        api = Api(client, register)
        assert api.post("/v1/members", member_body(1), "registrar").status_code == 201
        raw = RawStore(store_url)
        if raw.sqlite:
            path = Path(store_url.removeprefix("sqlite:///"))
            for part in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                part.unlink(missing_ok=True)
        else:
            raw.run(f'DROP SCHEMA "{raw.schema}" CASCADE')
        for round_ in range(3):
            for response in writes(api, 100 + 10 * round_):
                refused(response, "vanished")
        health = client.get("/healthz")
        assert health.status_code == 503
        assert "存储已不在原处" in health.json()["detail"]
        [began] = store_lines(caplog)
        assert "vanished" in began


@pytest.mark.postgres
def test_a_postgres_store_turned_read_only_refuses_writes_with_503_and_resumes(
    postgres_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger=STORE_LOG)
    role = f"ro_{uuid.uuid4().hex[:12]}"
    schema = parse_qs(urlsplit(postgres_url).query)["schema"][0]
    admin = psycopg.connect(POSTGRES_URL, autocommit=True)

    def switch(read_only: bool) -> None:
        setting = "SET default_transaction_read_only = on" if read_only else "RESET default_transaction_read_only"
        admin.execute(f"ALTER ROLE {role} {setting}")
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,))

    admin.execute(f"CREATE ROLE {role} LOGIN SUPERUSER")
    url = postgres_url.replace("postgres@", f"{role}@", 1)
    register = Register({"FICLEDGER_DATABASE_URL": url, "POSTGRES_PRE_PING": "y"})
    try:
        with TestClient(create_app(register, KEYS), raise_server_exceptions=False) as client:
            api = Api(client, register)
            joined = api.post("/v1/members", member_body(1), "registrar")
            assert joined.status_code == 201
            switch(read_only=True)
            for round_ in range(3):
                for response in writes(api, 100 + 10 * round_):
                    refused(response, "read-only")
            assert "存储变为只读" in response.json()["detail"]
            assert api.get(joined.headers["location"], "reader").status_code == 200
            assert [item["name"] for item in api.get("/v1/members", "reader").json()["items"]] == [
                member_body(1)["name"]
            ]
            assert client.get("/healthz").json()["status"] == "degraded"
            switch(read_only=False)
            assert api.post("/v1/members", member_body(2), "registrar").status_code == 201
            lines = store_lines(caplog)
            assert len(lines) == 2
            assert "read-only transaction" in lines[0]
            assert "accepts writes again" in lines[1]
    finally:
        register.close()
        admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,))
        admin.execute(f"DROP ROLE {role}")
        admin.close()


def cut_tail(store_url: str, after: int) -> None:
    """Delete every event and chain link after ``after``, as someone with the database's password would."""
    raw = RawStore(store_url)
    raw.run(f"DELETE FROM {raw.events} WHERE {raw.pos} > ?", (after,))
    raw.run(f"DELETE FROM {raw.chain} WHERE position > ?", (after,))


def ahead(response: Any) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["retry-after"] == "10"
    assert response.json()["type"] == "urn:ficledger:problem:view-ahead-of-log"
    assert "ficledger rebuild" in response.json()["detail"]


def test_a_log_cut_at_the_tail_is_refused_as_current_until_the_view_is_rebuilt(
    store_url: str, register: Register, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="ficledger.views")
    with TestClient(create_app(register, KEYS), raise_server_exceptions=False) as client:
        api = Api(client, register)
        joined = [api.post("/v1/members", member_body(n), "registrar") for n in range(1, 5)]
        assert len(listed(api)) == 4
        cut_tail(store_url, 2)
        ahead(api.get("/v1/members", "reader"))
        ahead(api.get("/v1/reports/coverage", "reader"))
        assert api.get(joined[0].headers["location"], "reader").status_code == 200
        health = client.get("/healthz").json()
        assert health["status"] == "degraded"
        assert "视图已处理到日志位置 4，日志却只到 2" in health["problems"][0]
        assert api.post("/v1/members", member_body(9), "registrar").status_code == 201
        ahead(api.get("/v1/members", "reader"))
        errors = [r for r in caplog.records if r.name == "ficledger.views" and r.levelname == "ERROR"]
        assert len(errors) <= 2, [r.getMessage() for r in errors]
        assert "日志末尾在服务之外被截断" in errors[0].getMessage()
        client.app.state.views.rebuild()
        assert sorted(listed(api)) == sorted(member_body(n)["name"] for n in (1, 2, 9))
        assert client.get("/healthz").json() == {"status": "ok", "problems": []}


def test_a_log_cut_while_the_service_was_down_is_detected_when_it_starts(
    store_url: str, register: Register, caplog: pytest.LogCaptureFixture
) -> None:
    for n in range(1, 4):
        register.join_member(REGISTRAR, credit_code(n), f"企业{n}", "南山街道", "制造业", date(2019, 3, 1))
    with ViewRunner(register) as runner:
        runner.catch_up()
    cut_tail(store_url, 1)
    caplog.set_level("INFO", logger="ficledger.views")
    with TestClient(create_app(register, KEYS), raise_server_exceptions=False) as client:
        assert any("视图已处理到日志位置 3，日志却只到 1" in r.getMessage() for r in caplog.records)
        assert client.get("/healthz").json()["status"] == "degraded"
        ahead(client.get("/v1/members", headers={"Authorization": f"Bearer {TOKENS['reader']}"}))
