"""``ficledger hash-token``: the line to configure a key without its token, from an argument or standard input; the
key it configures admits that token and no other."""

from __future__ import annotations

import hashlib

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from application.register import Register
from application.settings import load_settings
from interfaces.api.app import create_app
from interfaces.cli import cli
from tests.interfaces.conftest import ficledger

runner = CliRunner()
TOKEN = "zs-clerk-token-2024"
EXPECTED = "sha256:" + hashlib.sha256(TOKEN.encode()).hexdigest()


def test_the_hash_of_a_token_given_as_an_argument() -> None:
    result = runner.invoke(cli, ["hash-token", TOKEN])
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED + "\n"


@pytest.mark.parametrize("given", [f"{TOKEN}\n", TOKEN, f"{TOKEN}\r\n"])
def test_the_hash_of_a_token_read_from_standard_input(given: str) -> None:
    result = runner.invoke(cli, ["hash-token"], input=given)
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED + "\n"
    assert runner.invoke(cli, ["hash-token", "-"], input=given).stdout == EXPECTED + "\n"


@pytest.mark.parametrize("token", ["short", "has a space", "tökén-1234", ""])
def test_a_token_no_key_could_hold_is_refused_in_one_line(token: str) -> None:
    result = runner.invoke(cli, ["hash-token"], input=token + "\n")
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("令牌不能使用 (the token cannot be used)")
    assert result.stdout == ""


def test_the_installed_command_reads_a_pipe_and_needs_no_settings() -> None:
    done = ficledger("hash-token", env={"PORT": "eighty"}, stdin=TOKEN + "\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout == EXPECTED + "\n"
    assert TOKEN not in done.stdout + done.stderr


def test_the_printed_line_configures_a_key_its_token_opens(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    printed = runner.invoke(cli, ["hash-token", TOKEN]).stdout.strip()
    monkeypatch.setenv("FICLEDGER_API_KEYS", f"reader:zs-clerk:{printed}:street=招商街道")
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    try:
        with TestClient(create_app(register, settings=load_settings())) as client:
            opened = client.get("/v1/members", headers={"Authorization": f"Bearer {TOKEN}"})
            with_hash = client.get("/v1/members", headers={"Authorization": f"Bearer {printed}"})
    finally:
        register.close()
    assert opened.status_code == 200
    assert with_hash.status_code == 401
