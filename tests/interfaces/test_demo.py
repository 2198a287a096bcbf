"""`ficledger demo`: loads the district once, as it stands today, and serves it with tokens that stay the same
across restarts of the same store, kept in a file beside it that only its owner may read."""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from application.demo.district import build_district
from application.demo.size import Size
from application.register import Register
from domain.grading_round import round_id
from interfaces.api.auth import ROLES, ApiKeys
from interfaces.cli import cli
from interfaces.demo_keys import DemoFile, file_beside
from tests.factories import member

runner = CliRunner()
TOKEN_LINE = re.compile(r"^    (\w+) +\S+ +(\S{24,})$", re.MULTILINE)
HAPPENED_ON = ("joined_on", "held_on", "on", "founded_on", "established_on", "reviewed_on", "starts_on")


@dataclass
class Demo:
    """The demo district as `ficledger demo` loaded it, what the command printed and what it served."""

    url: str
    path: Path
    output: str
    served: list[tuple[Any, ...]]
    register: Register


def _invoke(monkeypatch: pytest.MonkeyPatch, url: str, *args: str, keys: str | None = None) -> tuple[Result, list]:
    served: list[tuple[Any, ...]] = []
    monkeypatch.setenv("FICLEDGER_DATABASE_URL", url)
    if keys is None:
        monkeypatch.delenv("FICLEDGER_API_KEYS", raising=False)
    else:
        monkeypatch.setenv("FICLEDGER_API_KEYS", keys)
    monkeypatch.setattr("interfaces.api.server.serve", lambda *a: served.append(a))
    return runner.invoke(cli, ["demo", *args]), served


def _tokens(output: str) -> dict[str, str]:
    return dict(TOKEN_LINE.findall(output))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    url = f"sqlite:///{path}"
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("PORT", "8123")
        result, served = _invoke(monkeypatch, url)
    assert result.exit_code == 0, result.output
    register = Register({"FICLEDGER_DATABASE_URL": url})
    yield Demo(url, path, result.output, served, register)
    register.close()
    for args in served:
        args[0].close()


def test_demo_loads_the_district_prints_how_to_use_it_and_serves_it(demo: Demo) -> None:
    assert "Loaded the demo district" in demo.output
    assert "http://127.0.0.1:8123/docs" in demo.output
    [(register, keys, host, port)] = demo.served
    assert isinstance(register, Register)
    assert register.database_url == demo.url
    assert (host, port) == ("127.0.0.1", 8123)
    assert sorted(k.role for k in keys.keys) == sorted(ROLES)
    assert _tokens(demo.output) == {k.role: k.token for k in keys.keys}
    assert len(set(_tokens(demo.output).values())) == len(ROLES)
    assert "curl -H 'Authorization: Bearer " in demo.output


def test_the_district_runs_to_today(demo: Demo) -> None:
    day = DemoFile.beside(demo.url).receipt.stands_on
    assert day in (date.today(), date.today() - timedelta(days=1))
    events = [demo.register.mapper.to_domain_event(n) for n in demo.register.recorder.select_notifications(1, 10**7)]
    happened = [getattr(e, f) for e in events for f in HAPPENED_ON if isinstance(getattr(e, f, None), date)]
    assert day - timedelta(days=40) <= max(happened) <= day
    last = day.year - 1
    assert demo.register.exists(round_id(last)) == (day >= date(day.year, 1, 5))
    assert not demo.register.exists(round_id(day.year))
    assert demo.register.get_round(last - 1).is_closed
    assert f"演示区的记录截至 {day.isoformat()}" in demo.output


def test_the_tokens_are_kept_beside_the_store_for_its_owner_only(demo: Demo) -> None:
    path = Path(f"{demo.path}.demo.json")
    assert file_beside(demo.url) == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    kept = DemoFile.beside(demo.url)
    assert {k.role: k.token for k in kept.keys.keys} == _tokens(demo.output)
    assert str(path) in demo.output


def test_running_demo_again_adds_nothing_and_prints_the_same_tokens(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = demo.register.recorder.max_notification_id()
    path = file_beside(demo.url)
    path.chmod(0o644)
    result, served = _invoke(monkeypatch, demo.url, "--load-only")
    assert result.exit_code == 0, result.output
    assert "already" in result.output
    assert served == []
    assert demo.register.recorder.max_notification_id() == before
    assert _tokens(result.output) == _tokens(demo.output)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    receipt = DemoFile.beside(demo.url).receipt
    assert build_district(demo.register, receipt=receipt).loaded is False
    assert demo.register.recorder.max_notification_id() == before


def test_serving_again_serves_the_same_tokens_after_records_were_added(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    member(demo.register, 1)
    result, [(register, keys, _, _)] = _invoke(monkeypatch, demo.url)
    register.close()
    assert result.exit_code == 0, result.output
    assert "already" in result.output
    assert {k.role: k.token for k in keys.keys} == _tokens(demo.output)


def test_demo_uses_configured_keys_and_the_port_given(demo: Demo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "8123")
    text = "reader:office-reader:reader-token-123,admin:office-admin:admin-token-456"
    result, [(register, keys, host, port)] = _invoke(
        monkeypatch, demo.url, "--host", "0.0.0.0", "--port", "9001", keys=text
    )
    register.close()
    assert result.exit_code == 0, result.output
    assert (host, port) == ("0.0.0.0", 9001)
    assert keys.as_text() == ApiKeys.parse(text).as_text()
    assert "http://127.0.0.1:9001/docs" in result.output
    assert "reader-token-123" in result.output
    assert "admin-token-456" in result.output
    assert {k.role: k.token for k in DemoFile.beside(demo.url).keys.keys} == _tokens(demo.output)


SMALL = Size(streets=3, chambers=5, members=40, branches=20, years=2)


def test_a_load_served_with_configured_keys_keeps_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path}/d.sqlite3"
    monkeypatch.setattr("application.demo.district.DEMO", SMALL)
    configured, _ = _invoke(monkeypatch, url, "--load-only", keys="admin:desk:admin-token-123")
    again, _ = _invoke(monkeypatch, url, "--load-only")
    assert configured.exit_code == again.exit_code == 0, again.output
    assert "admin-token-123" in configured.output
    assert "already" in again.output
    assert _tokens(again.output) == {k.role: k.token for k in DemoFile.beside(url).keys.keys}


def test_a_new_store_in_the_same_place_gets_new_tokens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path}/d.sqlite3"
    monkeypatch.setattr("application.demo.district.DEMO", SMALL)
    first, _ = _invoke(monkeypatch, url, "--load-only")
    for leftover in tmp_path.glob("d.sqlite3*"):
        if not leftover.name.endswith(".demo.json"):
            leftover.unlink()
    second, _ = _invoke(monkeypatch, url, "--load-only")
    assert first.exit_code == second.exit_code == 0, second.output
    assert "Loaded the demo district" in second.output
    assert set(_tokens(first.output).values()).isdisjoint(_tokens(second.output).values())
    assert _tokens(second.output) == {k.role: k.token for k in DemoFile.beside(url).keys.keys}


def test_a_store_with_other_records_is_refused(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    build_district(register, 1, SMALL)
    before = register.recorder.max_notification_id()
    register.close()
    result, served = _invoke(monkeypatch, sqlite_url, "--load-only")
    assert result.exit_code == 2
    assert "not the complete demo district of seed 2020" in result.output
    assert f"{sqlite_url[len('sqlite:///') :]}.demo.json" in result.output
    assert served == []
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    assert register.recorder.max_notification_id() == before
    register.close()


def test_a_postgres_store_keeps_its_tokens_under_var_one_file_per_database_and_schema() -> None:
    url = "postgresql://ficledger:secret@db.example:5433/fic?schema=district_7"
    assert file_beside(url) == Path("var/demo-db.example-5433-fic-district_7.json")
    assert file_beside("postgresql://postgres@127.0.0.1/test") == Path("var/demo-127.0.0.1-5432-test-public.json")
    assert "secret" not in str(file_beside(url))
    assert file_beside("sqlite:///:memory:") is None
