"""The reports: an index, each report by year and as of a day (with its chart, tables, stamp and print layout), and
its download laid out for filing. The page and the download take the report from the application, once per log
position, as the API builds it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from application.errors import NotFound, RuleViolation
from application.moments import UnsettledMoment, settled
from application.projections.changes import unchanged
from application.projections.runner import ViewAhead, ViewNotCurrent
from application.reports.service import build_report, report_topics
from domain.checks import MAX_YEAR, MIN_YEAR
from interfaces.api.routers.reports import XLSX, attachment
from interfaces.console.cache import PositionCache
from interfaces.console.dates import day, end_of_day, parse_day, today
from interfaces.console.pages.common import allow, console, documents, register_of, render, scope_of, secure, signed_in
from interfaces.console.views.documents import ViewsBehind
from interfaces.console.views.records import PageProblem
from interfaces.console.views.reports import SPECS, ReportPage, ReportSpec, report_page
from interfaces.exports import filing, to_xlsx
from interfaces.exports.stamp import stamp_lines

router = APIRouter()


def cache_of(request: Request) -> PositionCache:
    return request.app.state.console_pages  # type: ignore[no-any-return]


def _spec(name: str) -> ReportSpec:
    spec = SPECS.get(name)
    if spec is None:
        raise PageProblem(404, "没有这张报表")
    return spec


def _years(request: Request) -> list[int]:
    """The years of the grading rounds, newest first: the years a yearly report is asked for."""
    return sorted({int(r["year"]) for r in documents(request).all("round")}, reverse=True)


def _year(request: Request, spec: ReportSpec, years: list[int]) -> int | None:
    if not spec.yearly:
        return None
    text = request.query_params.get("year", "").strip()
    if not text:
        return years[0] if years else today().year
    if not text.isdigit() or not MIN_YEAR <= int(text) <= MAX_YEAR:
        raise PageProblem(422, f"年度应为{MIN_YEAR}至{MAX_YEAR}之间的年份")
    return int(text)


def _as_of(request: Request) -> datetime | None:
    """The end of the chosen day in Beijing time: the register as recorded by then."""
    text = request.query_params.get("day", "").strip()
    if not text:
        return None
    try:
        chosen = parse_day(text)
    except ValueError:
        raise PageProblem(422, "日期应写作 2020-01-05") from None
    if not MIN_YEAR <= chosen.year <= MAX_YEAR:
        raise PageProblem(422, "日期超出范围")
    try:
        return settled(end_of_day(chosen))
    except UnsettledMoment:
        raise PageProblem(422, "请选择今天以前的日期；查看当前情况请不填日期") from None


def _page(request: Request, spec: ReportSpec, year: int | None, as_of: datetime | None) -> ReportPage:
    """The report's page, built once per report, scope, day and log position (once for good as of a day); dated
    as the API dates it, so that both give one fingerprint at one position. After writes that record none of the
    events the report reads, the page built before is shown with the report stamped at the new position."""
    register, runner, scope = register_of(request), request.app.state.views, scope_of(request)
    district: str = request.app.state.district
    every_row = request.query_params.get("rows") == "all"
    on = None if as_of is not None else date.today()
    cache = cache_of(request)

    def built() -> dict[str, Any]:
        try:
            live = documents(request).view if as_of is None else None
            return build_report(
                register, runner, spec.name, year, as_of, on, scope, cache=request.app.state.reports, live=live
            )
        except NotFound:
            raise PageProblem(404, f"{year}年度尚未启动定级工作") from None
        except RuleViolation:
            raise PageProblem(409, f"{year}年度定级结果尚未公示，公示开始后才有公示名单") from None
        except ViewAhead as error:
            raise ViewsBehind(str(error), ahead=True) from None
        except ViewNotCurrent:
            raise ViewsBehind("the views are behind the log") from None

    def build() -> ReportPage:
        report = built()
        return report_page(spec, report, filing(report, district), every_row)

    key = ("page", spec.name, year, as_of, on, str(scope) if scope else None, every_row)
    if as_of is not None:
        return cache.get(key, build)  # type: ignore[no-any-return]

    def restamped(page: ReportPage) -> ReportPage:
        """The page built at an earlier position, with the report as stamped now: nothing else of it changed."""
        report = built()
        return replace(page, report=report, filing=replace(page.filing, stamp=stamp_lines(report)))

    position = register.recorder.max_notification_id() or 0
    topics = report_topics(spec.name, scope is not None)
    return cache.since(  # type: ignore[no-any-return]
        key, position, build, lambda before: unchanged(register, before, position, topics), restamped
    )


@router.get("/console/reports")
def reports_index(request: Request) -> Response:
    session = signed_in(request)
    allow(request, session, "report")
    years = _years(request)
    context = {"specs": list(SPECS.values()), "years": years, "title": "统计报表"}
    return render(request, "reports.html", context, session=session)


@router.get("/console/reports/{name}.xlsx")
def report_download(request: Request, name: str) -> Response:
    session = signed_in(request)
    allow(request, session, "report")
    spec = _spec(name)
    page = _page(request, spec, _year(request, spec, _years(request)), _as_of(request))
    stem = "-".join([spec.name, *([str(page.year)] if page.year else [])])
    headers = attachment(stem, page.filing.title, "xlsx")
    key = ("xlsx", page.report["fingerprint"], page.filing.title)
    workbook = cache_of(request).get(key, lambda: to_xlsx(page.filing))
    return secure(Response(workbook, media_type=XLSX, headers=headers))


@router.get("/console/reports/{name}")
def report(request: Request, name: str) -> Response:
    session = signed_in(request)
    allow(request, session, "report")
    spec = _spec(name)
    years = _years(request)
    year = _year(request, spec, years)
    as_of = _as_of(request)
    page = _page(request, spec, year, as_of)
    query: dict[str, Any] = {k: v for k, v in (("year", year), ("day", request.query_params.get("day", ""))) if v}
    context = {
        "page": page,
        "title": page.filing.title,
        "years": years if year is None or year in years else [year, *years],
        "chosen_day": request.query_params.get("day", ""),
        "as_of": as_of,
        "query": query,
        "district": request.app.state.district or "",
        "printed_on": day(today()),
        "may_verify": console(request).permissions.may(session.role, "audit") and session.scope is None,
    }
    return render(request, "report.html", context, session=session)
