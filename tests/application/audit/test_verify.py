"""Verification catches every change made to the stored log behind the service's back, at its position."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest

from application.audit.verify import verify
from application.register import Register
from application.store.sealing import new_key
from tests.application.audit.raw import RawStore
from tests.conftest import REGISTRAR
from tests.factories import member


@pytest.fixture
def logged(register: Register, store_url: str) -> tuple[Register, RawStore]:
    ids = [member(register, n) for n in range(1, 6)]
    for ident in ids:
        register.suspend_member(REGISTRAR, ident, "年检未报")
    register.member_leave(REGISTRAR, ids[0], date(2021, 1, 1), "withdrew")
    assert register.recorder.max_notification_id() == 11
    return register, RawStore(store_url)


def test_an_untouched_log_verifies(logged: tuple[Register, RawStore]) -> None:
    register, _ = logged
    result = verify(register)
    assert result.ok
    assert result.checked == 11
    assert result.head == register.chain_head_at(11)
    assert result.first_bad_position is None


def test_an_empty_log_verifies(register: Register) -> None:
    result = verify(register)
    assert result.ok
    assert result.checked == 0
    assert result.head is None


def test_altered_state_is_caught(logged: tuple[Register, RawStore]) -> None:
    register, raw = logged
    raw.set_state(4, raw.state(4).replace("企业".encode(), "公司".encode()))
    result = verify(register)
    assert not result.ok
    assert result.first_bad_position == 4
    assert result.checked == 3


def test_altered_topic_is_caught(logged: tuple[Register, RawStore]) -> None:
    register, raw = logged
    raw.run(f"UPDATE {raw.events} SET topic = 'domain.member:Member.Reinstated' WHERE {raw.pos} = 7")
    assert verify(register).first_bad_position == 7


def test_deleted_event_is_caught(logged: tuple[Register, RawStore]) -> None:
    register, raw = logged
    raw.run(f"DELETE FROM {raw.events} WHERE {raw.pos} = 6")
    result = verify(register)
    assert result.first_bad_position == 6
    assert "deleted" in result.problem


def test_deleted_link_is_caught(logged: tuple[Register, RawStore]) -> None:
    register, raw = logged
    raw.run(f"DELETE FROM {raw.chain} WHERE position = 9")
    assert verify(register).first_bad_position == 9


def test_swapped_rows_are_caught(logged: tuple[Register, RawStore]) -> None:
    register, raw = logged
    three, eight = raw.state(3), raw.state(8)
    raw.set_state(3, eight)
    raw.set_state(8, three)
    assert verify(register).first_bad_position == 3


def test_forged_row_is_caught(logged: tuple[Register, RawStore], store_url: str) -> None:
    register, raw = logged
    forged_state = raw.state(2)
    if raw.sqlite:
        raw.run(
            f"INSERT INTO {raw.events} (rowid, originator_id, originator_version, topic, state) VALUES (?, ?, ?, ?, ?)",
            (12, "0" * 32, 1, "domain.member:Member.Joined", forged_state),
        )
    else:
        raw.run(
            f"INSERT INTO {raw.events} (notification_id, originator_id, originator_version, topic, state) "
            "VALUES (?, ?, ?, ?, ?)",
            (12, "00000000-0000-0000-0000-000000000000", 1, "domain.member:Member.Joined", forged_state),
        )
    result = verify(register)
    assert result.first_bad_position == 12
    assert result.checked == 11


def test_forged_row_with_a_made_up_link_is_caught(logged: tuple[Register, RawStore]) -> None:
    register, raw = logged
    raw.run(f"INSERT INTO {raw.chain} (position, link) VALUES (?, ?)", (12, "f" * 64))
    if raw.sqlite:
        raw.run(
            f"INSERT INTO {raw.events} (rowid, originator_id, originator_version, topic, state) VALUES (?, ?, ?, ?, ?)",
            (12, "0" * 32, 1, "domain.member:Member.Joined", raw.state(2)),
        )
    else:
        raw.run(
            f"INSERT INTO {raw.events} (notification_id, originator_id, originator_version, topic, state) "
            "VALUES (?, ?, ?, ?, ?)",
            (12, "00000000-0000-0000-0000-000000000000", 1, "domain.member:Member.Joined", raw.state(2)),
        )
    assert verify(register).first_bad_position == 12


def test_truncated_tail_is_caught_against_a_published_head(logged: tuple[Register, RawStore]) -> None:
    register, raw = logged
    published = (10, register.chain_head_at(10))
    assert verify(register, published).ok
    raw.run(f"DELETE FROM {raw.events} WHERE {raw.pos} >= 9")
    raw.run(f"DELETE FROM {raw.chain} WHERE position >= 9")
    assert verify(register).ok, "a tail cut from both tables leaves a shorter chain that holds by itself"
    against_published = verify(register, published)
    assert not against_published.ok
    assert against_published.first_bad_position == 10


def test_truncated_events_alone_are_caught(logged: tuple[Register, RawStore]) -> None:
    register, raw = logged
    raw.run(f"DELETE FROM {raw.events} WHERE {raw.pos} >= 10")
    assert verify(register).first_bad_position == 10


def test_a_wrong_published_head_is_caught(logged: tuple[Register, RawStore]) -> None:
    register, _ = logged
    result = verify(register, (5, "a" * 64))
    assert result.first_bad_position == 5
    assert "published head" in result.problem


def test_a_write_during_verification_is_left_for_the_next_one(
    logged: tuple[Register, RawStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    register, _ = logged
    select_links = register.recorder.select_links  # type: ignore[attr-defined]

    def write_then_select(after: int, limit: int, stop: int) -> list[tuple[int, str]]:
        if register.recorder.max_notification_id() == 11:
            member(register, 6)
        return select_links(after, limit, stop)

    monkeypatch.setattr(register.recorder, "select_links", write_then_select)
    during = verify(register)
    assert during.ok, during.problem
    assert (during.checked, during.head_position) == (11, 11)
    after = verify(register)
    assert after.ok
    assert (after.checked, after.head_position) == (12, 12)


def test_a_deleted_last_event_is_caught(logged: tuple[Register, RawStore]) -> None:
    register, raw = logged
    raw.run(f"DELETE FROM {raw.events} WHERE {raw.pos} = 11")
    result = verify(register)
    assert not result.ok
    assert result.first_bad_position == 11


@pytest.fixture
def sealed(store_url: str) -> Iterator[tuple[Register, RawStore]]:
    register = Register({"FICLEDGER_DATABASE_URL": store_url, "FICLEDGER_CIPHER_KEY": new_key()})
    try:
        for n in range(1, 4):
            member(register, n)
        yield register, RawStore(store_url)
    finally:
        register.close()


def test_a_sealed_log_verifies_with_the_head_it_would_have_in_clear(
    sealed: tuple[Register, RawStore], fresh_store: Callable[[str], str]
) -> None:
    register, _ = sealed
    in_clear = Register({"FICLEDGER_DATABASE_URL": fresh_store("sqlite"), "FICLEDGER_CIPHER_KEY": ""})
    try:
        for n in range(1, 4):
            member(in_clear, n)
        sealed_result, clear_result = verify(register), verify(in_clear)
    finally:
        in_clear.close()
    assert sealed_result.ok
    assert sealed_result.checked == 3
    assert sealed_result.head is not None
    assert clear_result.ok
    assert clear_result.head != sealed_result.head, "recorded times differ, so the states do"


def test_a_sealed_state_altered_behind_the_service_is_caught_at_its_position(
    sealed: tuple[Register, RawStore],
) -> None:
    register, raw = sealed
    damaged = bytearray(raw.state(2))
    damaged[40] ^= 0x01
    raw.set_state(2, bytes(damaged))
    result = verify(register)
    assert not result.ok
    assert result.first_bad_position == 2
    assert result.checked == 1
    assert "cannot be opened" in (result.problem or "")


def test_a_state_sealed_again_with_the_key_is_caught_by_its_link(sealed: tuple[Register, RawStore]) -> None:
    register, raw = sealed
    plain = register.sealing.open(raw.state(3))
    raw.set_state(3, register.sealing.seal(plain.replace("企业".encode(), "公司".encode())))
    result = verify(register)
    assert result.first_bad_position == 3
    assert "altered" in (result.problem or "")
