"""Commands in a batch, on both stores: decided as they are alone, stored together in the order decided."""

from __future__ import annotations

from datetime import date

import pytest

from application.context import CommandContext, meta_of
from application.errors import ConcurrentWrite
from application.register import Register
from application.store.idempotency import IdempotentAnswer
from domain.errors import RuleViolation
from domain.member import member_id
from tests.conftest import ASSESSOR, REGISTRAR
from tests.factories import branch, credit_code, member

OTHER = CommandContext("wang-fang", "registrar", "req-other", "另一项录入")


def _log(app: Register) -> list[tuple[str, str | None]]:
    return [
        (type(e).__qualname__, meta_of(e)["request_id"])
        for e in map(app.mapper.to_domain_event, app.recorder.select_notifications(1, 1000))
    ]


def test_a_batch_stores_its_commands_together_in_the_order_decided(register: Register) -> None:
    ident = member(register, 1)
    before = register.recorder.max_notification_id()
    with register.batch() as batch:
        joined = register.join_member(OTHER, credit_code(2), "企业2", "南山街道", "制造业", date(2020, 1, 1))
        register.suspend_member(REGISTRAR, ident, "未按期年检")
        register.amend_member(OTHER, joined.aggregate.id, {"name": "企业二"}, "更名")
        register.reinstate_member(REGISTRAR, ident, "已补办年检")
        assert register.recorder.max_notification_id() == before
        assert joined.position is None
    assert batch.stored == 4
    assert batch.position == register.recorder.max_notification_id() == before + 4
    assert _log(register)[-4:] == [
        ("Member.Joined", "req-other"),
        ("Member.Suspended", "req-registrar"),
        ("Member.ProfileAmended", "req-other"),
        ("Member.Reinstated", "req-registrar"),
    ]
    assert register.get_member(joined.aggregate.id).name == "企业二"
    assert register.get_member(ident).status == "active"


def test_each_command_sees_what_the_batch_decided_before_it(register: Register) -> None:
    with register.batch():
        hosts = [member(register, 1), member(register, 2)]
        ident = branch(register, hosts, kind="joint_branch")
        register.review_branch(ASSESSOR, ident, 2020, 50, [], date(2021, 1, 10), "考核组", "")
        register.open_round(ASSESSOR, 2020)
        assert register.grade_branch(ASSESSOR, ident, 2020).aggregate.grade_for(2020) == "weak"
        register.start_publicity(ASSESSOR, 2020, date(2021, 2, 1))
        with pytest.raises(RuleViolation) as refused:
            register.close_round(ASSESSOR, 2020, date(2021, 3, 1))
        assert refused.value.rule == "grading_round.weak_without_rectification"
        register.open_rectification(
            ASSESSOR,
            ident,
            2020,
            "整顿",
            date(2021, 6, 30),
            date(2021, 1, 31),
            helper="王建国",
            helper_role="leader",
            plan="整顿方案",
        )
        register.close_round(ASSESSOR, 2020, date(2021, 3, 1))
    assert register.get_round(2020).is_closed
    assert register.get_branch(ident).rectification_for(2020)


def test_a_rule_refuses_a_command_in_a_batch_and_the_others_are_stored(register: Register) -> None:
    ident = member(register, 1)
    with register.batch():
        register.suspend_member(REGISTRAR, ident, "未按期年检")
        with pytest.raises(RuleViolation) as refused:
            register.suspend_member(REGISTRAR, ident, "再次暂停")
        assert refused.value.rule == "member.not_active"
        with pytest.raises(RuleViolation):
            branch(register, [ident])
        register.reinstate_member(REGISTRAR, ident, "已补办年检")
    assert [name for name, _ in _log(register)] == ["Member.Joined", "Member.Suspended", "Member.Reinstated"]


def test_a_batch_that_raises_stores_nothing(register: Register) -> None:
    ident = member(register, 1)
    before = register.recorder.max_notification_id()

    def interrupted() -> None:
        with register.batch():
            register.suspend_member(REGISTRAR, ident, "未按期年检")
            member(register, 2)
            raise KeyError("stop")

    with pytest.raises(KeyError):
        interrupted()
    assert register.recorder.max_notification_id() == before
    assert register.get_member(ident).status == "active"
    assert not register.exists(member_id(credit_code(2)))


def test_a_batch_on_an_aggregate_another_writer_changed_stores_nothing(register: Register, store_url: str) -> None:
    ident = member(register, 1)
    other = Register({"FICLEDGER_DATABASE_URL": store_url})

    def overtaken() -> None:
        with register.batch():
            member(register, 2)
            register.suspend_member(REGISTRAR, ident, "未按期年检")
            other.amend_member(OTHER, ident, {"name": "新名"}, "更名")

    try:
        with pytest.raises(ConcurrentWrite):
            overtaken()
        assert [name for name, _ in _log(register)] == ["Member.Joined", "Member.ProfileAmended"]
    finally:
        other.close()


def test_a_batch_commits_when_asked_and_goes_on(register: Register) -> None:
    ident = member(register, 1)
    with register.batch() as batch:
        register.suspend_member(REGISTRAR, ident, "未按期年检")
        assert batch.pending == 1
        batch.commit()
        assert batch.pending == 0
        assert register.recorder.max_notification_id() == 2
        register.reinstate_member(REGISTRAR, ident, "已补办年检")
    assert batch.stored == 2
    assert register.get_member(ident).version == 3


def test_a_batch_snapshots_what_passed_the_interval_as_it_stands(register: Register) -> None:
    ident = member(register, 1)
    with register.batch():
        for n in range(60):
            register.amend_member(REGISTRAR, ident, {"name": f"企业{n}号"}, "更名")
    assert register.snapshots is not None
    assert [s.originator_version for s in register.snapshots.get(ident)] == [61]
    assert register.get_member(ident, version=55).name == "企业53号"
    assert register.get_member(ident, version=61).name == "企业59号"
    assert register.amend_member(REGISTRAR, ident, {"name": "企业"}, "更名").aggregate.version == 62


def test_a_batch_refuses_an_idempotent_answer_and_stores_nothing_of_it(register: Register) -> None:
    ident = member(register, 1)
    answer = IdempotentAnswer("POST /v1/members", "key-1", "token", lambda m: (200, {}, {"id": str(m.id)}))
    keyed = CommandContext("li-wei", "registrar", "req-keyed", None, idempotent_answer=answer)

    def keyed_in_a_batch() -> None:
        with register.batch():
            register.suspend_member(keyed, ident, "未按期年检")

    with pytest.raises(RuntimeError, match="idempotent"):
        keyed_in_a_batch()
    assert [name for name, _ in _log(register)] == ["Member.Joined"]
    assert register.get_member(ident).status == "active"


def test_an_id_known_absent_is_not_asked_again_and_a_writer_that_records_it_meanwhile_wins(
    register: Register, store_url: str
) -> None:
    ident = member_id(credit_code(5))
    other = Register({"FICLEDGER_DATABASE_URL": store_url})
    seen: list[bool] = []

    def overtaken() -> None:
        with register.batch() as batch:
            batch.known_absent(ident)
            other.join_member(OTHER, credit_code(5), "企业5", "南山街道", "制造业", date(2020, 1, 1))
            seen.append(register.exists(ident))
            register.join_member(REGISTRAR, credit_code(5), "企业五", "南山街道", "制造业", date(2020, 1, 2))
            register.join_member(REGISTRAR, credit_code(6), "企业六", "南山街道", "制造业", date(2020, 1, 2))

    try:
        with pytest.raises(ConcurrentWrite):
            overtaken()
    finally:
        other.close()
    assert seen == [False]
    assert _log(register) == [("Member.Joined", "req-other")]
    assert register.get_member(ident).name == "企业5"
