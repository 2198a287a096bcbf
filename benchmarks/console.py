"""Every console page timed through a real ``ficledger serve`` on a copy of the benchmark district (about a million
events; the smaller district with ``--quick``): one signed-in browser asking each page in turn, p50 and p95 per
page, and the first page of each kind asked right after a write (when no report kept for the log position can
serve it). The verification of the whole chain is timed on its own: it reads every event by design."""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import httpx

from application.projections.runner import ViewRunner
from application.register import Register
from benchmarks.server import TOKEN, serving
from benchmarks.stats import Figure, percentile
from benchmarks.suites import DISTRICT, QUICK_DISTRICT, STANDS_ON, _district
from interfaces.console.dates import BEIJING, today

GOAL_MS = 100
YEAR = STANDS_ON.year - 2


def _sign_in(client: httpx.Client) -> None:
    form = client.get("/console/sign-in").text
    csrf = form.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    answer = client.post("/console/sign-in", data={"token": TOKEN, "csrf_token": csrf, "next": "/console/"})
    if answer.status_code != 200 or "/console/sign-in" in str(answer.url):
        raise RuntimeError(f"could not sign in to the console: {answer.status_code}")


def _pages(api: httpx.Client) -> dict[str, str]:
    """The pages to time, by name: one of each kind, on records the district holds."""
    branch = api.get("/v1/branches", params={"limit": 1, "status": "active"}).json()["items"][0]["id"]
    member = api.get("/v1/members", params={"limit": 1}).json()["items"][0]["id"]
    version = api.get(f"/v1/branches/{branch}").json()["version"]
    recorded = api.get(f"/v1/branches/{branch}/history").json()["events"][-1]["recorded_at"]
    recorded_on = datetime.fromisoformat(recorded.replace("Z", "+00:00")).astimezone(BEIJING).date()
    settled_day = min(recorded_on, today() - timedelta(days=1)).isoformat()
    pages = {
        "dashboard": "/console/",
        "members list": "/console/members",
        "members list, searched": "/console/members?q=科技",
        "branches list, filtered by grade": f"/console/branches?year={YEAR}&grade=weak",
        "chambers list": "/console/chambers",
        "member record": f"/console/members/{member}",
        "branch record with timeline": f"/console/branches/{branch}",
        "branch as of a day": f"/console/branches/{branch}?day={settled_day}",
        "branch at a version": f"/console/branches/{branch}?version={max(1, version - 1)}",
        "branch changes": f"/console/branches/{branch}/changes?before=1&after={version}",
        "round": f"/console/rounds/{YEAR}",
        "reports index": "/console/reports",
        "report: classification": f"/console/reports/classification?year={YEAR}",
        "report: classification as of a day": f"/console/reports/classification?year={YEAR}&day={settled_day}",
        "report: publicity list": f"/console/reports/publicity-notice?year={YEAR}",
        "report: organizational life": f"/console/reports/organizational-life?year={YEAR}",
        "report: coverage": "/console/reports/coverage",
        "report: chambers": "/console/reports/chambers",
        "report: key focus": "/console/reports/key-focus",
        "report: classification XLSX": f"/console/reports/classification.xlsx?year={YEAR}",
        "audit log": "/console/audit",
        "audit log, one kind": "/console/audit?kind=round",
        "audit log, by who": "/console/audit?who=bench",
        "access log": "/console/audit/access",
        "verification form": "/console/audit/verify",
    }
    if recorded_on >= today():
        del pages["branch as of a day"]
        print("  (the district was recorded today: no past day to read it as of)", file=sys.stderr)
    return pages


AFTER_A_WRITE = [
    "dashboard",
    "members list",
    "branch record with timeline",
    "report: classification",
    "report: coverage",
    "audit log",
]


def _timed(client: httpx.Client, path: str) -> float:
    started = time.perf_counter()
    answer = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    if answer.status_code != 200:
        raise RuntimeError(f"{path} answered {answer.status_code}: {answer.text[:300]}")
    return elapsed


def _figures(name: str, samples: list[float]) -> list[Figure]:
    p50 = Figure(f"console: {name}, p50", "ms", [percentile(samples, 50)], higher_is_better=False)
    p95 = Figure(f"console: {name}, p95", "ms", [percentile(samples, 95)], f"<= {GOAL_MS} ms", False, GOAL_MS)
    return [p50, p95]


def _copy(url: str, folder: str) -> str:
    """A copy of the cached district with its view caught up, so the run writes nowhere else."""
    source = Path(url.removeprefix("sqlite:///"))
    target = Path(folder) / source.name
    for part in source.parent.glob(f"{source.name}*"):
        shutil.copy(part, Path(folder) / part.name)
    register = Register({"FICLEDGER_DATABASE_URL": f"sqlite:///{target}"})
    try:
        ViewRunner(register).catch_up()
    finally:
        register.close()
    return f"sqlite:///{target}"


def console_pages(quick: bool, report: Callable[[str], None] | None = None) -> list[Figure]:
    """p50 and p95 of every console page, the first page after a write, and one verification of the chain."""
    size, name = (QUICK_DISTRICT, "district-quick") if quick else (DISTRICT, "district-1m")
    rounds, writes = (5, 3) if quick else (30, 10)
    say = report or (lambda line: print(line, file=sys.stderr, flush=True))
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="ficledger-bench-console-") as folder:
        url = _copy(_district(size, name), folder)
        with serving(url) as server:
            auth = {"Authorization": f"Bearer {TOKEN}"}
            with (
                httpx.Client(base_url=server.url, headers=auth, timeout=120) as api,
                httpx.Client(base_url=server.url, timeout=120, follow_redirects=True) as page,
            ):
                _sign_in(page)
                pages = _pages(api)
                samples: dict[str, list[float]] = {n: [] for n in pages}
                for _ in range(rounds):
                    for title, path in pages.items():
                        samples[title].append(_timed(page, path))
                after: dict[str, list[float]] = {n: [] for n in AFTER_A_WRITE}
                member = api.get("/v1/members", params={"limit": 1}).json()["items"][0]["id"]
                for n in range(writes):
                    for title in AFTER_A_WRITE:
                        written = api.post(
                            f"/v1/members/{member}/amend",
                            json={"changes": {"industry": f"行业{n}{title}"}, "reason": "基准测试"},
                        )
                        if written.status_code != 200:
                            raise RuntimeError(f"the write answered {written.status_code}: {written.text[:300]}")
                        after[title].append(_timed(page, pages[title]))
                started = time.perf_counter()
                answer = page.get("/console/audit/verify?run=1")
                while "正在核验" in answer.text:
                    time.sleep(0.5)
                    answer = page.get(str(answer.url))
                verdict = answer.text
                verified = (time.perf_counter() - started) * 1000
                if "哈希链完整" not in verdict:
                    raise RuntimeError("the chain did not verify")
        for title, values in samples.items():
            figures += _figures(title, values)
            say(f"  {title}: p50 {percentile(values, 50):.0f} ms, p95 {percentile(values, 95):.0f} ms")
        for title, values in after.items():
            figures += _figures(f"{title}, first after a write", values)
            say(f"  {title} after a write: p50 {percentile(values, 50):.0f} ms, p95 {percentile(values, 95):.0f} ms")
        figures.append(Figure("console: verification of the whole chain", "ms", [verified], higher_is_better=False))
    return figures
