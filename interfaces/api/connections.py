"""Connections that cannot be held open by a client that sends nothing, or sends a request's headers slowly.

uvicorn closes a keep-alive connection that stays idle after an answer (``timeout_keep_alive``), but it sets no
bound on a connection that sends nothing after it opens, nor on headers that have begun to arrive (any byte
cancels the keep-alive timer), and the header size limit of its h11 parser does not apply to the httptools parser
it runs by default. Every such connection holds a file descriptor: with the process's limit reached, no health
check or write is accepted any more. ``GuardedHttpToolsProtocol`` is uvicorn's httptools protocol with two bounds on
what comes before a request's body: its headers must arrive within ``FICLEDGER_HEADER_TIMEOUT`` seconds of the
connection opening (or of the previous answer), and hold at most ``MAX_HEADER_BYTES``; else the connection is
answered 408 (431) and closed. The body has its own bound, in ``RequestGuard``.
"""

from __future__ import annotations

import asyncio
import json
from asyncio import TimerHandle
from typing import Any

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from application.settings import get_settings
from interfaces.api.problems import PROBLEM_JSON, Problem

MAX_HEADER_BYTES = 64 * 1024


def closing_answer(problem: Problem) -> bytes:
    """A whole HTTP answer for ``problem``, written before the connection is closed."""
    body = json.dumps(problem.body(), ensure_ascii=False).encode()
    head = f"content-type: {PROBLEM_JSON}\r\ncontent-length: {len(body)}\r\nconnection: close\r\n\r\n".encode("latin-1")
    return STATUS_LINE[problem.status] + head + body


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, closing a connection whose request headers do not arrive within the header
    timeout (408) or grow past ``MAX_HEADER_BYTES`` (431)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout = get_settings().header_timeout
        self.header_timer: TimerHandle | None = None
        self.header_bytes = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        self._headers_done()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        awaiting = self.header_timer is not None
        super().data_received(data)
        if awaiting and self.header_timer is not None and not self.transport.is_closing():
            self.header_bytes += len(data)
            if self.header_bytes > MAX_HEADER_BYTES:
                self._close_with(
                    Problem(431, f"the request's headers are larger than {MAX_HEADER_BYTES} bytes", slug="headers")
                )

    def on_headers_complete(self) -> None:
        self._headers_done()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        pipelined = bool(self.pipeline)
        super().on_response_complete()
        if not pipelined and not self.transport.is_closing():
            self._await_headers()

    def _await_headers(self) -> None:
        self._headers_done()
        self.header_bytes = 0
        self.header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _headers_done(self) -> None:
        if self.header_timer is not None:
            self.header_timer.cancel()
            self.header_timer = None

    def _headers_too_slow(self) -> None:
        self.header_timer = None
        if self.cycle is not None and not self.cycle.response_complete:
            return
        seconds = f"{self.header_timeout:g}"
        self._close_with(
            Problem(408, f"the request's headers did not arrive within {seconds} seconds", slug="header-timeout")
        )

    def _close_with(self, problem: Problem) -> None:
        self._headers_done()
        if not self.transport.is_closing():
            self.transport.write(closing_answer(problem))
            self.transport.close()
