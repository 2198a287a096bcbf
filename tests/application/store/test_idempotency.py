"""Idempotency keys on both stores: the answer lands with the events, lost claims record nothing, stale claims
are taken over by a retry of the same request only."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from application.audit.verify import verify
from application.context import CommandContext
from application.register import Register
from application.store.idempotency import ClaimLost, IdempotencyStore, IdempotentAnswer
from tests.application.audit.raw import RawStore
from tests.conftest import REGISTRAR
from tests.factories import credit_code


def answer_for(aggregate: Any) -> tuple[int, dict[str, str], Any]:
    return 201, {"ETag": f'"{aggregate.version}"'}, {"id": str(aggregate.id), "name": aggregate.name}


def join(register: Register, n: int = 1, ctx: CommandContext = REGISTRAR) -> Any:
    return register.join_member(ctx, credit_code(n), f"企业{n}", "粤海街道", "制造业", date(2020, 1, 1))


def claims(register: Register, lease_seconds: float = 60.0) -> IdempotencyStore:
    return IdempotencyStore(register.recorder.datastore, lease_seconds)  # type: ignore[attr-defined]


def test_the_answer_is_written_in_the_transaction_that_records_the_events(register: Register) -> None:
    store = claims(register)
    token = store.claim("li-wei", "join-1", "f1")
    assert token is not None
    pending = IdempotentAnswer("li-wei", "join-1", token, answer_for)
    recorded = join(register, ctx=replace(REGISTRAR, idempotent_answer=pending))
    assert pending.written
    stored = store.find("li-wei", "join-1")
    assert stored is not None
    assert not stored.pending
    assert (stored.status, stored.headers, stored.body) == (
        201,
        {"ETag": '"1"'},
        {"id": str(recorded.aggregate.id), "name": "企业1"},
    )


def test_a_command_whose_claim_was_taken_over_records_nothing(register: Register) -> None:
    store = claims(register, lease_seconds=0)
    first = store.claim("li-wei", "join-1", "f1")
    second = store.claim("li-wei", "join-1", "f1")
    assert first is not None
    assert second is not None
    assert second != first
    lost = IdempotentAnswer("li-wei", "join-1", first, answer_for)
    with pytest.raises(ClaimLost):
        join(register, ctx=replace(REGISTRAR, idempotent_answer=lost))
    assert not lost.written
    assert register.recorder.max_notification_id() is None
    assert verify(register).ok
    stored = store.find("li-wei", "join-1")
    assert stored is not None
    assert stored.pending


def test_a_pending_claim_within_its_lease_is_not_taken(register: Register) -> None:
    store = claims(register)
    assert store.claim("li-wei", "join-1", "f1") is not None
    assert store.claim("li-wei", "join-1", "f1") is None


def test_a_stale_claim_is_taken_over_only_by_the_same_request(register: Register) -> None:
    store = claims(register, lease_seconds=0)
    assert store.claim("li-wei", "join-1", "f1") is not None
    assert store.claim("li-wei", "join-1", "another body") is None
    assert store.claim("li-wei", "join-1", "f1") is not None


def test_an_answered_key_is_never_taken_over(register: Register) -> None:
    store = claims(register, lease_seconds=0)
    token = store.claim("li-wei", "join-1", "f1")
    assert token is not None
    store.answer("li-wei", "join-1", token, 409, {}, {"rule": "member.already_member"})
    assert store.claim("li-wei", "join-1", "f1") is None
    stored = store.find("li-wei", "join-1")
    assert stored is not None
    assert (stored.status, stored.body) == (409, {"rule": "member.already_member"})


def test_a_released_claim_lets_the_retry_run(register: Register) -> None:
    store = claims(register)
    token = store.claim("li-wei", "join-1", "f1")
    assert token is not None
    store.release("li-wei", "join-1", token)
    assert store.find("li-wei", "join-1") is None
    assert store.claim("li-wei", "join-1", "f1") is not None


def test_keys_are_scoped_by_caller(register: Register) -> None:
    store = claims(register)
    assert store.claim("li-wei", "k", "f1") is not None
    assert store.claim("audit-office", "k", "f1") is not None


CLAIM_IN_ANOTHER_PROCESS = """
import sys
from application.register import Register
from application.store.idempotency import IdempotencyStore
register = Register({"FICLEDGER_DATABASE_URL": sys.argv[1]})
print(IdempotencyStore(register.recorder.datastore).claim("li-wei", "join-1", sys.argv[2]))
register.close()
"""


def test_a_claim_whose_process_is_gone_is_taken_over_at_once_by_the_same_request(
    register: Register, store_url: str
) -> None:
    held = subprocess.run(
        [sys.executable, "-c", CLAIM_IN_ANOTHER_PROCESS, store_url, "f1"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.strip()
    store = claims(register)
    assert held != "None"
    assert store.claim("li-wei", "join-1", "f2") is None
    taken = store.claim("li-wei", "join-1", "f1")
    assert taken is not None
    assert taken != held
    assert store.claim("li-wei", "join-1", "f1") is None


def watch_durability(raw: RawStore) -> str:
    """A trigger noting the durability each write to the claims table was committed with (SQLite's ``synchronous``
    level, PostgreSQL's ``synchronous_commit``), and the table it notes in."""
    if raw.sqlite:
        raw.run("CREATE TABLE durability (claim TEXT, setting TEXT)")
        for verb in ("INSERT", "UPDATE"):
            raw.run(
                f"CREATE TRIGGER durability_{verb.lower()} AFTER {verb} ON idempotency_claims BEGIN "
                "INSERT INTO durability SELECT NEW.key, synchronous FROM pragma_synchronous; END"
            )
        return "durability"
    table = f'"{raw.schema}".durability'
    raw.run(f"CREATE TABLE {table} (claim TEXT, setting TEXT)")
    raw.run(
        f'CREATE FUNCTION "{raw.schema}".note_durability() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN '
        f"INSERT INTO {table} VALUES (NEW.key, "
        "current_setting('synchronous_commit')); RETURN NEW; END $$"
    )
    raw.run(
        f'CREATE TRIGGER durability AFTER INSERT OR UPDATE ON "{raw.schema}".idempotency_claims '
        f'FOR EACH ROW EXECUTE FUNCTION "{raw.schema}".note_durability()'
    )
    return table


def test_a_claim_is_committed_without_a_sync_of_its_own_and_the_answer_with_one(
    register: Register, store_url: str
) -> None:
    store = claims(register, lease_seconds=0)
    table = watch_durability(RawStore(store_url))
    first = store.claim("li-wei", "join-1", "f1")
    taken = store.claim("li-wei", "join-1", "f1")
    assert first is not None
    assert taken is not None
    pending = IdempotentAnswer("li-wei", "join-1", taken, answer_for)
    join(register, ctx=replace(REGISTRAR, idempotent_answer=pending))
    rejected = store.claim("li-wei", "join-2", "f2")
    assert rejected is not None
    store.answer("li-wei", "join-2", rejected, 409, {}, {"rule": "member.credit_code_taken"})
    noted = [tuple(row) for row in RawStore(store_url).run(f"SELECT claim, setting FROM {table}")]
    unsynced, durable = ("1", "2") if store.sqlite else ("off", "on")
    assert [setting for _, setting in noted] == [unsynced, unsynced, durable, unsynced, durable]
    assert [claim for claim, _ in noted] == ["join-1", "join-1", "join-1", "join-2", "join-2"]
    join(register, 2)
    if store.sqlite:
        with register.recorder.datastore.get_connection(commit=True) as conn, conn.cursor() as c:  # type: ignore[attr-defined]
            c.execute("PRAGMA synchronous")
            assert c.fetchone()[0] == 2
