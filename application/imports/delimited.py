"""The rows of a CSV file, in UTF-8 (with or without a byte order mark) or GB18030 (which GBK and GB2312 files
are), separated by commas, tabs or semicolons."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from application.imports.files import FileRefused
from application.imports.workbook import Grid, Row

ENCODINGS = ("utf-8-sig", "gb18030")
DELIMITERS = ",\t;"


def decode(data: bytes) -> str:
    """The file's text; ``FileRefused`` when it is in neither encoding."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRefused(
        415,
        "import.encoding",
        "无法识别文件的编码：请将 CSV 保存为 UTF-8 或 GB18030（GBK）编码 (the CSV is neither UTF-8 nor GB18030)",
    )


def grid(data: bytes) -> Grid:
    """The file as one sheet."""
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    return Grid("CSV", _rows(text, delimiter))


def _rows(text: str, delimiter: str) -> Iterator[Row]:
    try:
        for values in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            yield list(values)
    except csv.Error as error:
        raise FileRefused(422, "import.unreadable", f"CSV 文件格式有误 (malformed CSV: {error})") from None
