"""What the resource routers share: the answers they declare, and reading one aggregate now, at a version, or as of
a recorded time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

from fastapi import Request
from fastapi.responses import Response
from fastapi.routing import APIRoute

from application.base import shared_reads
from application.errors import NotFound
from application.register import Register
from application.scope import confined_to
from interfaces.api.auth import Principal
from interfaces.api.kept_reads import Current, state_answer
from interfaces.api.problems import REQUEST_ID_HEADER, Problem, problem_responses
from interfaces.api.writes import ETAG_HEADER, answered, state_response

AUDIT_ROLES = ("auditor", "admin")

COMMAND_ANSWERS = {**answered(200), **problem_responses(400, 401, 403, 404, 408, 409, 412, 413, 422, 503)}
"""What a command on an existing resource answers."""
CREATION_ANSWERS = {**answered(201), **problem_responses(400, 401, 403, 404, 408, 409, 412, 413, 422, 503)}
"""What a command that creates a resource answers."""
READ_ANSWERS = {
    200: {"headers": {**ETAG_HEADER, **REQUEST_ID_HEADER}},
    **problem_responses(400, 401, 403, 404, 422, 503),
}
"""What reading one resource answers."""
REVALIDATED_READ_ANSWERS = {
    **READ_ANSWERS,
    304: {
        "description": "Not modified: the record is still at the version If-None-Match names",
        "headers": {**ETAG_HEADER, **REQUEST_ID_HEADER},
    },
}
"""What reading a resource whose document its version alone fixes answers (a member)."""


def operation_id(route: APIRoute) -> str:
    """The OpenAPI operation id of a route: its function's name, such as ``amend_member``."""
    return route.name


def read_state(
    request: Request,
    principal: Principal,
    register: Register,
    ident: UUID,
    kind: str,
    load: Callable[[UUID, int | None], Any],
    present: Callable[[Any], dict[str, Any]],
    version: int | None,
    as_of: datetime | None,
    present_then: Callable[[Any, datetime], dict[str, Any]] | None = None,
    current: Current | None = None,
) -> Response:
    """The aggregate now (kept encoded, for a kind read as ``current``); at ``version`` or ``as_of`` for auditors
    and admins only, presented by ``present_then`` as it stood at ``as_of`` (or when that version was recorded).
    Outside the caller's scope it is not found."""
    if version is not None and as_of is not None:
        raise Problem(
            422,
            "give version or as_of, not both",
            slug="invalid-fields",
            errors=[{"field": "as_of", "message": "give version or as_of, not both"}],
        )
    if (version is not None or as_of is not None) and principal.role not in AUDIT_ROLES:
        raise Problem(403, "only auditors and admins read past states", slug="forbidden")
    with confined_to(principal.scope):
        if version is None and as_of is None and current is not None:
            states = request.app.state.states
            asked = request.headers.get("if-none-match")
            return state_answer(states, register, current, ident, principal.scope, asked)
        if version is None and as_of is None:
            with shared_reads():
                return state_response(present(load(ident, None)))
        if as_of is not None:
            version = register.version_as_of(ident, as_of)
            if version is None:
                raise NotFound(kind, ident)
        aggregate = load(ident, version)
        if aggregate.version != version:
            raise NotFound(f"{kind} version", version)
        if present_then is None:
            return state_response(present(aggregate))
        return state_response(present_then(aggregate, as_of or aggregate.modified_on))
