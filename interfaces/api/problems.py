"""Errors as ``application/problem+json`` (RFC 9457): every failure, whatever raised it, answers in one shape."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import BaseRoute, Route, compile_path

from application.errors import (
    ConcurrentWrite,
    DistrictOnly,
    InvalidValue,
    NotFound,
    OutsideScope,
    RuleViolation,
    VersionMismatch,
)
from application.projections.runner import ViewAhead, ViewNotCurrent
from application.store.faults import RETRY_AFTER, StoreHealth, store_fault
from interfaces.api import language

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("ficledger.api")

TITLES = {
    400: "Malformed request",
    401: "Authentication required",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    408: "Request timeout",
    409: "Conflict with the register's rules",
    412: "Version mismatch",
    413: "Request too large",
    415: "Unsupported media type",
    422: "Invalid field values",
    431: "Request header fields too large",
    428: "Precondition required",
    500: "Internal error",
    503: "Service unavailable",
}

SLUGS = {400: "malformed-body", 404: "not-found", 405: "method-not-allowed", 413: "too-large"}


class FieldError(BaseModel):
    """One refused field: its dotted name and why."""

    field: str = Field(examples=["joined_on"])
    message: str = Field(examples=["must be a date written YYYY-MM-DD"])


class ProblemDetails(BaseModel):
    """An RFC 9457 problem: what every error answers, as ``application/problem+json``."""

    type: str = Field(examples=["urn:ficledger:problem:rule-violation"])
    title: str = Field(examples=["Conflict with the register's rules"])
    status: int = Field(ge=400, le=599, examples=[409])
    detail: str = Field(examples=["grade.requires_review: the branch has no review for 2020"])
    errors: list[FieldError] | None = Field(default=None, description="The refused fields, for a malformed body.")
    rule: str | None = Field(
        default=None, description="The rule a 409 broke (grade.requires_review), or a 422 text broke (text.invisible)."
    )


class ValidationProblemDetails(ProblemDetails):
    """A 422: the problem with every refused field named."""

    errors: list[FieldError] = Field(description="The refused fields.")


REQUEST_ID_HEADER = {
    "X-Request-ID": {
        "description": "The request's id: the one the client sent when well formed, else a fresh one",
        "schema": {"type": "string"},
    }
}
RETRY_AFTER_HEADER = {
    "Retry-After": {
        "description": "Seconds to wait before retrying: the store refuses writes (full, read-only, vanished) "
        "or the views are not current",
        "schema": {"type": "integer"},
    }
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI responses for these problem statuses: problem+json with its model and the request id."""
    responses: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        model = ValidationProblemDetails if status == 422 else ProblemDetails
        responses[status] = {
            "model": model,
            "description": TITLES[status],
            "content": {PROBLEM_JSON: {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}},
            "headers": {**REQUEST_ID_HEADER, **(RETRY_AFTER_HEADER if status == 503 else {})},
        }
    return responses


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
        chinese: str | None = None,
        chinese_errors: list[str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.slug = slug
        self.title = title or TITLES.get(status, "Error")
        self.errors = errors
        self.rule = rule
        self.headers = headers or {}
        self.chinese = chinese
        self.chinese_errors = chinese_errors

    def chinese_detail(self) -> str:
        """The detail in Chinese: as given, else the rule's message, else the one of the problem's kind."""
        if self.chinese:
            return self.chinese
        if self.rule is not None and language.has_chinese(self.rule):
            return language.rule_detail(self.rule)
        if self.slug in language.DETAILS_ZH:
            return language.DETAILS_ZH[self.slug]
        if language.GLOSS.search(self.detail):
            return language.without_gloss(self.detail)
        return language.TITLES_ZH.get(self.status, "请求未能完成")

    def body(self, chinese: bool = False) -> dict[str, Any]:
        """The problem as JSON; with ``chinese``, its title, detail and field messages in Chinese."""
        body: dict[str, Any] = {
            "type": f"urn:ficledger:problem:{self.slug}" if self.slug else "about:blank",
            "title": language.TITLES_ZH.get(self.status, self.title) if chinese else self.title,
            "status": self.status,
            "detail": self.chinese_detail() if chinese else self.detail,
        }
        if self.errors is not None or self.status == 422:
            errors = [dict(e) for e in self.errors or []]
            if chinese:
                given = self.chinese_errors or []
                for index, error in enumerate(errors):
                    error["message"] = given[index] if index < len(given) else language.field_message(error["message"])
            body["errors"] = errors
        if self.rule is not None:
            body["rule"] = self.rule
        return body

    def response(self, chinese: bool = False) -> JSONResponse:
        return JSONResponse(self.body(chinese), status_code=self.status, headers=self.headers, media_type=PROBLEM_JSON)


def wants_chinese(request: Request) -> bool:
    """Whether the request's ``Accept-Language`` prefers Chinese."""
    return language.prefers_chinese(request.headers.get("accept-language"))


def problem_for(error: Exception) -> Problem:
    """The problem a domain or application error stands for."""
    if isinstance(error, Problem):
        return error
    if isinstance(error, RuleViolation):
        return Problem(
            409,
            f"{error.rule}: {error.message}",
            slug="rule-violation",
            rule=error.rule,
            chinese=language.rule_detail(error.rule, error.chinese),
        )
    if isinstance(error, OutsideScope):
        outside = f"超出本密钥的范围（{error.scope.label}）：只能登记本{error.scope.kind.label}的记录"
        return Problem(
            422,
            f"{error.rule}: {error}",
            slug="outside-scope",
            rule=error.rule,
            errors=[{"field": error.field, "message": error.message}],
            chinese=language.rule_detail(error.rule, outside),
            chinese_errors=[outside],
        )
    if isinstance(error, DistrictOnly):
        only = f"此操作涉及全区；限于“{error.scope.label}”的密钥不能办理"
        return Problem(
            403,
            f"{error.rule}: {error}",
            slug="district-only",
            rule=error.rule,
            chinese=language.rule_detail(error.rule, only),
        )
    if isinstance(error, InvalidValue):
        rule = getattr(error, "rule", None)
        message = getattr(error, "chinese", None) or language.field_message(error.message)
        return Problem(
            422,
            f"{rule}: {error}" if rule else str(error),
            slug="invalid-value",
            errors=[{"field": error.field, "message": error.message}],
            rule=rule,
            chinese=language.rule_detail(rule, f"{error.field}：{message}") if rule else f"{error.field}：{message}",
            chinese_errors=[message],
        )
    if isinstance(error, NotFound):
        return Problem(404, str(error), slug="not-found", chinese=f"{language.not_found(error.kind)}：{error.ident}")
    if isinstance(error, VersionMismatch):
        return Problem(
            412,
            str(error),
            slug="version-mismatch",
            headers={"ETag": f'"{error.actual}"'},
            chinese=f"版本不符：您依据的是第{error.expected}版，这条记录现为第{error.actual}版；请重新读取后再提交",
        )
    if isinstance(error, ConcurrentWrite):
        return Problem(409, str(error), slug="concurrent-write", rule="concurrency.conflict")
    if isinstance(error, ViewAhead):
        return Problem(503, str(error), slug="view-ahead-of-log", headers={"Retry-After": str(RETRY_AFTER)})
    if isinstance(error, ViewNotCurrent):
        return Problem(503, str(error), slug="views-behind", headers={"Retry-After": "1"})
    raise error


def _field(location: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in location]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    return ".".join(parts) or "body"


def _message(detail: dict[str, Any]) -> str:
    return str(detail.get("msg", "invalid")).removeprefix("Value error, ")


TEXT_RULES = "text."
"""The rules a request body's text breaks (``domain.texts``), named in the 422 as a command's would be."""

HEADER_PROBLEMS = {
    "if-match": ("malformed-if-match", 'If-Match must be an ETag such as "3", or *'),
    "idempotency-key": ("malformed-idempotency-key", "Idempotency-Key must be 1 to 200 printable ASCII characters"),
}


def validation_problem(error: RequestValidationError) -> Problem:
    """400 for a malformed body or header, 422 naming every refused field."""
    details = error.errors()
    headers = [d for d in details if tuple(d.get("loc", ()))[:1] == ("header",)]
    if headers:
        name = str(headers[0]["loc"][-1]).lower()
        slug, detail = HEADER_PROBLEMS.get(name, ("malformed-header", f"the {name} header is malformed"))
        chinese = language.field_message(_message(headers[0]), headers[0].get("type"), headers[0].get("ctx"))
        return Problem(
            400,
            detail,
            slug=slug,
            errors=[{"field": name, "message": _message(headers[0])}],
            chinese_errors=[chinese],
        )
    if any(d.get("type") == "json_invalid" for d in details):
        return Problem(400, "the request body is not valid JSON", slug="malformed-body")
    errors = [{"field": _field(d.get("loc", ())), "message": _message(d)} for d in details]
    chinese = [language.field_message(_message(d), d.get("type"), d.get("ctx")) for d in details]
    if any(tuple(d.get("loc", ())) == ("body",) for d in details):
        return Problem(
            400, "the request body must be a JSON object", slug="malformed-body", errors=errors, chinese_errors=chinese
        )
    rule = next((str(d["type"]) for d in details if str(d.get("type", "")).startswith(TEXT_RULES)), None)
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return Problem(
        422,
        (f"{rule}: {detail}" if rule else detail)[:2000],
        slug="invalid-fields",
        errors=errors,
        rule=rule,
        chinese=(f"{rule}：" if rule else "")
        + "；".join(f"{e['field']}：{m}" for e, m in zip(errors, chinese, strict=True))[:2000],
        chinese_errors=chinese,
    )


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into problem+json."""

    @app.exception_handler(Problem)
    def _problem(request: Request, error: Problem) -> JSONResponse:
        return error.response(wants_chinese(request))

    @app.exception_handler(RequestValidationError)
    def _validation(request: Request, error: RequestValidationError) -> JSONResponse:
        return validation_problem(error).response(wants_chinese(request))

    @app.exception_handler(StarletteHTTPException)
    def _http(request: Request, error: StarletteHTTPException) -> JSONResponse:
        detail = error.detail if isinstance(error.detail, str) else TITLES.get(error.status_code, "Error")
        slug = SLUGS.get(error.status_code)
        headers = dict(error.headers or {})
        if error.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request))
        return Problem(error.status_code, detail, slug=slug, headers=headers).response(wants_chinese(request))

    for cls in (
        RuleViolation,
        InvalidValue,
        NotFound,
        VersionMismatch,
        ConcurrentWrite,
        ViewNotCurrent,
        DistrictOnly,
    ):

        @app.exception_handler(cls)
        def _domain(request: Request, error: Exception) -> JSONResponse:
            return problem_for(error).response(wants_chinese(request))

    @app.exception_handler(Exception)
    def _unexpected(request: Request, error: Exception) -> JSONResponse:
        problem = failure(error, request.method, request.url.path, None, health_of(request.app))
        return problem.response(wants_chinese(request))


MethodTable = list[tuple[re.Pattern[str], frozenset[str]]]


def method_table(routes: Iterable[BaseRoute]) -> MethodTable:
    """Each route's path pattern with its methods, for the ``Allow`` header of a 405."""
    return [(compile_path(r.path)[0], frozenset(r.methods)) for r in routes if isinstance(r, Route) and r.methods]


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers on this request's path (Starlette names only the first route's)."""
    table: MethodTable = getattr(request.app.state, "method_table", [])
    return sorted({m for pattern, methods in table if pattern.match(request.url.path) for m in methods})


def unexpected(error: BaseException, method: str, path: str, request_id: str | None) -> Problem:
    """Log ``error`` with its traceback; the caller gets a 500 problem that tells nothing of it."""
    log.error("unexpected error on %s %s (request %s)", method, path, request_id, exc_info=error)
    return Problem(500, "the server failed to answer this request", slug="internal")


def health_of(app: Any) -> StoreHealth | None:
    register = getattr(app.state, "register", None)
    return getattr(register, "health", None)


def failure(
    error: BaseException, method: str, path: str, request_id: str | None, health: StoreHealth | None
) -> Problem:
    """The problem an error no handler took answers: 503 with ``Retry-After``, saying what is wrong, when the store
    refuses (full, read-only, vanished, unreachable: noted in ``health``, which logs it once); else ``unexpected``."""
    fault = store_fault(error)
    if fault is None:
        return unexpected(error, method, path, request_id)
    if health is not None:
        health.failed(fault)
    return Problem(503, fault.detail, slug=f"store-{fault.kind}", headers={"Retry-After": str(RETRY_AFTER)})
