"""Facts about the machine a benchmark ran on: cores, memory, Python, SQLite, PostgreSQL and its fsync settings."""

from __future__ import annotations

import os
import platform
import sqlite3
from typing import Any

import psycopg


def facts(postgres_url: str | None) -> dict[str, Any]:
    info: dict[str, Any] = {
        "cores": os.cpu_count(),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "sqlite_settings": "WAL journal, synchronous=NORMAL (the library's defaults for WAL)",
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


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"
