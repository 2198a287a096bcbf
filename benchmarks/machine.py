"""Facts about the machine a benchmark ran on: cores, memory, Python, SQLite, PostgreSQL and its fsync settings."""

from __future__ import annotations

import os
import platform
import sqlite3
import tempfile
from typing import Any

import psycopg

from application.register import Register

SYNCHRONOUS = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}


def facts(postgres_url: str | None) -> dict[str, Any]:
    info: dict[str, Any] = {
        "cores": os.cpu_count(),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "sqlite_settings": _sqlite_settings(),
        "load_average": "{:.2f} {:.2f} {:.2f} (1, 5 and 15 minutes, when the run ended)".format(*os.getloadavg()),
        "niceness": f"{os.nice(0)} (the run's own; 0 is not lowered)",
    }
    if postgres_url:
        try:
            with psycopg.connect(postgres_url, connect_timeout=3) as conn:
                settings = {}
                for name in ("server_version", "fsync", "synchronous_commit", "full_page_writes", "shared_buffers"):
                    row = conn.execute(f"SHOW {name}").fetchone()
                    settings[name] = row[0] if row else "?"
                info["postgresql"] = settings
        except psycopg.Error as error:
            info["postgresql"] = f"unreachable: {error}"
    return info


def _sqlite_settings() -> str:
    """The journal mode and synchronous setting of a connection the register's own store opens."""
    with tempfile.TemporaryDirectory() as folder:
        register = Register({"FICLEDGER_DATABASE_URL": f"sqlite:///{folder}/facts.sqlite3"})
        try:
            with register.recorder.datastore.transaction(commit=False) as cursor:  # type: ignore[attr-defined]
                cursor.execute("PRAGMA journal_mode")
                journal = cursor.fetchone()[0]
                cursor.execute("PRAGMA synchronous")
                synchronous = cursor.fetchone()[0]
        finally:
            register.close()
    durable = " (the log is synced to disk at every commit)" if synchronous >= 2 else ""
    return f"journal_mode={journal}, synchronous={SYNCHRONOUS.get(synchronous, synchronous)}{durable}"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"
