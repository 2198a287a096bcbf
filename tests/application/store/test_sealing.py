"""Personal data sealed at rest: with ``FICLEDGER_CIPHER_KEY`` set, no name is left in clear anywhere in the store
(events, snapshots, view documents, idempotent answers, the access log's key names), on SQLite (the file's bytes
and its WAL) and PostgreSQL (every text and bytea column of every table of the schema); without it, the same names
are found (so the search itself can fail); and a store opens only with the key it was sealed with."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import psycopg
import pytest
from eventsourcing.cipher import AESCipher as PycryptodomeCipher
from eventsourcing.cryptography import AESCipher
from eventsourcing.utils import Environment

from application.context import CommandContext
from application.errors import StoreConfigError
from application.projections.runner import ViewRunner
from application.register import Register
from application.store.access_log import Access, AccessLog
from application.store.checks import KeyRefused, check_key
from application.store.idempotency import IdempotencyStore, IdempotentAnswer
from application.store.sealing import SealBroken, Sealing, key_problem, new_key
from tests.conftest import POSTGRES_URL
from tests.factories import chamber, credit_code

MEMBER_NAME = "琼枝玉树精密仪器有限公司"
PRESIDENT = "欧阳明远"
STAFF = CommandContext("li-wei", "registrar", "req-seal", "年检")
KEY = new_key()


def forms(name: str) -> list[bytes]:
    """The ways a stored name may be spelled: UTF-8, and JSON's ASCII escapes."""
    return [name.encode("utf-8"), json.dumps(name)[1:-1].encode("ascii")]


def fill(register: Register) -> None:
    """A member with more events than a snapshot interval, a chamber term with its president, the view caught up,
    idempotent answers holding both names (one written with events, one without), and an access by a key named
    after the president."""
    ident = register.join_member(STAFF, credit_code(7), MEMBER_NAME, "南山街道", "制造业", date(2019, 3, 1))
    member_id = ident.aggregate.id
    for _ in range(26):
        register.suspend_member(STAFF, member_id, "年检未报")
        register.reinstate_member(STAFF, member_id, "已补报")
    assert register.snapshots is not None
    assert list(register.snapshots.get(member_id)), "the member has a snapshot"
    chamber_id = chamber(register)
    register.renew_chamber_term(STAFF, chamber_id, 1, date(2020, 1, 1), date(2024, 12, 31), PRESIDENT)
    claims = IdempotencyStore(register.recorder.datastore, sealing=register.sealing)  # type: ignore[attr-defined]
    token = claims.claim("li-wei", "amend-1", "f1")
    assert token is not None
    pending = IdempotentAnswer("li-wei", "amend-1", token, lambda m: (200, {"ETag": '"1"'}, {"name": m.name}))
    answering = CommandContext("li-wei", "registrar", idempotent_answer=pending)
    register.amend_member(answering, member_id, {"industry": "服务业"}, "复核")
    assert pending.written
    other = claims.claim("li-wei", "refused-1", "f2")
    assert other is not None
    claims.answer("li-wei", "refused-1", other, 409, {}, {"detail": f"{PRESIDENT} 已任会长"})
    with ViewRunner(register) as runner:
        runner.catch_up()
    access_log(register).append([ACCESS])


ACCESS = Access(
    at=datetime(2024, 3, 1, 8, 30, tzinfo=UTC),
    request_id="req-seal",
    key_name=PRESIDENT,
    role="registrar",
    scope=None,
    method="GET",
    path="/v1/members",
    record_ids=(),
    status=200,
)


def access_log(register: Register) -> AccessLog:
    return AccessLog(register.recorder.datastore, sealing=register.sealing)  # type: ignore[attr-defined]


def sqlite_bytes(url: str) -> bytes:
    path = Path(url[len("sqlite:///") :])
    parts = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    return b"".join(part.read_bytes() for part in parts if part.exists())


def postgres_values(url: str) -> dict[str, list[bytes]]:
    """Every text, varchar, json and bytea value of every table of the URL's schema, by table."""
    schema = parse_qs(urlsplit(url).query)["schema"][0]
    found: dict[str, list[bytes]] = {}
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        columns = conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = %s "
            "AND data_type IN ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb')",
            (schema,),
        ).fetchall()
        assert columns
        for table, column in columns:
            rows = conn.execute(f'SELECT "{column}" FROM "{schema}"."{table}"').fetchall()
            values = [v if isinstance(v, bytes) else str(v).encode() for (v,) in rows if v is not None]
            found.setdefault(table, []).extend(values)
    return found


def sqlite_values(url: str) -> dict[str, list[bytes]]:
    """Every value of every table of the SQLite file, by table."""
    conn = sqlite3.connect(url[len("sqlite:///") :])
    try:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        found: dict[str, list[bytes]] = {}
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                found.setdefault(table, []).extend(
                    v if isinstance(v, bytes) else str(v).encode() for v in row if v is not None
                )
        return found
    finally:
        conn.close()


def tables_holding(values: dict[str, list[bytes]], name: str) -> set[str]:
    return {table for table, items in values.items() if any(form in v for v in items for form in forms(name))}


def open_store(url: str, key: str | None) -> Register:
    return Register({"FICLEDGER_DATABASE_URL": url, "FICLEDGER_CIPHER_KEY": key or ""})


@pytest.mark.parametrize("sealed", [True, False], ids=["sealed", "in clear"])
def test_no_name_is_stored_in_clear_in_a_sealed_sqlite_file(sqlite_url: str, sealed: bool) -> None:
    register = open_store(sqlite_url, KEY if sealed else None)
    try:
        fill(register)
        while_open = sqlite_bytes(sqlite_url)
    finally:
        register.close()
    after_close = sqlite_bytes(sqlite_url)
    for name in (MEMBER_NAME, PRESIDENT):
        assert any(form in while_open or form in after_close for form in forms(name)) is not sealed
    tables = {"stored_events", "stored_snapshots", "view_documents", "idempotency_claims", "access_log"}
    values = sqlite_values(sqlite_url)
    found = tables_holding(values, MEMBER_NAME) | tables_holding(values, PRESIDENT)
    assert found == (set() if sealed else tables)


@pytest.mark.postgres
@pytest.mark.parametrize("sealed", [True, False], ids=["sealed", "in clear"])
def test_no_name_is_stored_in_clear_in_any_column_of_a_sealed_postgres_schema(postgres_url: str, sealed: bool) -> None:
    register = open_store(postgres_url, KEY if sealed else None)
    try:
        fill(register)
    finally:
        register.close()
    values = postgres_values(postgres_url)
    found = tables_holding(values, MEMBER_NAME) | tables_holding(values, PRESIDENT)
    tables = {"ficledger_events", "ficledger_snapshots", "view_documents", "idempotency_claims", "access_log"}
    assert found == (set() if sealed else tables)


def test_a_sealed_store_reads_back_what_was_recorded(store_url: str) -> None:
    register = open_store(store_url, KEY)
    try:
        fill(register)
    finally:
        register.close()
    reopened = open_store(store_url, KEY)
    try:
        check_key(reopened)
        with ViewRunner(reopened) as runner:
            [doc] = runner.view.page("member", {}, None, 10)
            assert doc["name"] == MEMBER_NAME
            assert runner.view.all("chamber")[0]["terms"][0]["president"] == PRESIDENT
        claims = IdempotencyStore(reopened.recorder.datastore, sealing=reopened.sealing)  # type: ignore[attr-defined]
        stored = claims.find("li-wei", "amend-1")
        assert stored is not None
        assert stored.body == {"name": MEMBER_NAME}
        assert claims.find("someone-else", "amend-1") is None
        assert [entry for _, entry in access_log(reopened).page(0, 10)] == [ACCESS]
    finally:
        reopened.close()


@pytest.mark.parametrize(
    ("written_with", "opened_with", "message"),
    [
        (KEY, new_key(), "FICLEDGER_CIPHER_KEY 与存储的密钥不符"),
        (KEY, None, "存储已加密，请设置 FICLEDGER_CIPHER_KEY"),
        (None, KEY, "存储未加密，不能用 FICLEDGER_CIPHER_KEY 打开"),
    ],
    ids=["another key", "no key", "a key for a store in clear"],
)
def test_a_store_opens_only_with_its_own_key(
    store_url: str, written_with: str | None, opened_with: str | None, message: str
) -> None:
    register = open_store(store_url, written_with)
    try:
        register.join_member(STAFF, credit_code(1), MEMBER_NAME, "南山街道", "制造业", date(2019, 3, 1))
    finally:
        register.close()
    other = open_store(store_url, opened_with)
    try:
        with pytest.raises(KeyRefused) as refused:
            check_key(other)
        assert str(refused.value).startswith(message)
        assert "\n" not in str(refused.value)
    finally:
        other.close()


def test_an_empty_store_opens_with_any_key(store_url: str) -> None:
    register = open_store(store_url, KEY)
    try:
        check_key(register)
    finally:
        register.close()


@pytest.mark.parametrize("key", ["not base64!", "c2hvcnQ=", "密钥"], ids=["not base64", "too short", "not ASCII"])
def test_a_key_that_is_not_one_is_refused(key: str, sqlite_url: str) -> None:
    assert key_problem(new_key()) is None
    assert key_problem(key) is not None
    with pytest.raises(StoreConfigError, match="FICLEDGER_CIPHER_KEY"):
        Register({"FICLEDGER_DATABASE_URL": sqlite_url, "FICLEDGER_CIPHER_KEY": key})


def test_sealing_opens_what_it_sealed_and_nothing_altered(sqlite_url: str) -> None:
    register = open_store(sqlite_url, KEY)
    try:
        sealing = register.sealing
        assert sealing.open(sealing.seal(b"abc")) == b"abc"
        assert sealing.open_text(sealing.seal_text(PRESIDENT)) == PRESIDENT
        assert sealing.seal(b"abc") != sealing.seal(b"abc")
        assert sealing.tag("li-wei") == sealing.tag("li-wei") != "li-wei"
        damaged = bytearray(sealing.seal(b"abc"))
        damaged[-1] ^= 1
        with pytest.raises(SealBroken):
            sealing.open(bytes(damaged))
        with pytest.raises(SealBroken):
            Sealing(AESCipher(Environment(env={"CIPHER_KEY": new_key()}))).open(sealing.seal(b"abc"))
    finally:
        register.close()


def test_without_a_key_nothing_is_sealed(sqlite_url: str) -> None:
    register = open_store(sqlite_url, None)
    try:
        assert not register.sealing.sealed
        assert register.mapper.cipher is None
        assert register.sealing.seal_text(PRESIDENT) == PRESIDENT
        assert register.sealing.tag("li-wei") == "li-wei"
    finally:
        register.close()


def test_the_key_comes_from_the_settings_when_not_given(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, fresh_store: Callable[[str], str]
) -> None:
    monkeypatch.setenv("FICLEDGER_CIPHER_KEY", KEY)
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    try:
        assert register.sealing.sealed
    finally:
        register.close()
    plain = Register({"FICLEDGER_DATABASE_URL": fresh_store("sqlite"), "FICLEDGER_CIPHER_KEY": ""})
    try:
        assert not plain.sealing.sealed
    finally:
        plain.close()


def test_the_cipher_is_the_librarys_and_opens_what_its_pycryptodome_twin_sealed(sqlite_url: str) -> None:
    register = open_store(sqlite_url, KEY)
    try:
        assert type(register.mapper.cipher) is AESCipher
        twin = PycryptodomeCipher(Environment(env={"CIPHER_KEY": KEY}))
        assert register.sealing.open(twin.encrypt(b"state")) == b"state"
        assert twin.decrypt(register.sealing.seal(b"state")) == b"state"
    finally:
        register.close()
