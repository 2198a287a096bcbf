"""The command line on a store the register refuses to open: one line and exit status 2."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from application.register import Register
from interfaces.cli import cli
from tests.factories import member

runner = CliRunner()


@pytest.mark.parametrize("variable", ["POSTGRES_ENABLE_DB_FUNCTIONS", "FICLEDGER_POSTGRES_ENABLE_DB_FUNCTIONS"])
def test_database_functions_are_refused_with_one_line(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    member(register, 1)
    register.close()
    monkeypatch.setenv("FICLEDGER_DATABASE_URL", sqlite_url)
    monkeypatch.setenv(variable, "yes")
    result = runner.invoke(cli, ["verify"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert result.output.startswith(f"不能启用 {variable}=yes")
    assert "Traceback" not in result.output
