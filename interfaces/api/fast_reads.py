"""The plain reads answered before routing: ``GET`` of a member, a chamber or an organization as it stands now, and
of a report as JSON, without a query, by a known key.

Such a read is the register's most frequent request, and the framework's routing and dependency solving cost more
than its work (a check that the record or the log has not moved, and bytes already kept). This layer matches the
path itself, admits the key as the routes do (any role; a scoped key only where the route serves scoped keys), and
answers with ``interfaces.api.kept_reads``, the routes' own answers, in the threadpool (it touches the store). The
request is on record as if routed (the route and its path parameters are set for the request and access logs).
Anything else, and any request this way cannot answer (a token not known, a record not found or out of scope, the
views not current, a store fault), goes on to the routes, which answer it as always.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

from fastapi.responses import Response
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from application.reports.service import build_report
from domain.checks import MAX_YEAR, MIN_YEAR
from interfaces.api.auth import ApiKeys, Principal
from interfaces.api.kept_reads import CURRENT, report_answer, state_answer
from interfaces.scopes import Reach, reach

UUID_PART = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
STATE = re.compile(rf"^/v1/(members|chambers|branches)/({UUID_PART})$")
YEARLY = re.compile(r"^/v1/reports/(classification|organizational-life)/([0-9]{4})$")
REPORT = re.compile(r"^/v1/reports/(coverage|chambers|key-focus)$")
PARAMETER = {"members": "member_id", "chambers": "chamber_id", "branches": "branch_id"}

Answer = Callable[[Any, Principal, str | None], Response]


class Asked:
    """A read this layer answers: the route it stands for, its path parameters and how to answer it."""

    def __init__(self, route: str, params: dict[str, Any], answer: Answer) -> None:
        self.route = route
        self.params = params
        self.answer = answer


def asked(path: str) -> Asked | None:
    """The read at ``path``, when it is one this layer answers."""
    if found := STATE.match(path):
        collection, ident = found.groups()
        current = CURRENT[collection]

        def state(state: Any, principal: Principal, etag: str | None) -> Response:
            return state_answer(state.states, state.register, current, UUID(ident), principal.scope, etag)

        parameter = PARAMETER[collection]
        return Asked(f"/v1/{collection}/{{{parameter}}}", {parameter: ident}, state)
    if found := YEARLY.match(path):
        name, year = found.group(1), int(found.group(2))
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        return Asked(f"/v1/reports/{name}/{{year}}", {"year": found.group(2)}, _report(name, year))
    if found := REPORT.match(path):
        return Asked(path, {}, _report(found.group(1), None))
    return None


def _report(name: str, year: int | None) -> Answer:
    def answer(state: Any, principal: Principal, etag: str | None) -> Response:
        report = build_report(state.register, state.views, name, year, None, scope=principal.scope, cache=state.reports)
        return report_answer(state.bodies, report, etag)

    return answer


def admitted(keys: ApiKeys, headers: Iterable[tuple[bytes, bytes]]) -> Principal | None:
    """The key a ``Bearer`` token names, or None (the routes then answer 401)."""
    for name, value in headers:
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            token = token.strip()
            if scheme.lower() != "bearer" or not token:
                return None
            return keys.authenticate(token)
    return None


def header(headers: Iterable[tuple[bytes, bytes]], wanted: bytes) -> str | None:
    return next((value.decode("latin-1") for name, value in headers if name == wanted), None)


class FastReads:
    """ASGI middleware answering the plain reads above from kept answers; every other request passes on."""

    def __init__(self, app: ASGIApp, routes: Iterable[BaseRoute]) -> None:
        self.app = app
        self.routes = {
            route.path: route for route in routes if isinstance(route, APIRoute) and "GET" in (route.methods or ())
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope.get("query_string"):
            await self.app(scope, receive, send)
            return
        read = asked(scope["path"])
        route = self.routes.get(read.route) if read is not None else None
        state = scope["app"].state
        principal = admitted(state.api_keys, scope["headers"]) if route is not None else None
        if read is None or principal is None or not self._serves(principal, read.route):
            await self.app(scope, receive, send)
            return
        try:
            response = await run_in_threadpool(
                read.answer, state, principal, header(scope["headers"], b"if-none-match")
            )
        except Exception:
            await self.app(scope, receive, send)
            return
        scope.setdefault("state", {})["principal"] = principal
        scope["route"] = route
        scope["path_params"] = read.params
        await response(scope, receive, send)

    @staticmethod
    def _serves(principal: Principal, path: str) -> bool:
        """Whether the route serves this key: every role reads; a scoped key only what is cut to its scope."""
        return principal.scope is None or reach("GET", path) not in (None, Reach.DISTRICT)
