"""An import's outcome as a workbook a clerk reads beside the file: a summary, then each row's number, its outcome
and each of its problems with the column and field it concerns."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from application.imports.outcome import ImportResult, RowStatus
from domain.vocabulary import FIELDS

TITLE = "导入结果"
ROW_HEADERS = ("行号", "结果", "列", "字段", "问题")


def summary(result: ImportResult) -> list[tuple[str, object]]:
    """The import's facts, each with its Chinese name."""
    return [
        ("导入编号", result.import_id),
        ("文件", result.filename),
        ("文件 SHA-256", result.file_sha256),
        ("导入类型", result.kind),
        ("工作表", result.sheet),
        ("试导入（不登记）", "是" if result.dry_run else "否"),
        ("已登记", "是" if result.recorded else "否"),
        ("行数", len(result.outcomes)),
        ("接受", result.count(RowStatus.ACCEPTED)),
        ("未变化", result.count(RowStatus.UNCHANGED)),
        ("拒绝", result.rejected),
    ]


def result_workbook(result: ImportResult) -> bytes:
    """The outcome of ``result`` as an ``.xlsx`` workbook."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(TITLE)
    bold = Font(bold=True)
    for name, value in summary(result):
        label = WriteOnlyCell(sheet, value=name)
        label.font = bold
        sheet.append([label, value])
    sheet.append([])
    headers = []
    for name in ROW_HEADERS:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        headers.append(cell)
    sheet.append(headers)
    for outcome in result.outcomes:
        status = outcome.status.label
        if not outcome.problems:
            sheet.append([outcome.row, status])
        for problem in outcome.problems:
            field = FIELDS.get(problem.field or "", problem.field)
            sheet.append([outcome.row, status, problem.column, field, problem.message])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
