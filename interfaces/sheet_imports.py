"""Spreadsheet imports as every adapter calls them (the API, the command line, the console): who imports, with the
Chinese words the console gives a refused command, on the application's import service."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from application.context import CommandContext
from application.imports.outcome import ImportResult
from application.imports.service import Progress, check_and_record, kind_named, new_result, read
from application.imports.sheet import Sheet
from application.register import Register
from application.scope import confined_to
from interfaces.api.auth import Principal, allowed
from interfaces.console.messages import explain

REASON = "表格导入：{}"


class NotAllowed(Exception):
    """The principal's role may not import this kind (registrars import all but reviews, which assessors import)."""

    def __init__(self, role: str, kind: str) -> None:
        super().__init__(f"{role} may not import {kind}")
        self.role = role
        self.kind = kind


def refusal(error: Exception, values: Mapping[str, Any]) -> tuple[str | None, str]:
    """The field a refused command concerns and its Chinese message, as the console shows it."""
    explained = explain(error, dict(values))
    return explained.field, explained.message


def role_for(kind: str) -> str:
    """The role that imports ``kind`` (admins import every kind)."""
    return kind_named(kind).role


def run_import(
    register: Register,
    data: bytes,
    filename: str,
    kind: str,
    *,
    dry_run: bool,
    principal: Principal,
    request_id: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import ``data`` (the bytes of ``filename``) as ``kind`` for ``principal``; ``result.as_document()`` is the
    answer's document. ``NotAllowed`` for a role that may not, ``UnknownKind`` and ``FileRefused`` from the service;
    nothing is recorded unless every row is accepted or unchanged and it is not a dry run."""
    check_role(principal, kind)
    sheet = read(data, filename, kind)
    with confined_to(principal.scope):
        return record_sheet(
            register,
            sheet,
            data,
            filename,
            kind,
            dry_run=dry_run,
            principal=principal,
            request_id=request_id,
            progress=progress,
        )


def check_role(principal: Principal, kind: str) -> None:
    """``NotAllowed`` unless ``principal`` may import ``kind``."""
    if principal.role not in allowed(role_for(kind)):
        raise NotAllowed(principal.role, kind)


def record_sheet(
    register: Register,
    sheet: Sheet,
    data: bytes,
    filename: str,
    kind: str,
    *,
    dry_run: bool,
    principal: Principal,
    request_id: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """The second half of ``run_import``, for an adapter that read the sheet first (to count its rows)."""
    result = new_result(data, filename, kind, dry_run)
    context = CommandContext(principal.name, principal.role, request_id, REASON.format(filename))
    return check_and_record(register, sheet, kind, result, context, refusal, progress)
