"""The request log: one line per request on the ``ficledger.requests`` logger, naming the request id, who called
(the key's name and role), the method, the path, the status and the time taken. Never a token, a query or a body.
The same middleware hands each request on record to the access log (``interfaces/api/access_log.py``).
"""

from __future__ import annotations

import copy
import json
import logging
import re
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.config import LOGGING_CONFIG

from interfaces.api.access_log import entry, on_record

LOGGER = "ficledger.requests"
log = logging.getLogger(LOGGER)


ONE_WORD = re.compile(r"[^\s\"'=]+")


def plain(value: str) -> str:
    """``value`` as it is when it is one word of printable characters, else quoted, so a line stays one line."""
    if value.isprintable() and ONE_WORD.fullmatch(value):
        return value
    return json.dumps(value, ensure_ascii=False)


class RequestLog:
    """ASGI middleware writing the request log; it sits outside every other layer, so it sees the final status."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        started = time.perf_counter()
        status = 500

        async def send_noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_noting_status)
        finally:
            self.write(scope, state, status, time.perf_counter() - started)
            self.keep(scope, state, status)

    @staticmethod
    def keep(scope: Scope, state: dict[str, Any], status: int) -> None:
        """Hand the request's entry to the app's access writer when the request is on record."""
        app = scope.get("app")
        writer = getattr(getattr(app, "state", None), "access", None)
        if writer is not None and on_record(scope):
            writer.add(entry(scope, state, status, _path(scope)))

    @staticmethod
    def write(scope: Scope, state: dict[str, Any], status: int, seconds: float) -> None:
        if not log.isEnabledFor(logging.INFO):
            return
        principal = state.get("principal")
        request_id = str(state.get("request_id", "-"))
        actor, role = (principal.name, principal.role) if principal else ("-", "-")
        method, path, duration_ms = scope["method"], _path(scope), round(seconds * 1000, 1)
        log.info(
            f"request_id={plain(request_id)} actor={plain(actor)} role={plain(role)} method={plain(method)} "
            f"path={plain(path)} status={status} duration_ms={duration_ms}",
            extra={
                "request_id": request_id,
                "actor": actor,
                "role": role,
                "method": method,
                "path": path,
                "status": status,
                "duration_ms": duration_ms,
            },
        )


def _path(scope: Scope) -> str:
    """The path as the client sent it, without the query."""
    return (scope.get("raw_path") or scope["path"].encode()).decode("latin-1").split("?", 1)[0]


def logging_config() -> dict[str, Any]:
    """uvicorn's logging configuration with the request log on standard output and the service's other logs
    (``ficledger.store``, ``ficledger.views``, ``ficledger.api``) on standard error, each line led by its time."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["requests"] = {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    config["handlers"]["requests"] = {
        "formatter": "requests",
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stdout",
    }
    config["handlers"]["service"] = {
        "formatter": "requests",
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stderr",
    }
    config["loggers"][LOGGER] = {"handlers": ["requests"], "level": "INFO", "propagate": False}
    config["loggers"]["ficledger"] = {"handlers": ["service"], "level": "INFO", "propagate": False}
    return config
