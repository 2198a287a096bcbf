"""The request log through HTTP: one line per request with who, what and how it ended; never a token or a body."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from interfaces.api.request_log import LOGGER, logging_config
from tests.api.conftest import TOKENS, Api, auth
from tests.api.scenario import member_body


@pytest.fixture
def lines(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    with caplog.at_level(logging.INFO, logger=LOGGER):
        yield caplog


def requests_logged(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.get_records("call") if r.name == LOGGER]


def test_one_line_per_request_naming_the_request_actor_and_outcome(api: Api, lines: pytest.LogCaptureFixture) -> None:
    body = member_body(1, name="深圳市日志测试有限公司")
    joined = api.client.post("/v1/members", json=body, headers=auth("registrar", **{"X-Request-ID": "join-42"}))
    assert joined.status_code == 201
    [line] = requests_logged(lines)
    assert line.levelno == logging.INFO
    assert (line.request_id, line.actor, line.role) == ("join-42", "registrar-key", "registrar")  # type: ignore[attr-defined]
    assert (line.method, line.path, line.status) == ("POST", "/v1/members", 201)  # type: ignore[attr-defined]
    assert line.duration_ms >= 0  # type: ignore[attr-defined]
    text = line.getMessage()
    assert text.startswith("request_id=join-42 actor=registrar-key role=registrar method=POST path=/v1/members ")
    assert " status=201 duration_ms=" in text
    assert "\n" not in text
    assert TOKENS["registrar"] not in text
    assert "日志测试" not in text
    assert body["credit_code"] not in text


def test_refused_and_anonymous_requests_are_logged_with_their_status(api: Api, lines: pytest.LogCaptureFixture) -> None:
    api.client.get("/v1/members", headers={"Authorization": "Bearer not-a-token-at-all"})
    api.client.get("/v1/members?q=secret-search", headers=auth("reader"))
    api.post("/v1/members", {"name": "x"}, "reader")
    api.client.get("/healthz")
    logged = [(r.actor, r.role, r.method, r.path, r.status) for r in requests_logged(lines)]  # type: ignore[attr-defined]
    assert logged == [
        ("-", "-", "GET", "/v1/members", 401),
        ("reader-key", "reader", "GET", "/v1/members", 200),
        ("reader-key", "reader", "POST", "/v1/members", 403),
        ("-", "-", "GET", "/healthz", 200),
    ]
    text = "\n".join(r.getMessage() for r in requests_logged(lines))
    assert "not-a-token-at-all" not in text
    assert "secret-search" not in text
    assert TOKENS["reader"] not in text


def test_every_request_gets_an_id_in_its_line(api: Api, lines: pytest.LogCaptureFixture) -> None:
    response = api.client.get("/v1/members", headers=auth("reader"))
    [line] = requests_logged(lines)
    assert line.request_id == response.headers["x-request-id"]  # type: ignore[attr-defined]


def test_a_served_line_leads_with_its_time() -> None:
    config = logging_config()
    assert config["loggers"][LOGGER]["level"] == "INFO"
    formatter = logging.Formatter(config["formatters"]["requests"]["format"])
    record = logging.LogRecord(LOGGER, logging.INFO, __file__, 1, "request_id=r1 ...", None, None)
    assert formatter.format(record).startswith(formatter.formatTime(record))
