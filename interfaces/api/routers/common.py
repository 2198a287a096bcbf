"""What the resource routers share: reading one aggregate now, at a version, or as of a recorded time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

from fastapi import Request
from fastapi.responses import JSONResponse

from application.errors import NotFound
from application.register import Register
from interfaces.api.auth import ApiKeys, Principal
from interfaces.api.commands import state_response
from interfaces.api.deps import aware
from interfaces.api.problems import Problem

AUDIT_ROLES = ("auditor", "admin")


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
) -> JSONResponse:
    """The aggregate now; at ``version`` or ``as_of`` for auditors and admins only."""
    if version is not None and as_of is not None:
        raise Problem(422, "give version or as_of, not both", slug="invalid-fields")
    if (version is not None or as_of is not None) and principal.role not in AUDIT_ROLES:
        raise Problem(403, "only auditors and admins read past states", slug="forbidden")
    if as_of is not None:
        version = register.version_as_of(ident, aware(as_of))
        if version is None:
            raise NotFound(kind, ident)
    aggregate = load(ident, version)
    if version is not None and aggregate.version != version:
        raise NotFound(f"{kind} version", version)
    return state_response(present(aggregate))


def keys_of(request: Request) -> ApiKeys:
    return request.app.state.api_keys
