"""Small checks shared by the aggregates' command methods; each raises InvalidValue naming the field."""

from __future__ import annotations

from datetime import date
from typing import Any

from domain import texts
from domain.errors import InvalidValue

MAX_TEXT = 2000
MIN_YEAR = 1949
MAX_YEAR = 2200


def text(value: Any, field: str, *, max_length: int = MAX_TEXT, required: bool = True) -> str:
    """A trimmed string of at most ``max_length`` characters, holding what ``domain.texts`` allows (InvalidText
    naming the rule otherwise): something visible, unless not ``required``."""
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise InvalidValue(field, "must be a string")
    texts.checked(value, field, required=False)
    value = value.strip()
    if len(value) > max_length:
        raise InvalidValue(field, f"must be at most {max_length} characters")
    return texts.checked(value, field, required=required)


def day(value: Any, field: str) -> date:
    """A calendar date within the register's years."""
    if not isinstance(value, date):
        raise InvalidValue(field, "must be a date")
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise InvalidValue(field, f"must be between {MIN_YEAR} and {MAX_YEAR}")
    return value


def year(value: Any, field: str = "year") -> int:
    """A calendar year within the register's years."""
    if not isinstance(value, int) or isinstance(value, bool) or not MIN_YEAR <= value <= MAX_YEAR:
        raise InvalidValue(field, f"must be a year between {MIN_YEAR} and {MAX_YEAR}")
    return value


def count(value: Any, field: str, *, maximum: int = 1_000_000) -> int:
    """A whole number from 0 to ``maximum``."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= maximum:
        raise InvalidValue(field, f"must be a whole number from 0 to {maximum}")
    return value
