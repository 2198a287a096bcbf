"""What each role may do in the console, read off the API's own routes so that both answer alike.

Every action names the API route it mirrors; the roles come from that route's ``require(...)`` dependency. A form
for ``POST /v1/branches/{branch_id}/review`` is therefore offered to exactly the roles the API lets review.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from application.imports.registry import KINDS

ROUTES: dict[str, tuple[str, str]] = {
    "read": ("GET", "/v1/members"),
    "history": ("GET", "/v1/branches/{branch_id}/history"),
    "access": ("GET", "/v1/audit/access"),
    "report": ("GET", "/v1/reports/coverage"),
    "audit": ("GET", "/v1/audit/events"),
    **{f"import.{kind}": ("POST", f"/v1/imports/{kind}") for kind in KINDS},
}
"""The console's reading and importing actions and the API routes whose roles they share; forms add their own.
``import`` (the imports page) is open to the roles that may import some kind."""


class UnknownRoute(LookupError):
    """The console names an API route the app does not serve, or one without a role check."""


def _api_routes(routes: Iterable[Any]) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):
            yield from _api_routes(route.original_router.routes)


def _roles_of(dependant: Any) -> frozenset[str] | None:
    allowed = getattr(dependant.call, "allowed_roles", None)
    if allowed:
        return frozenset(allowed)
    for child in dependant.dependencies:
        found = _roles_of(child)
        if found:
            return found
    return None


@dataclass(frozen=True)
class Permissions:
    """The roles allowed to take each console action."""

    roles: dict[str, frozenset[str]]

    def may(self, role: str, action: str) -> bool:
        return role in self.roles.get(action, frozenset())

    @classmethod
    def of(cls, app: FastAPI, actions: dict[str, tuple[str, str]]) -> Permissions:
        """The roles of each action, from the route of ``app`` it names; UnknownRoute for one it does not serve."""
        served: dict[tuple[str, str], frozenset[str] | None] = {}
        for route in _api_routes(app.router.routes):
            for method in route.methods:
                served[(method, route.path)] = _roles_of(route.dependant)
        roles = {}
        for action, key in actions.items():
            found = served.get(key)
            if not found:
                raise UnknownRoute(f"the console's {action!r} mirrors {key[0]} {key[1]}, which has no role check")
            roles[action] = found
        imports = [found for action, found in roles.items() if action.startswith("import.")]
        roles["import"] = frozenset().union(*imports)
        return cls(roles)
