"""Store configuration: ``FICLEDGER_DATABASE_URL`` translated to the ``eventsourcing`` library's own settings, and
the library settings the register refuses."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from eventsourcing.utils import Environment, get_topic

from application.errors import DatabaseFunctionsRefused, StoreConfigError
from application.settings import get_settings
from application.store.recorders import ChainedPostgresApplicationRecorder, ChainedSQLiteApplicationRecorder

DB_FUNCTIONS = "POSTGRES_ENABLE_DB_FUNCTIONS"
OFF = ("n", "no", "f", "false", "off", "0")


def database_url() -> str:
    """The configured database URL (``FICLEDGER_DATABASE_URL``), or an SQLite file under ``./var/``."""
    return get_settings().database_url


def is_postgres(url: str) -> bool:
    return urlsplit(url).scheme in ("postgresql", "postgres")


def store_env(url: str) -> dict[str, str]:
    """The library settings for a ``sqlite:///path`` or ``postgresql://user:password@host:port/db?schema=s`` URL."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(url[len("sqlite:///") :]) if url.startswith("sqlite:///") else ""
        if not path:
            raise StoreConfigError("an SQLite URL is sqlite:///path/to/file.sqlite3")
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        else:
            path = "file:ficledger?mode=memory&cache=shared"
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": path,
            "SQLITE_LOCK_TIMEOUT": "30",
            "APPLICATION_RECORDER_TOPIC": get_topic(ChainedSQLiteApplicationRecorder),
        }
    if parts.scheme in ("postgresql", "postgres"):
        query = parse_qs(parts.query)
        env = {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": unquote(parts.path.lstrip("/")) or "postgres",
            "POSTGRES_HOST": parts.hostname or "127.0.0.1",
            "POSTGRES_PORT": str(parts.port or 5432),
            "POSTGRES_USER": unquote(parts.username or "postgres"),
            "POSTGRES_PASSWORD": unquote(parts.password or ""),
            "POSTGRES_POOL_SIZE": query.get("pool_size", ["10"])[0],
            "POSTGRES_MAX_OVERFLOW": query.get("max_overflow", ["10"])[0],
            "POSTGRES_CONNECT_TIMEOUT": "5",
            "POSTGRES_LOCK_TIMEOUT": "10",
            "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT": "30",
            "APPLICATION_RECORDER_TOPIC": get_topic(ChainedPostgresApplicationRecorder),
        }
        if "schema" in query:
            env["POSTGRES_SCHEMA"] = query["schema"][0]
        return env
    raise StoreConfigError(f"unsupported database URL scheme {parts.scheme!r}: use sqlite:/// or postgresql://")


def refuse_database_functions(env: Environment) -> None:
    """``DatabaseFunctionsRefused`` when the library, reading ``env``, would insert events through its stored
    function (``POSTGRES_ENABLE_DB_FUNCTIONS``, or its ``FICLEDGER_`` form, set to anything but a false value)."""
    for variable in env.create_keys(DB_FUNCTIONS):
        if variable in env:
            value = env[variable]
            if value and value.lower() not in OFF:
                raise DatabaseFunctionsRefused(variable, value)
            return
