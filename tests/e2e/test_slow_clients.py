"""End to end, over real sockets against a real `ficledger serve`: a client that sends nothing, sends its headers
slowly, or never finishes its body has its connection answered and closed within a bound; a body over the limit is
refused at once and no more of it is read; and slow clients holding connections past the process's file limit
stop holding them, so health checks are answered again."""

from __future__ import annotations

import os
import resource
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import pytest

from tests.api.concurrent_support import free_port
from tests.api.scenario import member_body

pytestmark = pytest.mark.e2e

TOKEN = "slow-registrar-token"
BOUND = {"FICLEDGER_HEADER_TIMEOUT": "1", "FICLEDGER_BODY_TIMEOUT": "1"}
WAIT = 20.0
"""How long a test waits for the server to act on a one-second bound, on a busy machine."""


def _ficledger() -> list[str]:
    script = shutil.which("ficledger", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "interfaces.cli"]


@contextmanager
def serving(folder: Path, files: int | None = None) -> Iterator[tuple[str, int]]:
    """A `ficledger serve` on a fresh SQLite store with one-second bounds (and a file limit, if given): its URL
    and port."""
    port = free_port()
    env = {
        **os.environ,
        "FICLEDGER_DATABASE_URL": f"sqlite:///{folder}/slow.sqlite3",
        "FICLEDGER_API_KEYS": f"registrar:slow-registrar:{TOKEN}",
        **BOUND,
    }

    def limit_files() -> None:
        if files is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, (files, files))

    log = folder / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*_ficledger(), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=limit_files,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                assert process.poll() is None, log.read_text(errors="replace")
                try:
                    if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "ficledger serve did not answer /healthz"
                time.sleep(0.2)
            yield url, port
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    with serving(tmp_path_factory.mktemp("slow")) as (_, port):
        yield port


def connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=WAIT)
    sock.settimeout(WAIT)
    return sock


def read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (a reset counts as closed)."""
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except ConnectionResetError:
        pass
    return received


def post_head(path: str, length: int | None, *, chunked: bool = False) -> bytes:
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", f"Authorization: Bearer {TOKEN}"]
    lines.append("Content-Type: application/json")
    lines.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def test_a_connection_that_sends_nothing_is_answered_408_and_closed(server: int) -> None:
    with connect(server) as sock:
        started = time.monotonic()
        answer = read_until_closed(sock)
        assert time.monotonic() - started < WAIT
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b"connection: close" in answer.lower()
    assert b"application/problem+json" in answer
    assert b"did not arrive within 1 seconds" in answer


def test_headers_sent_a_line_at_a_time_are_cut_off(server: int) -> None:
    with connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        deadline = time.monotonic() + WAIT
        closed = False
        while time.monotonic() < deadline and not closed:
            try:
                sock.sendall(b"X-Slow: 1\r\n")
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            sock.settimeout(0.3)
            try:
                closed = sock.recv(65536).startswith(b"HTTP/1.1 408 ") or closed
            except TimeoutError:
                pass
            except ConnectionResetError:
                closed = True
        assert closed, "the server kept reading headers that never ended"


def test_headers_larger_than_the_limit_are_refused_with_431(server: int) -> None:
    with connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Big: " + b"a" * 70_000)
        answer = read_until_closed(sock)
    assert answer.startswith(b"HTTP/1.1 431 ")


def test_a_body_that_stops_arriving_is_answered_408_and_nothing_is_recorded(server: int) -> None:
    with connect(server) as sock:
        sock.sendall(post_head("/v1/members", 400) + b'{"credit_code": "91')
        answer = read_until_closed(sock)
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b"connection: close" in answer.lower()
    assert b"body-timeout" in answer
    listed = httpx.get(
        f"http://127.0.0.1:{server}/v1/members", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=WAIT
    )
    assert listed.json()["items"] == []


def test_a_declared_body_over_the_limit_is_refused_before_it_is_read(server: int) -> None:
    with connect(server) as sock:
        sock.sendall(post_head("/v1/members", 50 * 1024 * 1024))
        answer = read_until_closed(sock)
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert b"connection: close" in answer.lower()


def test_a_streamed_body_over_the_limit_is_refused_and_no_more_of_it_is_read(server: int) -> None:
    chunk = b"a" * 65536
    framed = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    sent = 0
    with connect(server) as sock:
        sock.sendall(post_head("/v1/members", None, chunked=True))
        stopped = False
        while sent < 50 * 1024 * 1024:
            try:
                sock.sendall(framed)
            except (BrokenPipeError, ConnectionResetError):
                stopped = True
                break
            sent += len(chunk)
        assert stopped, "the server read all 50 MiB of a body it had refused"
    assert sent < 16 * 1024 * 1024


def test_a_slow_but_steady_client_is_still_served_and_kept_alive(server: int) -> None:
    body = httpx.Request("POST", "http://x", json=member_body(1)).content
    with connect(server) as sock:
        for part in (post_head("/v1/members", len(body)), body[: len(body) // 2], body[len(body) // 2 :]):
            sock.sendall(part)
            time.sleep(0.2)
        sock.settimeout(WAIT)
        first = sock.recv(65536)
        assert first.startswith(b"HTTP/1.1 201 "), first[:200]
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert sock.recv(65536).startswith(b"HTTP/1.1 200 ")


def test_slow_clients_past_the_file_limit_let_health_checks_through_again(tmp_path: Path) -> None:
    files = 256
    with serving(tmp_path, files=files) as (url, port), ExitStack() as held:
        for _ in range(files + 100):
            sock = held.enter_context(socket.create_connection(("127.0.0.1", port), timeout=WAIT))
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        deadline = time.monotonic() + 3 * WAIT
        answered = None
        while time.monotonic() < deadline:
            try:
                answered = httpx.get(f"{url}/healthz", timeout=2).status_code
            except httpx.TransportError:
                answered = None
            if answered == 200:
                break
            time.sleep(0.5)
        assert answered == 200, "health checks stayed refused while slow clients held their connections"
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=WAIT) as http:
            assert http.post("/v1/members", json=member_body(2)).status_code == 201
