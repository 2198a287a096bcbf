"""Histories and log pages name who did what, when and why."""

from __future__ import annotations

import uuid

import pytest

from application.audit.history import history, log_page
from application.context import CommandContext
from application.errors import NotFound
from application.register import Register
from tests.factories import chamber, member


def test_history_names_actor_role_reason_and_request(register: Register) -> None:
    ident = member(register, 1)
    register.suspend_member(CommandContext("wang-fang", "registrar", "req-77", "未按期年检"), ident, "年检未报")
    events = history(register, ident, "member", "Member")
    assert [e["type"] for e in events] == ["Joined", "Suspended"]
    assert [e["version"] for e in events] == [1, 2]
    suspended = events[1]
    assert suspended["actor"] == {"name": "wang-fang", "role": "registrar"}
    assert suspended["request_id"] == "req-77"
    assert suspended["reason"] == "未按期年检"
    assert suspended["data"] == {"reason": "年检未报"}
    assert suspended["recorded_at"].endswith("Z")
    assert events[0]["position"] < suspended["position"]


def test_history_of_the_wrong_kind_is_not_found(register: Register) -> None:
    ident = chamber(register)
    with pytest.raises(NotFound):
        history(register, ident, "member", "Member")
    with pytest.raises(NotFound):
        history(register, uuid.uuid4(), "member", "Member")


def test_log_pages_cover_the_whole_log_in_order(register: Register) -> None:
    for n in range(1, 8):
        member(register, n)
    seen, after = [], 0
    while True:
        page = log_page(register, after, 3)
        if not page["events"]:
            break
        seen.extend(e["position"] for e in page["events"])
        assert all(e["aggregate_type"] == "Member" for e in page["events"])
        after = page["next_after"]
    assert seen == list(range(1, 8))
