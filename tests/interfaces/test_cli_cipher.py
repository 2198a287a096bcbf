"""The command line and the cipher key: ``ficledger keygen`` makes one; a sealed store opens with its key only, and
any other key, or none, is one line and exit status 2, never a traceback; a key rotates by export and import."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from application.register import Register
from application.store.sealing import key_problem, new_key
from interfaces.cli import cli
from tests.api.concurrent_support import free_port
from tests.factories import member
from tests.interfaces.conftest import ficledger

runner = CliRunner()
KEY = new_key()
COMMANDS = [["verify"], ["report", "coverage"], ["rebuild"], ["export", "--out", "{folder}/log.jsonl"]]
COMMAND_IDS = ["verify", "report", "rebuild", "export"]
REFUSALS = {
    "another key": (KEY, new_key(), "FICLEDGER_CIPHER_KEY 与存储的密钥不符"),
    "no key": (KEY, "", "存储已加密，请设置 FICLEDGER_CIPHER_KEY"),
    "a key for a store in clear": ("", KEY, "存储未加密，不能用 FICLEDGER_CIPHER_KEY 打开"),
}


def filled(url: str, key: str) -> str:
    register = Register({"FICLEDGER_DATABASE_URL": url, "FICLEDGER_CIPHER_KEY": key})
    try:
        for n in range(1, 4):
            member(register, n)
    finally:
        register.close()
    return url


def invoke(args: list[str], url: str, key: str, monkeypatch: pytest.MonkeyPatch, folder: Path) -> Result:
    monkeypatch.setenv("FICLEDGER_DATABASE_URL", url)
    monkeypatch.setenv("FICLEDGER_CIPHER_KEY", key)
    return runner.invoke(cli, [a.format(folder=folder) for a in args])


def test_keygen_prints_a_fresh_key_the_settings_accept() -> None:
    first, second = runner.invoke(cli, ["keygen"]), runner.invoke(cli, ["keygen"])
    assert first.exit_code == second.exit_code == 0
    [key] = first.stdout.splitlines()
    assert key_problem(key) is None
    assert len(base64.b64decode(key)) == 32
    assert second.stdout.strip() != key
    assert "妥善保管" in first.stderr


@pytest.mark.parametrize("args", COMMANDS, ids=COMMAND_IDS)
@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_key_that_does_not_fit_the_store_is_exit_2_in_one_line(
    args: list[str], case: str, store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written_with, given, message = REFUSALS[case]
    filled(store_url, written_with)
    folder = tmp_path / "out"
    folder.mkdir()
    result = invoke(args, store_url, given, monkeypatch, folder)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    [line] = result.stderr.splitlines()
    assert line.startswith(message), line
    assert KEY not in result.output
    assert list(folder.iterdir()) == []


@pytest.mark.e2e
def test_serve_with_another_key_refuses_to_start_in_one_line(sqlite_url: str) -> None:
    filled(sqlite_url, KEY)
    env = {
        "FICLEDGER_DATABASE_URL": sqlite_url,
        "FICLEDGER_CIPHER_KEY": new_key(),
        "FICLEDGER_API_KEYS": "admin:desk:admin-token-123",
    }
    result = ficledger("serve", "--port", str(free_port()), env=env)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("FICLEDGER_CIPHER_KEY 与存储的密钥不符")


def test_a_key_that_is_not_one_is_exit_2_without_repeating_it(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled(sqlite_url, KEY)
    result = invoke(["verify"], sqlite_url, "c2VjcmV0LXNob3J0", monkeypatch, tmp_path)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("设置无效 (invalid setting)：FICLEDGER_CIPHER_KEY：")
    assert "c2VjcmV0LXNob3J0" not in result.output


def test_a_key_rotates_by_export_with_the_old_and_import_with_the_new(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled(store_url, KEY)
    log = tmp_path / "log.jsonl"
    exported = invoke(["export", "--out", str(log)], store_url, KEY, monkeypatch, tmp_path)
    assert exported.exit_code == 0, exported.output
    before = invoke(["verify"], store_url, KEY, monkeypatch, tmp_path)
    rotated = f"sqlite:///{tmp_path}/rotated.sqlite3"
    new = new_key()
    imported = invoke(["import", str(log)], rotated, new, monkeypatch, tmp_path)
    assert imported.exit_code == 0, imported.output
    after = invoke(["verify"], rotated, new, monkeypatch, tmp_path)
    assert after.exit_code == 0, after.output
    assert after.stdout == before.stdout
    assert invoke(["verify"], rotated, KEY, monkeypatch, tmp_path).exit_code == 2
