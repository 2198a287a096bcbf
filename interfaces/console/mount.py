"""Putting the console on the API's FastAPI app: its routes under /console/, its static files, and the pages that
answer a refusal (sign in first, not allowed, not found) in Chinese."""

from __future__ import annotations

import functools

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from application.projections.kept import KeptDocuments
from interfaces.api.auth import ApiKeys
from interfaces.console.cache import PositionCache
from interfaces.console.dates import day, moment
from interfaces.console.labels import label
from interfaces.console.pages import audit, dashboard, forms, imports, lists, records, reports, signin
from interfaces.console.pages.common import Console, SignInRequired, redirect, render, session_of, sign_in_location
from interfaces.console.session import Sessions
from interfaces.console.verifications import Verifications
from interfaces.console.views.documents import ViewsBehind
from interfaces.console.views.records import PageProblem

ROUTERS = [
    signin.router,
    dashboard.router,
    imports.router,
    lists.router,
    forms.creating,
    records.router,
    forms.router,
    reports.router,
    audit.router,
]
"""In this order: a record's ``/changes`` comes before the forms' ``/{name}``, ``/members/new`` before a member."""


@functools.cache
def environment() -> Environment:
    """The console's Jinja2 templates, escaped, with the filters a page uses to show dates and codes; one for the
    process, so that each template is compiled once whatever the number of apps."""
    env = Environment(
        loader=PackageLoader("interfaces.console", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(day=day, moment=moment, label=label)
    return env


def mount(app: FastAPI) -> None:
    """Serve the console on ``app`` under /console/, signing in with the app's API keys."""
    keys: ApiKeys = app.state.api_keys
    app.state.console = Console(app, environment(), Sessions(keys))
    app.state.console_pages = PositionCache()
    app.state.console_lists = PositionCache()
    app.state.kept_documents = KeptDocuments(app.state.register)
    app.state.verifications = Verifications()
    for router in ROUTERS:
        app.include_router(router, include_in_schema=False)
    app.mount("/console/static", StaticFiles(packages=[("interfaces.console", "static")]), name="console-static")
    app.include_router(signin.unknown, include_in_schema=False)

    @app.exception_handler(SignInRequired)
    def _sign_in(_: Request, error: SignInRequired) -> Response:
        return redirect(sign_in_location(error.back))

    @app.exception_handler(PageProblem)
    def _problem(request: Request, error: PageProblem) -> Response:
        context = {"message": error.message, "status": error.status, "title": "无法完成"}
        return render(request, "problem.html", context, error.status, session=session_of(request))

    @app.exception_handler(ViewsBehind)
    def _behind(request: Request, error: ViewsBehind) -> Response:
        context = {"message": "数据正在更新，请稍后刷新页面。", "status": 503, "title": "请稍候"}
        if error.ahead:
            context = {
                "message": "汇总数据与事件日志不一致（日志末尾被截断），已停止显示，请联系系统管理员核查并重建。",
                "status": 503,
                "title": "数据暂不可用",
            }
        return render(request, "problem.html", context, 503, session=session_of(request))
