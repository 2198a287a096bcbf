"""The measurements: writes and reads through HTTP, the same writes in-process, rebuilds against a raw scan,
as-of reports at district scale, and state at a version with and without snapshots."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from application.demo.district import Size, build_district
from application.projections.runner import ViewRunner
from application.register import Register
from application.reports.service import build_report
from benchmarks.server import TOKEN, serving
from benchmarks.stats import Figure
from benchmarks.stores import store
from benchmarks.workload import REGISTRAR, operations, prepare
from interfaces.exports import filing, to_xlsx

CACHE = Path(__file__).parent / ".cache"
STANDS_ON = date(2022, 2, 28)
"""The day every generated district stands on, so that figures compare from one run to the next: graded to 2021."""
DISTRICT = Size(streets=8, chambers=40, members=20_000, branches=3_000, years=10, life_density=0.75)
WRITE_GOALS = {"sqlite": 800, "postgres": 600}
QUICK_DISTRICT = Size(streets=6, chambers=12, members=2_000, branches=300, years=6)


def _load(spec: dict[str, Any]) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(spec, handle)
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.load", handle.name], capture_output=True, text=True, check=True
    ).stdout
    Path(handle.name).unlink()
    return json.loads(output.strip().splitlines()[-1])


def writes(kind: str, quick: bool) -> list[Figure]:
    """Write throughput and latency through HTTP at 1, 4 and 16 clients beside the ``/healthz`` floor of the same
    server in the same run (16 clients against 1, and against the floor, as ratios), and the same commands
    in-process."""
    repeats, duration = (1, 3.0) if quick else (3, 8.0)
    figures: list[Figure] = []
    with store(kind) as url:
        register = Register({"FICLEDGER_DATABASE_URL": url})
        slices = prepare(register, 16, members_per_client=10, branches_per_client=10)
        inprocess = Figure(f"{kind}: writes in-process, 1 thread", "cmd/s", goal="reference for HTTP")
        for run in range(repeats):
            ops = list(
                itertools.islice(
                    operations(slices[run % 16], seed=900 + run, start=5_000_000 + run * 100_000),
                    600 if quick else 2000,
                )
            )
            started = time.perf_counter()
            for op in ops:
                op.call(register)
            inprocess.values.append(len(ops) / (time.perf_counter() - started))
        register.close()
        spec_slices = [
            {"client": s.client, "members": [str(m) for m in s.members], "branches": [str(b) for b in s.branches]}
            for s in slices
        ]
        rates: dict[int, Figure] = {}
        with serving(url) as server:
            floor = Figure(f"{kind}: /healthz floor beside the writes, 16 clients", "req/s")
            for run in range(repeats):
                result = _load(
                    {
                        "url": server.url,
                        "token": TOKEN,
                        "clients": 16,
                        "duration": duration,
                        "mode": "read",
                        "seed": run,
                        "paths": ["/healthz"],
                    }
                )
                floor.values.append(result["throughput"])
            figures.append(floor)
            for clients in (1, 4, 16):
                at_goal = clients == 16
                rate = Figure(
                    f"{kind}: HTTP writes, {clients} clients",
                    "cmd/s",
                    goal=f">= {WRITE_GOALS[kind]:,}/s" if at_goal else "",
                    target=WRITE_GOALS[kind] if at_goal else None,
                )
                p50 = Figure(f"{kind}: HTTP write p50, {clients} clients", "ms", higher_is_better=False)
                p99 = Figure(
                    f"{kind}: HTTP write p99, {clients} clients",
                    "ms",
                    goal="<= 50 ms" if at_goal else "",
                    higher_is_better=False,
                    target=50 if at_goal else None,
                )
                for run in range(repeats):
                    result = _load(
                        {
                            "url": server.url,
                            "token": TOKEN,
                            "clients": clients,
                            "duration": duration,
                            "mode": "write",
                            "seed": 1000 * clients + run,
                            "start": 1_000_000 * clients + 100_000 * run,
                            "slices": spec_slices[:clients],
                        }
                    )
                    rate.values.append(result["throughput"])
                    p50.values.append(result["p50_ms"])
                    p99.values.append(result["p99_ms"])
                    errors = sum(v for k, v in result["statuses"].items() if not k.startswith("2"))
                    if errors:
                        print(
                            f"  {kind} {clients} clients: {errors} non-2xx answers {result['statuses']}",
                            file=sys.stderr,
                        )
                figures += [rate, p50, p99]
                rates[clients] = rate
            memory = Figure(f"{kind}: server peak memory after write load", "MiB", higher_is_better=False)
            memory.values.append(server.peak_memory_mib())
            figures.append(memory)
        workers = os.cpu_count() or 2
        with serving(url, workers=workers) as server:
            rate = Figure(f"{kind}: HTTP writes, 16 clients, {workers} worker processes", "cmd/s")
            p99 = Figure(
                f"{kind}: HTTP write p99, 16 clients, {workers} worker processes", "ms", higher_is_better=False
            )
            for run in range(repeats):
                result = _load(
                    {
                        "url": server.url,
                        "token": TOKEN,
                        "clients": 16,
                        "duration": duration,
                        "mode": "write",
                        "seed": 77 + run,
                        "start": 30_000_000 + 100_000 * run,
                        "slices": spec_slices,
                    }
                )
                rate.values.append(result["throughput"])
                p99.values.append(result["p99_ms"])
            figures += [rate, p99]
    ratio = Figure(f"{kind}: HTTP at 16 clients / in-process", "x", goal=">= 0.5", target=0.5)
    ratio.values = [h / i for h, i in zip(rates[16].values, inprocess.values, strict=False)]
    scaling = Figure(f"{kind}: HTTP writes, 16 clients / 1 client", "x", goal=">= 1", target=1)
    scaling.values = [m / o for m, o in zip(rates[16].values, rates[1].values, strict=False)]
    to_floor = Figure(f"{kind}: HTTP writes at 16 clients / the /healthz floor", "x", goal=">= 0.5", target=0.5)
    to_floor.values = [w / f for w, f in zip(rates[16].values, floor.values, strict=False)]
    return [inprocess, *figures, ratio, scaling, to_floor]


def reads(kind: str, quick: bool) -> list[Figure]:
    """Read throughput and p99 at 16 clients: current state of one record, a list page, a classification report."""
    repeats, duration = (1, 3.0) if quick else (3, 8.0)
    figures: list[Figure] = []
    with store(kind) as url:
        register = Register({"FICLEDGER_DATABASE_URL": url})
        summary = build_district(register, seed=11, until=STANDS_ON)
        register.close()
        state_paths = [f"/v1/members/{m}" for m in summary.members[:200]] + [
            f"/v1/branches/{b}" for b in summary.branches[:100]
        ]
        cases = {
            "the HTTP stack's floor: /healthz, no auth, one query": (["/healthz"], ""),
            "current state": (state_paths, ">= 3,000/s"),
            "list page (50)": (["/v1/members?limit=50", "/v1/branches?limit=50&street=南山街道"], ""),
            "classification report": (["/v1/reports/classification/2020"], ""),
        }
        with serving(url) as server:
            for label, (paths, goal) in cases.items():
                rate = Figure(
                    f"{kind}: HTTP reads, {label}, 16 clients", "req/s", goal=goal, target=3000 if goal else None
                )
                p99 = Figure(f"{kind}: HTTP read p99, {label}", "ms", higher_is_better=False)
                for run in range(repeats):
                    result = _load(
                        {
                            "url": server.url,
                            "token": TOKEN,
                            "clients": 16,
                            "duration": duration,
                            "mode": "read",
                            "seed": run,
                            "paths": paths,
                        }
                    )
                    rate.values.append(result["throughput"])
                    p99.values.append(result["p99_ms"])
                figures += [rate, p99]
    return figures


def _generator_sources() -> str:
    """A fingerprint of the code that generates a district (the demo planner and the domain it records through):
    a district kept from before a change of either is generated again, not measured as if it were current."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for source in sorted([*(root / "application" / "demo").glob("*.py"), *(root / "domain").glob("*.py")]):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _district(size: Size, name: str) -> str:
    """An SQLite file holding a generated district, kept between runs; generated under another name and moved into
    place only when complete, so an interrupted run leaves nothing the next one would mistake for the district."""
    CACHE.mkdir(exist_ok=True)
    key = hashlib.sha256(repr((size, STANDS_ON, _generator_sources())).encode()).hexdigest()[:8]
    path = CACHE / f"{name}-{key}.sqlite3"
    if not path.exists():
        partial = path.with_suffix(".partial")
        for leftover in CACHE.glob(f"{partial.name}*"):
            leftover.unlink()
        register = Register({"FICLEDGER_DATABASE_URL": f"sqlite:///{partial}"})
        started = time.perf_counter()
        summary = build_district(register, seed=2024, size=size, until=STANDS_ON)
        register.close()
        print(
            f"  generated {name}: {summary.events:,} events in {time.perf_counter() - started:.0f} s", file=sys.stderr
        )
        partial.rename(path)
        for stale in CACHE.glob(f"{name}-*.sqlite3"):
            if stale != path:
                stale.unlink()
    return f"sqlite:///{path}"


def rebuild_and_as_of(quick: bool) -> list[Figure]:
    """Rebuild of the view over a district's log against a raw scan of the same events; the as-of report."""
    size, name = (QUICK_DISTRICT, "district-quick") if quick else (DISTRICT, "district-1m")
    url = _district(size, name)
    repeats = 1 if quick else 3
    register = Register({"FICLEDGER_DATABASE_URL": url})
    total = register.recorder.max_notification_id() or 0
    scan = Figure(f"raw scan ({total:,} events: select + decode)", "events/s", goal="the floor")
    rebuild = Figure(f"rebuild of the view ({total:,} events)", "events/s", goal=">= 50,000/s", target=50_000)
    peak = Figure("rebuild peak memory (own process)", "MiB", higher_is_better=False)
    as_of = Figure(
        f"as-of classification report ({total:,} events)", "s", goal="<= 10 s", higher_is_better=False, target=10
    )
    live = Figure("classification report from the live view", "s", higher_is_better=False)
    filed = Figure("reports laid out and written as XLSX", "s", higher_is_better=False)
    asked = [("classification", STANDS_ON.year - 2), ("coverage", None), ("organizational-life", STANDS_ON.year - 2)]
    for _ in range(repeats):
        started, start = time.perf_counter(), 0
        while True:
            batch = register.recorder.select_notifications(start, 10_000, inclusive_of_start=False)
            for notification in batch:
                register.mapper.to_domain_event(notification)
            if len(batch) < 10_000:
                break
            start = batch[-1].id
        scan.values.append(total / (time.perf_counter() - started))
        probe = subprocess.run(
            [sys.executable, "-m", "benchmarks.probe", "rebuild", url], capture_output=True, text=True, check=True
        )
        result = json.loads(probe.stdout.strip().splitlines()[-1])
        rebuild.values.append(result["events"] / result["seconds"])
        peak.values.append(result["peak_mib"])
        started = time.perf_counter()
        build_report(register, ViewRunner(register), "classification", STANDS_ON.year - 2, as_of=datetime.now(UTC))
        as_of.values.append(time.perf_counter() - started)
        started = time.perf_counter()
        build_report(register, ViewRunner(register), "classification", STANDS_ON.year - 2, on=date.today())
        live.values.append(time.perf_counter() - started)
        reports = [build_report(register, ViewRunner(register), name, year, on=date.today()) for name, year in asked]
        started, rows = time.perf_counter(), 0
        for report in reports:
            laid_out = filing(report)
            to_xlsx(laid_out)
            rows += sum(len(table.rows) for table in laid_out.tables)
        filed.values.append(time.perf_counter() - started)
        filed.name = f"classification, coverage, organizational life laid out as XLSX ({rows:,} rows)"
    ratio = Figure("rebuild / raw scan", "x", goal=">= 0.5", target=0.5)
    ratio.values = [r / s for r, s in zip(rebuild.values, scan.values, strict=True)]
    register.close()
    return [scan, rebuild, ratio, peak, as_of, live, filed]


class WithoutSnapshots(Register):
    """The register with snapshots switched off, to show what they are worth."""

    snapshotting_intervals = {}  # noqa: RUF012


def state_at_version(quick: bool) -> list[Figure]:
    """Reading a 1,000-event stream at a random version, and as of a random recorded time."""
    samples = 50 if quick else 200
    figures: list[Figure] = []
    with store("sqlite") as url:
        register = Register({"FICLEDGER_DATABASE_URL": url})
        ident = register.join_member(
            REGISTRAR, "91440305MA0000001W", "基准企业", "南山街道", "制造业", date(2019, 1, 1)
        ).aggregate.id
        times = []
        for n in range(999):
            times.append(
                register.amend_member(REGISTRAR, ident, {"industry": f"行业{n}"}, "调整").aggregate.modified_on
            )
        rng = random.Random(5)
        for cls, label in ((Register, "with snapshots"), (WithoutSnapshots, "without snapshots")):
            app = cls({"FICLEDGER_DATABASE_URL": url})
            snapshots = cls is Register
            version = Figure(
                f"state at a version, 1,000-event stream, {label}",
                "ms",
                goal="<= 10 ms" if snapshots else "",
                higher_is_better=False,
                target=10 if snapshots else None,
            )
            as_of = Figure(f"state as of a time, 1,000-event stream, {label}", "ms", higher_is_better=False)
            for _ in range(3):
                started = time.perf_counter()
                for _ in range(samples):
                    app.get_member(ident, version=rng.randrange(1, 1001))
                version.values.append((time.perf_counter() - started) / samples * 1000)
                started = time.perf_counter()
                for _ in range(samples // 5):
                    moment = times[rng.randrange(len(times))]
                    app.get_member(ident, version=app.version_as_of(ident, moment))
                as_of.values.append((time.perf_counter() - started) / (samples // 5) * 1000)
            figures += [version, as_of]
            app.close()
        register.close()
    return figures


IMPORT_ROWS = 20_000


def member_roster(path: Path, rows: int = IMPORT_ROWS) -> None:
    """A roster of ``rows`` member enterprises as a clerk's workbook: a title above the header, valid credit codes,
    Excel date cells, streets and industries of the demo district; the same file at every run."""
    from openpyxl import Workbook

    from application.demo.names import INDUSTRIES, STREETS
    from domain.credit_code import check_character

    rng = random.Random(20_000)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("会员企业")
    sheet.append(["南山区工商联会员名册"])
    sheet.append(["统一社会信用代码", "企业名称", "所在街道", "所属行业", "入会日期"])
    industries = list(INDUSTRIES)
    for n in range(1, rows + 1):
        body = f"91440305MA{n:07d}"
        sheet.append(
            [
                body + check_character(body),
                f"深圳市{n:05d}号示例{rng.choice(['科技', '贸易', '制造', '物流'])}有限公司",
                rng.choice(STREETS),
                rng.choice(industries),
                datetime(rng.randint(2005, 2024), rng.randint(1, 12), rng.randint(1, 28)),
            ]
        )
    book.save(path)


def imports(quick: bool) -> list[Figure]:
    """A roster of 20,000 members imported into an empty SQLite store (read, every row checked, recorded in one
    transaction), in a fresh process so that its peak memory is its own; then the same file again (unchanged)."""
    repeats = 1 if quick else 3
    first = Figure(
        f"sqlite: import of {IMPORT_ROWS:,} member rows (xlsx), read, checked and recorded",
        "s",
        goal="<= 30 s",
        higher_is_better=False,
        target=30,
    )
    peak = Figure(
        f"sqlite: import of {IMPORT_ROWS:,} member rows, peak memory (own process)",
        "MiB",
        goal="<= 300 MiB",
        higher_is_better=False,
        target=300,
    )
    again = Figure(f"sqlite: the same {IMPORT_ROWS:,} rows imported again (all unchanged)", "s", higher_is_better=False)
    with tempfile.TemporaryDirectory(prefix="ficledger-bench-import-") as folder:
        roster = Path(folder) / "会员名册.xlsx"
        member_roster(roster)
        for run in range(repeats):
            url = f"sqlite:///{folder}/import-{run}.sqlite3"
            for figure in (first, again):
                probe = subprocess.run(
                    [sys.executable, "-m", "benchmarks.probe", "import-sheet", url, str(roster)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                result = json.loads(probe.stdout.strip().splitlines()[-1])
                expected = ("accepted", "unchanged")[figure is again]
                if result[expected] != IMPORT_ROWS:
                    raise RuntimeError(f"the import did not take every row: {result}")
                figure.values.append(result["seconds"])
                if figure is first:
                    peak.values.append(result["peak_mib"])
    return [first, peak, again]
