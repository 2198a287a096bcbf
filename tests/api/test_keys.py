"""API keys from FICLEDGER_API_KEYS: what parses, what is refused with a clear message, and who a token is."""

from __future__ import annotations

import pytest

from application.settings import load_settings
from interfaces.api.auth import ROLES, ApiKeys, Principal


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
