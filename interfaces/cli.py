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
def version() -> None:
    """Print the installed version."""
    from importlib.metadata import version as installed

    typer.echo(installed("ficledger"))


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
