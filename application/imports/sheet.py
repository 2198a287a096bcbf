"""A file's rows under the header row that names an import's columns: the first sheet whose first rows hold a row
naming every required column; rows that are empty, or the template's example left as it was, are passed over."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from application.imports import cells, delimited, workbook
from application.imports.columns import Column, header_key
from application.imports.files import MAX_ROWS, FileKind, FileRefused, kind_of, too_many_rows
from application.imports.workbook import Grid, Row

HEADER_SEARCH = 20
"""How many rows from the top of a sheet may stand above the header (a title, a note, a second header line)."""


@dataclass(frozen=True)
class Placed:
    """A column found in the sheet: its index (from 0) and its letter."""

    column: Column
    index: int

    @property
    def letter(self) -> str:
        return get_column_letter(self.index + 1)


@dataclass
class Sheet:
    """The rows of a file to import: where each column stands, and each row's number and values."""

    title: str
    header_row: int
    placed: list[Placed]
    rows: list[tuple[int, Row]] = field(default_factory=list)

    def cell(self, values: Row, placed: Placed) -> Any:
        return values[placed.index] if placed.index < len(values) else None


def read_sheet(data: bytes, filename: str, columns: tuple[Column, ...], example: dict[str, Any]) -> Sheet:
    """The rows of ``data`` under the header naming ``columns``; ``FileRefused`` for a file that cannot be read, one
    with no such header, or one of more than ``MAX_ROWS`` rows."""
    kind = kind_of(data, filename)
    found: list[str] = []
    for grid in _grids(data, kind):
        sheet, missing = _header(grid, columns)
        if sheet is None:
            found.append(f"“{grid.title}”缺少{'、'.join(missing)}")
            continue
        _collect(sheet, grid.rows, example)
        return sheet
    required = "、".join(c.header for c in columns if c.required)
    raise FileRefused(
        422,
        "import.no_header",
        f"没有找到表头：前 {HEADER_SEARCH} 行中须有一行写明{required}（{'；'.join(found) or '没有工作表'}）"
        " (no row names the required columns)",
    )


def _grids(data: bytes, kind: FileKind) -> Iterable[Grid]:
    if kind is FileKind.CSV:
        return [delimited.grid(data)]
    return workbook.grids(data)


def _header(grid: Grid, columns: tuple[Column, ...]) -> tuple[Sheet | None, list[str]]:
    """The sheet under the first row naming every required column, or None and what the best row lacked."""
    best: list[str] = [c.header for c in columns if c.required]
    for number in range(1, HEADER_SEARCH + 1):
        values = next(grid.rows, None)
        if values is None:
            break
        keys = [header_key(v) for v in values]
        placed = []
        for column in columns:
            names = column.names()
            index = next((i for i, key in enumerate(keys) if key in names), None)
            if index is not None:
                placed.append(Placed(column, index))
        found = {p.column.field for p in placed}
        missing = [c.header for c in columns if c.required and c.field not in found]
        if not missing:
            return Sheet(grid.title, number, placed), []
        if len(missing) < len(best):
            best = missing
    return None, best


def _collect(sheet: Sheet, rows: Iterator[Row], example: dict[str, Any]) -> None:
    expected = [_shown(example.get(p.column.field)) for p in sheet.placed]
    for number, values in enumerate(rows, start=sheet.header_row + 1):
        if all(cells.is_blank(sheet.cell(values, p)) for p in sheet.placed):
            continue
        if (
            _shown(sheet.cell(values, sheet.placed[0])) == expected[0]
            and [_shown(sheet.cell(values, p)) for p in sheet.placed] == expected
        ):
            continue
        if len(sheet.rows) == MAX_ROWS:
            raise too_many_rows()
        sheet.rows.append((number, values))


def _shown(value: Any) -> str:
    return "" if cells.is_blank(value) else cells.text(value)
