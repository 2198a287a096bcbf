"""The template of a kind of import: a sheet with the columns' Chinese headers (the vocabulary's names, required
ones marked by colour) and one example row, and a sheet explaining each column and how the file is read."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from application.imports import cells
from application.imports.columns import Column
from application.imports.files import MAX_BYTES, MAX_ROWS
from application.imports.kinds.base import ImportKind
from application.imports.service import kind_named

EXPLANATION = "填写说明"
EXPLANATION_HEADERS = ("列名", "是否必填", "填写要求", "示例")
REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")
EXAMPLE_FONT = Font(italic=True, color="808080")
HEADER_FONT = Font(bold=True)
DAY_FORMAT = "yyyy-mm-dd"


def notes() -> list[str]:
    """How every file is read, whatever its kind."""
    return [
        "第 2 行是示例，可直接覆盖；如原样保留，导入时会被略过。",
        "表头须在前 20 行之内，列的顺序不限，多余的列不读；合并的单元格按其中的值读。",
        f"日期可写作 2020-01-05、2020/1/5、2020.1.5、2020年1月5日，或 Excel 的日期单元格；{cells.DATE_HINT}。",
        "全角数字和字母、前后多余的空格都按本意读取；公式读取 Excel 保存的计算结果。",
        f"支持 .xlsx 工作簿，以及 UTF-8 或 GB18030（GBK）编码的 .csv 文件；最多 {MAX_ROWS:,} 行、"
        f"{MAX_BYTES // 1024 // 1024} MiB；工作簿不能设打开密码。",
        "每一行都按登记规则检查；只要有一行有问题，整个文件都不登记，请按行号改正后重新导入。",
        "已在登记册中且内容相同的行记为“未变化”，同一文件重复导入不会重复登记。",
    ]


def template(kind: str) -> bytes:
    """The template of ``kind`` as an ``.xlsx`` workbook."""
    chosen = kind_named(kind)
    book = Workbook()
    _data_sheet(book, chosen)
    _explanation_sheet(book, chosen)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _data_sheet(book: Workbook, kind: type[ImportKind]) -> None:
    sheet = book.active
    sheet.title = kind.title
    for index, column in enumerate(kind.columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index, value=column.header)
        header.font = HEADER_FONT
        if column.required:
            header.fill = REQUIRED_FILL
        header.comment = Comment(_requirement(column), "ficledger")
        example = sheet.cell(row=2, column=index, value=column.example if column.example != "" else None)
        example.font = EXAMPLE_FONT
        if isinstance(column.example, date):
            example.number_format = DAY_FORMAT
        choices = _choices(column)
        if choices:
            validation = DataValidation(type="list", formula1=f'"{",".join(choices)}"', allow_blank=True)
            validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
            sheet.add_data_validation(validation)
        width = max(len(column.header), len(cells.text(column.example))) * 2 + 4
        sheet.column_dimensions[letter].width = min(width, 48)
    sheet.freeze_panes = "A2"


def _explanation_sheet(book: Workbook, kind: type[ImportKind]) -> None:
    sheet = book.create_sheet(EXPLANATION)
    sheet.append(EXPLANATION_HEADERS)
    for cell in sheet[1]:
        cell.font = HEADER_FONT
    for column in kind.columns:
        example = cells.text(column.example) if column.example != "" else ""
        sheet.append([column.header, "必填" if column.required else "可不填", _requirement(column), example])
    sheet.append([])
    for note in notes():
        sheet.append([note])
    for letter, width in zip("ABCD", (20, 10, 70, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"


def _requirement(column: Column) -> str:
    return column.explanation or "文字"


def _choices(column: Column) -> list[str]:
    """The labels a column of one code takes, for a drop-down list in the template."""
    return list(column.read.labels) if isinstance(column.read, cells.Choice | cells.YesNo) else []
