"""The rows of an ``.xlsx`` workbook's worksheets, read by calamine (a reader written in Rust, many times faster
than openpyxl's read-only mode): the values Excel saved (a formula's cached value, never evaluated), date cells as
dates, a merged range's value in each of its cells, and ``UNCOMPUTED`` for a formula saved without a value."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import python_calamine
from defusedxml import ElementTree

from application.imports.files import unreadable

FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
REFERENCE = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
CACHED = re.compile(rb"<(?:\w+:)?v>[^<]")
CLOSED_CELL = re.compile(rb"</(?:\w+:)?c>|<(?:\w+:)?c\b[^>]*/>")
CHUNK = 1024 * 1024

Row = list[Any]
Bounds = tuple[int, int, int, int]


class Uncomputed:
    """A formula cell whose workbook holds no value for it (written by a program that does not calculate)."""

    def __repr__(self) -> str:
        return "UNCOMPUTED"


UNCOMPUTED = Uncomputed()


@dataclass
class Grid:
    """One sheet: its name and its rows in order from row 1, each a list of cell values from column A."""

    title: str
    rows: Iterator[Row]


def grids(data: bytes) -> Iterator[Grid]:
    """Every worksheet of the workbook, in the workbook's order."""
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = [m.name for m in book.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.WorkSheet]
        package = zipfile.ZipFile(io.BytesIO(data))
        parts = _sheet_parts(package)
    except Exception as error:
        raise unreadable(type(error).__name__) from None
    for name in names:
        try:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = [(c0 + 1, r0 + 1, c1 + 1, r1 + 1) for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []]
            uncomputed = _uncomputed(package, parts.get(name))
        except Exception as error:
            raise unreadable(type(error).__name__) from None
        yield Grid(name, _filled(_marked(rows, uncomputed), merged))


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's XML part by the sheet's name, as the workbook's relationships name them."""
    workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
    relations = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in relations}
    parts = {}
    for element in workbook.iter():
        if element.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        relation = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
        target = targets.get(relation, "")
        if target:
            parts[element.get("name", "")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return parts


def _marked(rows: list[Row], uncomputed: set[tuple[int, int]]) -> Iterator[Row]:
    by_row: dict[int, list[int]] = {}
    for row, column in uncomputed:
        by_row.setdefault(row, []).append(column)
    for number, values in enumerate(rows, start=1):
        for column in by_row.get(number, []):
            values.extend([""] * (column - len(values)))
            values[column - 1] = UNCOMPUTED
        yield values


def _filled(rows: Iterator[Row], merged: list[Bounds]) -> Iterator[Row]:
    """Each cell of a merged range holds the value of the range's first cell, as the clerk sees it."""
    starting: dict[int, list[Bounds]] = {}
    for bounds in merged:
        starting.setdefault(bounds[1], []).append(bounds)
    active: list[tuple[Bounds, Any]] = []
    for number, values in enumerate(rows, start=1):
        if starting or active:
            active = [(bounds, value) for bounds, value in active if bounds[3] >= number]
            for bounds in starting.pop(number, []):
                first = bounds[0]
                active.append((bounds, values[first - 1] if len(values) >= first else None))
            for (min_col, _, max_col, _), value in active:
                if len(values) < max_col:
                    values.extend([""] * (max_col - len(values)))
                for column in range(min_col - 1, max_col):
                    values[column] = value
        yield values


def _uncomputed(package: zipfile.ZipFile, part: str | None) -> set[tuple[int, int]]:
    """The cells (row, column, from 1) holding a formula and no saved value, read from the sheet's XML in chunks
    cut after a whole cell."""
    found: set[tuple[int, int]] = set()
    if part is None or part not in package.namelist():
        return found
    carried = b""
    with package.open(part) as stream:
        while chunk := stream.read(CHUNK):
            window = carried + chunk
            cut = max((m.end() for m in CLOSED_CELL.finditer(window)), default=0)
            found |= _formulas_without_value(window[:cut])
            carried = window[cut:]
    return found | _formulas_without_value(carried)


def _formulas_without_value(xml: bytes) -> set[tuple[int, int]]:
    found: set[tuple[int, int]] = set()
    if not FORMULA.search(xml):
        return found
    for cell in CELL.finditer(xml):
        body = cell.group(2) or b""
        if FORMULA.search(body) and not CACHED.search(body):
            reference = REFERENCE.search(cell.group(1))
            if reference:
                letters, row = reference.groups()
                found.add((int(row), _column_number(letters.decode())))
    return found


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number
