"""``make bench``: run every measurement, print one table, and write benchmarks/RESULTS.md."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import suites
from benchmarks.machine import facts
from benchmarks.stats import Figure
from benchmarks.stores import POSTGRES_URL, postgres_reachable

RESULTS = Path(__file__).parent / "RESULTS.md"
READING = "## Reading the figures"


def kept_reading() -> str:
    """The hand-written section of RESULTS.md (what the figures mean, what the profile shows), kept across runs."""
    if not RESULTS.exists():
        return ""
    text = RESULTS.read_text(encoding="utf-8")
    start = text.find(READING)
    return "\n" + text[start:] if start >= 0 else ""


def table(figures: list[Figure]) -> str:
    rows = [["figure", "median", "spread (min–max)", "runs", "goal", "standing"], *[f.row() for f in figures]]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="short runs on a smaller district (under 3 minutes)")
    parser.add_argument(
        "--only", metavar="NAME", help="run the measurements whose name starts with NAME; print, write no file"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    kinds = ["sqlite", "postgres"] if postgres_reachable() else ["sqlite"]
    figures: list[Figure] = []
    for name, job in [
        ("state at a version", lambda: suites.state_at_version(args.quick)),
        ("rebuild and as-of", lambda: suites.rebuild_and_as_of(args.quick)),
        ("import of a spreadsheet", lambda: suites.imports(args.quick)),
        *[(f"writes on {k}", lambda k=k: suites.writes(k, args.quick)) for k in kinds],
        *[(f"reads on {k}", lambda k=k: suites.reads(k, args.quick)) for k in kinds],
    ]:
        if args.only and not name.startswith(args.only):
            continue
        print(f"- {name} ...", file=sys.stderr, flush=True)
        figures += job()
    elapsed = time.perf_counter() - started
    text = table(figures)
    print(text)
    if args.only:
        return
    machine = facts(POSTGRES_URL if "postgres" in kinds else None)
    RESULTS.write_text(
        "# Benchmark results\n\n"
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `make bench{' QUICK=1' if args.quick else ''}`, "
        f"{elapsed:.0f} s in all. Medians over repeated runs, spread as min–max.\n\n"
        "## Machine\n\n"
        + "\n".join(f"- {k}: {v}" for k, v in machine.items())
        + "\n\n## Figures\n\n"
        + text
        + "\n"
        + kept_reading(),
        encoding="utf-8",
    )
    print(f"\nwritten to {RESULTS} ({elapsed:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
