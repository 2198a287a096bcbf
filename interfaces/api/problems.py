"""Errors as ``application/problem+json`` (RFC 9457): every failure, whatever raised it, answers in one shape."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from application.errors import ConcurrentWrite, InvalidValue, NotFound, RuleViolation, VersionMismatch

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("ficledger.api")

TITLES = {
    400: "Malformed request",
    401: "Authentication required",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict with the register's rules",
    412: "Version mismatch",
    413: "Request too large",
    415: "Unsupported media type",
    422: "Invalid field values",
    428: "Precondition required",
    500: "Internal error",
    503: "Service unavailable",
}

SLUGS = {400: "malformed-body", 404: "not-found", 405: "method-not-allowed", 413: "too-large"}


class Problem(Exception):
    """An HTTP problem raised anywhere in the interface layer."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        slug: str | None = None,
        title: str | None = None,
        errors: list[dict[str, str]] | None = None,
        rule: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.slug = slug
        self.title = title or TITLES.get(status, "Error")
        self.errors = errors
        self.rule = rule
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": f"urn:ficledger:problem:{self.slug}" if self.slug else "about:blank",
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if self.errors is not None:
            body["errors"] = self.errors
        if self.rule is not None:
            body["rule"] = self.rule
        return body

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status, headers=self.headers, media_type=PROBLEM_JSON)


def problem_for(error: Exception) -> Problem:
    """The problem a domain or application error stands for."""
    if isinstance(error, Problem):
        return error
    if isinstance(error, RuleViolation):
        return Problem(409, f"{error.rule}: {error.message}", slug="rule-violation", rule=error.rule)
    if isinstance(error, InvalidValue):
        return Problem(422, str(error), slug="invalid-value", errors=[{"field": error.field, "message": error.message}])
    if isinstance(error, NotFound):
        return Problem(404, str(error), slug="not-found")
    if isinstance(error, VersionMismatch):
        return Problem(412, str(error), slug="version-mismatch", headers={"ETag": f'"{error.actual}"'})
    if isinstance(error, ConcurrentWrite):
        return Problem(409, str(error), slug="concurrent-write", rule="concurrency.conflict")
    raise error


def _field(location: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in location]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    return ".".join(parts) or "body"


def _message(detail: dict[str, Any]) -> str:
    return str(detail.get("msg", "invalid")).removeprefix("Value error, ")


def validation_problem(error: RequestValidationError) -> Problem:
    details = error.errors()
    if any(d.get("type") == "json_invalid" for d in details):
        return Problem(400, "the request body is not valid JSON", slug="malformed-body")
    errors = [{"field": _field(d.get("loc", ())), "message": _message(d)} for d in details]
    if any(tuple(d.get("loc", ())) == ("body",) for d in details):
        return Problem(400, "the request body must be a JSON object", slug="malformed-body", errors=errors)
    return Problem(
        422, "; ".join(f"{e['field']}: {e['message']}" for e in errors)[:2000], slug="invalid-fields", errors=errors
    )


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into problem+json."""

    @app.exception_handler(Problem)
    def _problem(_: Request, error: Problem) -> JSONResponse:
        return error.response()

    @app.exception_handler(RequestValidationError)
    def _validation(_: Request, error: RequestValidationError) -> JSONResponse:
        return validation_problem(error).response()

    @app.exception_handler(StarletteHTTPException)
    def _http(_: Request, error: StarletteHTTPException) -> JSONResponse:
        detail = error.detail if isinstance(error.detail, str) else TITLES.get(error.status_code, "Error")
        slug = SLUGS.get(error.status_code)
        return Problem(error.status_code, detail, slug=slug, headers=dict(error.headers or {})).response()

    for cls in (RuleViolation, InvalidValue, NotFound, VersionMismatch, ConcurrentWrite):

        @app.exception_handler(cls)
        def _domain(_: Request, error: Exception) -> JSONResponse:
            return problem_for(error).response()

    @app.exception_handler(Exception)
    def _unexpected(request: Request, error: Exception) -> JSONResponse:
        return unexpected(error, request.method, request.url.path, None).response()


def unexpected(error: BaseException, method: str, path: str, request_id: str | None) -> Problem:
    """Log ``error`` with its traceback; the caller gets a 500 problem that tells nothing of it."""
    log.error("unexpected error on %s %s (request %s)", method, path, request_id, exc_info=error)
    return Problem(500, "the server failed to answer this request", slug="internal")
