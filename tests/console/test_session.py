"""Session cookies, CSRF tokens and the slowing of failed sign-ins."""

from __future__ import annotations

import time

import pytest
from itsdangerous import URLSafeTimedSerializer

from domain.scope import Scope
from interfaces.api.auth import ApiKeys, Principal, hash_token
from interfaces.console.session import LIFETIME, Sessions, SignInThrottle, csrf_valid

KEYS = ApiKeys.parse("registrar:li-wei:registrar-token-1,reader:office:reader-token-22")


def test_a_configured_token_opens_a_session_that_survives_its_cookie() -> None:
    sessions = Sessions(KEYS)
    session = sessions.sign_in("registrar-token-1")
    assert session is not None
    assert (session.name, session.role) == ("li-wei", "registrar")
    cookie = sessions.dump(session)
    assert "registrar-token-1" not in cookie
    assert Sessions(ApiKeys.parse(KEYS.as_text())).load(cookie) == session


@pytest.mark.parametrize("token", ["", "registrar-token-2", "REGISTRAR-TOKEN-1"])
def test_an_unknown_token_opens_nothing(token: str) -> None:
    assert Sessions(KEYS).sign_in(token) is None


def test_a_tampered_cookie_is_refused() -> None:
    sessions = Sessions(KEYS)
    cookie = sessions.dump(sessions.sign_in("reader-token-22"))  # type: ignore[arg-type]
    payload, rest = cookie.split(".", 1)
    assert sessions.load(payload[:-2] + "xx." + rest) is None
    assert sessions.load("garbage") is None
    assert sessions.load(None) is None


def test_a_session_ends_when_its_key_is_removed_from_the_configuration() -> None:
    cookie = Sessions(KEYS).dump(Sessions(KEYS).sign_in("reader-token-22"))  # type: ignore[arg-type]
    assert Sessions(ApiKeys.parse("reader:office:another-token-3")).load(cookie) is None


def test_a_session_lasts_eight_hours(monkeypatch: pytest.MonkeyPatch) -> None:
    sessions = Sessions(KEYS)
    cookie = sessions.dump(sessions.sign_in("reader-token-22"))  # type: ignore[arg-type]
    started = time.time()
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: started + LIFETIME - 60)
    assert sessions.load(cookie) is not None
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: started + LIFETIME + 60)
    assert sessions.load(cookie) is None


def test_a_cookie_signed_with_another_secret_is_refused() -> None:
    forged = URLSafeTimedSerializer("guessed", salt="ficledger-console-session").dumps(
        {"name": "li-wei", "role": "registrar", "key": "0" * 32, "csrf": "x"}
    )
    assert Sessions(KEYS).load(forged) is None


def test_a_form_needs_its_sessions_csrf_token() -> None:
    session = Sessions(KEYS).sign_in("registrar-token-1")
    assert session is not None
    assert csrf_valid(session, session.csrf)
    assert not csrf_valid(session, None)
    assert not csrf_valid(session, session.csrf[:-1] + "x")


def test_the_sign_in_forms_token_is_vouched_for_by_its_cookie() -> None:
    sessions = Sessions(KEYS)
    token, cookie = sessions.sign_in_token()
    assert sessions.sign_in_token_valid(cookie, token)
    assert not sessions.sign_in_token_valid(cookie, "other")
    assert not sessions.sign_in_token_valid(None, token)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_failed_sign_ins_slow_the_next_attempt_more_each_time_up_to_a_ceiling() -> None:
    throttle = SignInThrottle(base=0.5, ceiling=8.0, clock=Clock())
    delays = []
    for _ in range(7):
        delays.append(throttle.delay("10.0.0.1"))
        throttle.failed("10.0.0.1")
    assert delays == [0.0, 0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert throttle.delay("10.0.0.2") == 0.0


def test_a_success_or_a_quiet_quarter_hour_forgets_the_failures() -> None:
    clock = Clock()
    throttle = SignInThrottle(clock=clock, forget_after=900)
    throttle.failed("a")
    throttle.failed("a")
    throttle.succeeded("a")
    assert throttle.delay("a") == 0.0
    throttle.failed("b")
    clock.now += 901
    assert throttle.failures("b") == 0


def test_the_throttle_keeps_a_bounded_number_of_addresses() -> None:
    throttle = SignInThrottle(capacity=3, clock=Clock())
    for n in range(5):
        throttle.failed(f"10.0.0.{n}")
    assert throttle.failures("10.0.0.0") == 0
    assert throttle.failures("10.0.0.4") == 1


def test_a_scoped_key_opens_a_session_carrying_its_scope() -> None:
    keys = ApiKeys.parse("registrar:zs-clerk:zs-clerk-token:street=招商街道")
    sessions = Sessions(keys)
    session = sessions.sign_in("zs-clerk-token")
    assert session is not None
    assert session.principal == Principal("zs-clerk", "registrar", Scope.parse("street=招商街道"))
    assert sessions.load(sessions.dump(session)) == session


def test_a_token_configured_as_its_hash_opens_the_same_sessions() -> None:
    hashed = ApiKeys.parse(f"registrar:li-wei:{hash_token('registrar-token-1')},reader:office:reader-token-22")
    session = Sessions(hashed).sign_in("registrar-token-1")
    assert session is not None
    assert Sessions(KEYS).load(Sessions(hashed).dump(session)) == session
    assert Sessions(hashed).sign_in(hash_token("registrar-token-1")) is None


def test_a_session_ends_when_its_keys_scope_changes() -> None:
    cookie = Sessions(KEYS).dump(Sessions(KEYS).sign_in("reader-token-22"))  # type: ignore[arg-type]
    narrowed = ApiKeys.parse("registrar:li-wei:registrar-token-1,reader:office:reader-token-22:street=招商街道")
    assert Sessions(narrowed).load(cookie) is None
