"""Group commit on both stores: commands decided one by one in arrival order, recorded in one transaction with
their chain links and idempotent answers; a command that fails, fails alone."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from application.audit.verify import verify
from application.context import CommandContext, meta_of
from application.group_commit import Pending
from application.register import Register
from application.store.idempotency import IdempotencyStore, IdempotentAnswer
from domain.errors import RuleViolation
from tests.conftest import REGISTRAR
from tests.factories import credit_code, member

OTHER = CommandContext("wang-fang", "registrar", "req-other", "另一项录入")


def _log(app: Register, after: int) -> list[tuple[str, str | None, int]]:
    return [
        (type(e).__qualname__, meta_of(e)["request_id"], e.originator_version)
        for e in map(app.mapper.to_domain_event, app.recorder.select_notifications(after + 1, 1000))
    ]


def _settled(register: Register, *commands: Any) -> list[Pending[Any]]:
    group = [Pending(command) for command in commands]
    register.group.settle(group)
    assert all(pending.done for pending in group)
    return group


def test_a_group_is_decided_in_arrival_order_and_recorded_in_one_transaction(register: Register) -> None:
    ident = member(register, 1)
    before = register.recorder.max_notification_id() or 0
    suspend, reinstate, amend = _settled(
        register,
        lambda: register.suspend_member(REGISTRAR, ident, "未按期年检"),
        lambda: register.reinstate_member(OTHER, ident, "已补办年检"),
        lambda: register.amend_member(REGISTRAR, ident, {"name": "企业一"}, "更名"),
    )
    assert [p.outcome().position for p in (suspend, reinstate, amend)] == [before + 1, before + 2, before + 3]
    assert [p.outcome().aggregate.version for p in (suspend, reinstate, amend)] == [2, 3, 4]
    assert register.group.groups == 1
    assert _log(register, before) == [
        ("Member.Suspended", "req-registrar", 2),
        ("Member.Reinstated", "req-other", 3),
        ("Member.ProfileAmended", "req-registrar", 4),
    ]
    assert verify(register).ok


def test_a_command_that_breaks_a_rule_fails_alone(register: Register) -> None:
    ident = member(register, 1)
    before = register.recorder.max_notification_id() or 0
    first, again, amend = _settled(
        register,
        lambda: register.suspend_member(REGISTRAR, ident, "未按期年检"),
        lambda: register.suspend_member(OTHER, ident, "再次暂停"),
        lambda: register.amend_member(REGISTRAR, ident, {"name": "企业一"}, "更名"),
    )
    with pytest.raises(RuleViolation):
        again.outcome()
    assert (first.outcome().aggregate.version, amend.outcome().aggregate.version) == (2, 3)
    assert [name for name, _, _ in _log(register, before)] == ["Member.Suspended", "Member.ProfileAmended"]
    assert register.get_member(ident).status == "suspended"


def test_a_group_whose_transaction_conflicts_is_decided_again_command_by_command(
    register: Register, store_url: str
) -> None:
    ident, bystander = member(register, 1), member(register, 2)
    other_process = Register({"FICLEDGER_DATABASE_URL": store_url})
    raced: list[bool] = []

    def amend_while_another_process_suspends() -> Any:
        if not raced:
            raced.append(True)
            other_process.suspend_member(OTHER, ident, "另一进程")
        return register.amend_member(REGISTRAR, ident, {"name": "企业一"}, "更名")

    try:
        amend, suspend = _settled(
            register,
            lambda: register.amend_member(REGISTRAR, ident, {"street": "粤海街道"}, "迁址"),
            amend_while_another_process_suspends,
            lambda: register.suspend_member(REGISTRAR, bystander, "未按期年检"),
        )[1:]
    finally:
        other_process.close()
    assert amend.outcome().aggregate.version == 4
    assert suspend.outcome().aggregate.version == 2
    assert register.get_member(ident).name == "企业一"
    assert register.get_member(ident).status == "suspended"
    assert verify(register).ok


def test_each_idempotent_answer_is_written_with_its_group(register: Register) -> None:
    claims = IdempotencyStore(register.recorder.datastore)  # type: ignore[attr-defined]
    answers = []
    for n in (1, 2):
        token = claims.claim("li-wei", f"join-{n}", "f")
        assert token is not None
        answers.append(IdempotentAnswer("li-wei", f"join-{n}", token, lambda m: (201, {}, {"name": m.name})))
    joined = _settled(
        register,
        *(
            (
                lambda n=n: register.join_member(
                    replace(REGISTRAR, idempotent_answer=answers[n - 1]),
                    credit_code(n),
                    f"企业{n}",
                    "粤海街道",
                    "制造业",
                    date(2020, 1, 1),
                )
            )
            for n in (1, 2)
        ),
    )
    assert [p.outcome().aggregate.version for p in joined] == [1, 1]
    assert all(answer.written for answer in answers)
    for n in (1, 2):
        stored = claims.find("li-wei", f"join-{n}")
        assert stored is not None
        assert (stored.status, stored.body) == (201, {"name": f"企业{n}"})


def test_commands_arriving_while_a_group_commits_wait_for_the_next_and_a_lone_one_commits_at_once(
    register: Register,
) -> None:
    idents = [member(register, n) for n in range(1, 5)]
    leading, go = threading.Event(), threading.Event()

    def held() -> Any:
        leading.set()
        assert go.wait(10)
        return register.amend_member(REGISTRAR, idents[0], {"name": "企业一"}, "更名")

    results: dict[int, Any] = {}
    first = threading.Thread(target=lambda: results.update({0: register.group.run(held)}))
    first.start()
    assert leading.wait(10)
    waiting = [
        threading.Thread(
            target=lambda n=n: results.update(
                {n: register.group.run(lambda: register.suspend_member(REGISTRAR, idents[n], "未按期年检"))}
            )
        )
        for n in (1, 2, 3)
    ]
    for thread in waiting:
        thread.start()
    while len(register.group._waiting) < 3:
        threading.Event().wait(0.001)
    go.set()
    for thread in (first, *waiting):
        thread.join(10)
    assert (register.group.groups, register.group.grouped) == (1, 3)
    assert sorted(r.position for r in results.values()) == list(range(5, 9))
    alone = register.group.run(lambda: register.reinstate_member(REGISTRAR, idents[1], "已补办年检"))
    assert (alone.position, register.group.groups) == (9, 1)


def test_commands_beyond_what_one_group_holds_are_led_on_by_the_first_still_waiting(register: Register) -> None:
    register.group.limit = 2
    idents = [member(register, n) for n in range(1, 7)]
    leading, go = threading.Event(), threading.Event()

    def held() -> Any:
        leading.set()
        assert go.wait(10)
        return register.amend_member(REGISTRAR, idents[0], {"name": "企业一"}, "更名")

    results: dict[int, Any] = {}
    first = threading.Thread(target=lambda: results.update({0: register.group.run(held)}))
    first.start()
    assert leading.wait(10)
    waiting = []
    for n in range(1, 6):
        thread = threading.Thread(
            target=lambda n=n: results.update(
                {n: register.group.run(lambda: register.suspend_member(REGISTRAR, idents[n], "未按期年检"))}
            )
        )
        thread.start()
        waiting.append(thread)
        while len(register.group._waiting) < n:
            threading.Event().wait(0.001)
    go.set()
    for thread in (first, *waiting):
        thread.join(10)
    assert (register.group.groups, register.group.grouped) == (2, 4)
    assert sorted(r.position for r in results.values()) == list(range(7, 13))
    assert [results[n].position for n in range(1, 6)] == list(range(8, 13))
    assert not register.group._leading
    assert verify(register).ok
