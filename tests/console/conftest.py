"""The console's fixtures: the small demo district, built once per session, and a test client per role."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from application.projections.runner import ViewRunner
from application.register import Register
from interfaces.api.app import create_app
from tests.application.reports.scenario import build as build_hand_worked
from tests.console.district import KEYS, TOKENS, District, build
from tests.console.hand_worked import Built

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def built(register: Register) -> Built:
    """The hand-worked district of the report tests, on SQLite and on PostgreSQL."""
    district = build_hand_worked(register)
    return Built(register, district, ViewRunner(register))


@pytest.fixture(scope="session")
def district_template(tmp_path_factory: pytest.TempPathFactory) -> District:
    return build(tmp_path_factory.mktemp("console-district"))


@pytest.fixture
def district(district_template: District, tmp_path: Path) -> District:
    """A fresh copy of the small district for one test, so that what it records stays its own."""
    source = Path(district_template.url.removeprefix("sqlite:///"))
    target = tmp_path / "district.sqlite3"
    for part in source.parent.glob(f"{source.name}*"):
        shutil.copy(part, tmp_path / part.name)
    return District(
        f"sqlite:///{target}", district_template.corrected, district_template.open_year, district_template.graded
    )


@pytest.fixture
def district_register(district: District) -> Iterator[Register]:
    register = Register({"FICLEDGER_DATABASE_URL": district.url})
    try:
        yield register
    finally:
        register.close()


class Clerk:
    """A browser stand-in: a client that signs in with a role's token and sends forms with their CSRF token."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    def sign_in(self, role: str) -> None:
        self.client.cookies.clear()
        form = self.client.get("/console/sign-in")
        token = CSRF.search(form.text)
        assert token
        answer = self.client.post(
            "/console/sign-in",
            data={"token": TOKENS[role], "csrf_token": token.group(1), "next": "/console/"},
            follow_redirects=False,
        )
        assert answer.status_code == 303, answer.text

    def csrf(self, path: str) -> str:
        found = CSRF.search(self.client.get(path).text)
        assert found, f"{path} has no form with a CSRF token"
        return found.group(1)

    def get(self, path: str, **kwargs: object) -> object:
        return self.client.get(path, **kwargs)  # type: ignore[arg-type]

    def send(self, path: str, data: dict[str, object], *, with_csrf: bool = True) -> object:
        body = dict(data)
        if with_csrf:
            body["csrf_token"] = self.csrf(path)
        return self.client.post(path, data=body, follow_redirects=False)


@pytest.fixture
def console_app(district_register: Register) -> Iterator[TestClient]:
    with TestClient(create_app(district_register, KEYS), raise_server_exceptions=True) as client:
        yield client


@pytest.fixture
def clerk(console_app: TestClient) -> Clerk:
    return Clerk(console_app)
