"""API keys from FICLEDGER_API_KEYS: what parses (scopes and hashed tokens too), what is refused with a clear message,
and who a token is."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from application.settings import load_settings
from domain.scope import Scope
from interfaces.api.auth import ROLES, ApiKeys, Principal, hash_token


def test_triples_parse_into_keys() -> None:
    keys = ApiKeys.parse(" registrar:li-wei:s3cret-token , auditor:审计室:t0ken-1234:with-colon ,")
    assert [(k.role, k.name) for k in keys.keys] == [("registrar", "li-wei"), ("auditor", "审计室")]
    assert keys.authenticate("s3cret-token") == Principal("li-wei", "registrar")
    assert keys.authenticate("t0ken-1234:with-colon") == Principal("审计室", "auditor")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no API keys"),
        (" , ", "no API keys"),
        ("registrar:li-wei", "is not role:name:token"),
        ("registrar::s3cret-token", "is not role:name:token"),
        ("registrar:li-wei:", "is not role:name:token"),
        ("clerk:li-wei:s3cret-token", "unknown role 'clerk'"),
        ("Registrar:li-wei:s3cret-token", "unknown role"),
        ("registrar:li-wei:short", "shorter than 8"),
        ("registrar:li-wei:s3cret token", "spaces"),
        ("registrar:li-wei:s3cret-tökén", "outside ASCII"),
        ("registrar:li\x07wei:s3cret-token", "printable"),
        ("registrar:li-wei:s3cret-token,auditor:audit:s3cret-token", "share a token"),
    ],
)
def test_malformed_keys_are_refused_naming_the_problem(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ApiKeys.parse(text)


def test_an_unknown_or_partial_token_is_nobody() -> None:
    keys = ApiKeys.parse("admin:ops:0123456789abcdef")
    assert keys.authenticate("0123456789abcdef") == Principal("ops", "admin")
    for wrong in ("", "0123456789abcde", "0123456789abcdefg", "0123456789ABCDEF", "ö"):
        assert keys.authenticate(wrong) is None


def test_tokens_stay_out_of_reprs() -> None:
    keys = ApiKeys.parse("registrar:li-wei:s3cret-token")
    assert "s3cret-token" not in repr(keys.keys)


def test_generated_keys_cover_every_role_and_round_trip() -> None:
    keys = ApiKeys.generate()
    assert sorted(k.role for k in keys.keys) == sorted(ROLES)
    again = ApiKeys.parse(keys.as_text())
    assert [(k.role, k.name, k.token) for k in again.keys] == [(k.role, k.name, k.token) for k in keys.keys]


def test_keys_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FICLEDGER_API_KEYS", raising=False)
    assert ApiKeys.from_env(load_settings()) is None
    monkeypatch.setenv("FICLEDGER_API_KEYS", "reader:desk:r3ader-token")
    keys = ApiKeys.from_env(load_settings())
    assert keys is not None
    assert keys.authenticate("r3ader-token") == Principal("desk", "reader")


def test_a_key_may_carry_a_street_or_a_unit_scope() -> None:
    keys = ApiKeys.parse(
        "registrar:zs-clerk:zs-token-123:street=招商街道,assessor:zs-party:unit-token-1:unit=招商街道党工委,"
        "reader:desk:r3ader-token"
    )
    assert keys.authenticate("zs-token-123") == Principal("zs-clerk", "registrar", Scope.parse("street=招商街道"))
    assert keys.authenticate("unit-token-1") == Principal("zs-party", "assessor", Scope.parse("unit=招商街道党工委"))
    assert keys.authenticate("r3ader-token") == Principal("desk", "reader")
    assert ApiKeys.parse(keys.as_text()).as_text() == keys.as_text()


def test_a_token_may_hold_a_colon_before_its_scope() -> None:
    keys = ApiKeys.parse("auditor:audit:t0ken-1234:with-colon:street=招商街道")
    assert keys.authenticate("t0ken-1234:with-colon") == Principal("audit", "auditor", Scope.parse("street=招商街道"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("registrar:li-wei:s3cret-token:stret=招商街道", "unknown scope 'stret'"),
        ("registrar:li-wei:s3cret-token:street=", "printable characters"),
        ("registrar:li-wei:street=招商街道", "is not role:name:token"),
        ("registrar:li-wei:sha256:abc", "64 lowercase hex digits"),
        ("registrar:li-wei:sha256:" + "A" * 64, "64 lowercase hex digits"),
        (f"registrar:a:s3cret-token,auditor:b:{hash_token('s3cret-token')}", "share a token"),
    ],
)
def test_malformed_scopes_and_hashes_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ApiKeys.parse(text)


def test_a_hashed_token_admits_the_token_it_was_made_from_and_nothing_else() -> None:
    hashed = hash_token("s3cret-token")
    assert hashed == "sha256:" + hashlib.sha256(b"s3cret-token").hexdigest()
    keys = ApiKeys.parse(f"registrar:li-wei:{hashed}:street=招商街道")
    assert keys.authenticate("s3cret-token") == Principal("li-wei", "registrar", Scope.parse("street=招商街道"))
    for wrong in ("", hashed, hashed.removeprefix("sha256:"), "s3cret-toke", "s3cret-token "):
        assert keys.authenticate(wrong) is None
    assert "s3cret-token" not in keys.as_text()
    assert keys.as_text() == f"registrar:li-wei:{hashed}:street=招商街道"
    assert keys.keys[0].token is None


def test_both_forms_of_one_token_are_one_key() -> None:
    clear, hashed = (
        ApiKeys.parse("admin:ops:0123456789abcdef"),
        ApiKeys.parse(f"admin:ops:{hash_token('0123456789abcdef')}"),
    )
    assert clear.keys[0] == hashed.keys[0]
    assert clear.authenticate("0123456789abcdef") == hashed.authenticate("0123456789abcdef")


def test_every_key_is_compared_whichever_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = ApiKeys.parse(f"registrar:a:first-token-1,auditor:b:{hash_token('second-token')},reader:c:third-token-3")
    compared: list[bytes] = []
    real = hmac.compare_digest

    def counting(a: bytes, b: bytes) -> bool:
        compared.append(b)
        return real(a, b)

    monkeypatch.setattr("interfaces.api.auth.hmac.compare_digest", counting)
    assert keys.authenticate("first-token-1") == Principal("a", "registrar")
    assert len(compared) == 3
    compared.clear()
    assert keys.authenticate("nobody-at-all") is None
    assert len(compared) == 3
