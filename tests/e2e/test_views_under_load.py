"""End to end: several projectors keep one view under concurrent writes, and every document and report equals a
rebuild from position 0.

Two arrangements, each on SQLite and PostgreSQL: `ficledger serve --workers 2` keeping the views in its API
processes (FICLEDGER_PROJECTIONS=api), and an API with FICLEDGER_PROJECTIONS=worker beside two `ficledger project`
workers, one of whose batches is held up past the view's lock timeout so that both workers fail once and go on.
Clients record organizational life, management transfers and new members over HTTP for a few seconds."""

from __future__ import annotations

import itertools
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from application.projections.runner import ViewRunner
from application.register import Register
from tests.api.concurrent_support import free_port
from tests.api.scenario import branch_body, member_body

pytestmark = pytest.mark.e2e

REGISTRAR = "load-registrar-token"
AUDITOR = "load-auditor-token"
KEYS = f"registrar:load-registrar:{REGISTRAR},auditor:load-auditor:{AUDITOR}"
CLIENTS = 6
SECONDS = 3.0
BRANCHES = 6
KINDS = ("member", "chamber", "branch", "round")
REPORTS = [
    "/v1/reports/classification/2020",
    "/v1/reports/classification/2021",
    "/v1/reports/coverage",
    "/v1/reports/chambers",
    "/v1/reports/organizational-life/2020",
    "/v1/reports/organizational-life/2021",
    "/v1/reports/key-focus",
]
ACTIVITIES = ["general_meeting", "committee_meeting", "group_meeting", "lecture", "theme_day"]
UNITS = ["区非公党委", "南山街道党工委", "粤海街道党工委"]
SHORT_LOCKS = {"FICLEDGER_VIEW_SQLITE_LOCK_TIMEOUT": "1", "FICLEDGER_VIEW_POSTGRES_LOCK_TIMEOUT": "1"}


def _ficledger() -> list[str]:
    script = shutil.which("ficledger", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "interfaces.cli"]


@contextmanager
def _process(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as out:
        process = subprocess.Popen([*_ficledger(), *args], env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _environment(store_url: str, projections: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "FICLEDGER_DATABASE_URL": store_url,
        "FICLEDGER_API_KEYS": KEYS,
        "FICLEDGER_PROJECTIONS": projections,
        **extra,
    }


def _serve(stack: ExitStack, env: dict[str, str], log: Path, workers: int) -> str:
    port = free_port()
    process = stack.enter_context(
        _process(["serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)], env, log)
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, log.read_text(errors="replace")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return url
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "ficledger serve did not answer /healthz"
        time.sleep(0.2)


def _district(url: str) -> list[str]:
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {REGISTRAR}"}, timeout=30) as http:
        branches = []
        for n in range(1, BRANCHES + 1):
            host = http.post("/v1/members", json=member_body(n))
            assert host.status_code == 201, host.text
            found = http.post("/v1/branches", json=branch_body([host.json()["id"]], name=f"南山企业{n}党支部"))
            assert found.status_code == 201, found.text
            branches.append(found.json()["id"])
        return branches


def _load(url: str, branches: list[str], seconds: float = SECONDS) -> list[int]:
    """Clients writing at once for ``seconds``: organizational life, management transfers, new members."""
    numbers = itertools.count(1000)
    deadline = time.monotonic() + seconds

    def client(seed: int) -> list[int]:
        rng = random.Random(seed)
        statuses = []
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {REGISTRAR}"}, timeout=60) as http:
            while time.monotonic() < deadline:
                path = f"/v1/branches/{rng.choice(branches)}"
                roll = rng.random()
                if roll < 0.6:
                    held_on = date(2020, 1, 1) + timedelta(days=rng.randrange(730))
                    body = {"activity": rng.choice(ACTIVITIES), "held_on": held_on.isoformat(), "attendance": 7}
                    answer = http.post(f"{path}/record-organizational-life", json=body)
                elif roll < 0.85:
                    body = {"managing_unit": rng.choice(UNITS), "basis": "territorial", "on": "2021-06-01"}
                    answer = http.post(f"{path}/transfer-management", json={**body, "reason": "属地调整"})
                else:
                    answer = http.post("/v1/members", json=member_body(next(numbers)))
                statuses.append(answer.status_code)
        return statuses

    with ThreadPoolExecutor(CLIENTS) as pool:
        return [status for statuses in pool.map(client, range(CLIENTS)) for status in statuses]


def _documents(store_url: str) -> tuple[int, dict[str, list[dict[str, Any]]]]:
    """The view's position and documents, read from the store once the view has reached the log's head."""
    register = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        head = register.recorder.max_notification_id()
        with ViewRunner(register, active=False) as runner:
            assert runner.wait_for(head, timeout=60), "the view did not reach the log's head"
            return runner.view.position(), {kind: runner.view.all(kind) for kind in KINDS}
    finally:
        register.close()


def _reports(url: str) -> dict[str, Any]:
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {AUDITOR}"}, timeout=60) as http:
        answers = {path: http.get(path) for path in REPORTS}
    return {path: (answer.status_code, answer.json()) for path, answer in answers.items()}


def _rebuild(store_url: str, log: Path) -> None:
    result = subprocess.run(
        [*_ficledger(), "rebuild"],
        env=_environment(store_url, "worker"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    log.write_text(result.stdout + result.stderr)
    assert result.returncode == 0, result.stderr


def _compare_with_a_rebuild(store_url: str, url: str, tmp_path: Path) -> None:
    position, live = _documents(store_url)
    reports = _reports(url)
    assert all(status == 200 for status, _ in reports.values()), reports
    _rebuild(store_url, tmp_path / "rebuild.log")
    rebuilt_position, rebuilt = _documents(store_url)
    assert rebuilt_position == position
    for kind in KINDS:
        assert live[kind] == rebuilt[kind], kind
    assert _reports(url) == reports


def test_two_api_processes_keeping_the_views(store_url: str, tmp_path: Path) -> None:
    with ExitStack() as stack:
        url = _serve(stack, _environment(store_url, "api"), tmp_path / "serve.log", workers=2)
        statuses = _load(url, _district(url))
        assert statuses
        assert all(status < 500 for status in statuses)
        _compare_with_a_rebuild(store_url, url, tmp_path)


def test_two_project_workers_keeping_the_views(store_url: str, tmp_path: Path) -> None:
    logs = [tmp_path / f"project-{n}.log" for n in (1, 2)]
    with ExitStack() as stack:
        url = _serve(stack, _environment(store_url, "worker"), tmp_path / "serve.log", workers=1)
        branches = _district(url)
        env = _environment(store_url, "worker", **SHORT_LOCKS)
        with _projector_lock(store_url):
            workers = [stack.enter_context(_process(["project", "--interval", "0.02"], env, log)) for log in logs]
            for log in logs:
                assert _until(lambda log=log: "视图更新出错" in log.read_text()), log.read_text()
        statuses = _load(url, branches)
        assert all(status < 500 for status in statuses)
        _compare_with_a_rebuild(store_url, url, tmp_path)
        assert [worker.poll() for worker in workers] == [None, None]
    for log in logs:
        text = log.read_text()
        assert "Traceback" not in text
        assert all("OperationalError" in line for line in text.splitlines() if "视图更新出错" in line)


@contextmanager
def _projector_lock(store_url: str) -> Iterator[None]:
    """Hold the view's lock, as a stuck projector would: the workers' batches wait past their lock timeout."""
    register = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        with ViewRunner(register) as runner, runner.view.locked():
            yield
    finally:
        register.close()


def _until(condition: Callable[[], bool], seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False
