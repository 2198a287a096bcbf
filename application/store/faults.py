"""When the store refuses: its disk is full, it has become read-only, it vanished (an SQLite file deleted or
replaced, a PostgreSQL schema dropped), or it cannot be reached.

``store_fault`` reads such a failure out of whatever the library or the database driver raised; ``StoreHealth``
keeps the fault the store is in, so that it is logged once when it begins and once when writing resumes, however
many requests meet it in between.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator

import psycopg

RETRY_AFTER = 10
"""Seconds a client is asked to wait before retrying a request the store refused."""
log = logging.getLogger("ficledger.store")

WHAT = {
    "full": "存储空间已满，暂停写入，读取照常 (the store's disk is full: writes are refused until space is freed)",
    "read-only": "存储变为只读，暂停写入，读取照常 (the store has become read-only: writes are refused)",
    "vanished": "存储已不在原处，暂停写入 (the store vanished: its file was removed or replaced, or its schema gone)",
    "unreachable": "无法连接存储 (the store cannot be reached)",
}


class StoreFault(Exception):
    """The store refuses for a reason that is not the request's: ``kind`` is full, read-only, vanished or
    unreachable; ``cause`` is the database's own words, in one line."""

    def __init__(self, kind: str, cause: str) -> None:
        super().__init__(f"{WHAT[kind]}：{cause}")
        self.kind = kind
        self.cause = cause

    @property
    def detail(self) -> str:
        """What a client is told: the kind, without the database's words."""
        return f"{WHAT[self.kind]}；请稍后重试 (retry later)"


SQLITE_KINDS = {13: "full", 8: "read-only", 14: "vanished", 10: "unreachable"}
"""SQLite's primary result codes: SQLITE_FULL, SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_IOERR."""
POSTGRES_KINDS = {
    "53100": "full",
    "25006": "read-only",
    "42P01": "vanished",
    "3F000": "vanished",
    "57P01": "unreachable",
    "57P02": "unreachable",
    "57P03": "unreachable",
}
"""SQLSTATEs: disk full, read-only transaction, table or schema gone, the server shutting down or starting up;
and every connection exception (class 08)."""
OS_KINDS = {errno.ENOSPC: "full", errno.EDQUOT: "full", errno.EROFS: "read-only"}


def _causes(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending += [current.__cause__, current.__context__]


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _kind(error: BaseException) -> str | None:
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in SQLITE_KINDS:
            return SQLITE_KINDS[code & 0xFF]
        return "vanished" if str(error).startswith("no such table") else None
    if isinstance(error, psycopg.Error):
        state = error.sqlstate
        if state is None:
            return "unreachable" if isinstance(error, psycopg.OperationalError | psycopg.InterfaceError) else None
        return "unreachable" if state.startswith("08") else POSTGRES_KINDS.get(state)
    if isinstance(error, OSError):
        return OS_KINDS.get(error.errno or 0)
    return None


def store_fault(error: BaseException) -> StoreFault | None:
    """The store fault behind ``error`` (itself, or what it was raised from), or None for any other failure."""
    for cause in _causes(error):
        if isinstance(cause, StoreFault):
            return cause
        kind = _kind(cause)
        if kind is not None:
            return StoreFault(kind, _one_line(cause))
    return None


class StoreHealth:
    """The fault the store is in, if any: logged (on ``ficledger.store``) when a fault begins, and again when a
    write succeeds after it, with how long it lasted and how many requests it refused."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.fault: StoreFault | None = None
        self.since = 0.0
        self.refused = 0
        self._lock = threading.Lock()

    def failed(self, fault: StoreFault) -> None:
        with self._lock:
            if self.fault is None or self.fault.kind != fault.kind:
                log.warning("%s：%s", self.where, fault)
                self.since = time.monotonic()
                self.refused = 0
            self.fault = fault
            self.refused += 1

    def succeeded(self) -> None:
        """A write went through: the fault, if there was one, has ended."""
        if self.fault is None:
            return
        with self._lock:
            if self.fault is None:
                return
            log.warning(
                "%s：存储恢复写入，故障持续 %.1f 秒，拒绝 %d 次 (the store accepts writes again after %.1f s; "
                "%d refused)",
                self.where,
                time.monotonic() - self.since,
                self.refused,
                time.monotonic() - self.since,
                self.refused,
            )
            self.fault = None
