"""Reports (reader and up): JSON by default, ``?format=csv`` or ``?format=xlsx`` for a download, ``?as_of`` for the
report exactly as the register stood at a recorded time."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from application.register import Register
from application.reports.service import ViewNotCurrent, build_report
from interfaces.api import schemas
from interfaces.api.auth import ROLES, Principal, require
from interfaces.api.commands import FastJSONResponse
from interfaces.api.deps import AsOf, aware, get_register
from interfaces.api.problems import Problem
from interfaces.exports import to_csv, to_xlsx

router = APIRouter(prefix="/v1/reports", tags=["reports"], responses=schemas.PROBLEMS)
Reader = Annotated[Principal, Depends(require(*ROLES))]
App = Annotated[Register, Depends(get_register)]
Format = Annotated[Literal["json", "csv", "xlsx"], Query(description="json (default), csv or xlsx")]
YearPath = Annotated[int, Path(ge=1949, le=2200)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOWNLOADS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The report: JSON, or a CSV / XLSX download with ?format=",
        "content": {
            "application/json": {"schema": {"type": "object"}},
            "text/csv": {"schema": {"type": "string"}},
            XLSX: {"schema": {"type": "string", "format": "binary"}},
        },
    },
    503: {"description": "The views are behind the log", "content": {"application/problem+json": {}}},
}


def _answer(request: Request, app: Register, name: str, year: int | None, fmt: str, as_of: datetime | None) -> Any:
    try:
        report = build_report(app, request.app.state.views, name, year, aware(as_of))
    except ViewNotCurrent as error:
        raise Problem(503, str(error), slug="views-behind", headers={"Retry-After": "1"}) from None
    if fmt == "json":
        return FastJSONResponse(report)
    stem = f"{name}-{year}" if year is not None else name
    if fmt == "csv":
        return Response(
            to_csv(report),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{stem}.csv"'},
        )
    return Response(
        to_xlsx(report), media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{stem}.xlsx"'}
    )


@router.get("/classification/{year}", responses=DOWNLOADS, summary="Annual classification report (年度分类定级报告)")
def classification(
    year: YearPath, request: Request, _: Reader, app: App, format: Format = "json", as_of: AsOf = None
) -> Any:
    return _answer(request, app, "classification", year, format, as_of)


@router.get("/coverage", responses=DOWNLOADS, summary="Coverage report (两个覆盖)")
def coverage(request: Request, _: Reader, app: App, format: Format = "json", as_of: AsOf = None) -> Any:
    return _answer(request, app, "coverage", None, format, as_of)


@router.get("/chambers", responses=DOWNLOADS, summary="Chamber report")
def chambers(request: Request, _: Reader, app: App, format: Format = "json", as_of: AsOf = None) -> Any:
    return _answer(request, app, "chambers", None, format, as_of)


@router.get("/organizational-life/{year}", responses=DOWNLOADS, summary="Organizational-life compliance (三会一课)")
def organizational_life(
    year: YearPath, request: Request, _: Reader, app: App, format: Format = "json", as_of: AsOf = None
) -> Any:
    return _answer(request, app, "organizational-life", year, format, as_of)


@router.get("/key-focus", responses=DOWNLOADS, summary="Key-focus list (重点关注对象)")
def key_focus(request: Request, _: Reader, app: App, format: Format = "json", as_of: AsOf = None) -> Any:
    return _answer(request, app, "key-focus", None, format, as_of)
