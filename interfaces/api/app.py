"""The API's application factory: the register, the keys, the routers and the error handlers in one FastAPI app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import import_module
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse

from application.projections.runner import ViewRunner
from application.register import Register
from application.settings import Settings, get_settings
from application.store.idempotency import IdempotencyStore
from interfaces.api import problems, schemas
from interfaces.api.auth import ApiKeys
from interfaces.api.deps import IDEMPOTENCY_KEY_PATTERN, IF_MATCH_PATTERN, RequestIdMiddleware
from interfaces.api.guards import RequestGuard
from interfaces.api.problems import Problem
from interfaces.api.request_log import RequestLog

COMMAND_HEADERS: list[dict[str, Any]] = [
    {
        "name": "If-Match",
        "in": "header",
        "required": False,
        "description": 'Record only if the resource is at this version, e.g. "3" (else 412)',
        "schema": {"type": "string", "pattern": IF_MATCH_PATTERN, "examples": ['"3"']},
    },
    {
        "name": "Idempotency-Key",
        "in": "header",
        "required": False,
        "description": "A retry with the same key and body answers the first answer and records nothing",
        "schema": {"type": "string", "pattern": IDEMPOTENCY_KEY_PATTERN, "examples": ["3f1c7e2a-join-1"]},
    },
]
ROUTERS = ["members", "chambers", "branches", "grading_rounds", "listings", "reports", "audit"]

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
    )
    app.state.register = the_register
    app.state.api_keys = keys
    app.state.idempotency = IdempotencyStore(the_register.recorder.datastore)  # type: ignore[attr-defined]
    in_process = settings.projections != "worker"
    app.state.views = ViewRunner(the_register, active=in_process)
    app.state.startup_hooks = [lambda a: a.state.views.start()] if in_process else []
    app.state.shutdown_hooks = [lambda a: a.state.views.close()]
    app.add_middleware(RequestGuard)
    app.add_middleware(RequestIdMiddleware)
    app.add_middleware(RequestLog)
    problems.install(app)

    @app.get(
        "/healthz",
        tags=["operations"],
        summary="200 when the store answers",
        responses={503: {"model": schemas.Problem, "content": {"application/problem+json": {}}}},
    )
    def healthz() -> JSONResponse:
        try:
            the_register.recorder.max_notification_id()
        except Exception as error:
            raise Problem(503, f"the store does not answer: {type(error).__name__}", slug="store-unavailable") from None
        return JSONResponse({"status": "ok"})

    for name in ROUTERS:
        app.include_router(router_of(name))
    document_request_headers(app)
    return app


def router_of(name: str) -> APIRouter:
    """The ``router`` of ``interfaces.api.routers.<name>``; a name in ROUTERS without one is an ImportError."""
    module_name = f"interfaces.api.routers.{name}"
    try:
        module = import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise
        raise ImportError(f"ROUTERS names {name!r}, but there is no module {module_name}") from error
    router = getattr(module, "router", None)
    if not isinstance(router, APIRouter):
        raise ImportError(f"ROUTERS names {name!r}, but {module_name} has no APIRouter called router")
    return router


def document_request_headers(app: FastAPI) -> None:
    """Name the headers every command reads (If-Match, Idempotency-Key) in the OpenAPI document."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = generate()
            for item in document.get("paths", {}).values():
                if "post" in item:
                    item["post"].setdefault("parameters", []).extend(COMMAND_HEADERS)
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]
