"""The ``ficledger`` command line: serve the API, load the demo district, and the operators' commands."""

from __future__ import annotations

import os

import typer

cli = typer.Typer(help="ficledger: the event-sourced register of a district FIC.", no_args_is_help=True)


def default_port() -> int:
    try:
        return int(os.environ.get("PORT", "8000"))
    except ValueError:
        return 8000


@cli.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(None, help="Port to listen on (default: $PORT or 8000)."),
) -> None:
    """Serve the HTTP API on the store named by FICLEDGER_DATABASE_URL."""
    from application.register import Register
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
    run_server(Register(), keys, host, port or default_port())


@cli.command()
def demo(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(None, help="Port to listen on (default: $PORT or 8000)."),
    seed: int = typer.Option(2020, help="Seed of the generated district."),
    load_only: bool = typer.Option(False, "--load-only", help="Load the demo district and exit without serving."),
) -> None:
    """Load the demo district into the configured store (once) and serve it, printing URL and tokens."""
    from tqdm import tqdm

    from application.register import Register
    from interfaces.api.auth import ApiKeys
    from interfaces.api.server import serve as run_server
    from interfaces.demo.district import build_district

    try:
        keys = ApiKeys.from_env() or ApiKeys.generate()
    except ValueError as error:
        typer.echo(f"FICLEDGER_API_KEYS is not valid: {error}", err=True)
        raise typer.Exit(2) from None
    register = Register()
    with tqdm(desc="Loading the demo district", unit=" events", leave=False) as bar:
        summary = build_district(register, seed, progress=bar.update)
    if summary.loaded:
        typer.echo(f"Loaded the demo district: {summary.events} events into {register.database_url}")
    else:
        typer.echo(f"The demo district is already in {register.database_url}; nothing added")
    port = port or default_port()
    url = f"http://{host}:{port}"
    typer.echo(f"\nficledger serves {url}\n  OpenAPI docs: {url}/docs\n  Tokens (Authorization: Bearer <token>):")
    for key in keys.keys:
        typer.echo(f"    {key.role:<10} {key.token}")
    reader = next(k for k in keys.keys if k.role in ("reader", "admin"))
    typer.echo(f"\n  Try: curl -H 'Authorization: Bearer {reader.token}' {url}/v1/grading-rounds/2020\n")
    if load_only:
        register.close()
        return
    run_server(register, keys, host, port)


@cli.command()
def version() -> None:
    """Print the installed version."""
    from importlib.metadata import version as installed

    typer.echo(installed("ficledger"))


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
