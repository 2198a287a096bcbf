"""Reports (reader and up): JSON at ``/v1/reports/<name>``, CSV and XLSX downloads at ``<name>.csv`` and
``<name>.xlsx``, and ``?as_of`` for the report exactly as the register stood at a recorded time.

Each route takes its report from one dependency that checks the key, reads ``as_of`` and builds the report; the
downloads lay it out for filing (``interfaces.exports``) under the district's name (``FICLEDGER_DISTRICT``).
Reports are kept by log position (``ReportCache``): asked again before the log moves, a report is answered as
built (its JSON as encoded the first time, ``interfaces.api.kept_reads``), with its fingerprint as the ``ETag`` and
304 to ``If-None-Match``.

``?format=csv|xlsx`` on the JSON route still answers the download, for clients written before the download routes;
it is left out of the OpenAPI document so that a generated client reads JSON there.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from application.register import Register
from application.reports.service import build_report
from domain.checks import MAX_YEAR, MIN_YEAR
from interfaces.api.auth import ROLES, Principal, require
from interfaces.api.deps import AsOf, get_register
from interfaces.api.etags import not_modified
from interfaces.api.kept_reads import report_answer
from interfaces.api.problems import REQUEST_ID_HEADER, problem_responses
from interfaces.api.report_models import (
    ChambersReport,
    ClassificationReport,
    CoverageReport,
    KeyFocusReport,
    OrganizationalLifeReport,
)
from interfaces.exports import Filing, filing, to_csv, to_xlsx

router = APIRouter(prefix="/v1/reports", tags=["reports"])
READER = require(*ROLES)
Reader = Annotated[Principal, Depends(READER)]
App = Annotated[Register, Depends(get_register)]
YearPath = Annotated[int, Path(ge=MIN_YEAR, le=MAX_YEAR)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OCTET_STREAM = "application/octet-stream"
CSV = "text/csv"
Report = dict[str, Any]


class Format(StrEnum):
    """How a report is answered on its JSON route, for clients written before the download routes."""

    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


LegacyFormat = Annotated[Format, Query(include_in_schema=False)]
PROBLEMS = problem_responses(400, 401, 403, 422, 503)
ETAG = {
    "ETag": {
        "description": "The report's fingerprint (with the format, for a download); If-None-Match naming it is "
        "answered 304 Not Modified",
        "schema": {"type": "string"},
    }
}
NOT_MODIFIED = {
    304: {
        "description": "Not modified: the report is still the one If-None-Match names",
        "headers": {**ETAG, **REQUEST_ID_HEADER},
    }
}
JSON_ANSWERS = {200: {"headers": {**ETAG, **REQUEST_ID_HEADER}}, **NOT_MODIFIED, **PROBLEMS}
DOWNLOAD_HEADERS = {
    **ETAG,
    **REQUEST_ID_HEADER,
    "Content-Disposition": {
        "description": "attachment; filename=\"<report>.<csv|xlsx>\"; filename*=UTF-8''<the report's Chinese title>",
        "schema": {"type": "string"},
    },
}
CSV_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The report as a clerk files it, in CSV (UTF-8 with a byte order mark): the title rows, each "
        "table with numbered rows, percentages beside counts and its total last, the stamp at the end",
        "content": {CSV: {"schema": {"type": "string"}}},
        "headers": DOWNLOAD_HEADERS,
    },
    **NOT_MODIFIED,
    **PROBLEMS,
}
XLSX_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The report as an XLSX workbook a clerk files: a sheet per table with the title rows, "
        "numbered rows, percentages, the stamp in the last rows and the printed footer, A4 print setup; "
        "application/octet-stream when the request accepts only that",
        "content": {
            XLSX: {"schema": {"type": "string", "format": "binary"}},
            OCTET_STREAM: {"schema": {"type": "string", "format": "binary"}},
        },
        "headers": DOWNLOAD_HEADERS,
    },
    **NOT_MODIFIED,
    **PROBLEMS,
}


def built_report(request: Request, app: Register, name: str, year: int | None, as_of: datetime | None) -> Report:
    """The named report from this app's views (as of ``as_of`` when given), cut to the caller's scope; 503 while
    the views are behind the log or ahead of it."""
    principal: Principal = request.state.principal
    return build_report(
        app, request.app.state.views, name, year, as_of, scope=principal.scope, cache=request.app.state.reports
    )


class Asked:
    """The dependency of a report's routes: it admits a reader (401, 403), reads ``as_of`` and builds the report,
    so the JSON route and the downloads answer the same report."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.allowed_roles = READER.allowed_roles

    def __call__(self, request: Request, _: Reader, app: App, as_of: AsOf = None) -> Report:
        return built_report(request, app, self.name, None, as_of)


class AskedForAYear(Asked):
    """The same for a yearly report, for the ``{year}`` of the path."""

    def __call__(  # type: ignore[override]
        self, request: Request, _: Reader, app: App, year: YearPath, as_of: AsOf = None
    ) -> Report:
        return built_report(request, app, self.name, year, as_of)


Classification = Annotated[Report, Depends(AskedForAYear("classification"))]
Coverage = Annotated[Report, Depends(Asked("coverage"))]
Chambers = Annotated[Report, Depends(Asked("chambers"))]
OrganizationalLife = Annotated[Report, Depends(AskedForAYear("organizational-life"))]
KeyFocus = Annotated[Report, Depends(Asked("key-focus"))]


def attachment(stem: str, title: str, suffix: str) -> dict[str, str]:
    """``Content-Disposition`` naming the file in ASCII, and by its Chinese title for clients that read that."""
    return {
        "Content-Disposition": f"attachment; filename=\"{stem}.{suffix}\"; filename*=UTF-8''{quote(title)}.{suffix}"
    }


def xlsx_response(request: Request, laid_out: Filing, stem: str) -> Response:
    """The workbook, as ``application/octet-stream`` to a request that accepts only that."""
    accepted = request.headers.get("accept", "")
    media = OCTET_STREAM if OCTET_STREAM in accepted and XLSX not in accepted else XLSX
    return Response(to_xlsx(laid_out), media_type=media, headers=attachment(stem, laid_out.title, "xlsx"))


def answer(request: Request, report: Report, fmt: Format) -> Response:
    """The report as JSON (encoded once, kept by its fingerprint), or laid out for filing (titled with the
    district's name) as CSV or XLSX; its fingerprint as the ``ETag``, and 304 to a request whose ``If-None-Match``
    names it."""
    if fmt == Format.JSON:
        return report_answer(request.app.state.bodies, report, request.headers.get("if-none-match"))
    tag = f'"{report["fingerprint"]}.{fmt.value}"'
    if not_modified(request, tag):
        return Response(status_code=304, headers={"ETag": tag})
    response = rendered(request, report, fmt)
    response.headers["ETag"] = tag
    return response


def rendered(request: Request, report: Report, fmt: Format) -> Response:
    laid_out = filing(report, request.app.state.district)
    stem = "-".join([report["report"].replace("_", "-"), *([str(report["year"])] if "year" in report else [])])
    if fmt == Format.CSV:
        headers = attachment(stem, laid_out.title, "csv")
        return Response(to_csv(laid_out), media_type="text/csv; charset=utf-8", headers=headers)
    return xlsx_response(request, laid_out, stem)


@router.get(
    "/classification/{year}.csv",
    response_class=Response,
    responses=CSV_ANSWERS,
    summary="Annual classification report as CSV",
)
def download_classification_report_csv(request: Request, report: Classification) -> Response:
    return answer(request, report, Format.CSV)


@router.get(
    "/classification/{year}.xlsx",
    response_class=Response,
    responses=XLSX_ANSWERS,
    summary="Annual classification report as XLSX",
)
def download_classification_report_xlsx(request: Request, report: Classification) -> Response:
    return answer(request, report, Format.XLSX)


@router.get(
    "/classification/{year}",
    response_model=ClassificationReport,
    responses=JSON_ANSWERS,
    summary="Annual classification report (年度分类定级报告)",
)
def get_classification_report(request: Request, report: Classification, format: LegacyFormat = Format.JSON) -> Response:
    return answer(request, report, format)


@router.get("/coverage.csv", response_class=Response, responses=CSV_ANSWERS, summary="Coverage report as CSV")
def download_coverage_report_csv(request: Request, report: Coverage) -> Response:
    return answer(request, report, Format.CSV)


@router.get("/coverage.xlsx", response_class=Response, responses=XLSX_ANSWERS, summary="Coverage report as XLSX")
def download_coverage_report_xlsx(request: Request, report: Coverage) -> Response:
    return answer(request, report, Format.XLSX)


@router.get("/coverage", response_model=CoverageReport, responses=JSON_ANSWERS, summary="Coverage report (两个覆盖)")
def get_coverage_report(request: Request, report: Coverage, format: LegacyFormat = Format.JSON) -> Response:
    return answer(request, report, format)


@router.get("/chambers.csv", response_class=Response, responses=CSV_ANSWERS, summary="Chamber report as CSV")
def download_chambers_report_csv(request: Request, report: Chambers) -> Response:
    return answer(request, report, Format.CSV)


@router.get("/chambers.xlsx", response_class=Response, responses=XLSX_ANSWERS, summary="Chamber report as XLSX")
def download_chambers_report_xlsx(request: Request, report: Chambers) -> Response:
    return answer(request, report, Format.XLSX)


@router.get("/chambers", response_model=ChambersReport, responses=JSON_ANSWERS, summary="Chamber report")
def get_chambers_report(request: Request, report: Chambers, format: LegacyFormat = Format.JSON) -> Response:
    return answer(request, report, format)


@router.get(
    "/organizational-life/{year}.csv",
    response_class=Response,
    responses=CSV_ANSWERS,
    summary="Organizational-life compliance as CSV",
)
def download_organizational_life_report_csv(request: Request, report: OrganizationalLife) -> Response:
    return answer(request, report, Format.CSV)


@router.get(
    "/organizational-life/{year}.xlsx",
    response_class=Response,
    responses=XLSX_ANSWERS,
    summary="Organizational-life compliance as XLSX",
)
def download_organizational_life_report_xlsx(request: Request, report: OrganizationalLife) -> Response:
    return answer(request, report, Format.XLSX)


@router.get(
    "/organizational-life/{year}",
    response_model=OrganizationalLifeReport,
    responses=JSON_ANSWERS,
    summary="Organizational-life compliance (三会一课)",
)
def get_organizational_life_report(
    request: Request, report: OrganizationalLife, format: LegacyFormat = Format.JSON
) -> Response:
    return answer(request, report, format)


@router.get("/key-focus.csv", response_class=Response, responses=CSV_ANSWERS, summary="Key-focus list as CSV")
def download_key_focus_report_csv(request: Request, report: KeyFocus) -> Response:
    return answer(request, report, Format.CSV)


@router.get("/key-focus.xlsx", response_class=Response, responses=XLSX_ANSWERS, summary="Key-focus list as XLSX")
def download_key_focus_report_xlsx(request: Request, report: KeyFocus) -> Response:
    return answer(request, report, Format.XLSX)


@router.get(
    "/key-focus", response_model=KeyFocusReport, responses=JSON_ANSWERS, summary="Key-focus list (重点关注对象)"
)
def get_key_focus_report(request: Request, report: KeyFocus, format: LegacyFormat = Format.JSON) -> Response:
    return answer(request, report, format)
