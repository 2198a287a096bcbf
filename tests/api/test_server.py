"""Serving with several worker processes: each reads the settings from the environment it inherits, and the parent
writes nothing into its environment to pass them on. A served app builds its routes at start-up."""

from __future__ import annotations

import os
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from application.register import Register
from interfaces.api.auth import ApiKeys
from interfaces.api.request_log import LOGGER
from interfaces.api.server import app_from_environment, build_routes, serve
from tests.api.conftest import KEYS, auth


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, dict[str, Any]]]:
    """What uvicorn was asked to run, instead of running it."""
    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    return calls


def test_workers_get_their_settings_without_the_parent_writing_its_environment(
    store_url: str, monkeypatch: pytest.MonkeyPatch, started: list[tuple[Any, dict[str, Any]]]
) -> None:
    monkeypatch.setenv("FICLEDGER_DATABASE_URL", store_url)
    monkeypatch.setenv("FICLEDGER_API_KEYS", KEYS.as_text())
    before = dict(os.environ)
    serve(Register({"FICLEDGER_DATABASE_URL": store_url}), KEYS, "127.0.0.1", 8123, workers=2)
    assert dict(os.environ) == before
    [(target, options)] = started
    assert target == "interfaces.api.server:app_from_environment"
    assert (options["factory"], options["workers"], options["port"]) == (True, 2, 8123)
    assert LOGGER in options["log_config"]["loggers"]
    with TestClient(app_from_environment()) as client:
        assert client.get("/v1/members", headers=auth("reader")).status_code == 200
        assert client.app.state.register.database_url == store_url  # type: ignore[attr-defined]


def test_workers_are_refused_keys_they_could_not_read(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, started: list[tuple[Any, dict[str, Any]]]
) -> None:
    monkeypatch.setenv("FICLEDGER_API_KEYS", KEYS.as_text())
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    try:
        with pytest.raises(ValueError, match="FICLEDGER_API_KEYS"):
            serve(register, ApiKeys.generate(), "127.0.0.1", 8123, workers=2)
    finally:
        register.close()
    assert started == []


def test_one_process_serves_the_register_it_is_given(
    sqlite_url: str, started: list[tuple[Any, dict[str, Any]]]
) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    try:
        serve(register, KEYS, "127.0.0.1", 8123)
    finally:
        register.close()
    [(app, options)] = started
    assert app.state.register is register
    assert "workers" not in options


def test_a_served_app_builds_its_routes_at_start_up_and_serves_them(
    sqlite_url: str, started: list[tuple[Any, dict[str, Any]]]
) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    try:
        serve(register, KEYS, "127.0.0.1", 8123)
        [(app, _)] = started
        assert build_routes in app.state.startup_hooks
        with TestClient(app) as client:
            for path in ("/healthz", "/v1/members", "/v1/reports/coverage", "/v1/audit/events", "/console/"):
                assert client.get(path, headers=auth("admin")).status_code == 200, path
    finally:
        register.close()
