"""The access log: who read or changed what, kept in the store beside the events, on SQLite and PostgreSQL.

One row per request that reached a record or a report: when, the key's name and role, its scope, the method, the
path (never the query), the ids of the records it named or answered, and the status. Never a token or a body. Rows
are appended in batches, read a page at a time in the order they were written, and pruned after the configured
number of days.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from eventsourcing.postgres import PostgresDatastore
from eventsourcing.sqlite import SQLiteDatastore
from psycopg.sql import SQL, Identifier

TABLE = "access_log"
MAX_PAGE = 500
COLUMNS = (
    "at DOUBLE PRECISION NOT NULL, request_id TEXT NOT NULL, key_name TEXT NOT NULL, role TEXT NOT NULL, "
    "scope TEXT, method TEXT NOT NULL, path TEXT NOT NULL, record_ids TEXT NOT NULL, status INTEGER NOT NULL"
)
FIELDS = "at, request_id, key_name, role, scope, method, path, record_ids, status"


@dataclass(frozen=True)
class Access:
    """One request on record: when (UTC), who (the key's name and role, ``-`` without a known token), its scope
    (None: the whole district), what it asked (method, path), the records it named or answered, and the status."""

    at: datetime
    request_id: str
    key_name: str
    role: str
    scope: str | None
    method: str
    path: str
    record_ids: tuple[str, ...]
    status: int

    def row(self) -> tuple[Any, ...]:
        return (
            self.at.timestamp(),
            self.request_id,
            self.key_name,
            self.role,
            self.scope,
            self.method,
            self.path,
            json.dumps(list(self.record_ids)),
            self.status,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "request_id": self.request_id,
            "key": {"name": self.key_name, "role": self.role},
            "scope": self.scope,
            "method": self.method,
            "path": self.path,
            "record_ids": list(self.record_ids),
            "status": self.status,
        }


def _access(row: Sequence[Any]) -> Access:
    at, request_id, key_name, role, scope, method, path, record_ids, status = row
    return Access(
        datetime.fromtimestamp(at, UTC),
        request_id,
        key_name,
        role,
        scope,
        method,
        path,
        tuple(json.loads(record_ids)),
        status,
    )


class AccessLog:
    """The access log's table in the store of ``datastore``, created with it if it is not there."""

    def __init__(self, datastore: SQLiteDatastore | PostgresDatastore) -> None:
        self.sqlite = isinstance(datastore, SQLiteDatastore)
        self.datastore: Any = datastore
        if self.sqlite:
            self._run(
                [
                    f"CREATE TABLE IF NOT EXISTS {TABLE} (position INTEGER PRIMARY KEY AUTOINCREMENT, "
                    f"{COLUMNS.replace('DOUBLE PRECISION', 'REAL')})",
                    f"CREATE INDEX IF NOT EXISTS {TABLE}_at ON {TABLE} (at)",
                ]
            )
        else:
            schema = Identifier(datastore.schema)
            self.table = SQL("{}.{}").format(schema, Identifier(TABLE))
            self._run(
                [
                    SQL("CREATE TABLE IF NOT EXISTS {} (position BIGSERIAL PRIMARY KEY, {})").format(
                        self.table, SQL(COLUMNS)
                    ),
                    SQL("CREATE INDEX IF NOT EXISTS {} ON {} (at)").format(Identifier(f"{TABLE}_at"), self.table),
                ]
            )

    def _sql(self, postgres: str) -> Any:
        """A statement written with PostgreSQL's placeholders and ``{}`` for the table, for this store."""
        if self.sqlite:
            return postgres.format(TABLE).replace("%s", "?")
        return SQL(postgres).format(self.table)  # type: ignore[arg-type]

    def _run(self, statements: list[Any], params: Sequence[Any] = ()) -> None:
        if self.sqlite:
            with self.datastore.transaction(commit=True) as c:
                for statement in statements:
                    c.execute(statement, params)
            return
        with self.datastore.transaction(commit=True) as curs:
            for statement in statements:
                curs.execute(statement, params)

    def _fetch(self, statement: Any, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        if self.sqlite:
            with self.datastore.transaction(commit=False) as c:
                c.execute(statement, params)
                return [tuple(row) for row in c.fetchall()]
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(statement, params)
            return [tuple(row.values()) for row in curs.fetchall()]

    def append(self, entries: Sequence[Access]) -> None:
        """Write ``entries`` in one transaction, in their order."""
        if not entries:
            return
        statement = self._sql(f"INSERT INTO {{}} ({FIELDS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)")
        rows = [entry.row() for entry in entries]
        if self.sqlite:
            with self.datastore.transaction(commit=True) as c:
                c.executemany(statement, rows)
            return
        with self.datastore.transaction(commit=True) as curs:
            curs.executemany(statement, rows)

    def page(self, after: int, limit: int) -> list[tuple[int, Access]]:
        """Up to ``limit`` entries after position ``after``, oldest first, each with its position."""
        limit = max(1, min(limit, MAX_PAGE))
        rows = self._fetch(
            self._sql(f"SELECT position, {FIELDS} FROM {{}} WHERE position > %s ORDER BY position LIMIT %s"),
            (after, limit),
        )
        return [(row[0], _access(row[1:])) for row in rows]

    def latest(self, before: int | None, limit: int) -> list[tuple[int, Access]]:
        """Up to ``limit`` entries before position ``before`` (the newest when None), newest first."""
        limit = max(1, min(limit, MAX_PAGE))
        bound = before if before is not None else 2**62
        rows = self._fetch(
            self._sql(f"SELECT position, {FIELDS} FROM {{}} WHERE position < %s ORDER BY position DESC LIMIT %s"),
            (bound, limit),
        )
        return [(row[0], _access(row[1:])) for row in rows]

    def prune(self, before: datetime) -> int:
        """Delete the entries written before ``before``; how many there were."""
        statement = self._sql("DELETE FROM {} WHERE at < %s")
        if self.sqlite:
            with self.datastore.transaction(commit=True) as c:
                c.execute(statement, (before.timestamp(),))
                return int(c.sqlite_cursor.rowcount)
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(statement, (before.timestamp(),))
            return int(curs.rowcount)
