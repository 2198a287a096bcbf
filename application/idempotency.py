"""Idempotency keys kept in the store, so a retried command answers its first answer even after a restart."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from eventsourcing.persistence import IntegrityError
from eventsourcing.postgres import PostgresDatastore
from eventsourcing.sqlite import SQLiteDatastore
from psycopg.sql import SQL, Identifier

from application.base import RegisterBase

TABLE = "idempotency_keys"


@dataclass(frozen=True)
class StoredAnswer:
    """The first answer given to a request with this key, or a claim while that request is still running."""

    fingerprint: str
    status: int | None
    headers: dict[str, str]
    body: Any

    @property
    def pending(self) -> bool:
        return self.status is None


class IdempotencyStore:
    """Keys scoped by the caller's name: claimed before a command runs, answered after it, released if it failed."""

    def __init__(self, register: RegisterBase) -> None:
        datastore = register.recorder.datastore  # type: ignore[attr-defined]
        self.sqlite = isinstance(datastore, SQLiteDatastore)
        self.datastore = datastore
        columns = "scope TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, status INTEGER, answer TEXT"
        if self.sqlite:
            self._run(f"CREATE TABLE IF NOT EXISTS {TABLE} ({columns}, PRIMARY KEY (scope, key))", ())
        else:
            assert isinstance(datastore, PostgresDatastore)
            self.table = SQL("{}.{}").format(Identifier(datastore.schema), Identifier(TABLE))
            self._run(
                SQL("CREATE TABLE IF NOT EXISTS {} ({}, PRIMARY KEY (scope, key))").format(self.table, SQL(columns)), ()
            )

    def _run(self, statement: Any, params: tuple[Any, ...], fetch: bool = False) -> Any:
        if self.sqlite:
            with self.datastore.transaction(commit=True) as c:
                c.execute(statement, params)
                return c.fetchone() if fetch else None
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(statement, params)
            row = curs.fetchone() if fetch else None
            return tuple(row.values()) if row else None

    def _sql(self, sqlite: str, postgres: str) -> Any:
        return sqlite if self.sqlite else SQL(postgres).format(self.table)

    def find(self, scope: str, key: str) -> StoredAnswer | None:
        row = self._run(
            self._sql(
                f"SELECT fingerprint, status, answer FROM {TABLE} WHERE scope=? AND key=?",
                "SELECT fingerprint, status, answer FROM {} WHERE scope=%s AND key=%s",
            ),
            (scope, key),
            fetch=True,
        )
        if row is None:
            return None
        fingerprint, status, answer = row
        stored = json.loads(answer) if answer else {"headers": {}, "body": None}
        return StoredAnswer(fingerprint, status, stored["headers"], stored["body"])

    def claim(self, scope: str, key: str, fingerprint: str) -> bool:
        """Claim the key for a request about to run; False when someone holds it already."""
        try:
            self._run(
                self._sql(
                    f"INSERT INTO {TABLE} (scope, key, fingerprint) VALUES (?, ?, ?)",
                    "INSERT INTO {} (scope, key, fingerprint) VALUES (%s, %s, %s)",
                ),
                (scope, key, fingerprint),
            )
        except IntegrityError:
            return False
        return True

    def answer(self, scope: str, key: str, status: int, headers: dict[str, str], body: Any) -> None:
        self._run(
            self._sql(
                f"UPDATE {TABLE} SET status=?, answer=? WHERE scope=? AND key=?",
                "UPDATE {} SET status=%s, answer=%s WHERE scope=%s AND key=%s",
            ),
            (status, json.dumps({"headers": headers, "body": body}, ensure_ascii=False), scope, key),
        )

    def release(self, scope: str, key: str) -> None:
        self._run(
            self._sql(
                f"DELETE FROM {TABLE} WHERE scope=? AND key=? AND status IS NULL",
                "DELETE FROM {} WHERE scope=%s AND key=%s AND status IS NULL",
            ),
            (scope, key),
        )
