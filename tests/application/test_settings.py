"""The settings object: every FICLEDGER_* variable (and PORT) with its default, read once, and one line naming the
variable for a value that cannot be used."""

from __future__ import annotations

import pytest

from application.settings import SettingsError, get_settings, load_settings, shown_url

VARIABLES = [
    "FICLEDGER_DATABASE_URL",
    "FICLEDGER_API_KEYS",
    "FICLEDGER_PROJECTIONS",
    "FICLEDGER_AS_OF_SETTLING",
    "FICLEDGER_BENCH_POSTGRES_URL",
    "FICLEDGER_DISTRICT",
    "FICLEDGER_ACCESS_LOG_RETENTION_DAYS",
    "PORT",
]


@pytest.fixture
def bare(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """An environment with none of the variables set."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_defaults(bare: pytest.MonkeyPatch) -> None:
    settings = load_settings()
    assert settings.database_url == "sqlite:///var/ficledger.sqlite3"
    assert settings.api_keys is None
    assert settings.projections == "api"
    assert settings.as_of_settling == 60
    assert settings.port == 8000
    assert settings.district == ""
    assert settings.bench_postgres_url == "postgresql://postgres@127.0.0.1:5432/test"
    assert settings.access_log_retention_days == 365


def test_every_variable_is_read(bare: pytest.MonkeyPatch) -> None:
    values = {
        "FICLEDGER_DATABASE_URL": "postgresql://u:pw@db:5432/fic?schema=s",
        "FICLEDGER_API_KEYS": "reader:desk:r3ader-token",
        "FICLEDGER_PROJECTIONS": "worker",
        "FICLEDGER_AS_OF_SETTLING": "5",
        "FICLEDGER_BENCH_POSTGRES_URL": "postgresql://bench@db/bench",
        "FICLEDGER_DISTRICT": "南山区",
        "FICLEDGER_ACCESS_LOG_RETENTION_DAYS": "180",
        "PORT": "9001",
    }
    for name, value in values.items():
        bare.setenv(name, value)
    settings = load_settings()
    assert settings.database_url == values["FICLEDGER_DATABASE_URL"]
    assert settings.api_keys is not None
    assert settings.api_keys.get_secret_value() == values["FICLEDGER_API_KEYS"]
    assert (settings.projections, settings.as_of_settling, settings.port) == ("worker", 5, 9001)
    assert settings.bench_postgres_url == values["FICLEDGER_BENCH_POSTGRES_URL"]
    assert settings.district == "南山区"
    assert settings.access_log_retention_days == 180


def test_an_empty_variable_means_its_default(bare: pytest.MonkeyPatch) -> None:
    unset = load_settings()
    for name in VARIABLES:
        bare.setenv(name, "")
    assert load_settings() == unset


def test_neither_password_nor_token_is_shown(bare: pytest.MonkeyPatch) -> None:
    bare.setenv("FICLEDGER_DATABASE_URL", "postgresql://u:db-pass-word@db:5432/fic")
    bare.setenv("FICLEDGER_API_KEYS", "reader:desk:r3ader-token")
    settings = load_settings()
    assert "db-pass-word" not in repr(settings)
    assert "r3ader-token" not in repr(settings)
    assert settings.shown_database_url == "postgresql://u:***@db:5432/fic"
    assert shown_url("sqlite:///var/x.sqlite3") == "sqlite:///var/x.sqlite3"


@pytest.mark.parametrize(
    ("name", "value", "hint"),
    [
        ("FICLEDGER_AS_OF_SETTLING", "soon", "整数秒"),
        ("FICLEDGER_AS_OF_SETTLING", "-1", "整数秒"),
        ("FICLEDGER_AS_OF_SETTLING", "1.5", "整数秒"),
        ("FICLEDGER_PROJECTIONS", "both", "api 或 worker"),
        ("PORT", "eighty", "PORT must be a port number"),
        ("PORT", "70000", "PORT must be a port number"),
        ("FICLEDGER_DISTRICT", "南山区" * 14, "不超过 40 个字符"),
        ("FICLEDGER_DISTRICT", "南山\t区", "不含控制字符"),
        ("FICLEDGER_ACCESS_LOG_RETENTION_DAYS", "179", "不少于 180"),
        ("FICLEDGER_ACCESS_LOG_RETENTION_DAYS", "0", "不少于 180"),
        ("FICLEDGER_ACCESS_LOG_RETENTION_DAYS", "half a year", "不少于 180"),
    ],
)
def test_a_value_that_cannot_be_used_is_one_line_naming_its_variable(
    bare: pytest.MonkeyPatch, name: str, value: str, hint: str
) -> None:
    bare.setenv(name, value)
    with pytest.raises(SettingsError) as refused:
        load_settings()
    message = str(refused.value)
    assert message.startswith("设置无效")
    assert f"{name}={value!r}" in message
    assert hint in message
    assert "\n" not in message


def test_each_problem_is_named_in_the_one_line(bare: pytest.MonkeyPatch) -> None:
    bare.setenv("PORT", "0")
    bare.setenv("FICLEDGER_PROJECTIONS", "both")
    with pytest.raises(SettingsError) as refused:
        load_settings()
    assert "PORT='0'" in str(refused.value)
    assert "FICLEDGER_PROJECTIONS='both'" in str(refused.value)
    assert "\n" not in str(refused.value)


def test_the_process_reads_its_settings_once(bare: pytest.MonkeyPatch) -> None:
    bare.setenv("FICLEDGER_AS_OF_SETTLING", "5")
    first = get_settings()
    bare.setenv("FICLEDGER_AS_OF_SETTLING", "7")
    assert get_settings() is first
    assert get_settings().as_of_settling == 5
    get_settings.cache_clear()
    assert get_settings().as_of_settling == 7
