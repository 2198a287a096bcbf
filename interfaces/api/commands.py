"""Running a command from an HTTP request: context, ``If-Match``, ``Idempotency-Key``, the answer and its ETag."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import orjson
from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from application.base import Recorded
from application.context import CommandContext
from application.store.idempotency import Answer, ClaimLost, IdempotencyStore, IdempotentAnswer, StoredAnswer
from interfaces.api.auth import Principal
from interfaces.api.deps import IDEMPOTENCY_KEY, command_context, expected_version
from interfaces.api.problems import Problem, problem_for

MAX_KEY = 200


class FastJSONResponse(JSONResponse):
    """JSON rendered by orjson: states and reports are plain dicts of strings, numbers and lists."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def etag(version: int) -> str:
    return f'"{version}"'


def state_response(state: dict[str, Any], status: int = 200, location: str | None = None) -> JSONResponse:
    headers = {"ETag": etag(state["version"])}
    if location:
        headers["Location"] = location
    return FastJSONResponse(state, status_code=status, headers=headers)


def run_command(
    request: Request,
    principal: Principal,
    body: BaseModel | None,
    action: Callable[[CommandContext, int | None], Recorded[Any]],
    present: Callable[[Any], dict[str, Any]],
    *,
    created: Callable[[dict[str, Any]], str] | None = None,
) -> JSONResponse:
    """Run ``action`` once per idempotency key and answer the new state; a rejection answers a problem."""
    version = expected_version(request)
    reason = getattr(body, "reason", None) if body is not None else None
    ctx = command_context(request, principal, reason)
    key = request.headers.get("idempotency-key")
    if key is None:
        return _answer(request, action, lambda aggregate: _respond(present(aggregate), created), ctx, version)
    if not IDEMPOTENCY_KEY.match(key):
        raise Problem(
            400,
            f"Idempotency-Key must be 1 to {MAX_KEY} printable ASCII characters",
            slug="malformed-idempotency-key",
        )
    store: IdempotencyStore = request.app.state.idempotency
    payload = body.model_dump_json() if body is not None else ""
    fingerprint = hashlib.sha256(
        f"{request.method}\n{request.url.path}\n{request.headers.get('if-match', '')}\n{payload}".encode()
    ).hexdigest()
    token = store.claim(principal.name, key, fingerprint)
    if token is None:
        return _replay(store.find(principal.name, key), fingerprint)

    prepared: list[JSONResponse] = []

    def answer_for(aggregate: Any) -> Answer:
        prepared.append(_respond(present(aggregate), created))
        return prepared[-1].status_code, _kept_headers(prepared[-1]), _body_of(prepared[-1])

    def respond(aggregate: Any) -> JSONResponse:
        return prepared[-1] if prepared else _respond(present(aggregate), created)

    pending = IdempotentAnswer(principal.name, key, token, answer_for)
    try:
        response = _answer(request, action, respond, replace(ctx, idempotent_answer=pending), version)
    except ClaimLost:
        raise _in_progress() from None
    except Problem as problem:
        if problem.status >= 500:
            store.release(principal.name, key, token)
            raise
        store.answer(principal.name, key, token, problem.status, problem.headers, problem.body())
        return problem.response()
    except BaseException:
        store.release(principal.name, key, token)
        raise
    if not pending.written:
        store.answer(principal.name, key, token, response.status_code, _kept_headers(response), _body_of(response))
    return response


def _replay(stored: StoredAnswer | None, fingerprint: str) -> JSONResponse:
    """The first answer to this key, or 409 when it was another request or is still running."""
    if stored is None or stored.fingerprint != fingerprint:
        raise Problem(
            409,
            "this Idempotency-Key was used with another request",
            slug="idempotency-key-reused",
            rule="idempotency.key_reused",
        )
    if stored.pending:
        raise _in_progress()
    media = "application/problem+json" if stored.status and stored.status >= 400 else "application/json"
    return JSONResponse(stored.body, status_code=stored.status or 200, headers=stored.headers, media_type=media)


def _in_progress() -> Problem:
    return Problem(
        409,
        "a request with this Idempotency-Key is still running",
        slug="idempotency-in-progress",
        rule="idempotency.in_progress",
    )


def _respond(state: dict[str, Any], created: Callable[[dict[str, Any]], str] | None) -> JSONResponse:
    if created is not None:
        return state_response(state, 201, created(state))
    return state_response(state)


def _kept_headers(response: JSONResponse) -> dict[str, str]:
    return {k: v for k, v in response.headers.items() if k.lower() in ("etag", "location")}


def _answer(
    request: Request,
    action: Callable[[CommandContext, int | None], Recorded[Any]],
    respond: Callable[[Any], JSONResponse],
    ctx: CommandContext,
    version: int | None,
) -> JSONResponse:
    """Run the command and answer its aggregate's new state (made once: the idempotent answer may hold it)."""
    try:
        recorded = action(ctx, version)
    except (Problem, ClaimLost):
        raise
    except Exception as error:
        raise problem_for(error) from None
    request.state.position = recorded.position
    return respond(recorded.aggregate)


def _body_of(response: JSONResponse) -> Any:
    return json.loads(bytes(response.body))
