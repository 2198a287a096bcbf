"""Commands over HTTP: the one dependency every command route takes (who calls, ``If-Match``, ``Idempotency-Key``,
the command context), and running a command once per idempotency key, answered with the new state and its ETag."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import orjson
from fastapi import Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from application.base import Recorded
from application.context import CommandContext
from application.register import Register
from application.scope import confined_to
from application.store.idempotency import Answer, ClaimLost, IdempotencyStore, IdempotentAnswer, StoredAnswer
from interfaces.api.access_log import note_records
from interfaces.api.auth import Credentials, Principal, allowed, authorize
from interfaces.api.deps import optional
from interfaces.api.problems import REQUEST_ID_HEADER, Problem, problem_for, wants_chinese

IF_MATCH_PATTERN = r'^(\*|"[0-9]{1,12}")$'
IDEMPOTENCY_KEY_PATTERN = r"^[!-~]([ -~]{0,198}[!-~])?$"

IfMatch = optional(
    str,
    {"type": "string", "pattern": IF_MATCH_PATTERN},
    Header(
        alias="If-Match",
        pattern=IF_MATCH_PATTERN,
        description='Record only if the resource is at this version, e.g. "3" (else 412); * for any version',
        examples=['"3"'],
    ),
)
IdempotencyKey = optional(
    str,
    {"type": "string", "minLength": 1, "maxLength": 200, "pattern": IDEMPOTENCY_KEY_PATTERN},
    Header(
        alias="Idempotency-Key",
        max_length=200,
        pattern=IDEMPOTENCY_KEY_PATTERN,
        description="A retry with the same key and body answers the first answer and records nothing, "
        "e.g. 3f1c7e2a-join-1",
    ),
)
Present = Callable[[Any], dict[str, Any]]
Command = Callable[[IdempotentAnswer | None], Recorded[Any]]

ETAG_HEADER = {"ETag": {"description": 'The new version, e.g. "3"', "schema": {"type": "string"}}}
LOCATION_HEADER = {"Location": {"description": "Where the created resource is read", "schema": {"type": "string"}}}


def answered(status: int = 200) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI headers of a command's answer: ETag and X-Request-ID, and Location for a 201."""
    headers = {**ETAG_HEADER, **REQUEST_ID_HEADER, **(LOCATION_HEADER if status == 201 else {})}
    return {status: {"headers": headers}}


class FastJSONResponse(JSONResponse):
    """JSON rendered by orjson: states and reports are plain dicts of strings, numbers and lists."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def etag(version: int) -> str:
    return f'"{version}"'


def state_response(state: dict[str, Any], status: int = 200, location: str | None = None) -> JSONResponse:
    """A resource's state with its version as the ETag (and where it lives, for a 201)."""
    headers = {"ETag": etag(state["version"])}
    if location:
        headers["Location"] = location
    return FastJSONResponse(state, status_code=status, headers=headers)


class Write:
    """One command request: the register, who calls, the version ``If-Match`` names and the ``Idempotency-Key``."""

    def __init__(
        self,
        request: Request,
        principal: Principal,
        expected_version: int | None,
        idempotency_key: str | None,
        conditional: bool,
    ) -> None:
        self.request = request
        self.principal = principal
        self.expected_version = expected_version
        self.idempotency_key = idempotency_key
        self.conditional = conditional

    @property
    def register(self) -> Register:
        return self.request.app.state.register

    def run(
        self,
        body: BaseModel,
        action: Callable[..., Recorded[Any]],
        *args: Any,
        present: Present,
        location: Callable[[dict[str, Any]], str] | None = None,
        **kwargs: Any,
    ) -> JSONResponse:
        """Run ``action(context, *args, **kwargs)`` (with ``expected_version`` from ``If-Match`` on a conditional
        route) once per idempotency key; answer the state ``present`` makes of its aggregate, or a problem.

        With ``location``, the answer is 201 Created with a Location header made from the new state.
        """
        context = CommandContext(
            self.principal.name, self.principal.role, self.request.state.request_id, getattr(body, "reason", None)
        )
        if self.conditional:
            kwargs["expected_version"] = self.expected_version

        def command(idempotent_answer: IdempotentAnswer | None = None) -> Recorded[Any]:
            return action(replace(context, idempotent_answer=idempotent_answer), *args, **kwargs)

        def respond(aggregate: Any) -> JSONResponse:
            state = present(aggregate)
            if location is not None:
                return state_response(state, 201, location(state))
            return state_response(state)

        with confined_to(self.principal.scope):
            if self.idempotency_key is None:
                return self._answer(command, respond)
            return self._once(body, command, respond, self.idempotency_key)

    def _once(
        self, body: BaseModel, command: Command, respond: Callable[[Any], JSONResponse], key: str
    ) -> JSONResponse:
        store: IdempotencyStore = self.request.app.state.idempotency
        scope = self.principal.name
        fingerprint = hashlib.sha256(
            "\n".join(
                [
                    self.request.method,
                    self.request.url.path,
                    self.request.headers.get("if-match", ""),
                    body.model_dump_json(),
                ]
            ).encode()
        ).hexdigest()
        token = store.claim(scope, key, fingerprint)
        if token is None:
            return _replay(store.find(scope, key), fingerprint)

        prepared: list[JSONResponse] = []

        def answer_for(aggregate: Any) -> Answer:
            prepared.append(respond(aggregate))
            return prepared[-1].status_code, _kept_headers(prepared[-1]), _body_of(prepared[-1])

        def respond_once(aggregate: Any) -> JSONResponse:
            return prepared[-1] if prepared else respond(aggregate)

        pending = IdempotentAnswer(scope, key, token, answer_for)
        try:
            response = self._answer(command, respond_once, pending)
        except ClaimLost:
            raise _in_progress() from None
        except Problem as problem:
            if problem.status >= 500:
                store.release(scope, key, token)
                raise
            store.answer(scope, key, token, problem.status, problem.headers, problem.body())
            return problem.response(wants_chinese(self.request))
        except BaseException:
            store.release(scope, key, token)
            raise
        if not pending.written:
            store.answer(scope, key, token, response.status_code, _kept_headers(response), _body_of(response))
        return response

    def _answer(
        self, command: Command, respond: Callable[[Any], JSONResponse], pending: IdempotentAnswer | None = None
    ) -> JSONResponse:
        """Run the command in the register's group commit and answer its aggregate's new state once it is durable;
        with ``pending``, the register writes the answer with the command's events, and the answer is made once
        (``respond`` hands back the one it made)."""
        try:
            recorded = self.register.group.run(lambda: command(pending))
        except (Problem, ClaimLost):
            raise
        except Exception as error:
            raise problem_for(error) from None
        self.request.state.position = recorded.position
        self.register.health.succeeded()
        note_records(self.request, recorded.aggregate.id)
        return respond(recorded.aggregate)


class Commanding:
    """The dependency of the command routes open to ``roles`` (and admin): it admits the caller (401, 403), reads
    ``If-Match`` and ``Idempotency-Key`` (400 when malformed), and hands the route a ``Write``."""

    conditional = True

    def __init__(self, *roles: str) -> None:
        self.allowed_roles = allowed(*roles)

    async def __call__(
        self,
        request: Request,
        credentials: Credentials,
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Write:
        principal = authorize(request, credentials, self.allowed_roles)
        return Write(request, principal, expected_version(if_match), idempotency_key, self.conditional)


class Creating(Commanding):
    """The same for a route that creates a resource with a new id, where ``If-Match`` has nothing to compare."""

    conditional = False

    async def __call__(  # type: ignore[override]
        self, request: Request, credentials: Credentials, idempotency_key: IdempotencyKey = None
    ) -> Write:
        principal = authorize(request, credentials, self.allowed_roles)
        return Write(request, principal, None, idempotency_key, self.conditional)


def expected_version(if_match: str | None) -> int | None:
    """The version ``If-Match: "<version>"`` names; None without the header or for ``*``."""
    if if_match is None or if_match == "*":
        return None
    return int(if_match.strip('"'))


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


def _kept_headers(response: JSONResponse) -> dict[str, str]:
    return {k: v for k, v in response.headers.items() if k.lower() in ("etag", "location")}


def _body_of(response: JSONResponse) -> Any:
    return json.loads(bytes(response.body))
