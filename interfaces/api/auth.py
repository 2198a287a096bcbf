"""Bearer-token authentication and role-based authorization for the API."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from application.errors import DistrictOnly
from application.settings import Settings, get_settings
from domain.scope import Scope
from interfaces.api.problems import Problem, problem_for
from interfaces.scopes import refused_to_scoped

ROLES = ("registrar", "assessor", "auditor", "reader", "admin")
HASHED = "sha256:"
SCOPE_PART = re.compile(r"^[a-z]+=")
HEX_DIGEST = re.compile(r"^[0-9a-f]{64}$")
bearer = HTTPBearer(auto_error=False, description="A token from FICLEDGER_API_KEYS")


@dataclass(frozen=True)
class Principal:
    """Who is calling: the API key's name and role, and the scope it is confined to (None: the whole district)."""

    name: str
    role: str
    scope: Scope | None = None


def token_problem(token: str) -> str | None:
    """Why ``token`` cannot be a key's token, or None when it can: 8 or more printable ASCII characters, no spaces."""
    if any(c.isspace() or not c.isprintable() or not c.isascii() for c in token):
        return "has a token with spaces or characters outside ASCII"
    if len(token) < 8:
        return "has a token shorter than 8 characters"
    return None


def hash_token(token: str) -> str:
    """How a token is configured without being stored: ``sha256:`` and the hex SHA-256 of its UTF-8 bytes."""
    return HASHED + hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class ApiKey:
    """One configured key: its role, name, the SHA-256 of its token, and its scope. The token itself is kept only
    when it was configured in clear (``token``), and is never logged or shown in a repr."""

    role: str
    name: str
    digest: str
    scope: Scope | None = None
    token: str | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, role: str, name: str, token: str, scope: Scope | None = None) -> ApiKey:
        """A key whose token is given in clear."""
        return cls(role, name, hash_token(token).removeprefix(HASHED), scope, token)

    def __repr__(self) -> str:
        scope = f", scope={str(self.scope)!r}" if self.scope else ""
        return f"ApiKey(role={self.role!r}, name={self.name!r}{scope})"

    @property
    def principal(self) -> Principal:
        return Principal(self.name, self.role, self.scope)

    def as_text(self) -> str:
        """The key as ``FICLEDGER_API_KEYS`` writes it."""
        token = self.token if self.token is not None else HASHED + self.digest
        return f"{self.role}:{self.name}:{token}" + (f":{self.scope}" if self.scope else "")


def _split_scope(rest: str) -> tuple[str, str | None]:
    """The token part and the scope part of what follows ``role:name:``; the last ``:`` part is a scope when it
    reads ``word=...``."""
    token, _, last = rest.rpartition(":")
    if SCOPE_PART.match(last):
        return token, last
    return rest, None


class ApiKeys:
    """The configured keys, parsed from ``role:name:token[:scope]`` entries separated by commas. The token part may
    be ``sha256:<hex>``, the SHA-256 of the token, and the scope ``street=<street>`` or ``unit=<managing unit>``."""

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
            role, name, rest = parts
            if not name.isprintable() or len(name) > 100:
                raise ValueError(f"API key {n + 1} has a name that is not 1 to 100 printable characters")
            token, scope_text = _split_scope(rest)
            try:
                scope = Scope.parse(scope_text) if scope_text is not None else None
            except ValueError as error:
                raise ValueError(f"API key {n + 1} ({name}): {error}") from None
            if not token:
                raise ValueError(f"API key {n + 1} is not role:name:token")
            if role not in ROLES:
                raise ValueError(f"API key {n + 1} ({name}) has unknown role {role!r}; roles: {', '.join(ROLES)}")
            if token.startswith(HASHED):
                digest = token.removeprefix(HASHED)
                if not HEX_DIGEST.match(digest):
                    raise ValueError(
                        f"API key {n + 1} ({name}) has a hashed token that is not sha256: and 64 lowercase hex digits"
                    )
                keys.append(ApiKey(role, name, digest, scope))
                continue
            problem = token_problem(token)
            if problem:
                raise ValueError(f"API key {n + 1} ({name}) {problem}")
            keys.append(ApiKey.of(role, name, token, scope))
        if not keys:
            raise ValueError("no API keys given")
        if len({k.digest for k in keys}) != len(keys):
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
        return cls([ApiKey.of(role, f"{prefix}-{role}", secrets.token_urlsafe(24)) for role in ROLES])

    def as_text(self) -> str:
        return ",".join(k.as_text() for k in self.keys)

    def find(self, token: str) -> ApiKey | None:
        """The key holding ``token``: its SHA-256 is compared with every key's, in constant time, whatever
        matches."""
        found: ApiKey | None = None
        presented = hashlib.sha256(token.encode()).digest()
        for key in self.keys:
            if hmac.compare_digest(presented, bytes.fromhex(key.digest)):
                found = key
        return found

    def authenticate(self, token: str) -> Principal | None:
        """The principal holding ``token``, or None."""
        key = self.find(token)
        return key.principal if key else None


Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def allowed(*roles: str) -> frozenset[str]:
    """The roles admitted where ``roles`` are named: those and admin."""
    return frozenset((*roles, "admin"))


def authorize(request: Request, credentials: HTTPAuthorizationCredentials | None, roles: frozenset[str]) -> Principal:
    """The caller, if its token is known (else 401) and its role one of ``roles`` (else 403)."""
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
    if principal.role not in roles:
        raise Problem(
            403,
            f"the {principal.role} role may not do this; allowed: {', '.join(sorted(roles))}",
            slug="forbidden",
        )
    if principal.scope is not None and refused_to_scoped(request):
        raise problem_for(DistrictOnly(principal.scope, "this route"))
    return principal


class Require:
    """A dependency admitting the given roles (and admin): 401 without a known token, 403 for other roles.

    Its call is ``async`` because it does no I/O: FastAPI then runs it on the event loop instead of sending it to
    the threadpool before the endpoint itself goes there.
    """

    def __init__(self, *roles: str) -> None:
        self.allowed_roles = allowed(*roles)

    async def __call__(self, request: Request, credentials: Credentials) -> Principal:
        return authorize(request, credentials, self.allowed_roles)


def require(*roles: str) -> Require:
    """The dependency admitting ``roles`` and admin."""
    return Require(*roles)
