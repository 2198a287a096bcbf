"""Where the documents live: tables beside the events on SQLite and PostgreSQL, or a dict for ``as_of``.

The SQL views are the library's tracking recorders extended with two tables, built by the library's
infrastructure factory on connections of their own (``open_view``). A projector changes a view only inside
``locked()``: one transaction that holds the store's projector lock (SQLite's write lock, taken by
``BEGIN IMMEDIATE``; a PostgreSQL advisory lock), in which it reads the tracked position, loads the documents,
and writes them with the tracking record of the batch's last event. However many projectors run, in however many
processes, each event is folded once, and a crash neither skips nor doubles one.

In a sealed store (``FICLEDGER_CIPHER_KEY``) each document is sealed with the events' cipher and the name column
is left empty, so no name is stored in clear; a list is then filtered by the other columns in SQL, and searched by
``q`` and ordered by name in memory (``SealedNames``), opening only the documents sealed since the last list and
those of the page.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any, Protocol
from uuid import UUID

import orjson
from eventsourcing.persistence import ApplicationRecorder, InfrastructureFactory, Tracking
from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteCursor, SQLiteDatastore, SQLiteTrackingRecorder, SQLiteTransaction
from eventsourcing.utils import Environment
from psycopg.sql import SQL, Identifier

from application.projections.documents import Doc, read
from application.store.sealing import UNSEALED, Sealing

APPLICATION = "ficledger"
VIEW_ENV = "ficledger_view"
"""The name of the view's environment: the library's factory names the PostgreSQL tracking table after it."""
DOCS = "view_documents"
MEMBERSHIPS = "view_memberships"
FILTERS = {
    "member": {"street": "street", "status": "status", "key_focus": "key_focus", "chamber_id": None, "id": "id"},
    "chamber": {"street": "street", "status": "status", "kind": "category"},
    "branch": {"street": "street", "status": "status", "kind": "category", "managing_unit": "unit"},
}


class ViewBatch(Protocol):
    """A view inside its projector lock: one transaction, in which the tracked position cannot move under it."""

    def position(self) -> int: ...

    def load(self, ids: Iterable[str]) -> dict[str, Doc]: ...

    def save(self, docs: dict[str, Doc], tracking: Tracking) -> None: ...


class DocumentView(Protocol):
    """What the projection writes to and the reports and lists read from."""

    def position(self) -> int: ...

    def locked(self) -> AbstractContextManager[ViewBatch]: ...

    def replace_all(self, docs: dict[str, Doc], tracking: Tracking | None) -> None: ...

    def all(self, kind: str) -> list[Doc]: ...

    def page(
        self, kind: str, filters: dict[str, Any], after: Position | None, limit: int, keep: Keep | None = None
    ) -> list[Doc]: ...


Position = tuple[str, str]
"""Where a page ends in the lists' order: a document's name, then its id."""
Keep = Callable[[Doc], bool]
"""A filter no column holds (one judged on a day, such as overdue for election), asked of each document."""
KEPT_CHUNK = 200


def kept_page(
    fetch: Callable[[Position | None, int], list[Doc]], after: Position | None, limit: int, keep: Keep | None
) -> list[Doc]:
    """Up to ``limit`` documents after ``after`` that ``keep`` keeps, reading ``fetch``'s pages in the lists'
    order until enough are found or the list ends."""
    if keep is None:
        return fetch(after, limit)
    kept: list[Doc] = []
    chunk = max(limit, KEPT_CHUNK)
    while len(kept) < limit:
        docs = fetch(after, chunk)
        kept += [doc for doc in docs if keep(doc)]
        if len(docs) < chunk:
            break
        after = position_of(docs[-1])
    return kept[:limit]


@dataclass(frozen=True)
class Search:
    """A list's ``q``: part of a name (ASCII letters in any case), or the id a member's credit code gives."""

    text: str
    ident: str | None = None


def position_of(doc: Doc) -> Position:
    return (doc.get("name") or "", doc["id"])


def encode_cursor(doc: Doc) -> str:
    """An opaque cursor that continues after ``doc`` in the lists' order."""
    return base64.urlsafe_b64encode(orjson.dumps(list(position_of(doc)))).decode().rstrip("=")


def decode_cursor(cursor: str) -> Position:
    """Where a cursor continues after; ValueError for anything ``encode_cursor`` did not make."""
    padded = cursor + "=" * (-len(cursor) % 4)
    try:
        name, ident = orjson.loads(base64.b64decode(padded.encode(), altchars=b"-_", validate=True))
        if not isinstance(name, str):
            raise ValueError("not a name")
        return name, str(UUID(ident))
    except (ValueError, TypeError, orjson.JSONDecodeError):
        raise ValueError("not a cursor from this API") from None


def _row(doc: Doc, sealing: Sealing) -> tuple[Any, ...]:
    return (
        doc["id"],
        doc["type"],
        None if sealing.sealed else doc.get("name"),
        doc.get("street"),
        doc.get("status"),
        doc.get("kind"),
        doc.get("managing_unit"),
        1 if doc.get("key_focus_criteria") else 0,
        sealing.seal_text(orjson.dumps(doc).decode()),
    )


def _opened(sealing: Sealing, text: str) -> Doc:
    return read(sealing.open_text(text))


SEAL_PREFIX = 40
"""The characters of a sealed document that tell one sealing from another: its nonce and tag, in base64."""


class SealedNames:
    """The names of a sealed view's documents, each opened once per sealing. A list reads the first characters of
    every document its filters let through (the nonce and tag, new at every sealing), opens only those sealed since
    it last looked, and orders and searches the names in memory."""

    def __init__(self) -> None:
        self.known: dict[str, tuple[str, str]] = {}

    def page(
        self,
        rows: list[tuple[str, str]],
        texts: Callable[[list[str]], dict[str, str]],
        sealing: Sealing,
        filters: dict[str, Any],
        after: Position | None,
        limit: int,
    ) -> list[str]:
        """The ids of one page, in name order, of the documents ``rows`` (id, first characters) name;
        ``texts`` reads whole sealed documents by id."""
        stale = [ident for ident, prefix in rows if self.known.get(ident, ("", ""))[0] != prefix]
        for ident, text in (texts(stale) if stale else {}).items():
            self.known[ident] = (text[:SEAL_PREFIX], _opened(sealing, text).get("name") or "")
        search: Search | None = filters.get("q")
        chosen = []
        for ident, _ in rows:
            name = self.known.get(ident, ("", ""))[1]
            if search is None or search.text.lower() in name.lower() or ident == search.ident:
                chosen.append((name, ident))
        chosen.sort()
        return [ident for name, ident in chosen if after is None or (name, ident) > after][:limit]


def _matches(doc: Doc, filters: dict[str, Any]) -> bool:
    for name, value in filters.items():
        if name == "q":
            if value.text.lower() not in (doc.get("name") or "").lower() and doc["id"] != value.ident:
                return False
        elif name == "chamber_id":
            if value not in doc.get("chamber_ids", []):
                return False
        elif name == "key_focus":
            if bool(doc.get("key_focus_criteria")) != value:
                return False
        elif doc.get(name) != value:
            return False
    return True


class MemoryView:
    """Documents in a dict: the throwaway view behind ``as_of`` reports, and the scratch space of a rebuild."""

    def __init__(self) -> None:
        self.docs: dict[str, Doc] = {}
        self.last = 0

    def position(self) -> int:
        return self.last

    @contextmanager
    def locked(self) -> Iterator[MemoryView]:
        yield self

    def load(self, ids: Iterable[str]) -> dict[str, Doc]:
        return {i: self.docs[i] for i in ids if i in self.docs}

    def save(self, docs: dict[str, Doc], tracking: Tracking) -> None:
        self.docs.update(docs)
        self.last = tracking.notification_id

    def replace_all(self, docs: dict[str, Doc], tracking: Tracking | None) -> None:
        self.docs = dict(docs)
        self.last = tracking.notification_id if tracking else 0

    def all(self, kind: str) -> list[Doc]:
        return [d for d in self.docs.values() if d["type"] == kind]

    def page(
        self, kind: str, filters: dict[str, Any], after: Position | None, limit: int, keep: Keep | None = None
    ) -> list[Doc]:
        chosen = sorted(
            (d for d in self.all(kind) if _matches(d, filters) and (keep is None or keep(d))), key=position_of
        )
        return [d for d in chosen if after is None or position_of(d) > after][:limit]


class _SQLBatch:
    """``ViewBatch`` on one cursor of an SQL view's locked transaction."""

    def __init__(self, view: SQLiteDocumentView | PostgresDocumentView, cursor: Any) -> None:
        self.view = view
        self.cursor = cursor

    def position(self) -> int:
        return self.view._max_tracking_id(APPLICATION, self.cursor) or 0

    def load(self, ids: Iterable[str]) -> dict[str, Doc]:
        return self.view._load(self.cursor, list(ids))

    def save(self, docs: dict[str, Doc], tracking: Tracking) -> None:
        self.view._write(self.cursor, docs)
        self.view._insert_tracking(self.cursor, tracking)


class _ImmediateTransaction(SQLiteTransaction):
    """The library's SQLite transaction, begun with the database's write lock taken (``BEGIN IMMEDIATE``)."""

    def __enter__(self) -> SQLiteCursor:
        cursor = self.connection.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        return cursor


class SQLiteDocumentView(SQLiteTrackingRecorder):
    """The documents in the events' SQLite file, tracked in the library's ``tracking`` table."""

    sealing = UNSEALED
    names: SealedNames | None = None

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {DOCS} (id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT, street TEXT, "
            "status TEXT, category TEXT, unit TEXT, key_focus INTEGER, doc TEXT NOT NULL)",
            f"CREATE INDEX IF NOT EXISTS {DOCS}_type ON {DOCS} (type, id)",
            f"CREATE INDEX IF NOT EXISTS {DOCS}_type_name ON {DOCS} (type, name, id)",
            f"CREATE TABLE IF NOT EXISTS {MEMBERSHIPS} (member_id TEXT, chamber_id TEXT, "
            "PRIMARY KEY (chamber_id, member_id))",
        ]

    def position(self) -> int:
        return self.max_tracking_id(APPLICATION) or 0

    @contextmanager
    def _write_locked(self) -> Iterator[SQLiteCursor]:
        with (
            self.datastore.get_connection(commit=True) as conn,
            _ImmediateTransaction(conn, commit=True) as cursor,
            cursor,
        ):
            yield cursor

    @contextmanager
    def locked(self) -> Iterator[ViewBatch]:
        """A transaction holding SQLite's write lock: other projectors, in this process or another, wait."""
        with self._write_locked() as cursor:
            yield _SQLBatch(self, cursor)

    def load(self, ids: Iterable[str]) -> dict[str, Doc]:
        with self.datastore.transaction(commit=False) as c:
            return self._load(c, list(ids))

    def _load(self, c: Any, wanted: list[str]) -> dict[str, Doc]:
        return {ident: _opened(self.sealing, text) for ident, text in self._texts(c, wanted).items()}

    def _texts(self, c: Any, wanted: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            c.execute(f"SELECT id, doc FROM {DOCS} WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            found.update((row[0], row[1]) for row in c.fetchall())
        return found

    def _write(self, c: Any, docs: dict[str, Doc]) -> None:
        c.executemany(
            f"INSERT OR REPLACE INTO {DOCS} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_row(d, self.sealing) for d in docs.values()],
        )
        members = [d for d in docs.values() if d["type"] == "member"]
        c.executemany(f"DELETE FROM {MEMBERSHIPS} WHERE member_id = ?", [(d["id"],) for d in members])
        c.executemany(
            f"INSERT INTO {MEMBERSHIPS} VALUES (?, ?)", [(d["id"], ch) for d in members for ch in d["chamber_ids"]]
        )

    def replace_all(self, docs: dict[str, Doc], tracking: Tracking | None) -> None:
        with self._write_locked() as c:
            c.execute(f"DELETE FROM {DOCS}")
            c.execute(f"DELETE FROM {MEMBERSHIPS}")
            c.execute("DELETE FROM tracking WHERE application_name = ?", (APPLICATION,))
            self._write(c, docs)
            if tracking is not None:
                self._insert_tracking(c, tracking)

    def all(self, kind: str) -> list[Doc]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT doc FROM {DOCS} WHERE type = ? ORDER BY id", (kind,))
            return [_opened(self.sealing, row[0]) for row in c.fetchall()]

    def page(
        self, kind: str, filters: dict[str, Any], after: Position | None, limit: int, keep: Keep | None = None
    ) -> list[Doc]:
        return kept_page(lambda start, size: self._page(kind, filters, start, size), after, limit, keep)

    def _page(self, kind: str, filters: dict[str, Any], after: Position | None, limit: int) -> list[Doc]:
        sealed = self.sealing.sealed
        clauses, params = ["type = ?"], [kind]
        for name, value in filters.items():
            if name == "q":
                if sealed:
                    continue
                clauses.append("(instr(lower(name), lower(?)) > 0 OR id = ?)")
                params.extend([value.text, value.ident])
            elif name == "chamber_id":
                clauses.append(f"id IN (SELECT member_id FROM {MEMBERSHIPS} WHERE chamber_id = ?)")
                params.append(value)
            else:
                clauses.append(f"{FILTERS[kind][name]} = ?")
                params.append(int(value) if name == "key_focus" else value)
        if sealed:
            self.names = self.names or SealedNames()
            with self.datastore.transaction(commit=False) as c:
                c.execute(f"SELECT id, substr(doc, 1, {SEAL_PREFIX}) FROM {DOCS} WHERE {' AND '.join(clauses)}", params)
                rows = [(row[0], row[1]) for row in c.fetchall()]
                ids = self.names.page(rows, lambda wanted: self._texts(c, wanted), self.sealing, filters, after, limit)
                docs = self._load(c, ids)
            return [docs[ident] for ident in ids if ident in docs]
        if after is not None:
            clauses.append("(name, id) > (?, ?)")
            params.extend(after)
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT doc FROM {DOCS} WHERE {' AND '.join(clauses)} ORDER BY name, id LIMIT ?", [*params, limit]
            )
            return [read(row[0]) for row in c.fetchall()]


class PostgresDocumentView(PostgresTrackingRecorder):
    """The documents in the events' PostgreSQL schema, tracked in the table the factory names after ``VIEW_ENV``
    (``ficledger_view_tracking``)."""

    sealing = UNSEALED
    names: SealedNames | None = None

    def __init__(
        self, datastore: PostgresDatastore, *, tracking_table_name: str = f"{VIEW_ENV}_tracking", **kwargs: Any
    ) -> None:
        super().__init__(datastore, tracking_table_name=tracking_table_name, **kwargs)
        schema = Identifier(self.datastore.schema)
        self.docs = SQL("{}.{}").format(schema, Identifier(DOCS))
        self.memberships = SQL("{}.{}").format(schema, Identifier(MEMBERSHIPS))
        self.tracking_table = SQL("{}.{}").format(schema, Identifier(self.tracking_table_name))
        name = f"{self.datastore.schema}.{self.tracking_table_name}".encode()
        self.lock_key = int.from_bytes(hashlib.blake2b(name, digest_size=8).digest(), "big", signed=True)
        self.sql_create_statements.extend(
            [
                SQL(
                    "CREATE TABLE IF NOT EXISTS {} (id text PRIMARY KEY, type text NOT NULL, name text, street text, "
                    "status text, category text, unit text, key_focus integer, doc text NOT NULL)"
                ).format(self.docs),
                SQL("CREATE INDEX IF NOT EXISTS {} ON {} (type, id)").format(Identifier(f"{DOCS}_type"), self.docs),
                SQL('CREATE INDEX IF NOT EXISTS {} ON {} (type, name COLLATE "C", id)').format(
                    Identifier(f"{DOCS}_type_name"), self.docs
                ),
                SQL(
                    "CREATE TABLE IF NOT EXISTS {} (member_id text, chamber_id text, "
                    "PRIMARY KEY (chamber_id, member_id))"
                ).format(self.memberships),
            ]
        )

    def position(self) -> int:
        return self.max_tracking_id(APPLICATION) or 0

    @contextmanager
    def _write_locked(self) -> Iterator[Any]:
        with self.datastore.transaction(commit=True) as curs:
            if self.datastore.lock_timeout:
                curs.execute(SQL("SET LOCAL lock_timeout = '{}s'").format(self.datastore.lock_timeout))
            curs.execute("SELECT pg_advisory_xact_lock(%s)", (self.lock_key,))
            yield curs

    @contextmanager
    def locked(self) -> Iterator[ViewBatch]:
        """A transaction holding this view's advisory lock: other projectors, in any process, wait for its end."""
        with self._write_locked() as curs:
            yield _SQLBatch(self, curs)

    def load(self, ids: Iterable[str]) -> dict[str, Doc]:
        with self.datastore.transaction(commit=False) as curs:
            return self._load(curs, list(ids))

    def _load(self, curs: Any, wanted: list[str]) -> dict[str, Doc]:
        return {ident: _opened(self.sealing, text) for ident, text in self._texts(curs, wanted).items()}

    def _texts(self, curs: Any, wanted: list[str]) -> dict[str, str]:
        curs.execute(SQL("SELECT id, doc FROM {} WHERE id = ANY(%s)").format(self.docs), (wanted,))
        return {row["id"]: row["doc"] for row in curs.fetchall()}

    def _write(self, curs: Any, docs: dict[str, Doc]) -> None:
        if not docs:
            return
        curs.executemany(
            SQL(
                "INSERT INTO {} VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE SET "
                "name = EXCLUDED.name, street = EXCLUDED.street, status = EXCLUDED.status, "
                "category = EXCLUDED.category, unit = EXCLUDED.unit, key_focus = EXCLUDED.key_focus, doc = EXCLUDED.doc"
            ).format(self.docs),
            [_row(d, self.sealing) for d in docs.values()],
        )
        members = [d for d in docs.values() if d["type"] == "member"]
        if members:
            curs.execute(
                SQL("DELETE FROM {} WHERE member_id = ANY(%s)").format(self.memberships), ([d["id"] for d in members],)
            )
            pairs = [(d["id"], ch) for d in members for ch in d["chamber_ids"]]
            if pairs:
                curs.executemany(SQL("INSERT INTO {} VALUES (%s, %s)").format(self.memberships), pairs)

    def replace_all(self, docs: dict[str, Doc], tracking: Tracking | None) -> None:
        with self._write_locked() as curs:
            curs.execute(SQL("DELETE FROM {}").format(self.docs))
            curs.execute(SQL("DELETE FROM {}").format(self.memberships))
            curs.execute(SQL("DELETE FROM {} WHERE application_name = %s").format(self.tracking_table), (APPLICATION,))
            self._write(curs, docs)
            if tracking is not None:
                self._insert_tracking(curs, tracking)

    def all(self, kind: str) -> list[Doc]:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(SQL("SELECT doc FROM {} WHERE type = %s ORDER BY id").format(self.docs), (kind,))
            return [_opened(self.sealing, row["doc"]) for row in curs.fetchall()]

    def page(
        self, kind: str, filters: dict[str, Any], after: Position | None, limit: int, keep: Keep | None = None
    ) -> list[Doc]:
        """A page in the order of names (compared as code points, as SQLite does), then ids."""
        return kept_page(lambda start, size: self._page(kind, filters, start, size), after, limit, keep)

    def _page(self, kind: str, filters: dict[str, Any], after: Position | None, limit: int) -> list[Doc]:
        sealed = self.sealing.sealed
        clauses, params = [SQL("type = %s")], [kind]
        for name, value in filters.items():
            if name == "q":
                if sealed:
                    continue
                clauses.append(SQL("(strpos(lower(name), lower(%s)) > 0 OR id = %s)"))
                params.extend([value.text, value.ident])
            elif name == "chamber_id":
                clauses.append(SQL("id IN (SELECT member_id FROM {} WHERE chamber_id = %s)").format(self.memberships))
                params.append(value)
            else:
                clauses.append(SQL("{} = %s").format(Identifier(FILTERS[kind][name])))
                params.append(int(value) if name == "key_focus" else value)
        if sealed:
            self.names = self.names or SealedNames()
            prefixes = SQL("SELECT id, left(doc, {}) AS prefix FROM {} WHERE {}").format(
                SEAL_PREFIX, self.docs, SQL(" AND ").join(clauses)
            )
            with self.datastore.transaction(commit=False) as curs:
                curs.execute(prefixes, params)
                rows = [(row["id"], row["prefix"]) for row in curs.fetchall()]
                ids = self.names.page(
                    rows, lambda wanted: self._texts(curs, wanted), self.sealing, filters, after, limit
                )
                docs = self._load(curs, ids)
            return [docs[ident] for ident in ids if ident in docs]
        if after is not None:
            clauses.append(SQL('(name COLLATE "C", id) > (%s, %s)'))
            params.extend(after)
        statement = SQL('SELECT doc FROM {} WHERE {} ORDER BY name COLLATE "C", id LIMIT %s').format(
            self.docs, SQL(" AND ").join(clauses)
        )
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(statement, [*params, limit])
            return [read(row["doc"]) for row in curs.fetchall()]


@dataclass
class ViewStore:
    """A view on connections of its own: the documents (a tracking recorder the library's factory built) and a
    reader of the register's log. Whoever opened it closes it, after every thread using it has stopped."""

    view: SQLiteDocumentView | PostgresDocumentView
    log: ApplicationRecorder
    factory: InfrastructureFactory[Any] | None

    def close(self) -> None:
        if self.factory is not None:
            self.factory.close()


def open_view(register: Any) -> ViewStore:
    """The live view of ``register``'s log, in the same database, on a connection pool of its own, so that closing
    the register never closes a connection a projector is using. An in-memory SQLite store is one pool (its
    connections share one cache, and take turns only through that pool), so there the view shares the register's.
    The view's tables are made when missing even where the log's are not (``CREATE_TABLE=n``): they hold only what
    the log derives, so a store imported or written by another process gets its view on first use."""
    recorder = register.recorder
    datastore = recorder.datastore
    sqlite = isinstance(datastore, SQLiteDatastore)
    if sqlite and datastore.pool.is_sqlite_memory_mode:
        factory, owned = register.factory, None
    else:
        env = Environment(VIEW_ENV, {**register.env, **_VIEW_POOL})
        factory = owned = InfrastructureFactory.construct(env)
    view = factory.tracking_recorder(SQLiteDocumentView if sqlite else PostgresDocumentView)
    view.create_table()
    view.sealing = register.sealing
    log = type(recorder)(factory.datastore, events_table_name=recorder.events_table_name)
    log.sealing = register.sealing
    return ViewStore(view, log, owned)


_VIEW_POOL = {f"{VIEW_ENV.upper()}_POSTGRES_POOL_SIZE": "1", f"{VIEW_ENV.upper()}_POSTGRES_MAX_OVERFLOW": "9"}
