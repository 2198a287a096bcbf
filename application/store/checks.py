"""Checks a command makes before it works on a store, and the one-line reason when the store cannot be used.

Two kinds of failure are kept apart, because the command line answers them with different exit statuses:
``StoreUnavailable`` (the store does not exist, cannot be reached, refuses the login, or is sealed with another
cipher key than the one given: nothing is known about the log) and ``StoreDamaged`` (the file is cut short or
corrupt, or a table of the log is missing: the log is not as it was recorded).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit

import orjson
import psycopg
from eventsourcing.persistence import PersistenceError
from psycopg import errors as pg_errors
from psycopg.sql import SQL, Identifier

from application.settings import shown_url
from application.store.config import is_postgres, store_env
from application.store.sealing import KEY_VARIABLE, SealBroken

if TYPE_CHECKING:
    from application.base import RegisterBase
    from application.store.recorders import ChainedRecorder

SQLITE_HEADER = b"SQLite format 3\x00"
CONNECT_TIMEOUT = 5
DAMAGE = (pg_errors.UndefinedTable, pg_errors.UndefinedColumn, pg_errors.DataCorrupted, pg_errors.IndexCorrupted)


class StoreUnavailable(Exception):
    """The store does not exist, cannot be reached, or refuses the login."""


class StoreDamaged(Exception):
    """The store's file is cut short or corrupt, or a table of the log is missing."""


class KeyRefused(StoreUnavailable):
    """The cipher key does not fit the store: another key, a key for a store in clear, or none for a sealed one."""


def not_found(where: str) -> StoreUnavailable:
    return StoreUnavailable(f"存储不存在：{where} (store not found)")


def damaged(where: str, reason: str) -> StoreDamaged:
    return StoreDamaged(f"存储已损坏：{where}：{reason} (store cut short or corrupt)")


def unavailable(where: str, reason: str) -> StoreUnavailable:
    return StoreUnavailable(f"无法使用存储：{where}：{reason} (cannot reach the store)")


def one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text.removeprefix("connection failed: ") or type(error).__name__


def sqlite_file(url: str) -> Path | None:
    """The file of an ``sqlite:///`` URL; None for any other URL and for an SQLite database in memory."""
    if urlsplit(url).scheme != "sqlite" or not url.startswith("sqlite:///"):
        return None
    path = unquote(url[len("sqlite:///") :])
    return Path(path) if path and path != ":memory:" else None


def prepare(url: str, *, create: bool, thorough: bool = False) -> None:
    """Check the store at ``url`` before it is opened, creating nothing unless ``create``: then a missing SQLite file
    is left for the library to create and a missing PostgreSQL schema is created. ``thorough`` also reads every page
    of an SQLite file. ``StoreConfigError`` for a URL that cannot be used."""
    path = sqlite_file(url)
    if path is not None:
        check_sqlite_file(url, path, create=create, thorough=thorough)
    elif is_postgres(url):
        check_postgres(url, store_env(url), create=create)
    else:
        store_env(url)


def check_sqlite_file(url: str, path: Path, *, create: bool, thorough: bool) -> None:
    where = shown_url(url)
    if not path.exists():
        if create:
            return
        raise not_found(where)
    if not path.is_file():
        raise unavailable(where, "不是文件")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise unavailable(where, one_line(error)) from None
    if size == 0:
        raise damaged(where, "文件为空")
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise damaged(where, "不是 SQLite 数据库文件")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if header[24:28] == header[92:96] and size < page_size * pages:
        raise damaged(where, f"文件只有 {size:,} 字节，应有 {page_size * pages:,} 字节")
    if thorough:
        quick_check(where, path)


def quick_check(where: str, path: Path) -> None:
    """SQLite's own check of every page of the file."""
    try:
        connection = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as error:
        raise unavailable(where, one_line(error)) from None
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as error:
        raise failure(where, error) from None
    finally:
        connection.close()
    if [tuple(row) for row in rows] != [("ok",)]:
        raise damaged(where, str(rows[0][0]))


def check_postgres(url: str, env: dict[str, str], *, create: bool) -> None:
    where = shown_url(url)
    schema = env.get("POSTGRES_SCHEMA") or "public"
    try:
        connection = psycopg.connect(
            dbname=env["POSTGRES_DBNAME"],
            host=env["POSTGRES_HOST"],
            port=env["POSTGRES_PORT"],
            user=env["POSTGRES_USER"],
            password=env["POSTGRES_PASSWORD"],
            connect_timeout=CONNECT_TIMEOUT,
            autocommit=True,
        )
    except psycopg.Error as error:
        raise unavailable(where, one_line(error)) from None
    with connection:
        try:
            found = connection.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone()
            if found is None and create:
                connection.execute(SQL("CREATE SCHEMA IF NOT EXISTS {}").format(Identifier(schema)))
        except psycopg.Error as error:
            raise unavailable(where, one_line(error)) from None
    if found is None and not create:
        raise StoreUnavailable(f"存储不存在：{where}：没有 schema {schema} (store not found: no schema {schema!r})")


def probe(register: RegisterBase) -> None:
    """Read the ends of the log and of its chain, so that a store that cannot be used fails here, in one line."""
    recorder: ChainedRecorder = register.recorder  # type: ignore[assignment]
    where = shown_url(register.database_url)
    try:
        recorder.max_notification_id()
    except PersistenceError as error:
        if is_postgres(register.database_url) and isinstance(error.__cause__, pg_errors.UndefinedTable):
            raise not_found(where) from None
        raise failure(where, error) from None
    with failures(where):
        recorder.last_link_position()
        check_key(register)


def check_key(register: RegisterBase) -> None:
    """``KeyRefused`` unless the configured cipher key (or its absence) opens the log's first event."""
    first = register.recorder.select_notifications(1, 1)
    if not first:
        return
    state = first[0].state
    where = shown_url(register.database_url)
    if register.sealing.sealed:
        try:
            register.sealing.open(state)
        except SealBroken:
            if in_clear(register, state):
                raise KeyRefused(
                    f"存储未加密，不能用 {KEY_VARIABLE} 打开：{where}；请取消该设置，或导出后导入到新的加密存储 "
                    f"(the store is not sealed: unset {KEY_VARIABLE}, or export it and import it into a new store "
                    "with the key)"
                ) from None
            raise KeyRefused(
                f"{KEY_VARIABLE} 与存储的密钥不符：{where} (the cipher key does not open this store)"
            ) from None
    elif not in_clear(register, state):
        raise KeyRefused(f"存储已加密，请设置 {KEY_VARIABLE}：{where} (the store is sealed: set {KEY_VARIABLE})")


def in_clear(register: RegisterBase, state: bytes) -> bool:
    """Whether a stored state is the mapper's JSON (decompressed, if the library compresses), not sealed."""
    compressor = register.mapper.compressor
    try:
        return isinstance(orjson.loads(compressor.decompress(state) if compressor else state), dict)
    except Exception:
        return False


def failure(where: str, error: BaseException) -> StoreUnavailable | StoreDamaged:
    """What a store error says about the store: damaged (a corrupt file, a missing table) or unavailable."""
    cause = error.__cause__ if isinstance(error, PersistenceError) and error.__cause__ else error
    if isinstance(cause, DAMAGE):
        return damaged(where, one_line(cause))
    if isinstance(cause, sqlite3.OperationalError):
        text = str(cause)
        if text.startswith(("no such table", "no such column")):
            return damaged(where, one_line(cause))
        return unavailable(where, one_line(cause))
    if isinstance(cause, sqlite3.DatabaseError):
        return damaged(where, one_line(cause))
    return unavailable(where, one_line(cause))


@contextmanager
def failures(where: str) -> Iterator[None]:
    """Turn the store's errors inside the block into ``StoreUnavailable`` or ``StoreDamaged``."""
    try:
        yield
    except (PersistenceError, sqlite3.Error, psycopg.Error) as error:
        raise failure(where, error) from None
