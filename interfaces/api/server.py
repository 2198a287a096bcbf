"""Serving the API with uvicorn: one application instance per process, endpoints in uvicorn's thread pool."""

from __future__ import annotations

import uvicorn

from application.register import Register
from interfaces.api.app import create_app
from interfaces.api.auth import ApiKeys


def serve(register: Register, api_keys: ApiKeys, host: str, port: int) -> None:
    """Serve ``register`` on ``host:port`` until interrupted."""
    app = create_app(register, api_keys)
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=False)
