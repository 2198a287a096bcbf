"""Signing in to the console: a key's token exchanged for a signed session cookie, CSRF tokens, and slowed
failures.

The cookie is signed (``itsdangerous``) with a secret derived from the configured keys, so every worker process
of one server accepts it and a change of keys ends every session. It holds the key's name, role, scope and a digest
of the key as configured, never the token; a session whose key is no longer configured as it was is refused.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace

from itsdangerous import BadSignature, URLSafeTimedSerializer

from domain.scope import Scope
from interfaces.api.auth import ApiKey, ApiKeys, Principal

COOKIE = "ficledger_console"
SIGN_IN_COOKIE = "ficledger_console_sign_in"
LIFETIME = 8 * 3600
SIGN_IN_LIFETIME = 3600
PATH = "/console"


@dataclass(frozen=True)
class Session:
    """A signed-in key: its name, role and scope, the digest of its key, and the CSRF token of its forms."""

    name: str
    role: str
    key: str
    csrf: str
    scope: str | None = None

    @property
    def principal(self) -> Principal:
        return Principal(self.name, self.role, Scope.parse(self.scope) if self.scope else None)


def _digest(key: ApiKey) -> str:
    """A digest of the key as configured (role, name, its token's SHA-256, scope): a change of any ends its
    sessions; a token configured in clear or as its hash gives the same."""
    return hashlib.sha256(f"{key.role}\0{key.name}\0{key.digest}\0{key.scope or ''}".encode()).hexdigest()[:32]


class Sessions:
    """Makes and reads session cookies for one set of keys."""

    def __init__(self, keys: ApiKeys) -> None:
        self.keys = keys
        material = "\0".join(_digest(k) for k in keys.keys)
        secret = hashlib.sha256(f"ficledger-console\0{material}".encode()).hexdigest()
        self._sessions = URLSafeTimedSerializer(secret, salt="ficledger-console-session")
        self._sign_in = URLSafeTimedSerializer(secret, salt="ficledger-console-sign-in")

    def sign_in(self, token: str) -> Session | None:
        """A new session for the key holding ``token``; None when no key holds it."""
        key = self.keys.find(token)
        if key is None:
            return None
        scope = str(key.scope) if key.scope else None
        return Session(key.name, key.role, _digest(key), secrets.token_urlsafe(32), scope)

    def dump(self, session: Session) -> str:
        return self._sessions.dumps(asdict(session))

    def load(self, cookie: str | None) -> Session | None:
        """The session in a cookie that is signed, younger than 8 hours and of a key still configured."""
        if not cookie:
            return None
        try:
            data = self._sessions.loads(cookie, max_age=LIFETIME, return_timestamp=False)
            session = Session(**data)
        except (BadSignature, TypeError, ValueError):
            return None
        for key in self.keys.keys:
            if (key.name, key.role) == (session.name, session.role) and hmac.compare_digest(_digest(key), session.key):
                return replace(session, scope=str(key.scope) if key.scope else None)
        return None

    def sign_in_token(self) -> tuple[str, str]:
        """A CSRF token for the sign-in form, and the cookie that vouches for it."""
        token = secrets.token_urlsafe(32)
        return token, self._sign_in.dumps(token)

    def sign_in_token_valid(self, cookie: str | None, given: str | None) -> bool:
        if not cookie or not given:
            return False
        try:
            expected = self._sign_in.loads(cookie, max_age=SIGN_IN_LIFETIME)
        except BadSignature:
            return False
        return isinstance(expected, str) and hmac.compare_digest(expected.encode(), given.encode())


def csrf_valid(session: Session, given: str | None) -> bool:
    """Whether a form carried its session's CSRF token."""
    return bool(given) and hmac.compare_digest(session.csrf.encode(), str(given).encode())


class SignInThrottle:
    """Counts failed sign-ins per client address and slows the next attempts: 0.5 s after the first failure,
    doubling with each, at most ``ceiling`` seconds; an address's count is forgotten after ``forget_after``
    seconds without a failure, or on a successful sign-in. Attempts from one address wait their turn."""

    def __init__(
        self,
        base: float = 0.5,
        ceiling: float = 8.0,
        forget_after: float = 900.0,
        capacity: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base, self.ceiling, self.forget_after, self.capacity, self.clock = (
            base,
            ceiling,
            forget_after,
            capacity,
            clock,
        )
        self._failures: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self._locks: dict[str, asyncio.Lock] = {}

    def failures(self, address: str) -> int:
        count, last = self._failures.get(address, (0, 0.0))
        if count and self.clock() - last > self.forget_after:
            self._failures.pop(address, None)
            return 0
        return count

    def delay(self, address: str) -> float:
        """How long the next attempt from ``address`` waits before its token is checked."""
        count = self.failures(address)
        return 0.0 if count == 0 else min(self.ceiling, self.base * 2 ** (count - 1))

    def failed(self, address: str) -> int:
        count = self.failures(address) + 1
        self._failures[address] = (count, self.clock())
        self._failures.move_to_end(address)
        while len(self._failures) > self.capacity:
            self._failures.popitem(last=False)
        return count

    def succeeded(self, address: str) -> None:
        self._failures.pop(address, None)

    def lock(self, address: str) -> asyncio.Lock:
        if len(self._locks) > self.capacity:
            self._locks = {a: lk for a, lk in self._locks.items() if lk.locked()}
        return self._locks.setdefault(address, asyncio.Lock())
