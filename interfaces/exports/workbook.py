"""A filing as an XLSX workbook: a sheet per table, each ready to print and file.

Every sheet starts with the title and the line saying what it stands on (rows 1 and 2), then the header row
(frozen, with rows 1 to 3 repeated on every printed page), the numbered rows, the total row, and the footer lines
(log position, chain head, fingerprint), which the printed page's footer repeats. Counts are numbers, shares are
fractions shown as percentages (``0.0%``), dates are dates; columns are as wide as their widest cell, Chinese
characters counting double. Pages are A4, fitted to the width of the sheet.
"""

from __future__ import annotations

import io
import math
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from interfaces.exports.layout import Cell, Filing, Kind, Table, cell_text, day, width

TITLE_ROWS = 3
"""The title, the line under it, and the header row: frozen, and repeated on every printed page."""
FORMATS = {Kind.NUMBER: "0", Kind.SHARE: "0.0%", Kind.DATE: 'yyyy"年"m"月"d"日"'}
MIN_WIDTH, MAX_WIDTH = 6, 60
FIRST_COLUMN_WIDTH = 10
"""The first column also holds the footer's labels (日志位置, 哈希链头, 指纹)."""
LANDSCAPE_FROM = 100
"""A sheet wider than this many character columns is printed across the page."""
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="E7E6E6")
LINE_HEIGHT = 15.0
HEADER = "报表表头"
NAMES = {Kind.TEXT: "文字", Kind.NUMBER: "数字", Kind.SHARE: "占比", Kind.DATE: "日期"}


def style_name(kind: Kind, total: bool = False) -> str:
    """The workbook's cell style for a cell of ``kind``, in a row or in the total row (bold)."""
    return f"报表{'合计' if total else ''}{NAMES[kind]}"


def _add_styles(book: Workbook) -> None:
    """The named cell styles every sheet's cells take (one shared style each, not one per cell)."""
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    book.add_named_style(NamedStyle(HEADER, font=Font(bold=True), fill=HEADER_FILL, border=BOX, alignment=centred))
    for kind in Kind:
        for total in (False, True):
            style = NamedStyle(style_name(kind, total), font=Font(bold=total), border=BOX)
            style.number_format = FORMATS.get(kind, "General")
            book.add_named_style(style)


def to_xlsx(filing: Filing) -> bytes:
    """The filing as an XLSX workbook."""
    book = Workbook()
    book.remove(book.active)
    _add_styles(book)
    for table in filing.tables:
        write_sheet(book.create_sheet(table.sheet), filing, table)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _value(value: Cell, kind: Kind) -> Any:
    if value is None:
        return 0 if kind in (Kind.NUMBER, Kind.SHARE) else ""
    if kind == Kind.DATE and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _shown(value: Any, kind: Kind) -> str:
    """The cell as a spreadsheet shows it, to size its column."""
    if isinstance(value, date):
        return day(value)
    return cell_text(value, kind)


def write_sheet(sheet: Worksheet, filing: Filing, table: Table) -> None:
    """One table on ``sheet``, with the filing's title rows and footer."""
    kinds = [*([Kind.NUMBER] if table.numbered else []), *(c.kind for c in table.columns)]
    last = max(len(kinds), 2)
    widths = [width(h) for h in table.headers] + [0] * (last - len(kinds))

    for row, (text, size) in enumerate(((filing.title, 14), (filing.subtitle, 10)), start=1):
        sheet.append([text])
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
        sheet.cell(row, 1).font = Font(bold=size > 10, size=size)
        sheet.cell(row, 1).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 24

    sheet.append(table.headers)
    for cell in sheet[TITLE_ROWS]:
        cell.style = HEADER

    numbered = [((n,) if table.numbered else ()) + row for n, row in enumerate(table.rows, start=1)]
    totals = [(("",) if table.numbered else ()) + table.total] if table.total else []
    for row, values in enumerate([*numbered, *totals], start=TITLE_ROWS + 1):
        styles = [style_name(kind, row > TITLE_ROWS + len(numbered)) for kind in kinds]
        sheet.append([_value(v, k) for v, k in zip(values, kinds, strict=True)])
        for column, (kind, style) in enumerate(zip(kinds, styles, strict=True), start=1):
            cell = sheet.cell(row, column)
            cell.style = style
            widths[column - 1] = max(widths[column - 1], width(_shown(cell.value, kind)))
    end = TITLE_ROWS + len(numbered) + len(totals)

    sized = [min(MAX_WIDTH, max(MIN_WIDTH, w + 2)) for w in widths]
    sized[0] = max(sized[0], FIRST_COLUMN_WIDTH)
    for column, size in enumerate(sized, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = size

    _footer(sheet, filing, last, sum(sized[1:]), end + 2)
    sheet.freeze_panes = sheet.cell(TITLE_ROWS + 1, 1).coordinate
    _print_setup(sheet, filing, sum(sized))


def _footer(sheet: Worksheet, filing: Filing, last: int, room: float, first: int) -> None:
    """The footer lines from row ``first``, after a blank row: a label in the first column, its value across the
    others."""
    for row, (name, value) in enumerate(filing.footer, start=first):
        sheet.cell(row, 1, name).font = Font(bold=True)
        sheet.cell(row, 2, value).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=last)
        lines = max(1, math.ceil(width(value) / max(room, 1)))
        if lines > 1:
            sheet.row_dimensions[row].height = LINE_HEIGHT * lines


def _print_setup(sheet: Worksheet, filing: Filing, total_width: float) -> None:
    """A4, across the page when wide, fitted to one page's width, the title rows on every page, and the stamp
    with the page number in the printed footer."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    landscape = total_width > LANDSCAPE_FROM
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE if landscape else sheet.ORIENTATION_PORTRAIT
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = f"1:{TITLE_ROWS}"
    sheet.print_options.horizontalCentered = True
    *first, fingerprint = filing.stamp or [("", "")]
    sheet.oddFooter.left.text = " ".join(f"{name} {value}" for name, value in first)
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.oddFooter.right.text = " ".join(str(part) for part in fingerprint if part != "")
    for part in (sheet.oddFooter.left, sheet.oddFooter.center, sheet.oddFooter.right):
        part.size = 8
