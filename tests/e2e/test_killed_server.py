"""End to end under faults: clients write with idempotency keys while the `ficledger serve` process is killed with
SIGKILL at random moments and started again; every acknowledged write is in the log at the version it answered,
no retried request is recorded twice, a retry is never told its dead request is still running, and the chain
holds."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx
import pytest

from application.audit.verify import verify
from application.context import meta_of
from application.register import Register
from tests.api.concurrent_support import free_port
from tests.api.scenario import member_body
from tests.e2e.test_serve import TOKEN, _ficledger

CLIENTS = 4
KILLS = 3


class Server:
    """A `ficledger serve` process on one store and port, killed and started again."""

    def __init__(self, store_url: str, tmp_path: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "FICLEDGER_DATABASE_URL": store_url,
            "FICLEDGER_API_KEYS": f"registrar:e2e-registrar:{TOKEN}",
        }
        self.log = (tmp_path / "serve.log").open("a")
        self.up = threading.Event()
        self.retries = 0
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [*_ficledger(), "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            assert self.process.poll() is None, "ficledger serve exited"
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "ficledger serve did not answer /healthz"
            time.sleep(0.05)
        self.up.set()

    def kill(self) -> None:
        assert self.process is not None
        self.up.clear()
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=15)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)
        self.log.close()


def _until_answered(server: Server, http: httpx.Client, path: str, body: dict[str, Any], key: str) -> httpx.Response:
    """Send one request with its key until it is answered, through every kill of the server."""
    headers = {"Idempotency-Key": key, "X-Request-ID": key}
    while True:
        assert server.up.wait(60), "the server did not come back"
        try:
            return http.post(path, json=body, headers=headers)
        except httpx.TransportError:
            server.retries += 1


@pytest.mark.e2e
def test_acknowledged_writes_survive_sigkill_and_retries_record_once(store_url: str, tmp_path: Path) -> None:
    server = Server(store_url, tmp_path)
    server.start()
    stop = threading.Event()
    acknowledged: dict[str, tuple[str, int]] = {}
    refused: list[tuple[str, int, Any]] = []
    sent: list[str] = []
    auth = {"Authorization": f"Bearer {TOKEN}"}

    def client(n: int) -> None:
        with httpx.Client(base_url=server.url, headers=auth, timeout=10) as http:
            own = _until_answered(server, http, "/v1/members", member_body(100 + n), f"own-{n}")
            assert own.status_code == 201, own.text
            acknowledged[f"own-{n}"] = (own.json()["id"], own.json()["version"])
            k = 0
            while not stop.is_set():
                k += 1
                key = f"c{n}-{k}"
                sent.append(key)
                if k % 2:
                    path, body = "/v1/members", member_body(1000 + n * 1000 + k)
                else:
                    path = f"/v1/members/{own.json()['id']}/amend"
                    body = {"changes": {"name": f"企业{n}-{k}"}, "reason": "更名"}
                answer = _until_answered(server, http, path, body, key)
                if answer.status_code in (200, 201):
                    acknowledged[key] = (answer.json()["id"], answer.json()["version"])
                    assert answer.headers["etag"] == f'"{answer.json()["version"]}"'
                else:
                    refused.append((key, answer.status_code, answer.json()))

    rng = random.Random(13)
    clients = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    try:
        for thread in clients:
            thread.start()
        for _ in range(KILLS):
            time.sleep(rng.uniform(0.2, 0.7))
            server.kill()
            server.start()
        time.sleep(0.3)
        stop.set()
        for thread in clients:
            thread.join(60)
    finally:
        stop.set()
        server.stop()

    assert refused == []
    assert server.retries > 0
    assert len(acknowledged) > CLIENTS + KILLS
    register = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        recorded: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for event in map(register.mapper.to_domain_event, register.recorder.select_notifications(1, 100_000)):
            recorded[meta_of(event)["request_id"]].append((str(event.originator_id), event.originator_version))
        for key, answered in acknowledged.items():
            assert recorded[key] == [answered], key
        assert all(len(recorded[key]) <= 1 for key in sent)
        assert verify(register).ok
    finally:
        register.close()
