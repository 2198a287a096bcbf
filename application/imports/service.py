"""An import from start to end: read the file, check every row by the Register's own commands inside one batch, and
store that batch (one transaction) only when no row is refused and it is not a dry run.

``import_sheet`` is the one call an adapter needs (the API, the command line, the console); ``read`` and
``check_and_record`` are its two halves, for an adapter that shows progress over a number of rows it must know."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Mapping
from copy import copy
from dataclasses import replace
from typing import Any

from application.context import CommandContext
from application.errors import ConcurrentWrite, DomainError, InvalidValue, NotFound, VersionMismatch
from application.imports import cells
from application.imports.kinds.base import ImportKind
from application.imports.outcome import ImportResult, RowOutcome, RowProblem, RowRejected, RowStatus
from application.imports.registry import KINDS
from application.imports.sheet import Placed, Sheet, read_sheet
from application.imports.workbook import UNCOMPUTED
from application.register import Register
from domain.vocabulary import FIELDS

Explain = Callable[[Exception, Mapping[str, Any]], tuple[str | None, str]]
"""Turns a command's refusal into the field it concerns (or None) and a Chinese message."""
Progress = Callable[[int], None]
UNCOMPUTED_MESSAGE = "公式没有保存计算结果：请在 Excel 中打开、保存后再导入，或改填数值"


class UnknownKind(ValueError):
    """No import of that kind."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"没有“{kind}”这类导入；可选：{'、'.join(KINDS)} (no such kind of import)")
        self.kind = kind


class _Discarded(Exception):
    """Leaves the import's batch without storing it."""


def kind_named(kind: str) -> type[ImportKind]:
    try:
        return KINDS[kind]
    except KeyError:
        raise UnknownKind(kind) from None


def read(data: bytes, filename: str, kind: str) -> Sheet:
    """The file's rows under its header; ``FileRefused`` for a file that is not read."""
    chosen = kind_named(kind)
    return read_sheet(data, filename, chosen.columns, chosen.example())


def check_and_record(
    register: Register,
    sheet: Sheet,
    kind: str,
    result: ImportResult,
    context: CommandContext,
    explain: Explain,
    progress: Progress | None = None,
) -> ImportResult:
    """Check each row of ``sheet`` by the Register's commands in one batch, each command under ``context`` with the
    import's id and the file's sha256; store the batch unless a row is refused or ``result.dry_run``."""
    checker = kind_named(kind)(register)
    checker.prepare()
    context = replace(context, import_id=result.import_id, file_sha256=result.file_sha256)
    result.sheet = sheet.title
    first_of: dict[Any, int] = {}
    try:
        with register.batch() as batch:
            checker.batch = batch
            for number, values in sheet.rows:
                result.outcomes.append(_row(checker, sheet, number, values, context, explain, first_of))
                if progress is not None:
                    progress(1)
            if result.rejected or result.dry_run:
                raise _Discarded
        result.recorded = batch.stored > 0
        result.position = batch.position
    except _Discarded:
        pass
    return result


def import_sheet(
    register: Register,
    data: bytes,
    filename: str,
    kind: str,
    *,
    dry_run: bool,
    context: CommandContext,
    explain: Explain,
    progress: Progress | None = None,
) -> ImportResult:
    """Read, check and (unless ``dry_run`` or a row is refused) record ``data``; ``FileRefused`` for a bad file,
    ``UnknownKind`` for an unknown kind."""
    result = new_result(data, filename, kind, dry_run)
    return check_and_record(register, read(data, filename, kind), kind, result, context, explain, progress)


def new_result(data: bytes, filename: str, kind: str, dry_run: bool) -> ImportResult:
    """The result of a new import of ``data``, with a fresh id and the file's sha256, before any row is read."""
    return ImportResult(
        import_id=str(uuid.uuid4()),
        kind=kind_named(kind).name,
        file_sha256=hashlib.sha256(data).hexdigest(),
        filename=filename,
        dry_run=dry_run,
    )


def _row(
    checker: ImportKind,
    sheet: Sheet,
    number: int,
    raw: list[Any],
    context: CommandContext,
    explain: Explain,
    first_of: dict[Any, int],
) -> RowOutcome:
    letters = {p.column.field: p.letter for p in sheet.placed}

    def problem(field: str | None, message: str) -> RowProblem:
        return RowProblem(number, letters.get(field) if field else None, field, message)

    values, problems = _read_cells(sheet.placed, raw, checker, problem, explain)
    if problems:
        return RowOutcome(number, RowStatus.REJECTED, problems)
    key = checker.key(values)
    if key in first_of:
        same = "、".join(FIELDS[field] for field in checker.key_fields)
        message = f"与第 {first_of[key]} 行重复（{same}相同）"
        return RowOutcome(number, RowStatus.REJECTED, [problem(checker.key_field(), message)])
    first_of[key] = number
    try:
        changed = checker.record(context, values)
    except RowRejected as refused:
        return RowOutcome(number, RowStatus.REJECTED, [problem(refused.field, refused.message)])
    except (DomainError, NotFound, VersionMismatch, ConcurrentWrite) as error:
        field, message = explain(error, {k: _shown(v) for k, v in values.items() if v not in (None, "", [])})
        rule = getattr(error, "rule", None)
        if field not in letters:
            field = checker.rule_fields.get(rule or "", checker.key_field())
        return RowOutcome(number, RowStatus.REJECTED, [problem(field, message)])
    return RowOutcome(number, RowStatus.ACCEPTED if changed else RowStatus.UNCHANGED)


def _read_cells(
    placed: list[Placed],
    raw: list[Any],
    checker: ImportKind,
    problem: Callable[[str | None, str], RowProblem],
    explain: Explain,
) -> tuple[dict[str, Any], list[RowProblem]]:
    values: dict[str, Any] = {column.field: copy(column.blank) for column in checker.columns}
    problems: list[RowProblem] = []
    for place in placed:
        column = place.column
        cell = raw[place.index] if place.index < len(raw) else None
        if cell is UNCOMPUTED:
            problems.append(problem(column.field, UNCOMPUTED_MESSAGE))
        elif cells.is_blank(cell):
            if column.required:
                problems.append(problem(column.field, "必须填写"))
        else:
            try:
                values[column.field] = column.read(cell)
            except cells.CellProblem as error:
                problems.append(problem(column.field, error.message))
            except InvalidValue as error:
                problems.append(problem(column.field, explain(error, {})[1]))
    return values, problems


def _shown(value: Any) -> str:
    return "、".join(cells.text(v) for v in value) if isinstance(value, list) else cells.text(value)
