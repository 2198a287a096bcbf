"""What is refused before routing: request bodies over the size limit or too slow to arrive, and NUL characters in
the URL, which no field accepts and PostgreSQL cannot hold."""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from application.imports.files import MAX_BYTES
from interfaces.api.language import prefers_chinese_in
from interfaces.api.problems import Problem

MAX_BODY = 1024 * 1024
BODY_TIMEOUT = 30.0
CLOSE = {"Connection": "close"}
IMPORTS = ("/v1/imports/", "/console/imports")
MAX_IMPORT_BODY = MAX_BYTES + 64 * 1024
"""An upload to import: the file's 20 MiB and room for the multipart form around it."""


class RequestGuard:
    """Answers 413 for a body over ``max_body`` bytes (``MAX_IMPORT_BODY`` for an upload to import), 408 for a body
    that has not arrived whole within ``body_timeout`` seconds of its headers, and 400 for a NUL in the path or
    query, as problem+json.

    A body within the limit is read here and handed on whole: command bodies are small, and a body that is cut off
    midway could not be answered with a problem once the endpoint has started. A 413 or 408 closes the connection
    (``Connection: close``), so the rest of a refused body is never read.
    """

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY, body_timeout: float = BODY_TIMEOUT) -> None:
        self.app = app
        self.max_body = max_body
        self.body_timeout = body_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query: bytes = scope.get("query_string", b"")
        if "\x00" in scope["path"] or b"\x00" in query or b"%00" in query:
            await self._refuse(scope, receive, send, Problem(400, "the URL must not contain NUL", slug="malformed-url"))
            return
        limit = MAX_IMPORT_BODY if scope["path"].startswith(IMPORTS) else self.max_body
        declared = next((v for k, v in scope["headers"] if k == b"content-length"), None)
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await self._refuse(scope, receive, send, self._too_large(limit))
            return
        if scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        deadline = asyncio.get_running_loop().time() + self.body_timeout
        while True:
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                await self._refuse(scope, receive, send, self._too_slow())
                return
            if message["type"] != "http.request":
                await self.app(scope, _replay([message], receive), send)
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await self._refuse(scope, receive, send, self._too_large(limit))
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body: Message = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        await self.app(scope, _replay([body], receive), send)

    @staticmethod
    def _too_large(limit: int) -> Problem:
        return Problem(413, f"the request body is larger than {limit} bytes", slug="too-large", headers=CLOSE)

    def _too_slow(self) -> Problem:
        seconds = f"{self.body_timeout:g}"
        return Problem(
            408, f"the request body did not arrive within {seconds} seconds", slug="body-timeout", headers=CLOSE
        )

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, problem: Problem) -> None:
        await problem.response(prefers_chinese_in(scope["headers"]))(scope, receive, send)


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed
