"""The console for a key with a scope, on SQLite and PostgreSQL: it names its scope, counts and lists only its
records, refuses in Chinese a record it would put outside, and the access log is the whole district's auditors'."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from application.projections.runner import ViewRunner
from application.register import Register
from interfaces.api.app import create_app
from interfaces.api.auth import ApiKeys
from interfaces.console.views.dashboard import dashboard
from interfaces.console.views.documents import snapshot
from tests.console.conftest import CSRF
from tests.factories import credit_code
from tests.scoped import IN, NAMES, OUT, STREET, UNIT, Two, build

TOKENS = {
    "zs-registrar": "zs-registrar-token",
    "zs-auditor": "zs-auditor-token",
    "auditor": "district-auditor-token",
    "reader": "district-reader-token",
}
KEYS = ApiKeys.parse(
    f"registrar:zs-registrar:{TOKENS['zs-registrar']}:street={IN},"
    f"auditor:zs-auditor:{TOKENS['zs-auditor']}:street={IN},"
    f"auditor:district-auditor:{TOKENS['auditor']},reader:district-reader:{TOKENS['reader']}"
)


@pytest.fixture
def two(register: Register) -> Two:
    return build(register)


@pytest.fixture
def app(register: Register, two: Two) -> Iterator[TestClient]:
    with TestClient(create_app(register, KEYS), follow_redirects=False) as client:
        yield client


def signed_in(app: TestClient, who: str) -> TestClient:
    client = TestClient(app.app, follow_redirects=False)
    token = CSRF.search(client.get("/console/sign-in").text)
    assert token
    answer = client.post("/console/sign-in", data={"token": TOKENS[who], "csrf_token": token.group(1)})
    assert answer.status_code == 303
    return client


def test_the_header_names_the_scope_and_the_menu_leaves_out_the_districts_pages(app: TestClient) -> None:
    scoped = signed_in(app, "zs-auditor").get("/console/").text
    assert "zs-auditor（审计员，街道：招商街道）" in scoped
    assert "访问记录" not in scoped
    district = signed_in(app, "auditor").get("/console/").text
    assert "district-auditor（审计员）" in district
    assert 'href="/console/audit/access"' in district
    assert 'href="/console/audit/access"' not in signed_in(app, "reader").get("/console/").text


def test_the_dashboard_counts_the_scope_only(register: Register, two: Two) -> None:
    with ViewRunner(register) as runner:
        whole = dashboard(register, snapshot(register, runner), date(2024, 2, 6))
        street = dashboard(register, snapshot(register, runner, STREET), date(2024, 2, 6))
        unit = dashboard(register, snapshot(register, runner, UNIT), date(2024, 2, 6))
    assert whole.totals == {"会员企业": 4, "商会": 2, "党组织": 2}
    assert street.totals == {"会员企业": 2, "商会": 1, "党组织": 1}
    assert unit.totals == {"会员企业": 0, "商会": 0, "党组织": 1}
    assert [sum(c[1] for c in year.cells) for year in street.years] == [1]
    assert whole.stage is not None
    assert street.stage is not None
    assert "2项异议未处理" in whole.stage.detail
    assert "1项异议未处理" in street.stage.detail


def test_a_list_and_its_download_hold_the_scope_and_say_so(app: TestClient) -> None:
    clerk = signed_in(app, "zs-registrar")
    page = clerk.get("/console/members").text
    assert NAMES["member"]["in"] in page
    assert NAMES["member"]["out"] not in page
    book = load_workbook(io.BytesIO(clerk.get("/console/members.xlsx").content))
    cells = {str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row}
    assert any(c.startswith("范围：街道：招商街道　") for c in cells), cells
    assert NAMES["member"]["in"] in cells
    assert NAMES["member"]["out"] not in cells


def test_joining_a_member_in_another_street_is_refused_beside_the_street(register: Register, app: TestClient) -> None:
    clerk = signed_in(app, "zs-registrar")
    csrf = CSRF.search(clerk.get("/console/members/new").text)
    assert csrf
    form = {
        "credit_code": credit_code(90),
        "name": "深圳市蛇口新企业有限公司",
        "street": OUT,
        "industry": "制造业",
        "joined_on": "2024-03-01",
        "reason": "入会",
        "csrf_token": csrf.group(1),
    }
    before = register.recorder.max_notification_id()
    refused = clerk.post("/console/members/new", data=form)
    assert refused.status_code == 422
    assert "超出本密钥的范围（街道：招商街道）：只能登记本街道的会员企业" in refused.text
    assert register.recorder.max_notification_id() == before
    joined = clerk.post("/console/members/new", data={**form, "street": IN})
    assert joined.status_code == 303


def test_auditors_of_the_district_read_the_access_log_newest_first_in_chinese(app: TestClient, two: Two) -> None:
    clerk = signed_in(app, "zs-registrar")
    clerk.get(f"/console/members/{two.member_in}")
    clerk.get(f"/console/members/{two.member_out}")
    app.get("/v1/members", headers={"Authorization": "Bearer wrong-token-1234"})
    auditor = signed_in(app, "auditor")
    page = auditor.get("/console/audit/access")
    assert page.status_code == 200
    text = page.text
    for header in ("时间", "密钥", "角色", "范围", "操作", "地址", "涉及记录", "结果"):
        assert f'<th scope="col">{header}</th>' in text
    rows = text.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    assert "/v1/members" in rows[0]
    assert "未登录" in rows[0]
    assert "未找到（404）" in rows[1]
    assert str(two.member_out) in rows[1]
    assert "zs-registrar" in rows[2]
    assert "街道：招商街道" in rows[2]
    assert "完成（200）" in rows[2]
    for token in TOKENS.values():
        assert token not in text
    assert "wrong-token-1234" not in text


def test_the_access_log_pages_back_and_refuses_a_page_it_did_not_make(app: TestClient) -> None:
    auditor = signed_in(app, "auditor")
    for _ in range(105):
        app.get("/v1/members", headers={"Authorization": f"Bearer {TOKENS['reader']}"})
    first = auditor.get("/console/audit/access").text
    assert first.count("<tr><td>") == 100
    older = first.split('href="/console/audit/access?before=')[1].split('"')[0]
    second = auditor.get(f"/console/audit/access?before={older}").text
    assert 1 <= second.count("<tr><td>") <= 100
    refused = auditor.get("/console/audit/access?before=abc")
    assert refused.status_code == 422
    assert "页码参数有误" in refused.text


def test_the_access_log_is_refused_to_a_scoped_auditor_and_to_other_roles(app: TestClient) -> None:
    scoped = signed_in(app, "zs-auditor").get("/console/audit/access")
    assert scoped.status_code == 403
    assert "本页面涉及全区的数据；限于“街道：招商街道”的密钥不能查看" in scoped.text
    assert signed_in(app, "reader").get("/console/audit/access").status_code == 403
