"""The settings of a ficledger process: every ``FICLEDGER_*`` variable (and ``PORT``), read from the environment
once into one ``Settings`` object.

The store's own tuning (``POSTGRES_*``, ``SQLITE_*`` and the like, with or without the ``FICLEDGER_`` prefix) is
read by the ``eventsourcing`` library itself and is not repeated here.
"""

from __future__ import annotations

from functools import cache
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

PREFIX = "FICLEDGER_"
DEFAULT_DATABASE_URL = "sqlite:///var/ficledger.sqlite3"
HINTS = {
    "as_of_settling": "应为不小于 0 的整数秒 (a whole number of seconds, 0 or more)",
    "projections": "应为 api 或 worker (api or worker)",
    "port": "应为 1 到 65535 的端口号 (PORT must be a port number from 1 to 65535)",
    "district": "应为不超过 40 个字符、不含控制字符的名称，如 南山区 (a name of at most 40 characters)",
    "access_log_retention_days": "应为不少于 180 的整数天，访问记录至少保存 180 天 (whole days, 180 or more)",
}
MIN_ACCESS_LOG_RETENTION_DAYS = 180
"""The access log is kept at least this long (six months, as the graded protection scheme asks)."""


class SettingsError(ValueError):
    """A variable holds a value that cannot be used; the message is one line naming the variable."""


class Settings(BaseSettings):
    """Every setting of ficledger, with its default. ``get_settings`` builds it from the environment; values given
    to the constructor (``Settings(database_url=...)``) take the place of the environment's."""

    model_config = SettingsConfigDict(
        env_prefix=PREFIX, env_ignore_empty=True, extra="ignore", frozen=True, populate_by_name=True
    )

    database_url: str = Field(
        DEFAULT_DATABASE_URL,
        repr=False,
        description="sqlite:///path/to/file.sqlite3 or postgresql://user:password@host:port/dbname[?schema=name]",
    )
    api_keys: SecretStr | None = Field(None, description="Comma-separated role:name:token triples")
    projections: Literal["api", "worker"] = Field(
        "api", description="api keeps the views inside the API process; worker leaves them to `ficledger project`"
    )
    as_of_settling: int = Field(60, ge=0, description="Seconds an as_of time must lie in the past")
    district: str = Field(
        "", max_length=40, pattern=r"^[^\x00-\x1f\x7f]*$", description="The district's name, heading every report"
    )
    access_log_retention_days: int = Field(
        365,
        ge=MIN_ACCESS_LOG_RETENTION_DAYS,
        description="Days the access log keeps an entry before it is pruned (180 or more)",
    )
    port: int = Field(8000, ge=1, le=65535, validation_alias="PORT", description="Default port of serve and demo")
    bench_postgres_url: str = Field(
        "postgresql://postgres@127.0.0.1:5432/test", repr=False, description="The PostgreSQL database of `make bench`"
    )

    @property
    def shown_database_url(self) -> str:
        """The database URL fit to print: without its password."""
        return shown_url(self.database_url)


def shown_url(url: str) -> str:
    """A database URL fit to print: without its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@")))


def variable(location: str) -> tuple[str, str]:
    """The field and the environment variable an error's location names (the location of ``PORT`` is its alias)."""
    for field, info in Settings.model_fields.items():
        alias = info.validation_alias if isinstance(info.validation_alias, str) else None
        if location in (field, alias):
            return field, alias or f"{PREFIX}{field.upper()}"
    return location, location


def load_settings() -> Settings:
    """The settings as the environment gives them now; ``SettingsError`` (one line) for a value that cannot be used."""
    try:
        return Settings()
    except ValidationError as error:
        problems = []
        for item in error.errors():
            field, name = variable(str(item["loc"][0]) if item["loc"] else "")
            given = "" if field in ("api_keys", "database_url") else f"={item.get('input')!r}"
            problems.append(f"{name}{given}：{HINTS.get(field, item['msg'])}")
        raise SettingsError(f"设置无效 (invalid setting)：{'；'.join(problems)}") from None


@cache
def get_settings() -> Settings:
    """The settings of this process, read from the environment the first time they are asked for.

    ``get_settings.cache_clear()`` makes the next call read the environment again (each command line run does).
    """
    return load_settings()
