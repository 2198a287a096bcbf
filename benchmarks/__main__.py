"""``make bench``: run every measurement, print one table, and write benchmarks/RESULTS.md."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import suites
from benchmarks.cipher import cipher_cost
from benchmarks.console import console_pages
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


ON_REQUEST = ("servers-",)
"""Suites a whole run leaves out, run only when named with ``--only``: granian against uvicorn is a comparison to
make again when either changes, not a figure of the register."""

HEADER = ["figure", "median", "spread (min–max)", "runs", "goal", "standing"]


def table(figures: list[Figure], kept: list[list[str]] | None = None) -> str:
    """The figures as a Markdown table; with ``kept`` (rows of an earlier run), those rows stay, each replaced in
    place by the new figure of the same name, and the new figures without one follow."""
    fresh = {f.name: f.row() for f in figures}
    rows = [fresh.pop(row[0], row) for row in kept or []]
    rows = [HEADER, *rows, *fresh.values()]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def kept_rows() -> list[list[str]]:
    """The figure rows of RESULTS.md as it stands."""
    if not RESULTS.exists():
        return []
    text = RESULTS.read_text(encoding="utf-8")
    figures = text[text.find("## Figures") : text.find(READING) if READING in text else len(text)]
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in figures.splitlines()]
    return [row for row in rows if len(row) == len(HEADER) and row != HEADER and not set(row[0]) <= {"-"}]


def kept_header() -> str:
    """The line of RESULTS.md that says when its full run was made."""
    if not RESULTS.exists():
        return ""
    return next((line for line in RESULTS.read_text(encoding="utf-8").splitlines() if line.startswith("Run ")), "")


def suites_of(quick: bool, kinds: list[str]) -> dict[str, Callable[[], list[Figure]]]:
    """Every suite, by the name ``--only`` takes."""
    return {
        "state": lambda: suites.state_at_version(quick),
        "rebuild": lambda: suites.rebuild_and_as_of(quick),
        "imports": lambda: suites.imports(quick),
        "console": lambda: console_pages(quick),
        **{f"writes-{k}": (lambda k=k: suites.writes(k, quick)) for k in kinds},
        **{f"reads-{k}": (lambda k=k: suites.reads(k, quick)) for k in kinds},
        **{f"cipher-{k}": (lambda k=k: cipher_cost(k, quick)) for k in kinds},
        **{f"servers-{k}": (lambda k=k: suites.servers(k, quick)) for k in kinds},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="short runs on a smaller district (under 3 minutes)")
    parser.add_argument(
        "--only",
        action="append",
        metavar="SUITE",
        help="run only this suite (state, rebuild, imports, console, writes-sqlite, cipher-sqlite, servers-sqlite, "
        "...; repeatable; servers-* run only when named); "
        "its rows replace theirs in RESULTS.md and the other rows stay",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    kinds = ["sqlite", "postgres"] if postgres_reachable() else ["sqlite"]
    jobs = suites_of(args.quick, kinds)
    unknown = sorted(set(args.only or ()) - set(jobs))
    if unknown:
        parser.error(f"no suite {', '.join(unknown)}; suites: {', '.join(jobs)}")
    figures: list[Figure] = []
    for name, job in jobs.items():
        if (args.only and name not in args.only) or (not args.only and name.startswith(ON_REQUEST)):
            continue
        print(f"- {name} ...", file=sys.stderr, flush=True)
        figures += job()
    elapsed = time.perf_counter() - started
    machine = facts(POSTGRES_URL if "postgres" in kinds else None)
    command = f"make bench{' QUICK=1' if args.quick else ''}"
    when = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    if args.only:
        text = table(figures, kept_rows())
        header = (
            f"{kept_header()}\n\nThe rows of {', '.join(args.only)} were measured again on {when} with "
            f"`python -m benchmarks{' --quick' if args.quick else ''} {' '.join('--only ' + o for o in args.only)}`, "
            f"{elapsed:.0f} s."
        )
    else:
        text = table(figures)
        header = f"Run {when} with `{command}`, {elapsed:.0f} s in all. Medians over repeated runs, spread as min–max."
    print(table(figures))
    RESULTS.write_text(
        "# Benchmark results\n\n"
        + header
        + "\n\n## Machine\n\n"
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
