"""Request-scoped dependencies and request parts: the register, the request id, the command context, `If-Match`,
`Idempotency-Key`, and the `version` and `as_of` query parameters of past states."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import Query, Request
from pydantic import AfterValidator, BeforeValidator
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from application.context import CommandContext
from application.moments import settled
from application.register import Register
from interfaces.api.auth import Principal
from interfaces.api.problems import Problem, unexpected

REQUEST_ID = re.compile(r"^[A-Za-z0-9._:/+=-]{1,128}$")
ETAG = re.compile(r'^"(\d{1,12})"$')
IF_MATCH_PATTERN = r'^(\*|"[0-9]{1,12}")$'
IDEMPOTENCY_KEY_PATTERN = r"^[!-~]([ -~]{0,198}[!-~])?$"
IDEMPOTENCY_KEY = re.compile(IDEMPOTENCY_KEY_PATTERN)
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:[Zz]|[+-]\d{2}:\d{2})$")
RFC3339_HINT = "must be an RFC 3339 time with an offset, e.g. 2021-01-15T08:30:00Z"


def _rfc3339(value: Any) -> Any:
    if isinstance(value, str) and not RFC3339.match(value):
        raise ValueError(RFC3339_HINT)
    return value


def _settled(value: datetime | None) -> datetime | None:
    return None if value is None else settled(value)


AsOf = Annotated[
    datetime | None,
    BeforeValidator(_rfc3339),
    AfterValidator(_settled),
    Query(
        description="RFC 3339 time with an offset, at least FICLEDGER_AS_OF_SETTLING seconds (default 60) ago: "
        "the state as recorded then (auditors and admins)"
    ),
]
Version = Annotated[int | None, Query(ge=1, le=10**9, description="The state at this version (auditors and admins)")]


async def get_register(request: Request) -> Register:
    """The application of this process (``async``: it only reads app state, so it needs no threadpool hop)."""
    return request.app.state.register


def request_id(request: Request) -> str:
    return request.state.request_id


def command_context(request: Request, principal: Principal, reason: str | None) -> CommandContext:
    return CommandContext(principal.name, principal.role, request.state.request_id, reason)


def expected_version(request: Request) -> int | None:
    """The version ``If-Match: "<version>"`` names, or None without the header."""
    header = request.headers.get("if-match")
    if header is None or header.strip() == "*":
        return None
    match = ETAG.match(header.strip())
    if not match:
        raise Problem(400, 'If-Match must be an ETag such as "3"', slug="malformed-if-match")
    return int(match.group(1))


def aware(moment: datetime | None, field: str = "as_of") -> datetime | None:
    """A time the caller gave, which must carry its offset (RFC 3339)."""
    if moment is not None and moment.tzinfo is None:
        raise Problem(
            422,
            f"{field} must be an RFC 3339 time with an offset, e.g. 2021-01-15T08:30:00Z",
            slug="invalid-fields",
            errors=[{"field": field, "message": "must include a time zone offset"}],
        )
    return moment


class RequestIdMiddleware:
    """Gives every request an id (the client's ``X-Request-ID`` when well formed) and echoes it in the answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"x-request-id"), None)
        rid = given if given and REQUEST_ID.match(given) else str(uuid.uuid4())
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
            problem = unexpected(error, scope["method"], scope["path"], rid)
            await problem.response()(scope, receive, send_with_id)
