"""Serving the API with uvicorn: one application instance per process, endpoints in uvicorn's thread pool, on
connections whose request headers must arrive in time (``GuardedHttpToolsProtocol``), every route built before the
first connection is accepted."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

import uvicorn
from fastapi import FastAPI
from starlette.routing import NoMatchFound

from application.register import Register
from interfaces.api.app import create_app
from interfaces.api.auth import ApiKeys
from interfaces.api.connections import GuardedHttpToolsProtocol
from interfaces.api.request_log import logging_config


def app_from_environment() -> FastAPI:
    """The app of one worker process. It reads its settings from the environment it inherited from
    ``ficledger serve``, which checked them (and the store) before starting the workers."""
    return served(create_app())


def served(app: FastAPI) -> FastAPI:
    """``app`` building its routes at start-up (``build_routes``)."""
    app.state.startup_hooks.append(build_routes)
    return app


def build_routes(app: FastAPI) -> None:
    """Build every route now. FastAPI builds an included router's routes (their parameters' validators) when a
    request is first matched against them: some 10 ms a route, 0.1 to 0.5 s on each of the first requests to walk
    past a router. Asking for a route by a name none has walks them all (about a quarter of a second, once)."""
    with suppress(NoMatchFound):
        app.url_path_for("")


def serve(register: Register, api_keys: ApiKeys, host: str, port: int, workers: int = 1) -> None:
    """Serve ``register`` on ``host:port`` until interrupted; with ``workers`` > 1, each worker process opens the
    same store itself, with the keys of the same settings."""
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": "info",
        "access_log": False,
        "log_config": logging_config(),
        "http": GuardedHttpToolsProtocol,
    }
    if workers <= 1:
        uvicorn.run(served(create_app(register, api_keys)), **options)
        return
    configured = ApiKeys.from_env()
    if configured is None or configured.as_text() != api_keys.as_text():
        raise ValueError("worker processes read FICLEDGER_API_KEYS themselves: serve several only with those keys")
    register.close()
    uvicorn.run("interfaces.api.server:app_from_environment", factory=True, workers=workers, **options)
