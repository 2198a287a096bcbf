"""Direct SQL on the store, as someone working behind the service's back would use it."""

from __future__ import annotations

import sqlite3
from typing import Any
from urllib.parse import parse_qs, urlsplit

import psycopg


class RawStore:
    """The events table and its chain table of one store, by their real names, with ``pos`` for the position."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.sqlite = url.startswith("sqlite:")
        if self.sqlite:
            self.events, self.chain, self.pos = "stored_events", "stored_events_chain", "rowid"
        else:
            self.schema = parse_qs(urlsplit(url).query)["schema"][0]
            self.events = f'"{self.schema}".ficledger_events'
            self.chain = f'"{self.schema}".ficledger_events_chain'
            self.pos = "notification_id"

    def run(self, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        if self.sqlite:
            conn = sqlite3.connect(self.url[len("sqlite:///") :])
            try:
                rows = conn.execute(statement, params).fetchall()
                conn.commit()
                return rows
            finally:
                conn.close()
        base = self.url.split("?", 1)[0]
        with psycopg.connect(base, autocommit=True) as conn:
            cursor = conn.execute(statement.replace("?", "%s"), params)
            return cursor.fetchall() if cursor.description else []

    def state(self, position: int) -> bytes:
        return bytes(self.run(f"SELECT state FROM {self.events} WHERE {self.pos} = ?", (position,))[0][0])

    def set_state(self, position: int, state: bytes) -> None:
        self.run(f"UPDATE {self.events} SET state = ? WHERE {self.pos} = ?", (state, position))
