"""Files made for the import tests, as clerks and their programs make them: workbooks (with merged cells, formulas
and their cached values, a password), CSV in UTF-8 and GB18030, and files that are not to be read."""

from __future__ import annotations

import functools
import io
import os
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

MEMBER_HEADERS = ["统一社会信用代码", "名称", "街道", "行业", "入会日期"]


def workbook(
    rows: Iterable[Sequence[Any]],
    *,
    title: str = "会员企业",
    merged: Sequence[str] = (),
    before: Sequence[Sequence[Any]] = (),
    extra_sheets: Sequence[str] = (),
) -> bytes:
    """An ``.xlsx`` workbook: ``extra_sheets`` (empty) first, then a sheet of the ``before`` rows (a title above the
    header), then ``rows``, with ``merged`` ranges merged after the cells are written."""
    book = Workbook()
    first = book.active
    for name in extra_sheets:
        book.create_sheet(name, 0)
    first.title = title
    for row in [*before, *rows]:
        first.append(list(row))
    for cells in merged:
        first.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def large_workbook(header: Sequence[str], row: Sequence[Any], count: int) -> bytes:
    """A workbook of ``count`` copies of ``row`` under ``header``: openpyxl's workbook with its sheet's XML written
    here, in a fraction of the time openpyxl takes to write that many cells."""
    book = Workbook()
    book.active.title = "会员企业"
    out = io.BytesIO()
    book.save(out)

    def cells(values: Sequence[Any], number: int) -> str:
        return "".join(
            f'<c r="{get_column_letter(i)}{number}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>'
            for i, v in enumerate(values, start=1)
        )

    rows = [f'<row r="1">{cells(header, 1)}</row>']
    rows += [f'<row r="{n}">{cells(row, n)}</row>' for n in range(2, count + 2)]
    xml = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + "".join(rows)
        + "</sheetData></worksheet>"
    )
    return _replaced(out.getvalue(), "xl/worksheets/sheet1.xml", xml.encode())


def _replaced(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            target.writestr(part, content if part.filename == name else source.read(part))
    return out.getvalue()


def with_cached_values(data: bytes, cached: dict[str, str]) -> bytes:
    """The workbook with each formula cell named in ``cached`` given that value as Excel saves it beside the formula
    (openpyxl writes formulas without one)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            content = source.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                for cell, value in cached.items():
                    text = re.sub(
                        rf'<c r="{cell}"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?',
                        rf'<c r="{cell}"\1><f>\2</f><v>{value}</v>',
                        text,
                    )
                content = text.encode()
            target.writestr(part, content)
    return out.getvalue()


def encrypted(data: bytes, password: str = "s3cret") -> bytes:
    """The workbook locked with an opening password, as Excel stores it."""
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


@functools.cache
def zip_bomb(unpacked_mib: int = 300) -> bytes:
    """A valid workbook of members with one more part that unpacks to ``unpacked_mib`` MiB of spaces (about a
    thousand times what it weighs)."""
    source = zipfile.ZipFile(io.BytesIO(workbook([MEMBER_HEADERS])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            target.writestr(part, source.read(part))
        with target.open("xl/media/padding.xml", "w", force_zip64=True) as padding:
            block = b" " * (1024 * 1024)
            for _ in range(unpacked_mib):
                padding.write(block)
    return out.getvalue()


def with_picture(data: bytes, size: int) -> bytes:
    """The workbook with a picture of ``size`` bytes that do not compress, stored in it as Excel stores media."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            target.writestr(part, source.read(part))
        target.writestr("xl/media/image1.png", os.urandom(size), zipfile.ZIP_STORED)
    return out.getvalue()


def entity_bomb(data: bytes) -> bytes:
    """The workbook with its first sheet's XML declaring nested entities, one of them in a cell."""
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>'
    )
    return _replaced(data, "xl/worksheets/sheet1.xml", bomb.encode())


def csv_bytes(rows: Iterable[Sequence[Any]], encoding: str = "utf-8") -> bytes:
    """Rows as a CSV file in ``encoding`` (``utf-8-sig`` for Excel's UTF-8 with a byte order mark)."""
    return "".join(",".join(str(v) for v in row) + "\r\n" for row in rows).encode(encoding)
