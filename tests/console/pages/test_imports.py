"""The console's imports page: templates to download, a workbook tried first (each row's outcome and its problems
by column in Chinese, nothing recorded), then imported; only the roles that may import a kind are offered it."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from html import unescape
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from application.register import Register
from interfaces.api.app import create_app
from tests.application.imports.sheets import MEMBER_HEADERS, workbook
from tests.console.conftest import CSRF
from tests.console.district import KEYS, TOKENS
from tests.factories import credit_code

GOOD = [MEMBER_HEADERS, *[[credit_code(n), f"导入企业{n}", "南山街道", "制造业", "2020/1/5"] for n in (1, 2)]]
BAD = [*GOOD, [credit_code(3)[:-1] + "0", "导入企业3", "南山街道", "制造业", "2020年13月1日"]]


class Console:
    """A client signed in with one role's token, on an empty register."""

    def __init__(self, client: TestClient, register: Register) -> None:
        self.client = client
        self.register = register

    def sign_in(self, role: str) -> None:
        self.client.cookies.clear()
        token = CSRF.search(self.client.get("/console/sign-in").text)
        assert token
        data = {"token": TOKENS[role], "csrf_token": token.group(1), "next": "/console/"}
        assert self.client.post("/console/sign-in", data=data, follow_redirects=False).status_code == 303

    def csrf(self) -> str:
        found = CSRF.search(self.client.get("/console/").text)
        assert found
        return found.group(1)

    def upload(self, rows: list[list[Any]], action: str = "dry-run", kind: str = "members", **extra: str) -> Any:
        data = {"kind": kind, "action": action, "csrf_token": self.csrf(), **extra}
        files = {"file": ("名册.xlsx", workbook(rows), "application/octet-stream")}
        return self.client.post("/console/imports", data=data, files=files)

    def position(self) -> int:
        return self.register.recorder.max_notification_id() or 0


@pytest.fixture
def console(sqlite_url: str) -> Iterator[Console]:
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    try:
        with TestClient(create_app(register, KEYS), raise_server_exceptions=False) as client:
            signed = Console(client, register)
            signed.sign_in("registrar")
            yield signed
    finally:
        register.close()


def _cells(text: str) -> list[str]:
    return [unescape(c) for c in re.findall(r'<p class="field-error">([^<]*)</p>', text)]


def test_the_page_offers_every_template_and_the_kinds_the_role_may_import(console: Console) -> None:
    page = console.client.get("/console/imports")
    assert page.status_code == 200
    assert page.text.count('href="/console/imports/') == 5
    assert 'value="members"' in page.text
    assert 'value="reviews"' not in page.text
    template = console.client.get("/console/imports/members.xlsx")
    assert template.status_code == 200
    sheet = load_workbook(io.BytesIO(template.content)).worksheets[0]
    assert "统一社会信用代码" in [str(c.value) for c in sheet[1]]
    console.sign_in("assessor")
    page = console.client.get("/console/imports")
    assert 'value="reviews"' in page.text
    assert 'value="members"' not in page.text


def test_a_dry_run_shows_each_rows_problems_by_column_in_chinese_and_records_nothing(console: Console) -> None:
    before = console.position()
    answer = console.upload(BAD)
    assert answer.status_code == 422
    assert console.position() == before
    problems = _cells(answer.text)
    assert any(p.startswith("A列统一社会信用代码：校验码为0") for p in problems), problems
    assert any(p.startswith("E列入会日期：") for p in problems), problems
    assert "有 1 行未通过检查，没有登记任何内容" in answer.text
    assert 'name="carried"' not in answer.text


def test_a_clean_dry_run_is_confirmed_and_records_every_row(console: Console) -> None:
    before = console.position()
    tried = console.upload(GOOD)
    assert tried.status_code == 200
    assert console.position() == before
    assert tried.text.count("<td>接受</td>") == 2
    carried = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', tried.text))
    assert carried["action"] == "import"
    confirmed = console.client.post("/console/imports", data=carried)
    assert confirmed.status_code == 200, confirmed.text
    assert "已登记" in confirmed.text
    assert console.position() == before + 2
    again = console.upload(GOOD, action="import")
    assert again.text.count("<td>已在登记册中，未变化</td>") == 2
    assert console.position() == before + 2


def test_a_carried_file_altered_on_its_way_is_refused(console: Console) -> None:
    tried = console.upload(GOOD)
    carried = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', tried.text))
    before = console.position()
    altered = console.client.post("/console/imports", data={**carried, "sha256": "0" * 64})
    assert altered.status_code == 422
    assert "请选择要导入的表格文件" in altered.text
    assert console.position() == before


def test_a_file_that_is_no_spreadsheet_is_refused_in_chinese(console: Console) -> None:
    data = {"kind": "members", "action": "dry-run", "csrf_token": console.csrf()}
    answer = console.client.post("/console/imports", data=data, files={"file": ("x.xlsx", b"not a workbook", "x")})
    assert answer.status_code in (415, 422)
    assert "未能导入，没有登记任何内容" in answer.text


def test_a_role_may_not_import_another_roles_kind_nor_post_without_the_csrf_token(console: Console) -> None:
    before = console.position()
    console.sign_in("assessor")
    assert console.upload(GOOD, action="import").status_code == 403
    console.sign_in("reader")
    assert console.client.get("/console/imports").status_code == 403
    console.sign_in("registrar")
    files = {"file": ("名册.xlsx", workbook(GOOD), "application/octet-stream")}
    refused = console.client.post("/console/imports", data={"kind": "members", "action": "import"}, files=files)
    assert refused.status_code == 403
    assert console.position() == before
