"""The ``ficledger`` command line: serve the API, load the demo district, and the operators' commands."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from application.register import Register

cli = typer.Typer(help="ficledger: the event-sourced register of a district FIC.", no_args_is_help=True)


def open_register() -> Register:
    """The register on FICLEDGER_DATABASE_URL, or a clear message and exit status 2 when that URL is unusable."""
    from application.register import Register
    from application.store import StoreConfigError

    try:
        return Register()
    except StoreConfigError as error:
        typer.echo(f"FICLEDGER_DATABASE_URL: {error}", err=True)
        raise typer.Exit(2) from None


def default_port() -> int:
    """$PORT, or 8000; a PORT that is not a port number is a clear message and exit status 2."""
    text = os.environ.get("PORT", "").strip() or "8000"
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        typer.echo(f"PORT must be a port number from 1 to 65535, not {text!r}", err=True)
        raise typer.Exit(2)
    return int(text)


@cli.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(None, min=1, max=65535, help="Port to listen on (default: $PORT or 8000)."),
    workers: int = typer.Option(1, min=1, max=64, help="Worker processes, each with its own application."),
) -> None:
    """Serve the HTTP API on the store named by FICLEDGER_DATABASE_URL."""
    from interfaces.api.auth import ApiKeys
    from interfaces.api.server import serve as run_server

    try:
        keys = ApiKeys.from_env()
    except ValueError as error:
        typer.echo(f"FICLEDGER_API_KEYS is not valid: {error}", err=True)
        raise typer.Exit(2) from None
    if keys is None:
        typer.echo(
            "FICLEDGER_API_KEYS is not set: give role:name:token triples, e.g. "
            "FICLEDGER_API_KEYS=registrar:li-wei:s3cret-token,auditor:audit-office:t0ken-123 "
            "(or run `ficledger demo`, which makes demo keys)",
            err=True,
        )
        raise typer.Exit(2)
    require_settling()
    port = port or default_port()
    run_server(open_register(), keys, host, port, workers)


def require_settling() -> None:
    """Exit with status 2 when FICLEDGER_AS_OF_SETTLING is not a number of seconds."""
    from application.moments import settling

    try:
        settling()
    except ValueError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None


@cli.command()
def demo(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(None, help="Port to listen on (default: $PORT or 8000)."),
    seed: int = typer.Option(2020, help="Seed of the generated district."),
    load_only: bool = typer.Option(False, "--load-only", help="Load the demo district and exit without serving."),
) -> None:
    """Load the demo district into the configured store (once) and serve it, printing URL and tokens."""
    require_settling()
    from tqdm import tqdm

    from application.demo.district import DEMO, DistrictConflict, build_district
    from interfaces.api.auth import ApiKeys
    from interfaces.api.server import serve as run_server
    from interfaces.demo_keys import DemoFile, shown_url, welcome

    try:
        configured = ApiKeys.from_env()
    except ValueError as error:
        typer.echo(f"FICLEDGER_API_KEYS is not valid: {error}", err=True)
        raise typer.Exit(2) from None
    register = open_register()
    where = shown_url(register.database_url)
    kept = DemoFile.beside(register.database_url)
    try:
        with tqdm(desc="Loading the demo district", unit=" events", leave=False) as bar:
            summary = build_district(register, seed, DEMO, receipt=kept.receipt, progress=bar.update)
    except DistrictConflict as error:
        register.close()
        typer.echo(
            f"{where}: {error}; load the demo into an empty store (set FICLEDGER_DATABASE_URL, or remove the file)"
            + (f"; a complete load is marked in {kept.path}" if kept.path else ""),
            err=True,
        )
        raise typer.Exit(2) from None
    keys = kept.keep(summary.receipt, renew=summary.loaded)
    if summary.loaded:
        typer.echo(
            f"Loaded the demo district into {where}: {summary.events:,} events in {summary.seconds:.1f} s "
            f"({summary.events_per_second:,.0f} events/s)"
        )
    else:
        typer.echo(f"The demo district is already in {where}; nothing added")
    if kept.path:
        typer.echo(f"Its tokens are kept in {kept.path} (readable by its owner only)")
    port = port or default_port()
    typer.echo(welcome(host, port, configured or keys, summary.receipt.stands_on))
    if load_only:
        register.close()
        return
    run_server(register, configured or keys, host, port)


@cli.command()
def project(interval: float = typer.Option(0.5, help="Seconds between polls of the log.")) -> None:
    """Keep the views up to date as a worker process (run the API with FICLEDGER_PROJECTIONS=worker beside it)."""
    import signal
    import threading

    from application.projections.runner import ViewRunner

    register = open_register()
    runner = ViewRunner(register)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    typer.echo(f"Keeping the views of {register.database_url} up to date (Ctrl+C to stop)")
    while not stop.is_set():
        runner.catch_up()
        stop.wait(interval)
    register.close()


@cli.command()
def rebuild(
    view: str = typer.Argument("register_view", help="The view to rebuild (there is one: register_view)."),
) -> None:
    """Drop a view and rebuild it from position 0, printing the events per second."""
    import time

    from tqdm import tqdm

    from application.projections.projection import RegisterProjection
    from application.projections.runner import ViewRunner

    if view != RegisterProjection.name:
        typer.echo(f"no view {view!r}; views: {RegisterProjection.name}", err=True)
        raise typer.Exit(2)
    register = open_register()
    runner = ViewRunner(register)
    total = register.recorder.max_notification_id() or 0
    started = time.perf_counter()
    with tqdm(total=total, desc=f"Rebuilding {view}", unit=" events") as bar:
        events = runner.rebuild(bar.update)
    elapsed = time.perf_counter() - started
    register.close()
    typer.echo(
        f"Rebuilt {view}: {events} events in {elapsed:.2f} s, {events / elapsed if elapsed else 0:,.0f} events/s"
    )


@cli.command()
def report(
    name: Annotated[str, typer.Argument(help="classification, coverage, chambers, organizational-life or key-focus")],
    year: Annotated[int | None, typer.Argument(help="The year, for classification and organizational-life")] = None,
    fmt: Annotated[str, typer.Option("--format", help="json, csv or xlsx")] = "json",
    out: Annotated[Path | None, typer.Option("--out", help="File to write (default: standard output)")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="RFC 3339 time: the report as it stood then")] = None,
) -> None:
    """Build a report from the configured store and write it as JSON, CSV or XLSX."""
    import json
    import sys
    from datetime import datetime

    from application.moments import settled
    from application.projections.runner import ViewRunner
    from application.reports.service import UnknownReport, build_report
    from interfaces.exports import to_csv, to_xlsx

    if fmt not in ("json", "csv", "xlsx"):
        typer.echo("--format is json, csv or xlsx", err=True)
        raise typer.Exit(2)
    moment = None
    if as_of:
        try:
            moment = datetime.fromisoformat(as_of.replace("Z", "+00:00"))
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            typer.echo("--as-of is an RFC 3339 time with an offset, e.g. 2021-01-15T08:30:00Z", err=True)
            raise typer.Exit(2)
        try:
            settled(moment)
        except ValueError as error:
            typer.echo(f"--as-of: {error}", err=True)
            raise typer.Exit(2) from None
    if fmt == "xlsx" and out is None:
        typer.echo("an XLSX report needs --out", err=True)
        raise typer.Exit(2)
    register = open_register()
    try:
        document = build_report(register, ViewRunner(register), name, year, moment)
    except UnknownReport as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    finally:
        register.close()
    data = {
        "json": lambda: json.dumps(document, ensure_ascii=False, indent=2).encode(),
        "csv": lambda: to_csv(document),
        "xlsx": lambda: to_xlsx(document),
    }[fmt]()
    if out is None:
        sys.stdout.buffer.write(data)
    else:
        out.write_bytes(data)
        typer.echo(f"Wrote the {name} report to {out} (fingerprint {document['fingerprint']})")


@cli.command()
def verify(
    position: int = typer.Option(None, help="Position of a head published earlier (a report's position)."),
    head: str = typer.Option(None, help="The head published at that position (a report's chain_head)."),
) -> None:
    """Recompute the hash chain over the stored log; exit 0 when it holds, 1 where it was altered."""
    import json

    from tqdm import tqdm

    from application.audit.verify import verify as verify_log

    if (position is None) != (head is None):
        typer.echo("give --position and --head together", err=True)
        raise typer.Exit(2)
    register = open_register()
    total = register.recorder.max_notification_id() or 0
    with tqdm(total=total, desc="Verifying", unit=" events", leave=False) as bar:
        result = verify_log(register, (position, head) if position is not None else None, bar.update)
    register.close()
    typer.echo(json.dumps(result.as_dict(), indent=2))
    raise typer.Exit(0 if result.ok else 1)


@cli.command("export")
def export_command(out: Annotated[Path, typer.Option("--out", help="File to write (JSON Lines).")]) -> None:
    """Write the whole log with its hash chain to a file."""
    from tqdm import tqdm

    from application.audit.transfer import ImportRefused, export_log

    register = open_register()
    try:
        with out.open("w", encoding="utf-8") as handle, tqdm(desc="Exporting", unit=" events", leave=False) as bar:
            trailer = export_log(register, handle, bar.update)
    except ImportRefused as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(1) from None
    finally:
        register.close()
    typer.echo(f"Exported {trailer['count']} events to {out}; head {trailer['head']}")


@cli.command("import")
def import_command(
    source: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A file written by export.")],
) -> None:
    """Import an exported log into an empty store; refuses a file whose chain does not verify."""
    from tqdm import tqdm

    from application.audit.transfer import ImportRefused, import_log

    register = open_register()
    try:
        with tqdm(desc="Importing", unit=" events", leave=False) as bar:
            result = import_log(register, source, bar.update)
    except ImportRefused as error:
        typer.echo(f"Refused: {error}", err=True)
        raise typer.Exit(1) from None
    finally:
        register.close()
    typer.echo(f"Imported {result['count']} events; head {result['head']}")


@cli.command()
def version() -> None:
    """Print the installed version."""
    from importlib.metadata import version as installed

    typer.echo(installed("ficledger"))


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
