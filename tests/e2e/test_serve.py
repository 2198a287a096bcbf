"""End to end: a real `ficledger serve` process over real HTTP, a member from joining to leaving."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.api.concurrent_support import free_port
from tests.api.scenario import member_body

TOKEN = "e2e-registrar-token"
AUDITOR = "e2e-auditor-token"


def _ficledger() -> list[str]:
    script = shutil.which("ficledger", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "interfaces.cli"]


def _serve(tmp_path: Path, *extra: str) -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        "FICLEDGER_DATABASE_URL": f"sqlite:///{tmp_path}/e2e.sqlite3",
        "FICLEDGER_API_KEYS": f"registrar:e2e-registrar:{TOKEN},auditor:e2e-auditor:{AUDITOR}",
    }
    process = subprocess.Popen(
        [*_ficledger(), "serve", "--host", "127.0.0.1", "--port", str(port), *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stdout.read() if process.stdout else "exited"
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "ficledger serve did not answer /healthz"
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    yield from _serve(tmp_path)


@pytest.fixture
def served_by_two_workers(tmp_path: Path) -> Iterator[str]:
    yield from _serve(tmp_path, "--workers", "2")


@pytest.mark.e2e
def test_member_from_joining_to_leaving(served: str) -> None:
    registrar = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=served, headers=registrar, timeout=10) as http:
        joined = http.post("/v1/members", json=member_body(7), headers={"X-Request-ID": "e2e-join"})
        assert joined.status_code == 201
        path = joined.headers["location"]
        assert http.post(f"{path}/designate-key-focus", json={"criteria": ["tax"]}).json()["key_focus"] is True
        suspended = http.post(f"{path}/suspend", json={"reason": "年检未报"}, headers={"If-Match": '"2"'})
        assert suspended.json()["status"] == "suspended"
        assert http.post(f"{path}/reinstate", json={"reason": "已补报"}).json()["status"] == "active"
        left = http.post(f"{path}/leave", json={"on": "2021-12-31", "reason": "withdrew"})
        assert left.status_code == 200
        assert left.json()["status"] == "left"
        assert left.headers["etag"] == '"5"'
        assert http.get(path).json()["status"] == "left"
        first = http.get(f"{path}?version=1", headers={"Authorization": f"Bearer {AUDITOR}"})
        assert first.json()["status"] == "active"
        assert http.get(f"{path}?version=1").status_code == 403


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({}, "FICLEDGER_API_KEYS is not set"),
        ({"FICLEDGER_API_KEYS": "registrar:li-wei"}, "FICLEDGER_API_KEYS is not valid"),
        ({"FICLEDGER_API_KEYS": f"registrar:li-wei:{TOKEN}", "PORT": "eighty"}, "PORT must be a port number"),
    ],
    ids=["no keys", "malformed keys", "bad PORT"],
)
def test_serve_refuses_to_start_with_a_clear_message(tmp_path: Path, settings: dict[str, str], message: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("FICLEDGER_API_KEYS", "PORT")}
    env["FICLEDGER_DATABASE_URL"] = f"sqlite:///{tmp_path}/none.sqlite3"
    result = subprocess.run(
        [*_ficledger(), "serve"], env={**env, **settings}, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert message in result.stderr
    assert not (tmp_path / "none.sqlite3").exists()


@pytest.mark.e2e
def test_two_worker_processes_share_one_store(served_by_two_workers: str) -> None:
    registrar = {"Authorization": f"Bearer {TOKEN}"}
    auditor = {"Authorization": f"Bearer {AUDITOR}"}

    def join(n: int) -> int:
        with httpx.Client(base_url=served_by_two_workers, headers=registrar, timeout=30) as http:
            return http.post("/v1/members", json=member_body(100 + n)).status_code

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(join, range(24))) == [201] * 24
    with httpx.Client(base_url=served_by_two_workers, timeout=30) as http:
        listed = http.get("/v1/members?limit=500", headers=auditor).json()["items"]
        assert len(listed) == 24
        verified = http.get("/v1/audit/verify", headers=auditor).json()
        assert verified["ok"] is True
        assert verified["checked"] == 24
