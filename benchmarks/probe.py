"""Run one measured job in a fresh process, so its peak memory is its own: ``python -m benchmarks.probe JOB URL``."""

from __future__ import annotations

import json
import resource
import sys
import time

from application.projections.runner import ViewRunner
from application.register import Register


def main() -> None:
    job, url = sys.argv[1], sys.argv[2]
    register = Register({"FICLEDGER_DATABASE_URL": url})
    started = time.perf_counter()
    if job == "rebuild":
        events = ViewRunner(register).rebuild()
    else:
        raise SystemExit(f"unknown job {job}")
    elapsed = time.perf_counter() - started
    register.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"events": events, "seconds": elapsed, "peak_mib": peak}))


if __name__ == "__main__":
    main()
