"""Dates and times as a clerk reads and writes them: ``2020年1月5日``, recorded times in Beijing time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "北京时间")


def _as_date(value: date | str | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.astimezone(BEIJING).date() if value.tzinfo else value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def day(value: date | str | None) -> str:
    """``2020年1月5日`` for a date or an ISO date string; an empty string for nothing, the text itself if it is
    no date."""
    found = _as_date(value)
    if found is None:
        return "" if value in (None, "") else str(value)
    return f"{found.year}年{found.month}月{found.day}日"


def moment(value: datetime | str | None) -> str:
    """A recorded time (RFC 3339, UTC) in Beijing time: ``2021年1月15日 16:30:05``."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    local = value.astimezone(BEIJING)
    return f"{day(local.date())} {local:%H:%M:%S}"


def parse_day(text: str) -> date:
    """A day typed or picked in a form: ``2020-01-05`` (what a date field sends), ``2020/1/5`` or
    ``2020年1月5日``; ValueError otherwise."""
    cleaned = text.strip().replace("年", "-").replace("月", "-").replace("日", "").replace("/", "-")
    parts = cleaned.split("-")
    try:
        if len(parts) != 3 or not all(p.strip().isdigit() for p in parts):
            raise ValueError(text)
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise ValueError(f"not a day: {text!r}") from None


def end_of_day(chosen: date) -> datetime:
    """The last moment of a day in Beijing time, in UTC: what "as of that day" means for recorded times."""
    return datetime.combine(chosen + timedelta(days=1), time(0), BEIJING).astimezone(UTC) - timedelta(microseconds=1)


def today() -> date:
    """Today in Beijing."""
    return datetime.now(BEIJING).date()
