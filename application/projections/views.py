"""Where the documents live: tables beside the events on SQLite and PostgreSQL, or a dict for ``as_of``.

The SQL views are the library's tracking recorders extended with two tables: each batch of documents and the
tracking record of the batch's last event are written in one transaction, so a crash neither skips nor doubles
an event, and a batch already applied is refused by the tracking table itself.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from typing import Any, Protocol
from uuid import UUID

import orjson
from eventsourcing.persistence import Tracking
from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteDatastore, SQLiteTrackingRecorder
from psycopg.sql import SQL, Identifier

from application.projections.documents import Doc

APPLICATION = "ficledger"
DOCS = "view_documents"
MEMBERSHIPS = "view_memberships"
FILTERS = {
    "member": {"street": "street", "status": "status", "key_focus": "key_focus", "chamber_id": None},
    "chamber": {"street": "street", "status": "status", "kind": "category"},
    "branch": {"street": "street", "status": "status", "kind": "category", "managing_unit": "unit"},
}


class DocumentView(Protocol):
    """What the projection writes to and the reports and lists read from."""

    def position(self) -> int: ...

    def load(self, ids: Iterable[str]) -> dict[str, Doc]: ...

    def save(self, docs: dict[str, Doc], tracking: Tracking) -> None: ...

    def replace_all(self, docs: dict[str, Doc], tracking: Tracking | None) -> None: ...

    def all(self, kind: str) -> list[Doc]: ...

    def page(self, kind: str, filters: dict[str, Any], after: str | None, limit: int) -> list[Doc]: ...


def encode_cursor(ident: str) -> str:
    return base64.urlsafe_b64encode(ident.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    """The id a cursor continues after; ValueError for anything ``encode_cursor`` did not make."""
    padded = cursor + "=" * (-len(cursor) % 4)
    try:
        ident = base64.b64decode(padded.encode(), altchars=b"-_", validate=True).decode()
        return str(UUID(ident))
    except (ValueError, UnicodeDecodeError):
        raise ValueError("not a cursor from this API") from None


def _row(doc: Doc) -> tuple[Any, ...]:
    return (
        doc["id"],
        doc["type"],
        doc.get("name"),
        doc.get("street"),
        doc.get("status"),
        doc.get("kind"),
        doc.get("managing_unit"),
        1 if doc.get("key_focus_criteria") else 0,
        orjson.dumps(doc).decode(),
    )


def _matches(doc: Doc, filters: dict[str, Any]) -> bool:
    for name, value in filters.items():
        if name == "chamber_id":
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

    def page(self, kind: str, filters: dict[str, Any], after: str | None, limit: int) -> list[Doc]:
        chosen = sorted((d for d in self.all(kind) if _matches(d, filters)), key=lambda d: d["id"])
        return [d for d in chosen if after is None or d["id"] > after][:limit]


class SQLiteDocumentView(SQLiteTrackingRecorder):
    """The documents in the events' SQLite file, tracked in the library's ``tracking`` table."""

    def __init__(self, datastore: SQLiteDatastore, **kwargs: Any) -> None:
        super().__init__(datastore, **kwargs)

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {DOCS} (id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT, street TEXT, "
            "status TEXT, category TEXT, unit TEXT, key_focus INTEGER, doc TEXT NOT NULL)",
            f"CREATE INDEX IF NOT EXISTS {DOCS}_type ON {DOCS} (type, id)",
            f"CREATE TABLE IF NOT EXISTS {MEMBERSHIPS} (member_id TEXT, chamber_id TEXT, "
            "PRIMARY KEY (chamber_id, member_id))",
        ]

    def position(self) -> int:
        return self.max_tracking_id(APPLICATION) or 0

    def load(self, ids: Iterable[str]) -> dict[str, Doc]:
        wanted = list(ids)
        found: dict[str, Doc] = {}
        with self.datastore.transaction(commit=False) as c:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                c.execute(f"SELECT id, doc FROM {DOCS} WHERE id IN ({','.join('?' * len(chunk))})", chunk)
                found.update((row[0], orjson.loads(row[1])) for row in c.fetchall())
        return found

    def _write(self, c: Any, docs: dict[str, Doc]) -> None:
        c.executemany(
            f"INSERT OR REPLACE INTO {DOCS} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [_row(d) for d in docs.values()]
        )
        members = [d for d in docs.values() if d["type"] == "member"]
        c.executemany(f"DELETE FROM {MEMBERSHIPS} WHERE member_id = ?", [(d["id"],) for d in members])
        c.executemany(
            f"INSERT INTO {MEMBERSHIPS} VALUES (?, ?)", [(d["id"], ch) for d in members for ch in d["chamber_ids"]]
        )

    def save(self, docs: dict[str, Doc], tracking: Tracking) -> None:
        with self.datastore.transaction(commit=True) as c:
            self._write(c, docs)
            self._insert_tracking(c, tracking)

    def replace_all(self, docs: dict[str, Doc], tracking: Tracking | None) -> None:
        with self.datastore.transaction(commit=True) as c:
            c.execute(f"DELETE FROM {DOCS}")
            c.execute(f"DELETE FROM {MEMBERSHIPS}")
            c.execute("DELETE FROM tracking WHERE application_name = ?", (APPLICATION,))
            self._write(c, docs)
            if tracking is not None:
                self._insert_tracking(c, tracking)

    def all(self, kind: str) -> list[Doc]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT doc FROM {DOCS} WHERE type = ? ORDER BY id", (kind,))
            return [orjson.loads(row[0]) for row in c.fetchall()]

    def page(self, kind: str, filters: dict[str, Any], after: str | None, limit: int) -> list[Doc]:
        clauses, params = ["type = ?"], [kind]
        for name, value in filters.items():
            if name == "chamber_id":
                clauses.append(f"id IN (SELECT member_id FROM {MEMBERSHIPS} WHERE chamber_id = ?)")
                params.append(value)
            else:
                clauses.append(f"{FILTERS[kind][name]} = ?")
                params.append(int(value) if name == "key_focus" else value)
        if after is not None:
            clauses.append("id > ?")
            params.append(after)
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT doc FROM {DOCS} WHERE {' AND '.join(clauses)} ORDER BY id LIMIT ?", [*params, limit])
            return [orjson.loads(row[0]) for row in c.fetchall()]


class PostgresDocumentView(PostgresTrackingRecorder):
    """The documents in the events' PostgreSQL schema, tracked in ``ficledger_view_tracking``."""

    def __init__(self, datastore: PostgresDatastore, **kwargs: Any) -> None:
        super().__init__(datastore, tracking_table_name="ficledger_view_tracking", **kwargs)
        schema = Identifier(self.datastore.schema)
        self.docs = SQL("{}.{}").format(schema, Identifier(DOCS))
        self.memberships = SQL("{}.{}").format(schema, Identifier(MEMBERSHIPS))
        self.tracking_table = SQL("{}.{}").format(schema, Identifier(self.tracking_table_name))
        self.sql_create_statements.extend(
            [
                SQL(
                    "CREATE TABLE IF NOT EXISTS {} (id text PRIMARY KEY, type text NOT NULL, name text, street text, "
                    "status text, category text, unit text, key_focus integer, doc text NOT NULL)"
                ).format(self.docs),
                SQL("CREATE INDEX IF NOT EXISTS {} ON {} (type, id)").format(Identifier(f"{DOCS}_type"), self.docs),
                SQL(
                    "CREATE TABLE IF NOT EXISTS {} (member_id text, chamber_id text, "
                    "PRIMARY KEY (chamber_id, member_id))"
                ).format(self.memberships),
            ]
        )

    def position(self) -> int:
        return self.max_tracking_id(APPLICATION) or 0

    def load(self, ids: Iterable[str]) -> dict[str, Doc]:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(SQL("SELECT id, doc FROM {} WHERE id = ANY(%s)").format(self.docs), (list(ids),))
            return {row["id"]: orjson.loads(row["doc"]) for row in curs.fetchall()}

    def _write(self, curs: Any, docs: dict[str, Doc]) -> None:
        curs.executemany(
            SQL(
                "INSERT INTO {} VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE SET "
                "name = EXCLUDED.name, street = EXCLUDED.street, status = EXCLUDED.status, "
                "category = EXCLUDED.category, unit = EXCLUDED.unit, key_focus = EXCLUDED.key_focus, doc = EXCLUDED.doc"
            ).format(self.docs),
            [_row(d) for d in docs.values()],
        )
        members = [d for d in docs.values() if d["type"] == "member"]
        if members:
            curs.execute(
                SQL("DELETE FROM {} WHERE member_id = ANY(%s)").format(self.memberships), ([d["id"] for d in members],)
            )
            pairs = [(d["id"], ch) for d in members for ch in d["chamber_ids"]]
            if pairs:
                curs.executemany(SQL("INSERT INTO {} VALUES (%s, %s)").format(self.memberships), pairs)

    def save(self, docs: dict[str, Doc], tracking: Tracking) -> None:
        with self.datastore.transaction(commit=True) as curs:
            self._write(curs, docs)
            self._insert_tracking(curs, tracking)

    def replace_all(self, docs: dict[str, Doc], tracking: Tracking | None) -> None:
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(SQL("DELETE FROM {}").format(self.docs))
            curs.execute(SQL("DELETE FROM {}").format(self.memberships))
            curs.execute(SQL("DELETE FROM {} WHERE application_name = %s").format(self.tracking_table), (APPLICATION,))
            self._write(curs, docs)
            if tracking is not None:
                self._insert_tracking(curs, tracking)

    def all(self, kind: str) -> list[Doc]:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(SQL("SELECT doc FROM {} WHERE type = %s ORDER BY id").format(self.docs), (kind,))
            return [orjson.loads(row["doc"]) for row in curs.fetchall()]

    def page(self, kind: str, filters: dict[str, Any], after: str | None, limit: int) -> list[Doc]:
        clauses, params = [SQL("type = %s")], [kind]
        for name, value in filters.items():
            if name == "chamber_id":
                clauses.append(SQL("id IN (SELECT member_id FROM {} WHERE chamber_id = %s)").format(self.memberships))
                params.append(value)
            else:
                clauses.append(SQL("{} = %s").format(Identifier(FILTERS[kind][name])))
                params.append(int(value) if name == "key_focus" else value)
        if after is not None:
            clauses.append(SQL("id > %s"))
            params.append(after)
        statement = SQL("SELECT doc FROM {} WHERE {} ORDER BY id LIMIT %s").format(
            self.docs, SQL(" AND ").join(clauses)
        )
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(statement, [*params, limit])
            return [orjson.loads(row["doc"]) for row in curs.fetchall()]


def view_for(register: Any) -> SQLiteDocumentView | PostgresDocumentView:
    """The live view in the same store as ``register``'s events."""
    datastore = register.recorder.datastore
    sqlite = isinstance(datastore, SQLiteDatastore)
    view = SQLiteDocumentView(datastore) if sqlite else PostgresDocumentView(datastore)
    view.create_table()
    return view
