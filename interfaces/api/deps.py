"""Request-scoped dependencies and request parts: the register, the request id, the checks on query parameters,
and the ``version`` and ``as_of`` query parameters of past states and reports."""

from __future__ import annotations

import random
import re
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import AfterValidator, BeforeValidator, WithJsonSchema
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from application.moments import settled
from application.register import Register
from interfaces.api.language import prefers_chinese_in
from interfaces.api.problems import Problem, failure, health_of

REQUEST_ID = re.compile(r"^[A-Za-z0-9._:/+=-]{1,128}$")
RFC3339_PATTERN = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?([Zz]|[+-][0-9]{2}:[0-9]{2})$"
)
RFC3339 = re.compile(RFC3339_PATTERN)
RFC3339_HINT = "must be an RFC 3339 time with an offset, e.g. 2021-01-15T08:30:00Z"


def optional(annotation: Any, schema: dict[str, Any], *metadata: Any) -> Any:
    """An optional query parameter or header: validated as ``annotation | None``, stated in the OpenAPI as
    ``schema``, without null: a parameter left out is absent, never null."""
    return Annotated[annotation | None, *metadata, WithJsonSchema(schema)]


def _rfc3339(value: Any) -> Any:
    if isinstance(value, str) and not RFC3339.match(value):
        raise ValueError(RFC3339_HINT)
    return value


def _settled_utc(value: datetime | None) -> datetime | None:
    """The moment in UTC, so that one instant written with any offset gives one answer."""
    return None if value is None else settled(value).astimezone(UTC)


AsOf = Annotated[
    datetime | None,
    BeforeValidator(_rfc3339),
    AfterValidator(_settled_utc),
    WithJsonSchema({"type": "string", "format": "date-time", "pattern": RFC3339_PATTERN}),
    Query(
        description="RFC 3339 time with an offset, at least FICLEDGER_AS_OF_SETTLING seconds (default 60) ago: "
        "the state as recorded then (auditors and admins)",
    ),
]
Version = optional(
    int,
    {"type": "integer", "minimum": 1, "maximum": 10**9},
    Query(ge=1, le=10**9, description="The state at this version (auditors and admins)"),
)


async def get_register(request: Request) -> Register:
    """The application of this process (``async``: it only reads app state, so it needs no threadpool hop)."""
    return request.app.state.register


def query_names(dependant: Dependant) -> set[str]:
    """The query parameters a route takes, its dependencies' included."""
    names = {param.alias for param in dependant.query_params}
    for dependency in dependant.dependencies:
        names |= query_names(dependency)
    return names


async def known_query_parameters(request: Request) -> None:
    """422 for a query parameter the route does not take: a misspelt filter must not answer the whole list."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not request.query_params:
        return
    known = query_names(route.dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise Problem(
            422,
            f"unknown query parameters: {', '.join(unknown)}",
            slug="invalid-fields",
            errors=[{"field": name, "message": "not a parameter of this route"} for name in unknown],
        )


def new_request_id() -> str:
    """A random version-4 UUID, drawn without a system call: an id to find a request by, not a secret, so it needs
    no more than the process's random generator (``uuid.uuid4`` reads the system's random source each time)."""
    return str(uuid.UUID(int=random.getrandbits(128), version=4))


class RequestIdMiddleware:
    """Gives every request an id (the client's ``X-Request-ID`` when well formed) and echoes it in the answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"x-request-id"), None)
        rid = given if given and REQUEST_ID.match(given) else new_request_id()
        scope.setdefault("state", {})["request_id"] = rid

        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as error:
            if started:
                raise
            problem = failure(error, scope["method"], scope["path"], rid, health_of(scope["app"]))
            await problem.response(prefers_chinese_in(scope["headers"]))(scope, receive, send_with_id)
