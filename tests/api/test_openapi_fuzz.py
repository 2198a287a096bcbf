"""Schemathesis against the app's own /openapi.json on both stores: whatever it sends, no 5xx and answers that match
the schema.

The operations of one kind of store share a store and an app, with the lifespan and views thread uvicorn would
give it, so each operation also meets the records the others made.
A failure prints the shrunk case as a curl line and the ``@reproduce_failure`` blob, and the example database in
``.hypothesis/`` keeps it, so the next run tries it first. ``FICLEDGER_FUZZ_EXAMPLES`` sets how many cases each
operation gets (default 6).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from schemathesis import checks
from schemathesis.core.failures import FailureGroup
from schemathesis.python import asgi

from application.register import Register
from interfaces.api.app import create_app
from tests.api.conftest import KEYS, auth

EXAMPLES = int(os.environ.get("FICLEDGER_FUZZ_EXAMPLES", "6"))
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.negative_data_rejection,
]


def _openapi() -> dict[str, Any]:
    register = Register({"FICLEDGER_DATABASE_URL": "sqlite:///:memory:"})
    try:
        return create_app(register, KEYS).openapi()
    finally:
        register.close()


OPENAPI = _openapi()
OPERATIONS = [(path, method.upper()) for path, methods in OPENAPI["paths"].items() for method in methods]


def test_the_schema_lists_every_resource() -> None:
    paths = {path for path, _ in OPERATIONS}
    assert {"/v1/members", "/v1/chambers", "/v1/branches", "/v1/grading-rounds", "/healthz"} <= paths


@pytest.fixture(scope="module")
def register_of_module(module_store_url: str) -> Iterator[Register]:
    register = Register({"FICLEDGER_DATABASE_URL": module_store_url})
    try:
        yield register
    finally:
        register.close()


@pytest.fixture
def cases(register_of_module: Register, path: str, method: str) -> Iterator[st.SearchStrategy[Any]]:
    """The cases schemathesis makes for one operation, sent to an app of its own on the module's store.

    Schemathesis starts the app's lifespan at the first request and keeps it running; it is shut down here, so the
    views thread has stopped before the store is closed."""
    app = create_app(register_of_module, KEYS)
    app.openapi_schema = OPENAPI
    schema = schemathesis.openapi.from_dict(OPENAPI)
    schema.app = app
    try:
        yield schema[path][method].as_strategy()
    finally:
        asgi.shutdown_lifespans()


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m} {p}" for p, m in OPERATIONS])
@given(data=st.data())
@settings(max_examples=EXAMPLES, suppress_health_check=list(HealthCheck))
def test_no_server_errors_and_schema_conforming_answers(cases: st.SearchStrategy[Any], data: st.DataObject) -> None:
    case: schemathesis.Case = data.draw(cases, label="case")
    note(case.as_curl_command())
    try:
        case.call_and_validate(headers=auth("admin"), checks=CHECKS)
    except FailureGroup as failures:
        # A BaseExceptionGroup, which Hypothesis lets through as it would KeyboardInterrupt: not shrunk, not
        # printed with its blob, not kept. As an AssertionError it is a failure like any other.
        raise AssertionError(str(failures)) from failures
