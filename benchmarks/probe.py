"""Run one measured job in a fresh process, so its peak memory is its own: ``python -m benchmarks.probe JOB URL``
(``rebuild``), or ``python -m benchmarks.probe import-sheet URL FILE`` (a spreadsheet of members, imported as the
command line imports it)."""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from application.projections.runner import ViewRunner
from application.register import Register
from interfaces.api.auth import Principal
from interfaces.sheet_imports import run_import


def main() -> None:
    job, url = sys.argv[1], sys.argv[2]
    register = Register({"FICLEDGER_DATABASE_URL": url})
    started = time.perf_counter()
    result: dict[str, object] = {}
    if job == "rebuild":
        result["events"] = ViewRunner(register).rebuild()
    elif job == "import-sheet":
        path = Path(sys.argv[3])
        imported = run_import(
            register, path.read_bytes(), path.name, "members", dry_run=False, principal=Principal("bench", "registrar")
        )
        result.update(imported.as_document())
        result.pop("errors")
    else:
        raise SystemExit(f"unknown job {job}")
    elapsed = time.perf_counter() - started
    register.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({**result, "seconds": elapsed, "peak_mib": peak}))


if __name__ == "__main__":
    main()
