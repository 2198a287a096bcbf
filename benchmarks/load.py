"""A load generator, run in its own process: N concurrent HTTP clients replaying the write mix or a read mix.

Usage: python -m benchmarks.load SPEC.json — the spec names the base URL, token, clients, duration and each
client's slice; it prints one JSON line with the counts and latencies.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import Any
from uuid import UUID

import aiohttp

from benchmarks.stats import percentile
from benchmarks.workload import Slice, operations


def _count(out: dict[str, Any], started: float, status: int) -> None:
    out["latencies"].append(time.perf_counter() - started)
    out["statuses"][status] = out["statuses"].get(status, 0) + 1


async def _writer(
    client: aiohttp.ClientSession, base: str, part: Slice, seed: int, start: int, deadline: float, out: dict[str, Any]
) -> None:
    for op in operations(part, seed, start):
        if time.perf_counter() >= deadline:
            return
        started = time.perf_counter()
        async with client.post(base + op.path, json=op.body) as response:
            await response.read()
        _count(out, started, response.status)


async def _reader(
    client: aiohttp.ClientSession, base: str, paths: list[str], seed: int, deadline: float, out: dict[str, Any]
) -> None:
    i = seed
    while time.perf_counter() < deadline:
        path = paths[i % len(paths)]
        i += 1
        started = time.perf_counter()
        async with client.get(base + path) as response:
            await response.read()
        _count(out, started, response.status)


async def run(spec: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"latencies": [], "statuses": {}}
    headers = {"Authorization": f"Bearer {spec['token']}"}
    connector = aiohttp.TCPConnector(limit=spec["clients"])
    timeout = aiohttp.ClientTimeout(total=30)
    base = spec["url"]
    async with aiohttp.ClientSession(headers=headers, connector=connector, timeout=timeout) as client:
        started = time.perf_counter()
        deadline = started + spec["duration"]
        if spec["mode"] == "write":
            slices = [
                Slice(s["client"], [UUID(m) for m in s["members"]], [UUID(b) for b in s["branches"]])
                for s in spec["slices"]
            ]
            tasks = [
                _writer(client, base, part, spec["seed"] + part.client, spec["start"], deadline, out) for part in slices
            ]
        else:
            tasks = [
                _reader(client, base, spec["paths"], spec["seed"] + n, deadline, out) for n in range(spec["clients"])
            ]
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - started
    latencies = out["latencies"]
    ok = sum(v for k, v in out["statuses"].items() if 200 <= int(k) < 300)
    return {
        "requests": len(latencies),
        "ok": ok,
        "statuses": {str(k): v for k, v in out["statuses"].items()},
        "elapsed": elapsed,
        "throughput": ok / elapsed if elapsed else 0.0,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
    }


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        spec = json.load(handle)
    print(json.dumps(asyncio.run(run(spec))))


if __name__ == "__main__":
    main()
