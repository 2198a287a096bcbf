"""Reports as spreadsheets: XLSX (a sheet per section, header row frozen) and CSV (UTF-8 with BOM).

Every field name and every code is shown Chinese first with the code beside it (``先进 (advanced)``): field names
from ``domain.vocabulary``, codes from the labels their enumerations carry. A code is read in the context of the
field that holds it: ``street`` is 街道 as a field but 街道商会 as a chamber's kind, and ``closed`` is 已结束 for a
round but 已完成 for a rectification. Nested records (a chamber street's counts by kind, a branch's meetings by
activity) are spread over columns of their own.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from application.reports.common import ReportName
from domain import vocabulary
from domain.coverage import Coverage
from domain.values import (
    Activity,
    BranchKind,
    ChamberKind,
    Compliance,
    FourGoodLevel,
    Grade,
    GradeStanding,
    KeyFocusCriterion,
    Movement,
    RectificationStatus,
    RoundStatus,
)

CODES: dict[str, dict[str, str]] = {
    "grade": Grade.labels(),
    "mapped_grade": Grade.labels(),
    "from_grade": Grade.labels(),
    "to_grade": Grade.labels(),
    "rectification": RectificationStatus.labels(),
    "round": RoundStatus.labels(),
    "status": GradeStanding.labels(),
    "report": ReportName.labels(),
    "kind": {**BranchKind.labels(), **ChamberKind.labels()},
    "criteria": KeyFocusCriterion.labels(),
    "level": FourGoodLevel.labels(),
    "compliance": Compliance.labels(),
}
"""The codes a report's field holds, by field: a report's ``status`` is whether its grades stand."""
KEYS_OF: dict[str, dict[str, str]] = {
    "by_kind": CODES["kind"],
    "by_criterion": CODES["criteria"],
    "by_activity": Activity.labels(),
    "minimums": Activity.labels(),
    "activities": Activity.labels(),
}
"""The codes a report's mapping is keyed by, by the mapping's field."""
FIELDS = {**vocabulary.FIELDS, **Grade.labels(), **Coverage.labels(), **Movement.labels()}
"""Column and row names: every field, and the codes that stand as a report's fields (grades, coverages)."""
SECTIONS = {**FIELDS, "weak": "软弱涣散名单"}

Table = tuple[str, list[str], list[list[Any]]]


def bilingual(code: str, names: dict[str, str] = FIELDS) -> str:
    """``先进 (advanced)``: the Chinese name first, the code beside it; an unknown code as it is."""
    chinese = names.get(code)
    return f"{chinese} ({code})" if chinese else code


def _cell(value: Any, field: str = "") -> Any:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        return bilingual(value, CODES[field]) if field in CODES else value
    if isinstance(value, list):
        return "、".join(str(_cell(v, field)) for v in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{bilingual(str(k), KEYS_OF.get(field, FIELDS))}: {_cell(v, str(k))}" for k, v in value.items()
        )
    return value


def _flatten(row: dict[str, Any], path: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    """A record with its nested mappings spread out: ``{("activities", "lecture", "held"): 4, ...}``."""
    flat: dict[tuple[str, ...], Any] = {}
    for key, value in row.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, (*path, key)))
        else:
            flat[(*path, key)] = value
    return flat


def _header(path: tuple[str, ...]) -> str:
    if len(path) == 1:
        return bilingual(path[0])
    parent, rest = path[0], path[1:]
    return " ".join([bilingual(rest[0], KEYS_OF.get(parent, FIELDS)), *(bilingual(part) for part in rest[1:])])


def _records(title: str, records: list[dict[str, Any]]) -> Table:
    flat = [_flatten(record) for record in records]
    columns = list(dict.fromkeys(path for record in flat for path in record))
    rows = [[_cell(record.get(path), path[-1]) for path in columns] for record in flat]
    return title, [_header(path) for path in columns], rows


def sections(report: dict[str, Any]) -> list[Table]:
    """The report as titled tables: a summary of its single values, then one table per list or mapping."""
    summary = [[bilingual(k), _cell(v, k)] for k, v in report.items() if not isinstance(v, list | dict)]
    tables: list[Table] = [(bilingual("summary"), ["项目 (field)", "值 (value)"], summary)]
    for key, value in report.items():
        if key == "labels":
            continue
        name = bilingual(key, SECTIONS)
        if isinstance(value, list) and value and isinstance(value[0], dict):
            tables.append(_records(name, value))
        elif isinstance(value, list):
            tables.append((name, [bilingual(key)], [[_cell(v, key)] for v in value]))
        elif isinstance(value, dict):
            names = KEYS_OF.get(key, FIELDS)
            if value and all(isinstance(v, list) for v in value.values()):
                rows = [[bilingual(k, names), len(v), _cell(v)] for k, v in value.items()]
                tables.append((name, ["项目 (field)", "数量 (count)", "明细 (ids)"], rows))
            else:
                rows = [[bilingual(k, names), _cell(v)] for k, v in value.items()]
                tables.append((name, ["项目 (field)", "值 (value)"], rows))
    return tables


def to_xlsx(report: dict[str, Any]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sections(report):
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        sheet.freeze_panes = "A2"
        for column, title in zip(sheet.columns, header, strict=False):
            width = max(len(str(title)), *(len(str(c.value or "")) for c in column[:200]))
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width * 1.6))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_csv(report: dict[str, Any]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for n, (title, header, rows) in enumerate(sections(report)):
        if n:
            writer.writerow([])
        writer.writerow([f"# {title}"])
        writer.writerow(header)
        writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
