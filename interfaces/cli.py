"""The ``ficledger`` command line."""

from __future__ import annotations

import typer

cli = typer.Typer(help="ficledger: the event-sourced register of a district FIC.", no_args_is_help=True)


@cli.command()
def version() -> None:
    """Print the installed version."""
    from importlib.metadata import version as installed

    typer.echo(installed("ficledger"))


def main() -> None:
    cli()
