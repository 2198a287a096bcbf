"""Group commit: commands that arrive together are decided one by one and recorded in one transaction.

A durable commit costs about as much for one event as for fifty, so commands that arrive while another group is being
decided and recorded wait for it, then are taken as the next group. Its leader (the first of them, handed the lead by
the group before) decides each command in arrival order, as it would be decided alone, on the state the log and the
group's earlier commands leave (a ``Batch`` holds the aggregates and the decided events; a command whose aggregate a
later one takes keeps a copy of the state it left, to answer with), then stores all their events, their chain links and
their idempotent answers in one transaction. A command that breaks a rule fails alone: its events are dropped and its
aggregates put back as the group's earlier commands left them. If the transaction itself fails (another writer recorded
an aggregate first, a claim was lost, the store refused), each command of the group is decided and recorded again on its
own, so that only a command that still fails fails. No command is answered before the transaction that records it has
committed. A command that comes alone is recorded at once, as it always was; so is one that reads the log beyond its
aggregates (closing a round), after its group.

One group commit runs per register (per process); writers of several processes are serialized by the store, as
before (SQLite's write lock, the table lock on PostgreSQL), which keeps the chain in order.
"""

from __future__ import annotations

import contextvars
import copy
import functools
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from application.base import Recorded
from application.batch import Batch, BatchCommands, RunAlone, _active

A = TypeVar("A")
GROUP_LIMIT = 64
"""The most commands one transaction records; more wait for the next."""


class Pending(Generic[A]):
    """One command waiting in a group: how to decide it, the context it was called in, and its outcome."""

    def __init__(self, command: Callable[[], Recorded[A]]) -> None:
        self.command = command
        self.context = contextvars.copy_context()
        self.wake = threading.Lock()
        self.wake.acquire()
        self.done = False
        self.result: Recorded[A] | None = None
        self.error: BaseException | None = None
        self.events = (0, 0)

    def outcome(self) -> Recorded[A]:
        if self.error is not None:
            raise self.error
        assert self.result is not None
        return self.result


class GroupCommit:
    """The group commit of one register: ``run(command)`` answers once the command's events are durable."""

    def __init__(self, register: BatchCommands, limit: int = GROUP_LIMIT) -> None:
        self.register = register
        self.limit = limit
        self._lock = threading.Lock()
        self._waiting: list[Pending[Any]] = []
        self._leading = False
        self.groups = 0
        self.grouped = 0

    def run(self, command: Callable[[], Recorded[A]]) -> Recorded[A]:
        """Decide ``command`` (which calls one of the register's commands) in the next group and record it with
        that group; its ``Recorded``, or the error it raised, once the group has committed.

        A command that finds no group being decided leads at once. Any other waits on a lock of its own, released
        once: when its group has committed, or when it is to lead the next group (the leader of a group hands on
        to the first command still waiting). So a group's end wakes its own commands and one leader, not every
        waiting thread to find most of them still waiting."""
        if self.register._batch() is not None:
            return command()
        pending = Pending(command)
        with self._lock:
            self._waiting.append(pending)
            leads = not self._leading
            self._leading = True
        if not leads:
            pending.wake.acquire()
        while not pending.done:
            with self._lock:
                group, self._waiting = self._waiting[: self.limit], self._waiting[self.limit :]
            try:
                self.settle(group)
            finally:
                self._hand_on(pending)
        return pending.outcome()

    def _hand_on(self, leader: Pending[Any]) -> None:
        """After a group: the leader leads again while its own command still waits (behind ``limit`` others), else
        the first waiting command leads the next group; with none waiting, no group is being decided."""
        if not leader.done:
            return
        with self._lock:
            if self._waiting:
                self._waiting[0].wake.release()
            else:
                self._leading = False

    def settle(self, group: list[Pending[Any]]) -> None:
        """Decide and record ``group`` as one group (the work of its leader); each command's outcome is then on
        its ``Pending``."""
        try:
            if len(group) == 1:
                self._alone(group[0])
                return
            self.groups += 1
            self.grouped += len(group)
            batch = Batch(self.register, grouped=True)
            decided: list[Pending[Any]] = []
            later: list[Pending[Any]] = []
            for pending in group:
                pending.context.run(self._decide, batch, pending)
                if isinstance(pending.error, RunAlone):
                    pending.error = None
                    later.append(pending)
                elif pending.error is None:
                    decided.append(pending)
            if decided:
                self._commit(batch, decided)
            for pending in later:
                self._alone(pending)
        except BaseException as error:
            for pending in group:
                if pending.result is None and pending.error is None:
                    pending.error = error
            raise
        finally:
            for pending in group:
                pending.done = True
                if pending.wake.locked():
                    pending.wake.release()

    def _alone(self, pending: Pending[Any]) -> None:
        pending.result, pending.error = None, None
        try:
            pending.result = pending.context.run(pending.command)
        except Exception as error:
            pending.error = error

    def _decide(self, batch: Batch, pending: Pending[Any]) -> None:
        token = _active.set(batch)
        start, answers = len(batch.events), len(batch.answers)
        try:
            recorded = pending.command()
            pending.result = Recorded(recorded.aggregate, None)
            pending.events = (start, len(batch.events))
            batch.lent[recorded.aggregate.id] = functools.partial(self._keep_as_answered, pending)
        except Exception as error:
            pending.result, pending.error = None, error
            self._undo(batch, start, answers)
        finally:
            _active.reset(token)

    @staticmethod
    def _keep_as_answered(pending: Pending[Any]) -> None:
        """A later command of the group takes the aggregate this one answers with: answer with a copy of it as
        this command left it."""
        assert pending.result is not None
        pending.result = Recorded(copy.deepcopy(pending.result.aggregate), None)

    def _undo(self, batch: Batch, start: int, answers: int) -> None:
        """Drop what a failed command decided and put its aggregates back as the earlier commands left them."""
        dropped = batch.events[start:]
        del batch.events[start:]
        del batch.answers[answers:]
        touched = {event.originator_id for event in dropped}
        touched |= {ident for ident, a in batch.aggregates.items() if getattr(a, "pending_events", None)}
        for ident in touched:
            aggregate = batch.aggregates.get(ident)
            if aggregate is not None:
                aggregate.collect_events()
                self.register._forget(aggregate)

    def _commit(self, batch: Batch, decided: list[Pending[Any]]) -> None:
        token = _active.set(batch)
        try:
            recordings = self.register._commit(batch)
        except Exception:
            recordings = None
        finally:
            _active.reset(token)
        if recordings is None:
            for pending in decided:
                self._alone(pending)
            return
        for pending in decided:
            start, end = pending.events
            positions = [r.notification.id for r in recordings[start:end]]
            pending.result = Recorded(pending.result.aggregate, max(positions, default=None))
