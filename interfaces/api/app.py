"""The API's application factory: the register, the keys, the routers and the error handlers in one FastAPI app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from importlib.resources import files
from typing import Literal

from fastapi import Depends, FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.telemetry import TelemetryConfig
from pydantic import BaseModel

from application.projections.runner import ViewRunner
from application.register import Register
from application.reports.service import ReportCache
from application.settings import Settings, get_settings
from application.store.access_log import AccessLog
from application.store.faults import RETRY_AFTER, store_fault
from application.store.idempotency import IdempotencyStore
from interfaces.api import problems
from interfaces.api.access_log import AccessWriter
from interfaces.api.auth import ApiKeys
from interfaces.api.deps import RequestIdMiddleware, known_query_parameters
from interfaces.api.fast_reads import FastReads
from interfaces.api.guards import RequestGuard
from interfaces.api.kept_pages import PageCache
from interfaces.api.kept_reads import STATE_BUDGET
from interfaces.api.problems import REQUEST_ID_HEADER, Problem, problem_responses
from interfaces.api.request_log import RequestLog
from interfaces.api.routers import audit, branches, chambers, grading_rounds, imports, listings, members, reports
from interfaces.api.routers.common import operation_id
from interfaces.console import mount as mount_console

ROUTERS = [
    listings.router,
    members.router,
    chambers.router,
    branches.router,
    grading_rounds.router,
    reports.router,
    imports.router,
    audit.router,
]
"""The API's routers, the listings first: the framework tries routes in order, so the list pages, the most frequent
request that does not go the plain-read way, are matched first (a listing's path only matches a GET)."""
DOCS_ASSETS = "/docs-assets"
"""Where the Swagger UI and ReDoc files are served from, out of the installed fastapi-offline package."""

NO_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False}
"""The service exports no traces, metrics or logs through OpenTelemetry; with FastAPI's own telemetry on, every
request would ask the global providers whether one was configured (some 8 µs a request)."""

DESCRIPTION = """The register of a district Federation of Industry and Commerce (区工商联): member enterprises,
chambers of commerce, the Party organizations in them, and their annual classification grading (年度分类定级).

Every call under `/v1` needs `Authorization: Bearer <token>`. Errors are `application/problem+json`."""


def create_app(
    register: Register | None = None, api_keys: ApiKeys | None = None, settings: Settings | None = None
) -> FastAPI:
    """The API on ``register`` with ``api_keys``; by default both come from ``settings`` (default: this process's)."""
    settings = settings or get_settings()
    keys = api_keys or ApiKeys.from_env(settings)
    if keys is None:
        raise ValueError("no API keys: set FICLEDGER_API_KEYS to role:name:token triples")
    owns_register = register is None
    the_register = register or Register({"FICLEDGER_DATABASE_URL": settings.database_url})

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        for hook in app.state.startup_hooks:
            hook(app)
        try:
            yield
        finally:
            for hook in reversed(app.state.shutdown_hooks):
                hook(app)
            if owns_register:
                the_register.close()

    app = FastAPI(
        title="ficledger",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        generate_unique_id_function=operation_id,
        telemetry=NO_TELEMETRY,
    )
    app.state.register = the_register
    app.state.api_keys = keys
    app.state.district = settings.district
    app.state.reports = ReportCache()
    app.state.pages = PageCache()
    app.state.states = PageCache(STATE_BUDGET)
    app.state.bodies = PageCache()
    app.state.idempotency = IdempotencyStore(
        the_register.recorder.datastore,  # type: ignore[attr-defined]
        sealing=the_register.sealing,
    )
    in_process = settings.projections != "worker"
    app.state.views = ViewRunner(the_register, active=in_process)
    app.state.access = AccessWriter(
        AccessLog(the_register.recorder.datastore, sealing=the_register.sealing),  # type: ignore[attr-defined]
        timedelta(days=settings.access_log_retention_days),
    )
    app.state.startup_hooks = [lambda a: a.state.views.problems(), lambda a: a.state.access.start()]
    if in_process:
        app.state.startup_hooks.append(lambda a: a.state.views.start())
    app.state.shutdown_hooks = [lambda a: a.state.views.close(), lambda a: a.state.access.close()]
    app.add_middleware(FastReads, routes=[route for router in ROUTERS for route in router.routes])
    app.add_middleware(RequestGuard, body_timeout=settings.body_timeout)
    app.add_middleware(RequestIdMiddleware)
    app.add_middleware(RequestLog)
    problems.install(app)

    @app.get(
        "/healthz",
        tags=["operations"],
        summary="200 when the store answers (degraded, with what is wrong, when writes or the views are refused)",
        response_model=Health,
        responses={200: {"headers": dict(REQUEST_ID_HEADER)}, **problem_responses(503)},
    )
    def healthz() -> JSONResponse:
        try:
            views = app.state.views.problems()
            watched = getattr(the_register.recorder, "check_file", None)
            if watched is not None:
                watched()
        except Exception as error:
            fault = store_fault(error)
            said = fault.detail if fault else f"the store does not answer: {type(error).__name__}"
            raise Problem(503, said, slug="store-unavailable", headers={"Retry-After": str(RETRY_AFTER)}) from None
        problems = [str(the_register.health.fault)] if the_register.health.fault else []
        problems += views
        return JSONResponse({"status": "degraded" if problems else "ok", "problems": problems})

    for router in ROUTERS:
        app.include_router(router, dependencies=[Depends(known_query_parameters)])
    mount_console(app)
    serve_docs(app)
    app.state.method_table = problems.method_table(
        [*app.router.routes, *(route for router in ROUTERS for route in router.routes)]
    )
    return app


class Health(BaseModel):
    """The store answers; ``degraded`` when it refuses writes (a full disk, read-only) or the views are not served
    as current (the log was cut behind the service's back), each named in ``problems``."""

    status: Literal["ok", "degraded"]
    problems: list[str]


def serve_docs(app: FastAPI) -> None:
    """/docs (Swagger UI) and /redoc from files installed with the project: nothing is fetched from outside."""
    app.mount(DOCS_ASSETS, StaticFiles(directory=str(files("fastapi_offline") / "static")), name="docs-assets")
    title = app.title

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title=f"{title} - Swagger UI",
            oauth2_redirect_url="/docs/oauth2-redirect",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon.png",
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    async def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url="/openapi.json",
            title=f"{title} - ReDoc",
            redoc_js_url=f"{DOCS_ASSETS}/redoc.standalone.js",
            redoc_favicon_url=f"{DOCS_ASSETS}/favicon.png",
            with_google_fonts=False,
        )
