"""Idempotency keys kept in the store, so a retried command answers its first answer even after a restart.

A request claims its key before its command runs. When the command records events, its answer travels with them:
the command context carries an ``IdempotentAnswer``, the register hands it to ``save`` and the recorder writes it
in the transaction that stores the events (``write_answer_sqlite`` / ``write_answer_postgres``), so the store never
holds a command's events without the answer a retry must get. Other answers (rejections, commands that record
nothing) are written after the command. A claim is committed without a sync to disk of its own (``synchronous =
NORMAL`` on SQLite's connection for that transaction, ``synchronous_commit = off`` in PostgreSQL's): a crash of the
machine can lose only a claim whose request was never answered, and the command's durable commit, which follows it
in the same write-ahead log, syncs it too. A claim still pending after its lease belongs to a request that died
before recording anything, and the next retry of the same request takes it over. Each claim's token names the
process that holds it (host, pid and the pid's start time): a retry takes over at once a claim whose process is
known to be gone (the server was restarted, a worker died), since nothing can record it any more.

In a sealed store (``FICLEDGER_CIPHER_KEY``) the answers are sealed with the events' cipher, and the scope (the
name of the caller's key) is kept as a keyed hash.
"""

from __future__ import annotations

import json
import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from eventsourcing.persistence import IntegrityError
from eventsourcing.postgres import PostgresDatastore
from eventsourcing.sqlite import SQLiteCursor, SQLiteDatastore
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Identifier

from application.store.sealing import UNSEALED, Sealing

TABLE = "idempotency_claims"
LEASE_SECONDS = 60.0
COLUMNS = (
    "scope TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, token TEXT NOT NULL, "
    "claimed_at DOUBLE PRECISION NOT NULL, status INTEGER, answer TEXT, PRIMARY KEY (scope, key)"
)
WRITE_ANSWER = "UPDATE {} SET status=%s, answer=%s WHERE scope=%s AND key=%s AND token=%s AND status IS NULL"


def _started(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot, from /proc), "" where /proc is not kept, or None when
    there is no such process."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[19]
    except FileNotFoundError:
        if os.path.isdir("/proc/self"):
            return None
    except (OSError, IndexError):
        return ""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except OSError:
        pass
    return ""


_instance: tuple[int, str] | None = None


def instance() -> str:
    """This process as its claims name it: host, pid and the pid's start time (so a pid used again later by
    another process is not taken for this one)."""
    global _instance
    pid = os.getpid()
    if _instance is None or _instance[0] != pid:
        _instance = (pid, f"{socket.gethostname()}:{pid}:{_started(pid) or ''}")
    return _instance[1]


def holder_gone(token: str) -> bool:
    """Whether the process that made claim ``token`` is known to be gone: on this host, its pid is not running, or
    runs a process started at another time. A claim made elsewhere, or before tokens named their process, is
    not judged."""
    holder = token.rpartition("/")[0]
    host, _, rest = holder.partition(":")
    pid, _, started = rest.partition(":")
    if not pid.isdigit() or host != socket.gethostname():
        return False
    now = _started(int(pid))
    return now is None or bool(started and now and now != started)


def _synchronous(conn: Any) -> int:
    """The ``synchronous`` setting of an SQLite connection of the library's pool."""
    with conn.cursor() as c:
        c.execute("PRAGMA synchronous")
        return int(c.fetchone()[0])


def _set_synchronous(conn: Any, level: int) -> None:
    with conn.cursor() as c:
        c.execute(f"PRAGMA synchronous = {int(level)}")


class ClaimLost(Exception):
    """The claim on a key was taken over by a retry; the command that held it recorded nothing."""


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


Answer = tuple[int, dict[str, str], Any]


@dataclass
class IdempotentAnswer:
    """The answer to a request whose key is claimed, made from the aggregate its command records.

    The register prepares it from the aggregate as recorded, the recorder writes it with the events, and the
    register marks it written once they are stored.
    """

    scope: str
    key: str
    token: str
    answer_for: Callable[[Any], Answer]
    answer: Answer | None = None
    written: bool = field(default=False)

    def prepare(self, aggregate: Any) -> None:
        self.answer = self.answer_for(aggregate)

    def params(self, sealing: Sealing) -> tuple[Any, ...]:
        assert self.answer is not None, "prepare the answer before settling"
        status, headers, body = self.answer
        return status, _encode(headers, body, sealing), sealing.tag(self.scope), self.key, self.token


def write_answer_sqlite(cursor: SQLiteCursor, pending: IdempotentAnswer, sealing: Sealing = UNSEALED) -> None:
    """Inside an SQLite transaction that stores events: write the prepared answer, or fail if the claim was lost."""
    cursor.execute(WRITE_ANSWER.format(TABLE).replace("%s", "?"), pending.params(sealing))
    if cursor.sqlite_cursor.rowcount != 1:
        raise ClaimLost(pending.key)


def write_answer_postgres(
    cursor: Cursor[DictRow], schema: str, pending: IdempotentAnswer, sealing: Sealing = UNSEALED
) -> None:
    """Inside a PostgreSQL transaction that stores events: write the prepared answer, or fail if the claim was
    lost."""
    table = SQL("{}.{}").format(Identifier(schema), Identifier(TABLE))
    cursor.execute(SQL(WRITE_ANSWER + " RETURNING key").format(table), pending.params(sealing))
    if cursor.fetchone() is None:
        raise ClaimLost(pending.key)


def _encode(headers: dict[str, str], body: Any, sealing: Sealing) -> str:
    return sealing.seal_text(json.dumps({"headers": headers, "body": body}, ensure_ascii=False))


class IdempotencyStore:
    """Keys scoped by the caller's name, in the store of the given datastore: claimed before a command runs,
    answered by it, released if it failed."""

    def __init__(
        self,
        datastore: SQLiteDatastore | PostgresDatastore,
        lease_seconds: float = LEASE_SECONDS,
        sealing: Sealing = UNSEALED,
    ) -> None:
        self.sqlite = isinstance(datastore, SQLiteDatastore)
        self.datastore: Any = datastore
        self.lease_seconds = lease_seconds
        self.sealing = sealing
        if isinstance(datastore, SQLiteDatastore):
            self._run(f"CREATE TABLE IF NOT EXISTS {TABLE} ({COLUMNS.replace('DOUBLE PRECISION', 'REAL')})", ())
        else:
            self.table = SQL("{}.{}").format(Identifier(datastore.schema), Identifier(TABLE))
            self._run(SQL("CREATE TABLE IF NOT EXISTS {} ({})").format(self.table, SQL(COLUMNS)), ())

    def _run(self, statement: Any, params: tuple[Any, ...], fetch: bool = False) -> Any:
        """Run one statement in its own transaction; with ``fetch``, its first row (a tuple) or None."""
        if self.sqlite:
            with self.datastore.transaction(commit=True) as c:
                c.execute(statement, params)
                return tuple(row) if fetch and (row := c.fetchone()) else None
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(statement, params)
            row = curs.fetchone() if fetch else None
            return tuple(row.values()) if row else None

    def _run_unsynced(self, statement: Any, params: tuple[Any, ...], fetch: bool = False) -> Any:
        """``_run`` in a transaction whose commit does not wait for the disk (for claims, see the module)."""
        if self.sqlite:
            with self.datastore.get_connection(commit=True) as conn:
                kept = _synchronous(conn)
                _set_synchronous(conn, 1)
                try:
                    with conn.transaction(commit=True) as c:
                        c.execute(statement, params)
                        return tuple(row) if fetch and (row := c.fetchone()) else None
                finally:
                    try:
                        _set_synchronous(conn, kept)
                    except BaseException:
                        conn.close()
                        raise
        with self.datastore.transaction(commit=True) as curs:
            curs.execute("SET LOCAL synchronous_commit = off")
            curs.execute(statement, params)
            row = curs.fetchone() if fetch else None
            return tuple(row.values()) if row else None

    def _sql(self, postgres: str) -> Any:
        """A statement written with PostgreSQL's placeholders and ``{}`` for the table, for this store."""
        if self.sqlite:
            return postgres.format(TABLE).replace("%s", "?")
        return SQL(postgres).format(self.table)

    def find(self, scope: str, key: str) -> StoredAnswer | None:
        row = self._run(
            self._sql("SELECT fingerprint, status, answer FROM {} WHERE scope=%s AND key=%s"),
            (self.sealing.tag(scope), key),
            fetch=True,
        )
        if row is None:
            return None
        fingerprint, status, answer = row
        stored = json.loads(self.sealing.open_text(answer)) if answer else {"headers": {}, "body": None}
        return StoredAnswer(fingerprint, status, stored["headers"], stored["body"])

    def claim(self, scope: str, key: str, fingerprint: str) -> str | None:
        """Claim the key for a request about to run: its claim token, or None while another request holds it.

        A pending claim of the same request whose lease has run out, or whose process is known to be gone, is taken
        over with a new token.
        """
        token = f"{instance()}/{uuid.uuid4().hex}"
        now = time.time()
        try:
            self._run_unsynced(
                self._sql("INSERT INTO {} (scope, key, fingerprint, token, claimed_at) VALUES (%s, %s, %s, %s, %s)"),
                (self.sealing.tag(scope), key, fingerprint, token, now),
            )
        except IntegrityError:
            taken = self._run_unsynced(
                self._sql(
                    "UPDATE {} SET token=%s, claimed_at=%s WHERE scope=%s AND key=%s AND fingerprint=%s "
                    "AND status IS NULL AND claimed_at < %s RETURNING token"
                ),
                (token, now, self.sealing.tag(scope), key, fingerprint, now - self.lease_seconds),
                fetch=True,
            )
            return token if taken or self._take_from_gone(scope, key, fingerprint, token, now) else None
        return token

    def _take_from_gone(self, scope: str, key: str, fingerprint: str, token: str, now: float) -> bool:
        """Take over the pending claim of the same request whose process is known to be gone."""
        held = self._run(
            self._sql("SELECT token FROM {} WHERE scope=%s AND key=%s AND fingerprint=%s AND status IS NULL"),
            (self.sealing.tag(scope), key, fingerprint),
            fetch=True,
        )
        if held is None or not holder_gone(held[0]):
            return False
        taken = self._run_unsynced(
            self._sql(
                "UPDATE {} SET token=%s, claimed_at=%s WHERE scope=%s AND key=%s AND token=%s AND status IS NULL "
                "RETURNING token"
            ),
            (token, now, self.sealing.tag(scope), key, held[0]),
            fetch=True,
        )
        return taken is not None

    def answer(self, scope: str, key: str, token: str, status: int, headers: dict[str, str], body: Any) -> None:
        """Write the answer of a command that recorded nothing."""
        self._run(
            self._sql(WRITE_ANSWER),
            (status, _encode(headers, body, self.sealing), self.sealing.tag(scope), key, token),
        )

    def release(self, scope: str, key: str, token: str) -> None:
        """Give up a claim whose request failed without an answer to keep, so a retry runs the command again."""
        self._run(
            self._sql("DELETE FROM {} WHERE scope=%s AND key=%s AND token=%s AND status IS NULL"),
            (self.sealing.tag(scope), key, token),
        )
