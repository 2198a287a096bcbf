"""An HTTP client on the ASGI app over a real store, with one token per role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from application.register import Register
from interfaces.api.app import create_app
from interfaces.api.auth import ROLES, ApiKeys

TOKENS = {role: f"{role}-token-0123456789" for role in ROLES}
KEYS = ApiKeys.parse(",".join(f"{role}:{role}-key:{token}" for role, token in TOKENS.items()))


@pytest.fixture(autouse=True)
def as_of_without_settling(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests ask for states and reports as of moments just past; the refusal has its own tests."""
    monkeypatch.setenv("FICLEDGER_AS_OF_SETTLING", "0")


def auth(role: str, **headers: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[role]}", **headers}


@dataclass
class Api:
    """The client, the register behind it, and shortcuts that send a role's token."""

    client: TestClient
    register: Register

    def post(self, path: str, body: Any, role: str = "admin", **headers: str) -> Any:
        return self.client.post(path, json=body, headers=auth(role, **headers))

    def get(self, path: str, role: str = "admin", **headers: str) -> Any:
        return self.client.get(path, headers=auth(role, **headers))

    def position(self) -> int:
        return self.register.recorder.max_notification_id() or 0


@pytest.fixture(scope="module")
def module_api(module_store_url: str) -> Iterator[Api]:
    """One client and store of each kind for a whole module, for tests that record nothing or do not depend on
    what the others recorded."""
    register = Register({"FICLEDGER_DATABASE_URL": module_store_url})
    try:
        with TestClient(create_app(register, KEYS), raise_server_exceptions=False) as client:
            yield Api(client, register)
    finally:
        register.close()


@pytest.fixture
def api(register: Register) -> Iterator[Api]:
    with TestClient(create_app(register, KEYS), raise_server_exceptions=False) as client:
        yield Api(client, register)
