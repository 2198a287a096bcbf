"""The console through HTTP on the small demo district: signing in and out, menus by role, CSRF, refusals in
Chinese, downloads, and the headers every page carries."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from application.register import Register
from interfaces.console.session import SignInThrottle
from tests.console.conftest import CSRF, Clerk
from tests.console.district import TOKENS, District
from tests.factories import credit_code, member

UUID_LINK = re.compile(r'href="/console/branches/([0-9a-f-]{36})"')


def _a_branch(clerk: Clerk) -> str:
    found = UUID_LINK.search(clerk.client.get("/console/branches").text)
    assert found
    return found.group(1)


def test_a_page_without_a_session_sends_the_browser_to_sign_in_and_back(clerk: Clerk) -> None:
    answer = clerk.client.get("/console/branches?street=x", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/sign-in?next=/console/branches%3Fstreet%3Dx"


def test_signing_in_sets_a_signed_httponly_strict_cookie_for_eight_hours(clerk: Clerk) -> None:
    form = clerk.client.get("/console/sign-in")
    token = CSRF.search(form.text)
    assert token
    answer = clerk.client.post(
        "/console/sign-in",
        data={"token": TOKENS["registrar"], "csrf_token": token.group(1), "next": "/console/members"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/members"
    cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith("ficledger_console="))
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie
    assert "Max-Age=28800" in cookie
    assert "Path=/console" in cookie
    assert TOKENS["registrar"] not in cookie


def test_a_wrong_token_is_refused_counted_and_slowed_and_a_right_one_clears_the_count(clerk: Clerk) -> None:
    throttle = SignInThrottle(base=0.001, ceiling=0.004)
    clerk.client.app.state.console.throttle = throttle  # type: ignore[attr-defined]
    for attempt in (1, 2):
        token = CSRF.search(clerk.client.get("/console/sign-in").text)
        assert token
        answer = clerk.client.post("/console/sign-in", data={"token": "wrong-token", "csrf_token": token.group(1)})
        assert answer.status_code == 401
        assert f"令牌不正确，请核对后重试（已连续失败{attempt}次" in answer.text
        assert "ficledger_console=" not in answer.headers.get("set-cookie", "")
    assert throttle.failures("testclient") == 2
    assert throttle.delay("testclient") == 0.002
    clerk.sign_in("reader")
    assert throttle.failures("testclient") == 0


def test_a_sign_in_form_without_its_csrf_token_is_refused(clerk: Clerk) -> None:
    clerk.client.get("/console/sign-in")
    answer = clerk.client.post("/console/sign-in", data={"token": TOKENS["admin"]}, follow_redirects=False)
    assert answer.status_code == 403
    assert "登录页面已过期" in answer.text


def test_a_sign_in_never_sends_the_browser_to_another_site(clerk: Clerk) -> None:
    token = CSRF.search(clerk.client.get("/console/sign-in").text)
    assert token
    data = {"token": TOKENS["reader"], "csrf_token": token.group(1), "next": "//elsewhere.example/"}
    answer = clerk.client.post("/console/sign-in", data=data, follow_redirects=False)
    assert answer.headers["location"] == "/console/"


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("registrar", ["会员企业", "新会员入会"], []),
        ("assessor", ["党组织", "定级工作"], ["新会员入会"]),
        ("reader", ["首页", "商会"], ["新会员入会"]),
    ],
)
def test_the_menu_shows_what_the_role_may_do(clerk: Clerk, role: str, shown: list[str], hidden: list[str]) -> None:
    clerk.sign_in(role)
    page = clerk.client.get("/console/")
    assert page.status_code == 200
    menu = page.text.split('<nav class="menu"', 1)[1].split("</nav>", 1)[0]
    for title in shown:
        assert f">{title}</a>" in menu
    for title in hidden:
        assert f">{title}</a>" not in menu


def test_forms_are_offered_to_the_roles_that_may_send_them(clerk: Clerk) -> None:
    clerk.sign_in("assessor")
    branch = _a_branch(clerk)
    page = clerk.client.get(f"/console/branches/{branch}").text
    assert f'href="/console/branches/{branch}/review"' in page
    assert f'href="/console/branches/{branch}/organizational-life"' not in page
    assert "时间线" not in page


def test_a_reader_sees_no_write_form_and_a_hand_made_post_is_403(clerk: Clerk, district_register: Register) -> None:
    clerk.sign_in("reader")
    branch = _a_branch(clerk)
    page = clerk.client.get(f"/console/branches/{branch}").text
    assert "/review" not in page
    assert '<form method="post" class="form"' not in page
    assert clerk.client.get(f"/console/branches/{branch}/review").status_code == 403
    before = district_register.recorder.max_notification_id()
    csrf = clerk.csrf("/console/")
    answer = clerk.client.post(
        f"/console/branches/{branch}/review",
        data={"csrf_token": csrf, "year": "2021", "score": "90", "reviewed_on": "2022-01-05", "reviewer": "x"},
    )
    assert answer.status_code == 403
    assert "查阅员不能进行此操作" in answer.text
    assert district_register.recorder.max_notification_id() == before


def test_a_form_without_its_csrf_token_is_refused_and_records_nothing(
    clerk: Clerk, district_register: Register
) -> None:
    clerk.sign_in("registrar")
    before = district_register.recorder.max_notification_id()
    data = {
        "credit_code": credit_code(901),
        "name": "某公司",
        "street": "街道",
        "industry": "制造",
        "joined_on": "2022-03-01",
    }
    answer = clerk.send("/console/members/new", data, with_csrf=False)
    assert answer.status_code == 403  # type: ignore[attr-defined]
    assert "表单已失效" in answer.text  # type: ignore[attr-defined]
    assert district_register.recorder.max_notification_id() == before


def test_a_registrar_joins_a_member_and_a_refused_join_shows_why_beside_the_field(
    clerk: Clerk, district_register: Register
) -> None:
    clerk.sign_in("registrar")
    data = {
        "credit_code": credit_code(902)[:-1] + ("0" if credit_code(902)[-1] != "0" else "1"),
        "name": "深圳市新会员有限公司",
        "street": "粤海街道",
        "industry": "软件",
        "joined_on": "2022-03-01",
    }
    before = district_register.recorder.max_notification_id()
    refused = clerk.send("/console/members/new", data)
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert '<p class="field-error" id="error-credit_code">校验码为' in refused.text  # type: ignore[attr-defined]
    assert 'value="深圳市新会员有限公司"' in refused.text  # type: ignore[attr-defined]
    assert district_register.recorder.max_notification_id() == before
    joined = clerk.send("/console/members/new", {**data, "credit_code": credit_code(902)})
    assert joined.status_code == 303  # type: ignore[attr-defined]
    page = clerk.client.get(joined.headers["location"])  # type: ignore[attr-defined]
    assert "已记录：新会员入会" in page.text
    assert "2022年3月1日" in page.text


def test_only_auditors_step_back_in_time(clerk: Clerk, district: District) -> None:
    branch = district.corrected.branch_id
    clerk.sign_in("reader")
    assert clerk.client.get(f"/console/branches/{branch}?version=1").status_code == 403
    assert clerk.client.get(f"/console/branches/{branch}/changes?before=1&after=2").status_code == 403
    clerk.sign_in("auditor")
    page = clerk.client.get(f"/console/branches/{branch}?version=1")
    assert page.status_code == 200
    assert "您正在查看历史：第1版" in page.text
    assert "时间线" in page.text


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("?version=abc", 422, "版本应为正整数"),
        ("?day=someday", 422, "日期应写作"),
        ("/changes?before=1", 422, "请选择"),
    ],
)
def test_a_malformed_history_request_is_explained(
    clerk: Clerk, district: District, query: str, status: int, message: str
) -> None:
    clerk.sign_in("auditor")
    answer = clerk.client.get(f"/console/branches/{district.corrected.branch_id}{query}")
    assert answer.status_code == status
    assert message in answer.text


def test_the_filtered_list_downloads_as_a_workbook_with_chinese_headers(clerk: Clerk) -> None:
    clerk.sign_in("reader")
    page = clerk.client.get("/console/members?status=active").text
    total = int(re.search(r"共 <strong>(\d+)</strong> 条", page).group(1))  # type: ignore[union-attr]
    answer = clerk.client.get("/console/members.xlsx?status=active")
    assert answer.status_code == 200
    assert "filename*=UTF-8''%E4%BC%9A%E5%91%98" in answer.headers["content-disposition"]
    workbook = load_workbook(io.BytesIO(answer.content))
    assert workbook.sheetnames == ["会员企业名单"]
    rows = list(workbook["会员企业名单"].iter_rows(values_only=True))
    assert rows[0][0] == "会员企业名单"
    assert rows[2][:3] == ("序号", "名称", "统一社会信用代码")
    listed = rows[3 : 3 + total]
    assert [r[0] for r in listed] == list(range(1, total + 1))
    assert {r[5] for r in listed} == {"正常"}
    assert rows[-1][:2] == ("条数", total)


def test_pages_are_chinese_self_contained_and_carry_security_headers(clerk: Clerk) -> None:
    clerk.sign_in("admin")
    for path in ["/console/", "/console/members", "/console/rounds", "/console/members/new"]:
        answer = clerk.client.get(path)
        assert answer.status_code == 200, path
        assert '<html lang="zh-CN">' in answer.text
        assert "default-src 'self'" in answer.headers["content-security-policy"]
        assert answer.headers["cache-control"] == "no-store"
        assert not re.search(r'(src|href)="(https?:)?//', answer.text), path
    assert clerk.client.get("/console/static/console.css").status_code == 200


def test_signing_out_ends_the_session_in_the_browser(clerk: Clerk) -> None:
    clerk.sign_in("reader")
    csrf = clerk.csrf("/console/")
    answer = clerk.client.post("/console/sign-out", data={"csrf_token": csrf}, follow_redirects=False)
    assert answer.headers["location"] == "/console/sign-in?signed_out=true"
    assert clerk.client.get("/console/", follow_redirects=False).status_code == 303


def test_an_unknown_console_page_is_a_chinese_404_and_static_files_still_load(clerk: Clerk) -> None:
    clerk.sign_in("reader")
    answer = clerk.client.get("/console/nothing/here")
    assert answer.status_code == 404
    assert "没有这个页面" in answer.text
    assert clerk.client.get("/console/static/console.js").status_code == 200


def test_a_members_page_links_to_the_organizations_it_hosts(clerk: Clerk, district: District) -> None:
    clerk.sign_in("reader")
    branch = clerk.client.get(f"/console/branches/{district.graded}").text
    member = re.search(r'<dt>所在企业</dt>\s*<dd><a href="(/console/members/[0-9a-f-]{36})"', branch)
    assert member
    assert f'href="/console/branches/{district.graded}"' in clerk.client.get(member.group(1)).text


def test_a_list_is_kept_until_the_log_moves(clerk: Clerk, district_register: Register) -> None:
    clerk.sign_in("reader")
    lists = clerk.client.app.state.console_lists  # type: ignore[attr-defined]
    first = clerk.client.get("/console/members?q=企业9803").text
    built = lists.built
    assert clerk.client.get("/console/members?q=企业9803").text == first
    assert lists.built == built
    member(district_register, 9803)
    after = clerk.client.get("/console/members?q=企业9803").text
    assert lists.built == built + 1
    assert "共 <strong>0</strong> 条" in first
    assert "共 <strong>1</strong> 条" in after
