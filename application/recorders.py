"""Application recorders for SQLite and PostgreSQL that extend the hash chain in the transaction that stores events.

Because each link is written with its event, a stored event without its link, or a link without its event,
can only come from a change made behind the service's back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor, SQLiteDatastore
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Identifier

from application.chain import GENESIS, link


class ChainedRecorder(Protocol):
    """What both chained recorders offer besides the library's recorder interface."""

    chain_table_name: str

    def chain_head_at(self, position: int) -> str | None: ...


def chain_links(previous: str, ids: Sequence[int], events: Sequence[StoredEvent]) -> list[tuple[int, str]]:
    rows = []
    for position, event in zip(ids, events, strict=True):
        previous = link(previous, position, event.originator_id, event.originator_version, event.topic, event.state)
        rows.append((position, previous))
    return rows


class ChainedSQLiteApplicationRecorder(SQLiteApplicationRecorder):
    """SQLite's application recorder, writing each event's chain link in the same transaction."""

    def __init__(self, datastore: SQLiteDatastore, events_table_name: str = "stored_events") -> None:
        self.chain_table_name = f"{events_table_name}_chain"
        super().__init__(datastore, events_table_name)

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {self.chain_table_name} (position INTEGER PRIMARY KEY, link TEXT NOT NULL)",
        ]

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        ids = super()._insert_events(c, stored_events, **kwargs)
        if ids:
            c.execute(f"SELECT link FROM {self.chain_table_name} ORDER BY position DESC LIMIT 1")
            row = c.fetchone()
            rows = chain_links(row[0] if row else GENESIS, ids, stored_events)
            c.executemany(f"INSERT INTO {self.chain_table_name} (position, link) VALUES (?, ?)", rows)
        return ids

    def chain_head_at(self, position: int) -> str | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT link FROM {self.chain_table_name} WHERE position <= ? ORDER BY position DESC LIMIT 1",
                (position,),
            )
            row = c.fetchone()
            return row[0] if row else None


class ChainedPostgresApplicationRecorder(PostgresApplicationRecorder):
    """PostgreSQL's application recorder, writing each event's chain link in the same transaction.

    The table lock the library takes before inserting serializes writers, so links are appended in order.
    """

    def __init__(self, datastore: PostgresDatastore, *, events_table_name: str = "stored_events") -> None:
        super().__init__(datastore, events_table_name=events_table_name)
        self.chain_table_name = f"{events_table_name}_chain"
        table = Identifier(self.datastore.schema), Identifier(self.chain_table_name)
        self.sql_create_statements.append(
            SQL("CREATE TABLE IF NOT EXISTS {}.{} (position bigint PRIMARY KEY, link text NOT NULL)").format(*table)
        )
        self.select_last_link = SQL("SELECT link FROM {}.{} ORDER BY position DESC LIMIT 1").format(*table)
        self.select_head_at = SQL("SELECT link FROM {}.{} WHERE position <= %s ORDER BY position DESC LIMIT 1").format(
            *table
        )
        self.insert_link = SQL("INSERT INTO {}.{} (position, link) VALUES (%s, %s)").format(*table)

    def _fetch_ids_after_insert_events(
        self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        ids = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        if ids:
            curs.execute(self.select_last_link)
            row = curs.fetchone()
            rows = chain_links(row["link"] if row else GENESIS, ids, stored_events)
            curs.executemany(self.insert_link, rows)
        return ids

    def chain_head_at(self, position: int) -> str | None:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self.select_head_at, (position,))
            row = curs.fetchone()
            return row["link"] if row else None
