"""Reports (reader and up): JSON at ``/v1/reports/<name>``, CSV and XLSX downloads at ``<name>.csv`` and
``<name>.xlsx``, and ``?as_of`` for the report exactly as the register stood at a recorded time.

``?format=csv|xlsx`` on the JSON route still answers the download, for clients written before the download routes;
it is left out of the OpenAPI document so that a generated client reads JSON there.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from application.register import Register
from application.reports.service import ViewNotCurrent, build_report
from domain.checks import MAX_YEAR, MIN_YEAR
from interfaces.api.auth import ROLES, Principal, require
from interfaces.api.deps import AsOf, get_register
from interfaces.api.problems import REQUEST_ID_HEADER, Problem, problem_responses
from interfaces.api.report_models import (
    ChambersReport,
    ClassificationReport,
    CoverageReport,
    KeyFocusReport,
    OrganizationalLifeReport,
)
from interfaces.api.writes import FastJSONResponse
from interfaces.exports import to_csv, to_xlsx

router = APIRouter(prefix="/v1/reports", tags=["reports"])
Reader = Annotated[Principal, Depends(require(*ROLES))]
App = Annotated[Register, Depends(get_register)]
YearPath = Annotated[int, Path(ge=MIN_YEAR, le=MAX_YEAR)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OCTET_STREAM = "application/octet-stream"
CSV = "text/csv"


class Format(StrEnum):
    """How a report is answered on its JSON route, for clients written before the download routes."""

    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


LegacyFormat = Annotated[Format, Query(include_in_schema=False)]
PROBLEMS = problem_responses(400, 401, 403, 422, 503)
JSON_ANSWERS = {200: {"headers": dict(REQUEST_ID_HEADER)}, **PROBLEMS}
DOWNLOAD_HEADERS = {
    **REQUEST_ID_HEADER,
    "Content-Disposition": {
        "description": 'attachment; filename="<report>.<csv|xlsx>"',
        "schema": {"type": "string"},
    },
}
CSV_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The report as CSV (UTF-8 with a byte order mark), Chinese headers first",
        "content": {CSV: {"schema": {"type": "string"}}},
        "headers": DOWNLOAD_HEADERS,
    },
    **PROBLEMS,
}
XLSX_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The report as an XLSX workbook, a sheet per section; application/octet-stream when the "
        "request accepts only that",
        "content": {
            XLSX: {"schema": {"type": "string", "format": "binary"}},
            OCTET_STREAM: {"schema": {"type": "string", "format": "binary"}},
        },
        "headers": DOWNLOAD_HEADERS,
    },
    **PROBLEMS,
}


def _report(request: Request, app: Register, name: str, year: int | None, as_of: datetime | None) -> dict[str, Any]:
    principal: Principal = request.state.principal
    try:
        return build_report(app, request.app.state.views, name, year, as_of, scope=principal.scope)
    except ViewNotCurrent as error:
        raise Problem(503, str(error), slug="views-behind", headers={"Retry-After": "1"}) from None


def _stem(name: str, year: int | None) -> str:
    return f"{name}-{year}" if year is not None else name


def _csv(report: dict[str, Any], stem: str) -> Response:
    return Response(
        to_csv(report),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{stem}.csv"'},
    )


def _xlsx(request: Request, report: dict[str, Any], stem: str) -> Response:
    accepted = request.headers.get("accept", "")
    media = OCTET_STREAM if OCTET_STREAM in accepted and XLSX not in accepted else XLSX
    return Response(
        to_xlsx(report), media_type=media, headers={"Content-Disposition": f'attachment; filename="{stem}.xlsx"'}
    )


def _answer(
    request: Request, app: Register, name: str, year: int | None, as_of: datetime | None, fmt: Format
) -> Response:
    report = _report(request, app, name, year, as_of)
    if fmt == Format.CSV:
        return _csv(report, _stem(name, year))
    if fmt == Format.XLSX:
        return _xlsx(request, report, _stem(name, year))
    return FastJSONResponse(report)


@router.get(
    "/classification/{year}.csv",
    response_class=Response,
    responses=CSV_ANSWERS,
    summary="Annual classification report as CSV",
)
def download_classification_report_csv(
    year: YearPath, request: Request, _: Reader, app: App, as_of: AsOf = None
) -> Response:
    return _answer(request, app, "classification", year, as_of, Format.CSV)


@router.get(
    "/classification/{year}.xlsx",
    response_class=Response,
    responses=XLSX_ANSWERS,
    summary="Annual classification report as XLSX",
)
def download_classification_report_xlsx(
    year: YearPath, request: Request, _: Reader, app: App, as_of: AsOf = None
) -> Response:
    return _answer(request, app, "classification", year, as_of, Format.XLSX)


@router.get(
    "/classification/{year}",
    response_model=ClassificationReport,
    responses=JSON_ANSWERS,
    summary="Annual classification report (年度分类定级报告)",
)
def get_classification_report(
    year: YearPath, request: Request, _: Reader, app: App, as_of: AsOf = None, format: LegacyFormat = Format.JSON
) -> Response:
    return _answer(request, app, "classification", year, as_of, format)


@router.get("/coverage.csv", response_class=Response, responses=CSV_ANSWERS, summary="Coverage report as CSV")
def download_coverage_report_csv(request: Request, _: Reader, app: App, as_of: AsOf = None) -> Response:
    return _answer(request, app, "coverage", None, as_of, Format.CSV)


@router.get("/coverage.xlsx", response_class=Response, responses=XLSX_ANSWERS, summary="Coverage report as XLSX")
def download_coverage_report_xlsx(request: Request, _: Reader, app: App, as_of: AsOf = None) -> Response:
    return _answer(request, app, "coverage", None, as_of, Format.XLSX)


@router.get("/coverage", response_model=CoverageReport, responses=JSON_ANSWERS, summary="Coverage report (两个覆盖)")
def get_coverage_report(
    request: Request, _: Reader, app: App, as_of: AsOf = None, format: LegacyFormat = Format.JSON
) -> Response:
    return _answer(request, app, "coverage", None, as_of, format)


@router.get("/chambers.csv", response_class=Response, responses=CSV_ANSWERS, summary="Chamber report as CSV")
def download_chambers_report_csv(request: Request, _: Reader, app: App, as_of: AsOf = None) -> Response:
    return _answer(request, app, "chambers", None, as_of, Format.CSV)


@router.get("/chambers.xlsx", response_class=Response, responses=XLSX_ANSWERS, summary="Chamber report as XLSX")
def download_chambers_report_xlsx(request: Request, _: Reader, app: App, as_of: AsOf = None) -> Response:
    return _answer(request, app, "chambers", None, as_of, Format.XLSX)


@router.get("/chambers", response_model=ChambersReport, responses=JSON_ANSWERS, summary="Chamber report")
def get_chambers_report(
    request: Request, _: Reader, app: App, as_of: AsOf = None, format: LegacyFormat = Format.JSON
) -> Response:
    return _answer(request, app, "chambers", None, as_of, format)


@router.get(
    "/organizational-life/{year}.csv",
    response_class=Response,
    responses=CSV_ANSWERS,
    summary="Organizational-life compliance as CSV",
)
def download_organizational_life_report_csv(
    year: YearPath, request: Request, _: Reader, app: App, as_of: AsOf = None
) -> Response:
    return _answer(request, app, "organizational-life", year, as_of, Format.CSV)


@router.get(
    "/organizational-life/{year}.xlsx",
    response_class=Response,
    responses=XLSX_ANSWERS,
    summary="Organizational-life compliance as XLSX",
)
def download_organizational_life_report_xlsx(
    year: YearPath, request: Request, _: Reader, app: App, as_of: AsOf = None
) -> Response:
    return _answer(request, app, "organizational-life", year, as_of, Format.XLSX)


@router.get(
    "/organizational-life/{year}",
    response_model=OrganizationalLifeReport,
    responses=JSON_ANSWERS,
    summary="Organizational-life compliance (三会一课)",
)
def get_organizational_life_report(
    year: YearPath, request: Request, _: Reader, app: App, as_of: AsOf = None, format: LegacyFormat = Format.JSON
) -> Response:
    return _answer(request, app, "organizational-life", year, as_of, format)


@router.get("/key-focus.csv", response_class=Response, responses=CSV_ANSWERS, summary="Key-focus list as CSV")
def download_key_focus_report_csv(request: Request, _: Reader, app: App, as_of: AsOf = None) -> Response:
    return _answer(request, app, "key-focus", None, as_of, Format.CSV)


@router.get("/key-focus.xlsx", response_class=Response, responses=XLSX_ANSWERS, summary="Key-focus list as XLSX")
def download_key_focus_report_xlsx(request: Request, _: Reader, app: App, as_of: AsOf = None) -> Response:
    return _answer(request, app, "key-focus", None, as_of, Format.XLSX)


@router.get(
    "/key-focus", response_model=KeyFocusReport, responses=JSON_ANSWERS, summary="Key-focus list (重点关注对象)"
)
def get_key_focus_report(
    request: Request, _: Reader, app: App, as_of: AsOf = None, format: LegacyFormat = Format.JSON
) -> Response:
    return _answer(request, app, "key-focus", None, as_of, format)
