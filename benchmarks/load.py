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

import httpx

from benchmarks.stats import percentile
from benchmarks.workload import Slice, operations


async def _writer(client: httpx.AsyncClient, part: Slice, seed: int, deadline: float, out: dict[str, Any]) -> None:
    for op in operations(part, seed):
        if time.perf_counter() >= deadline:
            return
        started = time.perf_counter()
        response = await client.post(op.path, json=op.body)
        out["latencies"].append(time.perf_counter() - started)
        out["statuses"][response.status_code] = out["statuses"].get(response.status_code, 0) + 1


async def _reader(client: httpx.AsyncClient, paths: list[str], seed: int, deadline: float, out: dict[str, Any]) -> None:
    i = seed
    while time.perf_counter() < deadline:
        path = paths[i % len(paths)]
        i += 1
        started = time.perf_counter()
        response = await client.get(path)
        out["latencies"].append(time.perf_counter() - started)
        out["statuses"][response.status_code] = out["statuses"].get(response.status_code, 0) + 1


async def run(spec: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"latencies": [], "statuses": {}}
    headers = {"Authorization": f"Bearer {spec['token']}"}
    limits = httpx.Limits(max_connections=spec["clients"], max_keepalive_connections=spec["clients"])
    async with httpx.AsyncClient(base_url=spec["url"], headers=headers, limits=limits, timeout=30) as client:
        started = time.perf_counter()
        deadline = started + spec["duration"]
        if spec["mode"] == "write":
            slices = [
                Slice(s["client"], [UUID(m) for m in s["members"]], [UUID(b) for b in s["branches"]])
                for s in spec["slices"]
            ]
            tasks = [_writer(client, part, spec["seed"] + part.client, deadline, out) for part in slices]
        else:
            tasks = [_reader(client, spec["paths"], spec["seed"] + n, deadline, out) for n in range(spec["clients"])]
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
