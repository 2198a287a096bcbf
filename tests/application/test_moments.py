"""As-of times: accepted once every event recorded by then is stored, refused while some may still be."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from application.moments import UnsettledMoment, settled, settling

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_a_time_past_the_settling_margin_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FICLEDGER_AS_OF_SETTLING", raising=False)
    moment = NOW - timedelta(seconds=60)
    assert settled(moment, NOW) == moment


@pytest.mark.parametrize("ago", [timedelta(seconds=59), timedelta(0), timedelta(days=-1)])
def test_a_recent_or_future_time_is_refused(monkeypatch: pytest.MonkeyPatch, ago: timedelta) -> None:
    monkeypatch.delenv("FICLEDGER_AS_OF_SETTLING", raising=False)
    with pytest.raises(UnsettledMoment, match="at least 60 s in the past"):
        settled(NOW - ago, NOW)


def test_a_time_without_offset_is_refused() -> None:
    with pytest.raises(UnsettledMoment, match="offset"):
        settled(datetime(2020, 1, 1), NOW)


def test_the_margin_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FICLEDGER_AS_OF_SETTLING", "5")
    assert settling() == timedelta(seconds=5)
    assert settled(NOW - timedelta(seconds=5), NOW) == NOW - timedelta(seconds=5)
    with pytest.raises(UnsettledMoment):
        settled(NOW - timedelta(seconds=4), NOW)


@pytest.mark.parametrize("value", ["soon", "-1", "1.5"])
def test_a_margin_that_is_not_whole_seconds_is_a_configuration_error(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("FICLEDGER_AS_OF_SETTLING", value)
    with pytest.raises(ValueError, match="FICLEDGER_AS_OF_SETTLING"):
        settling()
