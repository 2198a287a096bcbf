"""Schemathesis against the app's own /openapi.json on both stores: whatever it sends, no 5xx and answers that match
the schema."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from application.register import Register
from interfaces.api.app import create_app
from tests.api.conftest import KEYS, auth

EXAMPLES = 6
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.negative_data_rejection,
]


def _operations() -> list[tuple[str, str]]:
    register = Register({"FICLEDGER_DATABASE_URL": "sqlite:///:memory:"})
    try:
        spec = create_app(register, KEYS).openapi()
    finally:
        register.close()
    return [(path, method.upper()) for path, methods in spec["paths"].items() for method in methods]


OPERATIONS = _operations()


def test_the_schema_lists_every_resource() -> None:
    paths = {path for path, _ in OPERATIONS}
    assert {"/v1/members", "/v1/chambers", "/v1/branches", "/v1/grading-rounds", "/healthz"} <= paths


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m} {p}" for p, m in OPERATIONS])
def test_no_server_errors_and_schema_conforming_answers(store_url: str, path: str, method: str) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(register, KEYS))
        operation = schema[path][method]

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def exercise(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=auth("admin"), checks=CHECKS)

        exercise()
    finally:
        register.close()
