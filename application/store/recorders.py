"""Application recorders for SQLite and PostgreSQL that extend the hash chain in the transaction that stores events.

Each link covers the event's state before it is sealed (``sealing.py``): the recorder opens what the library's
mapper sealed, so a log has the same links under any cipher key, or none. Because each link is written with its
event, a stored event without its link, or a link without its event,
can only come from a change made behind the service's back. The answer of an idempotent request, handed over as
``save(..., idempotent_answer=...)`` (or a group commit's answers, ``idempotent_answers=[...]``), is written in the
same transaction too. Both recorders also read what the
audit trail needs (an aggregate's events with their log positions, pages of links) and write an imported log at
its own positions.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.persistence import Notification, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor, SQLiteDatastore
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Identifier

from application.store.chain import GENESIS, link
from application.store.faults import StoreFault
from application.store.idempotency import IdempotentAnswer, write_answer_postgres, write_answer_sqlite
from application.store.sealing import UNSEALED, Sealing


class ChainedRecorder(Protocol):
    """What both chained recorders offer besides the library's application recorder interface."""

    chain_table_name: str
    sealing: Sealing

    def chain_head_at(self, position: int) -> str | None: ...

    def select_links(self, after: int, limit: int, stop: int) -> list[tuple[int, str]]: ...

    def last_link_position(self) -> int | None: ...

    def select_positioned_events(self, originator_id: UUID) -> list[Notification]: ...

    def insert_imported(self, events: Sequence[Notification], links: Sequence[str]) -> None: ...

    def max_notification_id(self) -> int | None: ...

    def select_notifications(self, start: int | None, limit: int) -> Sequence[Notification]: ...


def chain_links(
    previous: str, ids: Sequence[int], events: Sequence[StoredEvent], sealing: Sealing
) -> list[tuple[int, str]]:
    """The links of events just stored at ``ids``, each over the event's state as it was before it was sealed."""
    rows = []
    for position, event in zip(ids, events, strict=True):
        state = sealing.open(event.state)
        previous = link(previous, position, event.originator_id, event.originator_version, event.topic, state)
        rows.append((position, previous))
    return rows


def answers_of(one: IdempotentAnswer | None, many: Sequence[IdempotentAnswer]) -> list[IdempotentAnswer]:
    """The idempotent answers handed to ``save``: one command's, or each of a group commit's commands'."""
    return [*([one] if one is not None else []), *many]


class ChainedSQLiteApplicationRecorder(SQLiteApplicationRecorder):
    """SQLite's application recorder, writing each event's chain link in the same transaction.

    It also watches its file: SQLite goes on writing to a file that was deleted or replaced while it was open (to
    an inode no one will read again), so every write first checks that the path still names the file opened, and
    is refused as a ``vanished`` store otherwise.
    """

    sealing = UNSEALED

    def __init__(self, datastore: SQLiteDatastore, events_table_name: str = "stored_events") -> None:
        self.chain_table_name = f"{events_table_name}_chain"
        super().__init__(datastore, events_table_name)
        pool = datastore.pool
        self.path = None if pool.is_sqlite_memory_mode else pool.db_name
        self.file_identity: tuple[int, int] | None = None

    def create_table(self) -> None:
        super().create_table()
        self.check_file()

    def check_file(self) -> None:
        """``StoreFault`` (vanished) unless the path still names the file this recorder first wrote to or read."""
        if self.path is None:
            return
        try:
            found = os.stat(self.path)
        except FileNotFoundError:
            raise StoreFault("vanished", f"{self.path} 已不存在 (no longer exists)") from None
        identity = (found.st_dev, found.st_ino)
        if self.file_identity is None:
            self.file_identity = identity
        elif identity != self.file_identity:
            raise StoreFault("vanished", f"{self.path} 已被另一个文件替换 (was replaced by another file)")

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {self.chain_table_name} (position INTEGER PRIMARY KEY, link TEXT NOT NULL)",
            f"CREATE INDEX IF NOT EXISTS {self.events_table_name}_topic ON {self.events_table_name} (topic)",
        ]

    def _insert_events(
        self,
        c: SQLiteCursor,
        stored_events: Sequence[StoredEvent],
        *,
        idempotent_answer: IdempotentAnswer | None = None,
        idempotent_answers: Sequence[IdempotentAnswer] = (),
        **kwargs: Any,
    ) -> Sequence[int] | None:
        self.check_file()
        ids = super()._insert_events(c, stored_events, **kwargs)
        if ids:
            c.execute(f"SELECT link FROM {self.chain_table_name} ORDER BY position DESC LIMIT 1")
            row = c.fetchone()
            rows = chain_links(row[0] if row else GENESIS, ids, stored_events, self.sealing)
            c.executemany(f"INSERT INTO {self.chain_table_name} (position, link) VALUES (?, ?)", rows)
            for answer in answers_of(idempotent_answer, idempotent_answers):
                write_answer_sqlite(c, answer, self.sealing)
        return ids

    def chain_head_at(self, position: int) -> str | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT link FROM {self.chain_table_name} WHERE position <= ? ORDER BY position DESC LIMIT 1",
                (position,),
            )
            row = c.fetchone()
            return row[0] if row else None

    def select_links(self, after: int, limit: int, stop: int) -> list[tuple[int, str]]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT position, link FROM {self.chain_table_name} WHERE position > ? AND position <= ? "
                "ORDER BY position LIMIT ?",
                (after, stop, limit),
            )
            return [(row[0], row[1]) for row in c.fetchall()]

    def last_link_position(self) -> int | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT MAX(position) FROM {self.chain_table_name}")
            return c.fetchone()[0]

    def select_positioned_events(self, originator_id: UUID) -> list[Notification]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT rowid, originator_version, topic, state FROM {self.events_table_name} "
                "WHERE originator_id = ? ORDER BY originator_version",
                (originator_id.hex,),
            )
            return [
                Notification(
                    id=row[0], originator_id=originator_id, originator_version=row[1], topic=row[2], state=row[3]
                )
                for row in c.fetchall()
            ]

    def insert_imported(self, events: Sequence[Notification], links: Sequence[str]) -> None:
        """Write imported events (their states in clear, sealed here) at their own positions, with their links."""
        with self.datastore.transaction(commit=True) as c:
            c.executemany(
                f"INSERT INTO {self.events_table_name} (rowid, originator_id, originator_version, topic, state) "
                "VALUES (?, ?, ?, ?, ?)",
                [
                    (e.id, UUID(str(e.originator_id)).hex, e.originator_version, e.topic, self.sealing.seal(e.state))
                    for e in events
                ],
            )
            c.executemany(
                f"INSERT INTO {self.chain_table_name} (position, link) VALUES (?, ?)",
                [(e.id, chained) for e, chained in zip(events, links, strict=True)],
            )


class ChainedPostgresApplicationRecorder(PostgresApplicationRecorder):
    """PostgreSQL's application recorder, writing each event's chain link in the same transaction.

    The table lock the library takes before inserting serializes writers, so links are appended in order.
    """

    sealing = UNSEALED

    def __init__(self, datastore: PostgresDatastore, *, events_table_name: str = "stored_events") -> None:
        super().__init__(datastore, events_table_name=events_table_name)
        self.chain_table_name = f"{events_table_name}_chain"
        schema = Identifier(self.datastore.schema)
        table = schema, Identifier(self.chain_table_name)
        events = schema, Identifier(self.events_table_name)
        self.sql_create_statements.append(
            SQL("CREATE TABLE IF NOT EXISTS {}.{} (position bigint PRIMARY KEY, link text NOT NULL)").format(*table)
        )
        self.sql_create_statements.append(
            SQL("CREATE INDEX IF NOT EXISTS {} ON {}.{} (topic)").format(
                Identifier(f"{self.events_table_name}_topic"), *events
            )
        )
        self.select_last_link = SQL("SELECT link FROM {}.{} ORDER BY position DESC LIMIT 1").format(*table)
        self.select_head_at = SQL("SELECT link FROM {}.{} WHERE position <= %s ORDER BY position DESC LIMIT 1").format(
            *table
        )
        self.select_links_after = SQL(
            "SELECT position, link FROM {}.{} WHERE position > %s AND position <= %s ORDER BY position LIMIT %s"
        ).format(*table)
        self.select_last_link_position = SQL("SELECT MAX(position) AS position FROM {}.{}").format(*table)
        self.select_positioned = SQL(
            "SELECT notification_id, originator_version, topic, state FROM {}.{} "
            "WHERE originator_id = %s ORDER BY originator_version"
        ).format(*events)
        self.insert_link = SQL("INSERT INTO {}.{} (position, link) VALUES (%s, %s)").format(*table)
        self.insert_imported_event = SQL(
            "INSERT INTO {}.{} (notification_id, originator_id, originator_version, topic, state) "
            "VALUES (%s, %s, %s, %s, %s)"
        ).format(*events)
        self.advance_sequence = SQL(
            "SELECT setval(pg_get_serial_sequence(%s, 'notification_id'), (SELECT MAX(notification_id) FROM {}.{}))"
        ).format(*events)
        self.qualified_events_name = f'"{self.datastore.schema}"."{self.events_table_name}"'

    def _fetch_ids_after_insert_events(
        self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        ids = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        if ids:
            curs.execute(self.select_last_link)
            row = curs.fetchone()
            rows = chain_links(row["link"] if row else GENESIS, ids, stored_events, self.sealing)
            curs.executemany(self.insert_link, rows)
        return ids

    def _insert_events(
        self,
        curs: Cursor[DictRow],
        stored_events: Sequence[StoredEvent],
        *,
        idempotent_answer: IdempotentAnswer | None = None,
        idempotent_answers: Sequence[IdempotentAnswer] = (),
        **kwargs: Any,
    ) -> None:
        # Runs first in the transaction that stores the events, where an error rolls the whole transaction back.
        super()._insert_events(curs, stored_events, **kwargs)
        if stored_events:
            for answer in answers_of(idempotent_answer, idempotent_answers):
                write_answer_postgres(curs, self.datastore.schema, answer, self.sealing)

    def chain_head_at(self, position: int) -> str | None:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self.select_head_at, (position,))
            row = curs.fetchone()
            return row["link"] if row else None

    def select_links(self, after: int, limit: int, stop: int) -> list[tuple[int, str]]:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self.select_links_after, (after, stop, limit))
            return [(row["position"], row["link"]) for row in curs.fetchall()]

    def last_link_position(self) -> int | None:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self.select_last_link_position)
            row = curs.fetchone()
            return row["position"] if row else None

    def select_positioned_events(self, originator_id: UUID) -> list[Notification]:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self.select_positioned, (originator_id,))
            return [
                Notification(
                    id=row["notification_id"],
                    originator_id=originator_id,
                    originator_version=row["originator_version"],
                    topic=row["topic"],
                    state=bytes(row["state"]),
                )
                for row in curs.fetchall()
            ]

    def insert_imported(self, events: Sequence[Notification], links: Sequence[str]) -> None:
        """Write imported events (their states in clear, sealed here) at their own positions, with their links."""
        with self.datastore.transaction(commit=True) as curs:
            self._lock_table(curs)
            curs.executemany(
                self.insert_imported_event,
                [
                    (e.id, UUID(str(e.originator_id)), e.originator_version, e.topic, self.sealing.seal(e.state))
                    for e in events
                ],
            )
            curs.executemany(self.insert_link, [(e.id, chained) for e, chained in zip(events, links, strict=True)])
            curs.execute(self.advance_sequence, (self.qualified_events_name,))
