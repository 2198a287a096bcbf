"""Commands recorded together: several commands decided one after another, their events stored in one transaction.

A tool that records many commands in a row (the demo district, an import) runs them inside ``Register.batch()``.
Each command is decided exactly as it is alone, by the same checks, on the state the earlier commands of the batch
left; what differs is only when its events are stored: with the others, in the order they were decided, each
carrying its own command's context.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, ProcessingEvent
from eventsourcing.persistence import RecordConflictError, Recording

from application.base import RegisterBase, replay
from application.context import fix_context
from application.errors import ConcurrentWrite, NotFound
from application.store.idempotency import IdempotentAnswer

A = TypeVar("A")


class Batch:
    """The aggregates a batch's commands have loaded or made, and the events decided and not yet stored; in a group
    commit (``grouped``), also its commands' idempotent answers, and how to keep the state a command answers with
    when a later command takes its aggregate (``lent``)."""

    def __init__(self, register: BatchCommands, grouped: bool = False) -> None:
        self.register = register
        self.grouped = grouped
        self.aggregates: dict[UUID, Any] = {}
        self.events: list[Any] = []
        self.answers: list[IdempotentAnswer] = []
        self.lent: dict[UUID, Callable[[], None]] = {}
        self.position: int | None = None
        self.stored = 0
        self.absent: set[UUID] = set()

    @property
    def pending(self) -> int:
        """Events decided and not yet stored."""
        return len(self.events)

    def commit(self) -> None:
        """Store the events decided so far in one transaction; the batch goes on with the same aggregates."""
        self.register._commit(self)

    def known_absent(self, ident: UUID) -> None:
        """The caller read the log before the batch began and found no aggregate ``ident``: the batch's commands
        need not ask the store again (should another writer record it meanwhile, the commit is refused whole as a
        concurrent write)."""
        self.absent.add(ident)


class RunAlone(Exception):
    """A command of a group commit that reads the log beyond its aggregates: it runs alone, after its group."""


class InOrder:
    """A batch's events in the order they were decided, handed to ``save`` as one object that collects them (the
    aggregates, handed with it, have none left), so that the log keeps that order across aggregates."""

    id = UUID(int=0)

    def __init__(self, events: list[Any]) -> None:
        self._events = events

    def collect_events(self) -> list[Any]:
        events, self._events = self._events, []
        return events


_active: ContextVar[Batch | None] = ContextVar("ficledger_batch", default=None)


class BatchCommands(RegisterBase):
    """``batch()``: the register's commands, recorded together."""

    @contextmanager
    def batch(self) -> Iterator[Batch]:
        """Commands run inside the block are stored together when it ends, or at ``Batch.commit()``.

        A command that reads the log beyond the aggregates it names (closing a round looks for weak organizations
        without a rectification) first stores what the batch holds, so that it reads every earlier decision. If
        the block raises, the events not yet stored are dropped. Not for an idempotent request, whose answer is
        written with its own command's events."""
        if _active.get() is not None:
            raise RuntimeError("a batch is already running in this context")
        batch = Batch(self)
        token = _active.set(batch)
        try:
            yield batch
            self._commit(batch)
        finally:
            _active.reset(token)

    def _batch(self) -> Batch | None:
        batch = _active.get()
        return batch if batch is not None and batch.register is self else None

    def save(self, *objs: Any, **kwargs: Any) -> list[Recording[UUID]]:
        """Inside a batch, hold the aggregates and their new events (with the command's context) for the commit."""
        batch = self._batch()
        if batch is None:
            return super().save(*objs, **kwargs)
        answer = kwargs.pop("idempotent_answer", None)
        if any(value is not None for value in kwargs.values()) or (answer is not None and not batch.grouped):
            raise RuntimeError("a batch stores no idempotent answer: run an idempotent request alone")
        if answer is not None:
            batch.answers.append(answer)
        for obj in objs:
            if obj is None:
                continue
            for event in obj.collect_events():
                fix_context(event)
                batch.events.append(event)
            batch.aggregates[obj.id] = obj
        return []

    def _commit(self, batch: Batch) -> list[Recording[UUID]]:
        """Store the batch's events (and, in a group commit, its commands' idempotent answers) in one transaction:
        their recordings, in the order the events were decided."""
        if not batch.events:
            return []
        undecided = [str(i) for i, a in batch.aggregates.items() if getattr(a, "pending_events", None)]
        if undecided:
            raise RuntimeError(f"a command failed part-way on {', '.join(undecided)}; the batch cannot be stored")
        touched = {event.originator_id for event in batch.events}
        aggregates = [a for i, a in batch.aggregates.items() if i in touched]
        events = list(batch.events)
        answers = list(batch.answers)
        batch.events.clear()
        batch.answers.clear()
        extra = {"idempotent_answers": answers} if answers else {}
        try:
            recordings = super().save(InOrder(events), *aggregates, **extra)
        except RecordConflictError:
            batch.aggregates.clear()
            raise ConcurrentWrite from None
        for answer in answers:
            answer.written = True
        batch.stored += len(recordings)
        batch.position = max((r.notification.id for r in recordings), default=batch.position)
        return recordings

    def _take_snapshots(self, processing_event: ProcessingEvent[UUID]) -> None:
        """A batch's aggregates stand at their last stored event when it commits: one that passed a snapshot
        interval is snapshotted as it stands, all in one write, instead of each replayed from the log."""
        if self._batch() is None or not self.snapshots:
            super()._take_snapshots(processing_event)
            return
        due: dict[UUID, Any] = {}
        for event in processing_event.events:
            aggregate = processing_event.aggregates.get(event.originator_id)
            interval = self.snapshotting_intervals.get(type(aggregate))
            if interval and event.originator_version % interval == 0:
                due[event.originator_id] = aggregate
        if due:
            self.snapshots.put([type(a).Snapshot.take(a) for a in due.values()])

    def _fetch(self, cls: type[A], ident: UUID, kind: str, version: int | None = None) -> A:
        batch = self._batch()
        if batch is None or version is not None:
            return super()._fetch(cls, ident, kind, version)
        aggregate = batch.aggregates.get(ident)
        if aggregate is None:
            aggregate = batch.aggregates[ident] = super()._fetch(cls, ident, kind)
        elif not isinstance(aggregate, cls):
            raise NotFound(kind, ident)
        elif (keep := batch.lent.pop(ident, None)) is not None:
            keep()
        return aggregate

    def _forget(self, aggregate: Any) -> None:
        """Put the batch's copy of ``aggregate`` back as the batch's earlier commands left it."""
        batch = self._batch()
        if batch is None:
            return
        earlier = [e for e in batch.events if e.originator_id == aggregate.id]
        if not earlier:
            batch.aggregates.pop(aggregate.id, None)
            return
        try:
            restored = self.repository.get(aggregate.id, projector_func=replay)
        except AggregateNotFoundError:
            restored = None
        for event in earlier:
            restored = event.mutate(restored)
        batch.aggregates[aggregate.id] = restored

    def exists(self, ident: UUID) -> bool:
        batch = self._batch()
        if batch is None:
            return super().exists(ident)
        if ident in batch.aggregates:
            return True
        return ident not in batch.absent and super().exists(ident)

    def _unstored_events(self) -> list[Any]:
        running = self._batch()
        return list(running.events) if running is not None else []

    def scan(self, topics: list[str], batch: int = 5000) -> Iterator[Any]:
        running = self._batch()
        if running is not None and running.grouped:
            raise RunAlone
        if running is not None:
            self._commit(running)
        return super().scan(topics, batch)
