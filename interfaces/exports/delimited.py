"""A filing as CSV, UTF-8 with a byte order mark (so a spreadsheet program reads the Chinese right).

The file holds what the workbook holds, one table after another: the title and the line under it, then for each
table its sheet name in 【】, its header, its numbered rows and its total row, a blank line between tables, and the
footer lines last. A share is written ``40.0%``, which spreadsheet programs read back as a percentage.
"""

from __future__ import annotations

import csv
import io

from interfaces.exports.layout import Filing, Kind, cell_text


def to_csv(filing: Filing) -> bytes:
    """The filing as CSV text, UTF-8 with a byte order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([filing.title])
    writer.writerow([filing.subtitle])
    for table in filing.tables:
        kinds = [*([Kind.NUMBER] if table.numbered else []), *(c.kind for c in table.columns)]
        writer.writerow([])
        writer.writerow([f"【{table.sheet}】"])
        writer.writerow(table.headers)
        for n, row in enumerate(table.rows, start=1):
            values = ((n,) if table.numbered else ()) + row
            writer.writerow([cell_text(v, k) for v, k in zip(values, kinds, strict=True)])
        if table.total:
            values = (("",) if table.numbered else ()) + table.total
            writer.writerow([cell_text(v, k) for v, k in zip(values, kinds, strict=True)])
    if filing.footer:
        writer.writerow([])
        writer.writerows([name, cell_text(value)] for name, value in filing.footer)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
