"""What the import routes answer, as typed models for the OpenAPI document: the result of an import, the problem of
a file whose rows were refused, and the answers each route declares."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field

from interfaces.api.problems import PROBLEM_JSON, REQUEST_ID_HEADER, TITLES, ProblemDetails, problem_responses

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OCTET_STREAM = "application/octet-stream"


class RowError(BaseModel):
    """One problem of a row: the row's number in the sheet, the column's letter, the field and a Chinese message."""

    row: int | None = Field(default=None, examples=[3])
    column: str | None = Field(default=None, examples=["A"])
    field: str | None = Field(default=None, examples=["credit_code"])
    message: str = Field(examples=["校验码为X，应为3，请核对"])


class ImportAnswer(BaseModel):
    """An import's result: every row accepted or unchanged (and recorded unless it was a dry run)."""

    import_id: UUID
    kind: str = Field(examples=["members"])
    file_sha256: str = Field(examples=["9f2c..."])
    dry_run: bool
    recorded: bool = Field(description="Whether any event was recorded (false for a dry run, or all unchanged)")
    rows: int
    accepted: int
    unchanged: int = Field(description="Rows already in the register as given: nothing recorded for them")
    rejected: int
    errors: list[RowError]


class ImportProblem(ProblemDetails):
    """A 422: the rows refused (the import's result with each problem by row and column; nothing recorded), a file
    with no header naming the columns, or fields of the request that are not valid."""

    errors: list[RowError] = Field(description="Each problem, by row and column for a refused row")
    import_id: UUID | None = None
    kind: str | None = None
    file_sha256: str | None = None
    dry_run: bool | None = None
    recorded: bool | None = None
    rows: int | None = None
    accepted: int | None = None
    unchanged: int | None = None
    rejected: int | None = None


IMPORT_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {
        "model": ImportAnswer,
        "description": "A dry run: every row would be recorded; nothing was",
        "headers": dict(REQUEST_ID_HEADER),
    },
    201: {
        "description": "Every row accepted or unchanged; the accepted ones recorded in one transaction",
        "headers": dict(REQUEST_ID_HEADER),
    },
    **problem_responses(400, 401, 403, 409, 413, 415),
    422: {
        "model": ImportProblem,
        "description": TITLES[422],
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/ImportProblem"}}},
        "headers": dict(REQUEST_ID_HEADER),
    },
}
TEMPLATE_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The template as an XLSX workbook; application/octet-stream when the request accepts only that",
        "content": {
            XLSX: {"schema": {"type": "string", "format": "binary"}},
            OCTET_STREAM: {"schema": {"type": "string", "format": "binary"}},
        },
        "headers": {
            **REQUEST_ID_HEADER,
            "Content-Disposition": {"description": "attachment; the file's name", "schema": {"type": "string"}},
        },
    },
    **problem_responses(400, 401, 403, 422),
}
