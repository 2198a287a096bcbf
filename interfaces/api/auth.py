"""Bearer-token authentication and role-based authorization for the API."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from application.settings import Settings, get_settings
from interfaces.api.problems import Problem

ROLES = ("registrar", "assessor", "auditor", "reader", "admin")
bearer = HTTPBearer(auto_error=False, description="A token from FICLEDGER_API_KEYS")


@dataclass(frozen=True)
class Principal:
    """Who is calling: the API key's name and role."""

    name: str
    role: str


@dataclass(frozen=True)
class ApiKey:
    """One configured key. Its token is never logged or shown in a repr."""

    role: str
    name: str
    token: str

    def __repr__(self) -> str:
        return f"ApiKey(role={self.role!r}, name={self.name!r})"


class ApiKeys:
    """The configured keys, parsed from ``role:name:token`` triples separated by commas."""

    def __init__(self, keys: list[ApiKey]) -> None:
        self.keys = keys

    @classmethod
    def parse(cls, text: str) -> ApiKeys:
        keys = []
        for n, entry in enumerate(t.strip() for t in text.split(",")):
            if not entry:
                continue
            parts = entry.split(":", 2)
            if len(parts) != 3 or not all(parts):
                raise ValueError(f"API key {n + 1} is not role:name:token")
            role, name, token = parts
            if not name.isprintable() or len(name) > 100:
                raise ValueError(f"API key {n + 1} has a name that is not 1 to 100 printable characters")
            if any(c.isspace() or not c.isprintable() or not c.isascii() for c in token):
                raise ValueError(f"API key {n + 1} ({name}) has a token with spaces or characters outside ASCII")
            if role not in ROLES:
                raise ValueError(f"API key {n + 1} ({name}) has unknown role {role!r}; roles: {', '.join(ROLES)}")
            if len(token) < 8:
                raise ValueError(f"API key {n + 1} ({name}) has a token shorter than 8 characters")
            keys.append(ApiKey(role, name, token))
        if not keys:
            raise ValueError("no API keys given")
        if len({k.token for k in keys}) != len(keys):
            raise ValueError("two API keys share a token")
        return cls(keys)

    @classmethod
    def from_env(cls, settings: Settings | None = None) -> ApiKeys | None:
        """The keys of ``FICLEDGER_API_KEYS`` in ``settings`` (default: this process's), None when it is not set;
        ValueError when it cannot be parsed."""
        given = (settings or get_settings()).api_keys
        text = given.get_secret_value().strip() if given else ""
        return cls.parse(text) if text else None

    @classmethod
    def generate(cls, prefix: str = "demo") -> ApiKeys:
        """One fresh random key per role."""
        return cls([ApiKey(role, f"{prefix}-{role}", secrets.token_urlsafe(24)) for role in ROLES])

    def as_text(self) -> str:
        return ",".join(f"{k.role}:{k.name}:{k.token}" for k in self.keys)

    def authenticate(self, token: str) -> Principal | None:
        """The principal holding ``token``; every key is compared, in constant time, whatever matches."""
        found: ApiKey | None = None
        presented = token.encode()
        for key in self.keys:
            if hmac.compare_digest(presented, key.token.encode()):
                found = key
        return Principal(found.name, found.role) if found else None


def require(*roles: str) -> Callable[..., Principal]:
    """A dependency admitting the given roles (and admin): 401 without a known token, 403 for other roles.

    It is ``async`` because it does no I/O: FastAPI then runs it on the event loop instead of sending it to the
    threadpool before the endpoint itself goes there.
    """
    allowed = frozenset((*roles, "admin"))

    async def dependency(
        request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
    ) -> Principal:
        keys: ApiKeys = request.app.state.api_keys
        principal = keys.authenticate(credentials.credentials) if credentials else None
        if principal is None:
            raise Problem(
                401,
                "send Authorization: Bearer <token> with a configured token",
                slug="unauthenticated",
                headers={"WWW-Authenticate": "Bearer"},
            )
        request.state.principal = principal
        if principal.role not in allowed:
            raise Problem(
                403,
                f"the {principal.role} role may not do this; allowed: {', '.join(sorted(allowed))}",
                slug="forbidden",
            )
        return principal

    dependency.allowed_roles = allowed  # type: ignore[attr-defined]
    return dependency
