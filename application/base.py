"""The event-sourced application the register is built on: store, metadata, loading and saving."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import JSONTranscoder, Mapper, RecordConflictError, Transcoding

from application.context import CommandContext, MetadataMapper, recording_as
from application.errors import (
    ConcurrentWrite,
    InvalidValue,
    NotFound,
    OutsideScope,
    RuleViolation,
    StoreConfigError,
    VersionMismatch,
)
from application.scope import current_scope, in_scope, record_kind
from application.settings import get_settings, shown_url
from application.store.config import database_url, refuse_database_functions, store_env
from application.store.faults import StoreHealth
from application.store.recorders import ChainedRecorder
from application.store.sealing import KEY_VARIABLE, Sealing, cipher_env, key_problem
from application.transcodings import VALUE_OBJECTS
from domain.aggregates import Chamber, ChamberName, GradingRound, Member, PartyBranch
from domain.dates import check_not_future

A = TypeVar("A")
SNAPSHOT_INTERVAL = 50
CACHE_ENV = {"AGGREGATE_CACHE_MAXSIZE": "20000", "AGGREGATE_CACHE_FASTFORWARD": "y"}
_sharing: ContextVar[bool] = ContextVar("ficledger_shared_reads", default=False)


@contextmanager
def shared_reads() -> Iterator[None]:
    """Aggregates loaded now inside this block are the cached ones, not copies: for a read that only presents
    what it loads (a command gets a copy of its own to change)."""
    token = _sharing.set(True)
    try:
        yield
    finally:
        _sharing.reset(token)


class DateAsISO(Transcoding):
    """Dates (business days such as ``joined_on``) stored as ISO 8601 strings."""

    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


def replay(aggregate: Any, events: Iterable[Any]) -> Any:
    """The aggregate with ``events`` applied in turn: the library's ``project_aggregate`` without its assertion that
    each event satisfies a runtime protocol, which Python 3.11 answers in some 27 µs an event against 2.5 µs for
    applying it (every event the log hands the register is one of the domain's, which all mutate)."""
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate


def cipher_key() -> str | None:
    """The configured ``FICLEDGER_CIPHER_KEY``, or None."""
    key = get_settings().cipher_key
    return key.get_secret_value() if key is not None else None


class CurrentAt:
    """The log position up to which each cached aggregate is known to be current (its version then), for as many
    aggregates as the cache holds: while the log stands there, the aggregate needs no fast-forward."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._at: OrderedDict[UUID, tuple[int, int]] = OrderedDict()
        self._lock = threading.Lock()

    def holds(self, ident: UUID, version: int, position: int) -> bool:
        """Whether the aggregate at ``version`` was current when the log stood at ``position``."""
        return self._at.get(ident) == (version, position)

    def note(self, ident: UUID, version: int, position: int) -> None:
        with self._lock:
            self._at[ident] = (version, position)
            self._at.move_to_end(ident)
            while len(self._at) > self.size:
                self._at.popitem(last=False)


@dataclass(frozen=True)
class Recorded(Generic[A]):
    """What a command recorded: the aggregate's new state and the log position of its last event."""

    aggregate: A
    position: int | None


class RegisterBase(Application[UUID]):
    """Store, mapper, snapshots and the load/save helpers the command mixins share."""

    name = "ficledger"
    snapshotting_intervals = {  # noqa: RUF012
        Member: SNAPSHOT_INTERVAL,
        Chamber: SNAPSHOT_INTERVAL,
        ChamberName: SNAPSHOT_INTERVAL,
        PartyBranch: SNAPSHOT_INTERVAL,
        GradingRound: SNAPSHOT_INTERVAL,
    }

    def __init__(self, env: dict[str, str] | None = None) -> None:
        """The register on ``env`` and the process environment; ``StoreConfigError`` (before anything is created)
        for a database URL it cannot use, a cipher key that is not one, or a library setting it refuses.

        The cipher key is ``env``'s ``FICLEDGER_CIPHER_KEY`` when given (empty: none), else the settings'.
        """
        env = dict(env or {})
        refuse_database_functions(self.construct_env(self.name, env))
        self.database_url = env.get("FICLEDGER_DATABASE_URL") or database_url()
        key = env[KEY_VARIABLE] if KEY_VARIABLE in env else cipher_key()
        if key and key_problem(key):
            raise StoreConfigError(f"{KEY_VARIABLE}：{key_problem(key)}")
        self.closed_years: set[int] = set()
        self.current = CurrentAt(int(CACHE_ENV["AGGREGATE_CACHE_MAXSIZE"]))
        self.health = StoreHealth(shown_url(self.database_url))
        super().__init__({**store_env(self.database_url), **CACHE_ENV, **env, **cipher_env(key)})
        self.sealing = Sealing(self.mapper.cipher)
        self.recorder.sealing = self.sealing  # type: ignore[attr-defined]

    def construct_mapper(self) -> Mapper[UUID]:
        return self.factory.mapper(transcoder=self.construct_transcoder(), mapper_class=MetadataMapper)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())
        for transcoding in VALUE_OBJECTS:
            transcoder.register(transcoding)

    def _load(self, cls: type[A], ident: UUID, kind: str, version: int | None = None) -> A:
        """The aggregate now or at ``version``; NotFound when there is none, or when it lies outside the scope the
        caller is confined to (judged by the record as it stands now)."""
        aggregate = self._fetch(cls, ident, kind, version)
        scope = current_scope()
        if scope is not None and record_kind(aggregate) is not None:
            now = aggregate if version is None else self._fetch(cls, ident, kind)
            if not in_scope(scope, now):
                raise NotFound(kind, ident)
        return aggregate

    def _fetch(self, cls: type[A], ident: UUID, kind: str, version: int | None = None) -> A:
        try:
            if version is None and _sharing.get():
                aggregate = self._shared_now(ident)
            else:
                aggregate = self.repository.get(
                    ident, version=version, projector_func=replay, deepcopy_from_cache=not _sharing.get()
                )
        except AggregateNotFoundError:
            raise NotFound(kind, ident) from None
        if not isinstance(aggregate, cls):
            raise NotFound(kind, ident)
        return aggregate

    def _shared_now(self, ident: UUID) -> Any:
        """The cached aggregate as it stands now, for a read: fast-forwarded from the store (one query for its
        newer events) unless the log has not moved since it was last brought up to date, which a cheaper query
        (the log's last position) tells. The position is read before the fast-forward, so an event recorded
        meanwhile moves the log past it and the next read fast-forwards again."""
        cache = self.repository.cache
        position = self.recorder.max_notification_id() or 0
        if cache is not None:
            with suppress(KeyError):
                aggregate = cache.get(ident)
                if self.current.holds(ident, aggregate.version, position):
                    return aggregate
        aggregate = self.repository.get(ident, projector_func=replay, deepcopy_from_cache=False)
        self.current.note(ident, aggregate.version, position)
        return aggregate

    def reaches(self, cls: type[Any], ident: UUID, kind: str) -> bool:
        """Whether the record exists and lies in the scope the caller is confined to."""
        if not self.exists(ident):
            return False
        try:
            self._load(cls, ident, kind)
        except NotFound:
            return False
        return True

    def _reference(self, cls: type[A], ident: UUID, kind: str, field: str) -> A:
        """A record a command names in its body: InvalidValue naming ``field`` when there is none the caller may
        reach, alike whether it does not exist or lies outside the caller's scope."""
        if not self.exists(ident):
            raise InvalidValue(field, f"no {kind} {ident}")
        try:
            return self._load(cls, ident, kind)
        except NotFound:
            raise InvalidValue(field, f"no {kind} {ident}") from None

    def exists(self, ident: UUID) -> bool:
        return bool(self.recorder.select_events(ident, limit=1))

    @staticmethod
    def _expect(aggregate: Any, expected_version: int | None) -> None:
        if expected_version is not None and aggregate.version != expected_version:
            raise VersionMismatch(expected_version, aggregate.version)

    def record(self, ctx: CommandContext, main: A, *others: Any) -> Recorded[A]:
        """Record the pending events of ``main`` and ``others`` in one transaction, each carrying ``ctx``.

        When ``ctx`` carries an idempotent answer not yet written, it is made from ``main`` as it now stands and
        handed to the recorder with the events (``save(..., idempotent_answer=...)``), which writes it in that
        transaction too.
        """
        self._keep_in_scope(main, *others)
        self._dates_not_in_future(main, *others)
        pending = ctx.idempotent_answer
        if pending is not None and pending.written:
            pending = None
        if pending is not None:
            pending.prepare(main)
        with recording_as(ctx):
            try:
                recordings = self.save(main, *others, idempotent_answer=pending)
            except RecordConflictError:
                raise ConcurrentWrite from None
        if pending is not None and recordings:
            pending.written = True
        position = max((r.notification.id for r in recordings), default=None)
        return Recorded(main, position)

    def _keep_in_scope(self, *aggregates: Any) -> None:
        """OutsideScope, with every pending event dropped, when a command would leave a record outside the scope
        the caller is confined to."""
        scope = current_scope()
        if scope is None:
            return
        outside = next((a for a in aggregates if not in_scope(scope, a)), None)
        if outside is None:
            return
        self._drop(*aggregates)
        kind = record_kind(outside) or "record"
        raise OutsideScope(scope, scope.outside_field(kind), kind)

    def _dates_not_in_future(self, *aggregates: Any) -> None:
        """RuleViolation ``date.in_future``, with every pending event dropped, when an event would record a
        business date beyond the day it is recorded."""
        try:
            for aggregate in aggregates:
                for event in getattr(aggregate, "pending_events", []):
                    check_not_future(event)
        except RuleViolation:
            self._drop(*aggregates)
            raise

    def _unstored_events(self) -> list[Any]:
        """Events decided and not stored yet (a batch's), which a command reading the log must count too."""
        return []

    def _drop(self, *aggregates: Any) -> None:
        for aggregate in aggregates:
            if aggregate is not None:
                aggregate.collect_events()
                self._forget(aggregate)

    def _forget(self, aggregate: Any) -> None:
        """Let go of an aggregate whose decided events were dropped (the batch's copy; nothing outside one)."""

    def version_as_of(self, ident: UUID, as_of: datetime) -> int | None:
        """The version an aggregate had at a recorded time, or None if it did not exist yet."""
        version = None
        for event in self.events.get(ident):
            if event.timestamp > as_of:
                break
            version = event.originator_version
        return version

    def chain_head_at(self, position: int | None) -> str | None:
        """The hash-chain link of the event at ``position`` (or the last before it); None before the first event."""
        if position is None:
            return None
        recorder: ChainedRecorder = self.recorder  # type: ignore[assignment]
        return recorder.chain_head_at(position)

    def scan(self, topics: list[str], batch: int = 5000) -> Iterator[Any]:
        """Every event of the given topics, decoded, in log order."""
        return (event for _, event in self.scan_stored(topics, batch=batch))

    def scan_stored(self, topics: list[str], start: int = 1, batch: int = 5000) -> Iterator[tuple[int, Any]]:
        """Every stored event of the given topics from log position ``start`` on, decoded, with its position, in
        log order (a batch's events not stored yet are not among them, and stay unstored)."""
        while True:
            notifications = self.recorder.select_notifications(start, batch, topics=topics)
            for notification in notifications:
                yield notification.id, self.mapper.to_domain_event(notification)
            if len(notifications) < batch:
                return
            start = notifications[-1].id + 1
