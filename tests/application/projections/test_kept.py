"""Documents kept in memory: read once from the live view, moved forward by folding the log's new events, equal to
the view at every position, and each position's documents left as they were when later events arrive."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from application.projections.kept import KeptDocuments
from application.projections.runner import ViewRunner
from application.projections.views import MemoryView
from application.register import Register
from tests.conftest import REGISTRAR
from tests.factories import branch, chamber, member


def _caught_up(runner: ViewRunner, register: Register) -> int:
    runner.catch_up()
    return register.recorder.max_notification_id() or 0


@pytest.fixture
def runner(register: Register) -> Iterator[ViewRunner]:
    with ViewRunner(register) as runner:
        yield runner


def test_kept_documents_follow_the_log_and_each_position_stays_as_it_was(
    register: Register, runner: ViewRunner
) -> None:
    kept = KeptDocuments(register)
    first = member(register, 1)
    chamber(register)
    before = kept.at(runner.view, _caught_up(runner, register))
    assert kept.loads == 1
    name_then = before.load([str(first)])[str(first)]["name"]
    register.amend_member(REGISTRAR, first, {"name": "深圳市新名称有限公司"}, "更名")
    second = member(register, 2)
    branch(register, [first, second], kind="joint_branch")
    after = kept.at(runner.view, _caught_up(runner, register))
    assert kept.loads == 1
    assert after.position() == register.recorder.max_notification_id()
    for kind in ("member", "chamber", "branch", "round"):
        assert after.all(kind) == runner.view.all(kind)
    assert before.load([str(first)])[str(first)]["name"] == name_then
    assert after.load([str(first)])[str(first)]["name"] == "深圳市新名称有限公司"
    assert len(before.all("member")) == 1


def test_kept_documents_are_read_again_when_the_log_no_longer_holds_their_position(
    register: Register, runner: ViewRunner
) -> None:
    kept = KeptDocuments(register)
    member(register, 1)
    end = _caught_up(runner, register)
    ahead = MemoryView()
    ahead.last = end + 5
    assert kept.at(ahead, end + 5).position() == end + 5
    assert kept.at(runner.view, end).position() == end
    assert kept.loads == 2
    assert kept.at(runner.view, end - 1).position() == end
    assert kept.loads == 2


def test_lists_already_read_move_forward_with_the_changed_documents_in_place(
    register: Register, runner: ViewRunner
) -> None:
    kept = KeptDocuments(register)
    first, second = member(register, 1), member(register, 2)
    chamber(register)
    before = kept.at(runner.view, _caught_up(runner, register))
    listed = {kind: list(before.all(kind)) for kind in ("member", "chamber", "branch", "round")}
    register.amend_member(REGISTRAR, second, {"industry": "软件和信息技术服务业"}, "更正行业")
    amended = kept.at(runner.view, _caught_up(runner, register))
    assert amended.all("chamber") is before.all("chamber")
    for kind in ("member", "chamber", "branch", "round"):
        assert amended.all(kind) == runner.view.all(kind)
    member(register, 3)
    branch(register, [first, second], kind="joint_branch")
    grown = kept.at(runner.view, _caught_up(runner, register))
    for kind in ("member", "chamber", "branch", "round"):
        assert grown.all(kind) == runner.view.all(kind)
        assert before.all(kind) == listed[kind]
