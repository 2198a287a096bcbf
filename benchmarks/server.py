"""A real `ficledger serve` process on loopback for the HTTP benchmarks (or granian serving the same app, to
compare), and its peak memory."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from interfaces.api.request_log import logging_config

TOKEN = "bench-admin-token-000000000"


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]

    def peak_memory_mib(self) -> float:
        """The server's peak resident memory so far (VmHWM)."""
        with open(f"/proc/{self.process.pid}/status", encoding="utf-8") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SERVERS = ("uvicorn", "granian")
"""What serves the app: ``ficledger serve`` (uvicorn, as deployed), or granian serving the same app, with the same
request log, for comparison."""


def _command(server: str, port: int, workers: int, folder: Path) -> list[str]:
    bin_dir = str(Path(sys.executable).parent)
    if server == "uvicorn":
        script = shutil.which("ficledger", path=bin_dir) or "ficledger"
        return [script, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    log_config = folder / "logging.json"
    log_config.write_text(json.dumps(logging_config()), encoding="utf-8")
    return [
        shutil.which("granian", path=bin_dir) or "granian",
        "--interface",
        "asgi",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-config",
        str(log_config),
        "--no-access-log",
        "interfaces.api.server:app_from_environment",
    ]


@contextmanager
def serving(database_url: str, workers: int = 1, server: str = "uvicorn") -> Iterator[Server]:
    port = _free_port()
    env = {
        **os.environ,
        "FICLEDGER_DATABASE_URL": database_url,
        "FICLEDGER_API_KEYS": f"admin:bench:{TOKEN}",
    }
    folder = Path(tempfile.mkdtemp(prefix="ficledger-bench-server-"))
    process = subprocess.Popen(
        _command(server, port, workers, folder),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError("ficledger serve exited")
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("ficledger serve did not start")
            time.sleep(0.2)
        yield Server(url, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(folder, ignore_errors=True)
