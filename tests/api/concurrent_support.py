"""Helpers for tests that run a real server: a free port on loopback, and the API served on it from a thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from application.register import Register
from interfaces.api.app import create_app
from tests.api.conftest import KEYS


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(register: Register) -> Iterator[str]:
    """The API on ``register`` served by uvicorn in a thread of this process; its base URL."""
    port = free_port()
    uv = uvicorn.Server(uvicorn.Config(create_app(register, KEYS), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not uv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=10)
