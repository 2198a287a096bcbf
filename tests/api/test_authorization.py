"""The authorization matrix, generated from the app's own route table and held against the contract's roles."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.routing import APIRoute

from interfaces.api.app import ROUTERS
from interfaces.api.auth import ROLES
from tests.api.conftest import TOKENS, Api

SAMPLE_ID = "00000000-0000-4000-8000-000000000000"


def _allowed_roles(route: APIRoute) -> frozenset[str]:
    for dependency in route.dependant.dependencies:
        allowed = getattr(dependency.call, "allowed_roles", None)
        if allowed is not None:
            return frozenset(allowed)
    return frozenset()


def _routes(method: str) -> Iterator[tuple[str, str, frozenset[str]]]:
    """Every route of this method in every router the app includes."""
    for router in ROUTERS:
        for route in router.routes:
            if isinstance(route, APIRoute) and method in route.methods:
                path = re.sub(r"\{year\}", "2020", re.sub(r"\{[a-z_]+_id\}", SAMPLE_ID, route.path))
                yield route.path, path, _allowed_roles(route)


WRITE_ROUTES = list(_routes("POST"))
READ_ROUTES = list(_routes("GET"))

EVERYONE = frozenset(ROLES)
REGISTRAR = frozenset({"registrar", "admin"})
ASSESSOR = frozenset({"assessor", "admin"})
AUDITOR = frozenset({"auditor", "admin"})
ASSESSOR_VERBS = {
    "review",
    "correct-review",
    "grade",
    "correct-grade",
    "open-rectification",
    "close-rectification",
    "correct-rectification",
}


def contract_roles(method: str, template: str) -> frozenset[str]:
    """The roles api.md gives a route: registrars record members, chambers, branches, organizational life and
    transfers; assessors reviews, grades, grading rounds and rectifications; auditors read history, the log and
    verification; readers current state and reports; admins everything. Imports: registrars every kind but reviews,
    which assessors import."""
    if method == "GET":
        if template.endswith("/history") or template.startswith("/v1/audit"):
            return AUDITOR
        return EVERYONE
    if template.startswith("/v1/grading-rounds") or template == "/v1/imports/reviews":
        return ASSESSOR
    if template.startswith("/v1/branches/") and template.rsplit("/", 1)[-1] in ASSESSOR_VERBS:
        return ASSESSOR
    return REGISTRAR


@pytest.mark.parametrize(
    ("method", "template", "allowed"),
    [("POST", t, a) for t, _, a in WRITE_ROUTES] + [("GET", t, a) for t, _, a in READ_ROUTES],
    ids=[f"POST {r[0]}" for r in WRITE_ROUTES] + [f"GET {r[0]}" for r in READ_ROUTES],
)
def test_each_route_allows_the_roles_of_the_contract(method: str, template: str, allowed: frozenset[str]) -> None:
    assert allowed == contract_roles(method, template), template


def test_every_write_route_names_its_roles() -> None:
    assert len(WRITE_ROUTES) >= 30
    for template, _, allowed in WRITE_ROUTES:
        assert allowed, f"{template} has no role check"
        assert "admin" in allowed
        assert "reader" not in allowed, template
        assert "auditor" not in allowed, template


@pytest.mark.parametrize(("template", "path", "allowed"), WRITE_ROUTES, ids=[r[0] for r in WRITE_ROUTES])
def test_write_route_authorization(module_api: Api, template: str, path: str, allowed: frozenset[str]) -> None:
    before = module_api.position()
    assert module_api.client.post(path, json={}).status_code == 401
    assert (
        module_api.client.post(path, json={}, headers={"Authorization": "Bearer not-a-known-token"}).status_code == 401
    )
    for role in ROLES:
        response = module_api.client.post(path, json={}, headers={"Authorization": f"Bearer {TOKENS[role]}"})
        if role in allowed:
            assert response.status_code not in (401, 403), (role, response.json())
        else:
            assert response.status_code == 403, (role, response.status_code)
            assert response.json()["type"].endswith("forbidden")
    assert module_api.position() == before


def test_every_read_route_names_its_roles() -> None:
    assert len(READ_ROUTES) >= 10
    for template, _, allowed in READ_ROUTES:
        assert allowed, f"{template} has no role check"
        assert "auditor" in allowed, template


@pytest.mark.parametrize(("template", "path", "allowed"), READ_ROUTES, ids=[r[0] for r in READ_ROUTES])
def test_read_route_authorization(module_api: Api, template: str, path: str, allowed: frozenset[str]) -> None:
    assert module_api.client.get(path).status_code == 401
    for role in ROLES:
        response = module_api.client.get(path, headers={"Authorization": f"Bearer {TOKENS[role]}"})
        if role in allowed:
            assert response.status_code not in (401, 403), (role, response.json())
        else:
            assert response.status_code == 403, (role, response.status_code)


def test_unauthenticated_answer_names_the_scheme(api: Api) -> None:
    response = api.client.get(f"/v1/members/{SAMPLE_ID}")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.headers["content-type"].startswith("application/problem+json")


def test_healthz_needs_no_token(api: Api) -> None:
    response = api.client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "problems": []}
