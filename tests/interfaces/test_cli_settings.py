"""The command line reads its settings once, before it touches a store: a value that cannot be used is one line
naming the variable and exit status 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from interfaces.cli import cli

runner = CliRunner()
KEYS = "admin:desk:admin-token-123"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("FICLEDGER_AS_OF_SETTLING", "soon"),
        ("FICLEDGER_PROJECTIONS", "both"),
        ("PORT", "eighty"),
        ("FICLEDGER_ACCESS_LOG_RETENTION_DAYS", "90"),
    ],
)
@pytest.mark.parametrize("args", [["serve"], ["demo", "--load-only"], ["verify"], ["report", "coverage"], ["project"]])
def test_a_setting_that_cannot_be_used_is_one_line_and_exit_2(
    name: str, value: str, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FICLEDGER_DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")
    monkeypatch.setenv("FICLEDGER_API_KEYS", KEYS)
    monkeypatch.setenv(name, value)
    result = runner.invoke(cli, args)
    assert result.exit_code == 2, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("设置无效 (invalid setting)：")
    assert f"{name}={value!r}" in line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        (None, "FICLEDGER_API_KEYS 未设置"),
        ("registrar:li-wei", "FICLEDGER_API_KEYS 无效 (FICLEDGER_API_KEYS is not valid)：API key 1 is not role"),
    ],
)
def test_serve_needs_keys_it_can_use(
    keys: str | None, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FICLEDGER_DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")
    if keys is None:
        monkeypatch.delenv("FICLEDGER_API_KEYS", raising=False)
    else:
        monkeypatch.setenv("FICLEDGER_API_KEYS", keys)
    result = runner.invoke(cli, ["serve"])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(message)
    assert list(tmp_path.iterdir()) == []


def test_version_needs_no_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "eighty")
    result = runner.invoke(cli, ["version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == "0.1.0"
