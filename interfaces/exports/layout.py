"""A report laid out for filing, whatever it is written as: its title rows, its tables and its footer.

A ``Filing`` holds plain values a person reads (labels, not codes; counts, fractions and dates as themselves), so
the XLSX and CSV writers, and any page that shows a report, format the same cells the same way.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

Cell = str | int | float | date | None
Row = tuple[Cell, ...]


class Kind(StrEnum):
    """What a column holds, which decides how its cells are written."""

    TEXT = "text"
    NUMBER = "number"
    SHARE = "share"
    DATE = "date"


@dataclass(frozen=True)
class Column:
    """A column: its Chinese header and what it holds."""

    header: str
    kind: Kind = Kind.TEXT


@dataclass(frozen=True)
class Table:
    """One sheet of a filing: its name (whole Chinese words, at most 31 characters), its columns and rows, and a
    total row that comes last and is not numbered. Rows are numbered (序号) unless ``numbered`` is false."""

    sheet: str
    columns: tuple[Column, ...]
    rows: list[Row]
    total: Row | None = None
    numbered: bool = True

    def __post_init__(self) -> None:
        if not 0 < len(self.sheet) <= 31 or any(c in self.sheet for c in "[]:*?/\\"):
            raise ValueError(f"not a sheet name: {self.sheet!r}")
        widths = set(map(len, self.rows)) | ({len(self.total)} if self.total else set())
        for width in widths - {len(self.columns)}:
            raise ValueError(f"{self.sheet}: a row of {width} cells under {len(self.columns)} columns")

    @property
    def headers(self) -> list[str]:
        """The header row as written, with the row number's column first when rows are numbered."""
        return [*(["序号"] if self.numbered else []), *(c.header for c in self.columns)]


Line = tuple[str, Cell]


@dataclass(frozen=True)
class Filing:
    """A report ready to file: a title row, a line saying what it stands on, its tables, and the lines under each
    table: notes, then the stamp (the report's log position, chain head and fingerprint, the fingerprint last),
    which every printed page's footer repeats."""

    title: str
    subtitle: str
    tables: list[Table]
    stamp: list[Line] = field(default_factory=list)
    notes: list[Line] = field(default_factory=list)

    @property
    def footer(self) -> list[Line]:
        """The lines under every table: the notes, then the stamp."""
        return [*self.notes, *self.stamp]

    def __post_init__(self) -> None:
        names = [table.sheet for table in self.tables]
        if len(set(names)) != len(names):
            raise ValueError(f"sheet names repeat: {names}")


def day(value: date | str) -> str:
    """``2021年1月5日``: a day as a clerk writes it."""
    found = value if isinstance(value, date) else date.fromisoformat(value)
    return f"{found.year}年{found.month}月{found.day}日"


def cell_text(value: Cell, kind: Kind = Kind.TEXT) -> str:
    """A cell as text, as the CSV holds it and a page shows it: a share as ``40.0%``, a count of nothing as 0."""
    if value is None:
        return {Kind.NUMBER: "0", Kind.SHARE: "0.0%"}.get(kind, "")
    if kind == Kind.SHARE and isinstance(value, int | float):
        return f"{value:.1%}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def width(text: Any) -> int:
    """How many columns a text takes in a spreadsheet: Chinese (wide and full-width) characters count double."""
    text = str(text)
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def share(part: int, whole: int) -> float:
    """``part`` of ``whole`` as a fraction (0 of nothing is 0)."""
    return part / whole if whole else 0.0


def yes(flag: bool) -> str:
    return "是" if flag else "否"
