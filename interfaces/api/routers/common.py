"""What the resource routers share: reading one aggregate now, at a version, or as of a recorded time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

from fastapi.responses import JSONResponse

from application.errors import NotFound
from application.register import Register
from interfaces.api.auth import Principal
from interfaces.api.commands import state_response
from interfaces.api.problems import Problem

AUDIT_ROLES = ("auditor", "admin")


def read_state(
    principal: Principal,
    register: Register,
    ident: UUID,
    kind: str,
    load: Callable[[UUID, int | None], Any],
    present: Callable[[Any], dict[str, Any]],
    version: int | None,
    as_of: datetime | None,
    present_then: Callable[[Any, datetime], dict[str, Any]] | None = None,
) -> JSONResponse:
    """The aggregate now; at ``version`` or ``as_of`` for auditors and admins only, presented by ``present_then``
    as it stood at ``as_of`` (or when that version was recorded)."""
    if version is not None and as_of is not None:
        raise Problem(
            422,
            "give version or as_of, not both",
            slug="invalid-fields",
            errors=[{"field": "as_of", "message": "give version or as_of, not both"}],
        )
    if version is None and as_of is None:
        return state_response(present(load(ident, None)))
    if principal.role not in AUDIT_ROLES:
        raise Problem(403, "only auditors and admins read past states", slug="forbidden")
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
