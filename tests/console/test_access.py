"""The console's permissions are the API's: read off the API's routes."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from interfaces.api.app import create_app
from interfaces.console.access import Permissions, UnknownRoute
from tests.console.district import KEYS


@pytest.fixture
def app(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> FastAPI:
    monkeypatch.setenv("FICLEDGER_DATABASE_URL", sqlite_url)
    return create_app(api_keys=KEYS)


def test_each_action_admits_the_roles_its_api_route_admits(app: FastAPI) -> None:
    permissions = app.state.console.permissions
    assert permissions.roles["member.new"] == {"registrar", "admin"}
    assert permissions.roles["branch.review"] == {"assessor", "admin"}
    assert permissions.roles["branch.grade"] == {"assessor", "admin"}
    assert permissions.roles["branch.organizational-life"] == {"registrar", "admin"}
    assert permissions.roles["history"] == {"auditor", "admin"}
    assert permissions.roles["read"] == {"registrar", "assessor", "auditor", "reader", "admin"}
    assert not permissions.may("reader", "branch.grade")
    assert not permissions.may("registrar", "branch.review")


def test_an_action_naming_a_route_the_api_does_not_serve_is_refused_loudly(app: FastAPI) -> None:
    with pytest.raises(UnknownRoute, match=r"POST /v1/branches/\{branch_id\}/promote"):
        Permissions.of(app, {"branch.promote": ("POST", "/v1/branches/{branch_id}/promote")})
    with pytest.raises(UnknownRoute, match="healthz"):
        Permissions.of(app, {"health": ("GET", "/healthz")})
