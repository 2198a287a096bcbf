"""The rows of an ``.xlsx`` workbook's sheets, streamed in openpyxl's read-only mode: the values Excel saved
(a formula's cached value, never evaluated), a merged range's value in each of its cells, and ``UNCOMPUTED`` for a
formula saved without a value."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import zip_longest
from typing import Any

import openpyxl
from openpyxl.utils.cell import range_boundaries

from application.imports.files import unreadable

MERGED = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
CHUNK = 1024 * 1024
OVERLAP = 256

Row = list[Any]


class Uncomputed:
    """A formula cell whose workbook holds no value for it (written by a program that does not calculate)."""

    def __repr__(self) -> str:
        return "UNCOMPUTED"


UNCOMPUTED = Uncomputed()


@dataclass
class Grid:
    """One sheet: its name and its rows in order from row 1, each a list of cell values."""

    title: str
    rows: Iterator[Row]


def grids(data: bytes) -> Iterator[Grid]:
    """Every worksheet of the workbook, in the workbook's order."""
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        package = zipfile.ZipFile(io.BytesIO(data))
    except Exception as error:
        raise unreadable(type(error).__name__) from None
    formulas_book = None
    for sheet in book.worksheets:
        try:
            merged, has_formulas = _scan(package, sheet._worksheet_path)
        except Exception as error:
            raise unreadable(type(error).__name__) from None
        formula_rows = None
        if has_formulas:
            formulas_book = formulas_book or openpyxl.load_workbook(io.BytesIO(data), read_only=True)
            formula_sheet = formulas_book[sheet.title]
            formula_rows = _rows(formula_sheet)
        yield Grid(sheet.title, _guarded(_filled(_computed(_rows(sheet), formula_rows), merged)))


def _rows(sheet: Any) -> Iterator[Row]:
    sheet.reset_dimensions()
    for values in sheet.iter_rows(values_only=True):
        yield list(values)


def _computed(rows: Iterator[Row], formula_rows: Iterator[Row] | None) -> Iterator[Row]:
    """``UNCOMPUTED`` in place of the empty value of a formula saved without its value."""
    if formula_rows is None:
        yield from rows
        return
    for values, written in zip_longest(rows, formula_rows, fillvalue=[]):
        yield [
            UNCOMPUTED if value is None and isinstance(formula, str) and formula.startswith("=") else value
            for value, formula in zip_longest(values, written)
        ]


def _filled(rows: Iterator[Row], merged: list[tuple[int, int, int, int]]) -> Iterator[Row]:
    """Each cell of a merged range holds the value of the range's first cell, as the clerk sees it."""
    starting: dict[int, list[tuple[int, int, int, int]]] = {}
    for bounds in merged:
        starting.setdefault(bounds[1], []).append(bounds)
    active: list[tuple[tuple[int, int, int, int], Any]] = []
    for number, values in enumerate(rows, start=1):
        if starting or active:
            active = [(bounds, value) for bounds, value in active if bounds[3] >= number]
            for bounds in starting.pop(number, []):
                first_column = bounds[0]
                active.append((bounds, values[first_column - 1] if len(values) >= first_column else None))
            for (min_col, _, max_col, _), value in active:
                if len(values) < max_col:
                    values.extend([None] * (max_col - len(values)))
                for column in range(min_col - 1, max_col):
                    values[column] = value
        yield values


def _guarded(rows: Iterator[Row]) -> Iterator[Row]:
    try:
        yield from rows
    except Exception as error:
        raise unreadable(type(error).__name__) from None


def _scan(package: zipfile.ZipFile, path: str) -> tuple[list[tuple[int, int, int, int]], bool]:
    """The merged ranges of a sheet (min column, min row, max column, max row) and whether it holds formulas, read
    from its XML in chunks (the merged ranges come after the cells, where read-only mode does not look)."""
    merged: list[tuple[int, int, int, int]] = []
    has_formulas = False
    tail = b""
    with package.open(path.lstrip("/")) as stream:
        while chunk := stream.read(CHUNK):
            window = tail + chunk
            has_formulas = has_formulas or FORMULA.search(window) is not None
            cut = max(0, len(window) - OVERLAP)
            for found in MERGED.finditer(window):
                if found.start() < cut:
                    merged.append(range_boundaries(found.group(1).decode()))  # type: ignore[arg-type]
            tail = window[cut:]
    for found in MERGED.finditer(tail):
        merged.append(range_boundaries(found.group(1).decode()))  # type: ignore[arg-type]
    return sorted(set(merged), key=lambda b: (b[1], b[0])), has_formulas
