"""Serving the API with uvicorn: one application instance per process, endpoints in uvicorn's thread pool."""

from __future__ import annotations

import os

import uvicorn
from fastapi import FastAPI

from application.register import Register
from interfaces.api.app import create_app
from interfaces.api.auth import ApiKeys


def app_from_environment() -> FastAPI:
    """The app of one worker process, from FICLEDGER_DATABASE_URL and FICLEDGER_API_KEYS."""
    return create_app()


def serve(register: Register, api_keys: ApiKeys, host: str, port: int, workers: int = 1) -> None:
    """Serve ``register`` on ``host:port`` until interrupted; with ``workers`` > 1, each worker process opens the
    same store itself."""
    if workers <= 1:
        uvicorn.run(create_app(register, api_keys), host=host, port=port, log_level="info", access_log=False)
        return
    os.environ["FICLEDGER_API_KEYS"] = api_keys.as_text()
    os.environ["FICLEDGER_DATABASE_URL"] = register.database_url
    register.close()
    uvicorn.run(
        "interfaces.api.server:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        access_log=False,
    )
