"""The console in a real browser: Debian's chromium, driven by Playwright, against a real `ficledger serve` on the
small demo district. Every test saves a screenshot under tests/console/screenshots/ and fails if the page asked for
anything outside 127.0.0.1.

Without a chromium these tests skip with a reason, unless FICLEDGER_REQUIRE_BROWSER=1 (as .ci/run sets), which makes
them fail instead."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

import httpx
import pytest
from openpyxl import load_workbook

from tests.api.concurrent_support import free_port
from tests.console.district import KEYS, NAMES, TOKENS, District, build
from tests.e2e.test_serve import _ficledger

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
SCREENSHOTS = Path(__file__).parent / "screenshots"
CHINESE_DESKTOP = {"LANG": "C.UTF-8", "LANGUAGE": "zh_CN:zh"}
"""A clerk's desktop: the browser's own controls (a file picker, a date field) speak Chinese, as the screenshots
show them, given its translations (Debian's chromium-l10n)."""
REQUIRE_BROWSER = os.environ.get("FICLEDGER_REQUIRE_BROWSER") == "1"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def _missing(reason: str) -> None:
    if REQUIRE_BROWSER:
        pytest.fail(f"the browser tests are required (FICLEDGER_REQUIRE_BROWSER=1): {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        _missing("no chromium on this machine (apt-get install chromium)")
    return str(path)


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--lang=zh-CN"], env={**os.environ, **CHINESE_DESKTOP}
        )
        yield launched
        launched.close()


@contextmanager
def serving(directory: Path, database_url: str) -> Iterator[str]:
    """A real ``ficledger serve`` on ``database_url`` with the console's keys, its log in ``directory``: its address
    once it answers ``/healthz``; stopped after."""
    port = free_port()
    env = {**os.environ, "FICLEDGER_DATABASE_URL": database_url, "FICLEDGER_API_KEYS": KEYS.as_text()}
    log = (directory / "serve.log").open("w")
    process = subprocess.Popen(
        [*_ficledger(), "serve", "--host", "127.0.0.1", "--port", str(port)], env=env, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (directory / "serve.log").read_text()
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "ficledger serve did not answer /healthz"
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, District]]:
    """A real ``ficledger serve`` on a fresh copy of the small district, for this module's tests."""
    directory = tmp_path_factory.mktemp("console-browser")
    district = build(directory)
    with serving(directory, district.url) as url:
        yield url, district


class Visit:
    """One browser tab on the served console, recording every request it makes."""

    def __init__(self, page: Any, url: str, district: District) -> None:
        self.page = page
        self.url = url
        self.district = district
        self.requests: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))

    def go(self, path: str) -> None:
        self.page.goto(self.url + path)

    def sign_in(self, role: str) -> None:
        self.page.context.clear_cookies()
        self.go("/console/sign-in")
        self.page.get_by_label("访问令牌").fill(TOKENS[role])
        self.page.get_by_role("button", name="登录").click()
        self.page.wait_for_url(f"{self.url}/console/")

    def text(self, selector: str = "main") -> str:
        return str(self.page.inner_text(selector))

    def snap(self, name: str) -> None:
        """A screenshot of the page as it is now, beside the one taken at the end of the test."""
        SCREENSHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def version(self) -> int:
        return int(self.page.inner_text(".heading .badge").removeprefix("第").removesuffix("版"))


def _visit(
    browser: Any, server: tuple[str, District], request: pytest.FixtureRequest, viewport: dict[str, int]
) -> Iterator[Visit]:
    context = browser.new_context(viewport=viewport, locale="zh-CN", accept_downloads=True)
    visit = Visit(context.new_page(), *server)
    try:
        yield visit
    finally:
        SCREENSHOTS.mkdir(exist_ok=True)
        name = request.node.name.replace("[", "-").replace("]", "").replace("/", "_")
        visit.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        context.close()
    outside = [
        u for u in visit.requests if urlparse(u).scheme not in ("data", "about") and urlparse(u).hostname != "127.0.0.1"
    ]
    assert outside == [], f"the console asked for something outside the machine: {outside}"
    assert visit.requests, "the test made no request"


@pytest.fixture
def visit(browser: Any, server: tuple[str, District], request: pytest.FixtureRequest) -> Iterator[Visit]:
    yield from _visit(browser, server, request, DESKTOP)


@pytest.fixture
def phone(browser: Any, server: tuple[str, District], request: pytest.FixtureRequest) -> Iterator[Visit]:
    yield from _visit(browser, server, request, PHONE)


@pytest.mark.parametrize(
    ("role", "role_name", "entries"),
    [
        (
            "registrar",
            "登记员",
            ["首页", "会员企业", "商会", "党组织", "定级工作", "统计报表", "新会员入会", "表格导入"],
        ),
        ("assessor", "评定员", ["首页", "会员企业", "商会", "党组织", "定级工作", "统计报表", "表格导入"]),
        ("auditor", "审计员", ["首页", "会员企业", "商会", "党组织", "定级工作", "统计报表", "审计日志", "访问记录"]),
        ("reader", "查阅员", ["首页", "会员企业", "商会", "党组织", "定级工作", "统计报表"]),
        (
            "admin",
            "管理员",
            [
                "首页",
                "会员企业",
                "商会",
                "党组织",
                "定级工作",
                "统计报表",
                "新会员入会",
                "表格导入",
                "审计日志",
                "访问记录",
            ],
        ),
    ],
)
def test_each_role_signs_in_to_the_dashboard(visit: Visit, role: str, role_name: str, entries: list[str]) -> None:
    visit.sign_in(role)
    assert visit.page.locator("html").get_attribute("lang") == "zh-CN"
    assert f"{NAMES[role]}（{role_name}）" in visit.text(".who")
    assert visit.page.locator(".menu a").all_inner_texts() == entries
    assert "年度分类定级工作" in visit.text()
    assert visit.page.locator("svg.chart rect").count() > 4
    assert "党组织整顿逾期未完成" in visit.text()


def test_a_wrong_token_is_refused_in_chinese(visit: Visit) -> None:
    visit.go("/console/")
    visit.page.get_by_label("访问令牌").fill("not-a-token-at-all")
    visit.page.get_by_role("button", name="登录").click()
    assert "令牌不正确" in visit.text()
    assert visit.page.context.cookies() == [] or all(
        c["name"] != "ficledger_console" for c in visit.page.context.cookies()
    )


def test_a_clerk_searches_members_by_part_of_a_name(visit: Visit) -> None:
    visit.sign_in("registrar")
    visit.page.get_by_role("link", name="会员企业", exact=True).click()
    first = visit.page.locator("table.list tbody tr td a").first.inner_text()
    part = first[3:7]
    visit.page.get_by_label("名称或统一社会信用代码").fill(part)
    visit.page.get_by_role("button", name="查询").click()
    names = visit.page.locator("table.list tbody tr td:first-child").all_inner_texts()
    assert names
    assert all(part in name for name in names)
    assert f"q={part}" in httpx.URL(visit.page.url).query.decode() or "q=" in visit.page.url


def test_an_auditor_reads_a_timeline_steps_back_and_compares_versions(visit: Visit) -> None:
    corrected = visit.district.corrected
    visit.sign_in("auditor")
    visit.page.get_by_role("link", name="党组织", exact=True).click()
    visit.page.get_by_label("名称或统一社会信用代码").fill(corrected.name)
    visit.page.get_by_role("button", name="查询").click()
    visit.page.get_by_role("link", name=corrected.name, exact=True).click()
    grade_now = {"advanced": "先进", "average": "一般", "weak": "软弱涣散"}
    record_url = visit.page.url
    timeline = visit.text("table.timeline")
    while visit.page.locator("a[rel=next]").count():
        older = visit.page.locator("a[rel=next]").first.get_attribute("href") or ""
        visit.page.goto(urljoin(visit.page.url, older))
        timeline += visit.text("table.timeline")
    assert "成立党组织" in timeline
    assert "更正等次" in timeline
    assert "登记员" in timeline
    visit.page.goto(record_url)
    assert f"{corrected.year}年\t{grade_now[corrected.after]}" in visit.text(
        "section.panel:has(h2:text('分类定级')) table"
    )

    visit.page.get_by_label("某一版本").select_option(str(corrected.version - 1))
    visit.page.locator("form:has(#as-of-version) button").click()
    assert f"您正在查看历史：第{corrected.version - 1}版" in visit.text()
    grades = visit.text("section.panel:has(h2:text('分类定级')) table")
    assert f"{corrected.year}年\t{grade_now[corrected.before]}" in grades

    visit.page.get_by_label("对比：从").select_option(str(corrected.version - 1))
    visit.page.get_by_label("到").select_option(str(corrected.version))
    visit.page.get_by_role("button", name="对比").click()
    changes = visit.text("table.changes")
    assert f"分类定级 › {corrected.year} › 等次\t{grade_now[corrected.before]}\t{grade_now[corrected.after]}" in changes
    assert "更正等次" in visit.text("table.timeline")


def test_a_review_that_breaks_a_rule_is_explained_beside_its_field_and_records_nothing(visit: Visit) -> None:
    visit.sign_in("assessor")
    visit.go(f"/console/branches/{visit.district.graded}")
    before = visit.version()
    visit.page.get_by_role("link", name="述职评议", exact=True).click()
    visit.page.get_by_label("评议年度").fill(str(visit.district.open_year))
    visit.page.get_by_label("得分").fill("88")
    visit.page.get_by_label("评议日期").fill(f"{visit.district.open_year + 1}-01-10")
    visit.page.get_by_label("评议人（单位）").fill("区委组织部考核组")
    visit.page.get_by_role("button", name="提交").click()
    message = f"{visit.district.open_year}年度的述职评议已经录入"
    assert visit.page.locator("#error-year").inner_text() == message
    assert "未能记录，没有保存任何内容" in visit.text(".error-summary")
    assert visit.page.get_by_label("得分").input_value() == "88"
    visit.snap("review-refused-beside-its-field")
    visit.go(f"/console/branches/{visit.district.graded}")
    assert visit.version() == before


def test_an_assessor_corrects_a_grade_and_is_offered_no_registrars_form(visit: Visit) -> None:
    visit.sign_in("assessor")
    visit.go(f"/console/branches/{visit.district.graded}")
    before = visit.version()
    assert visit.page.get_by_role("link", name="记录组织生活").count() == 0
    now = visit.page.locator("section.panel:has(h2:text('分类定级')) tbody tr").first.locator("td").nth(1).inner_text()
    other = "软弱涣散" if now != "软弱涣散" else "一般"
    visit.page.get_by_role("link", name="更正等次").click()
    visit.page.get_by_label("年度", exact=True).fill(str(visit.district.open_year))
    visit.page.get_by_label("更正后等次").select_option(label=other)
    visit.page.get_by_label("更正理由").fill("复核发现组织生活记录不全")
    visit.page.get_by_role("button", name="提交").click()
    assert "已记录：更正等次" in visit.text()
    assert visit.version() == before + 1
    row = visit.page.locator("section.panel:has(h2:text('分类定级')) tbody tr").first.inner_text()
    assert row.startswith(f"{visit.district.open_year}年\t{other}")


def test_a_registrar_joins_a_member(visit: Visit) -> None:
    from tests.factories import credit_code

    visit.sign_in("registrar")
    visit.page.get_by_role("link", name="新会员入会").first.click()
    visit.page.get_by_label("统一社会信用代码").fill(credit_code(9901))
    visit.page.get_by_label("企业名称").fill("深圳市浏览器测试科技有限公司")
    visit.page.get_by_label("所在街道").fill("粤海街道")
    visit.page.get_by_label("所属行业").fill("软件和信息服务")
    visit.page.get_by_label("入会日期").fill("2022-03-01")
    visit.page.get_by_label("备注（理由）").fill("经会长办公会审议同意")
    visit.page.get_by_role("button", name="提交").click()
    text = visit.text()
    assert "已记录：新会员入会" in text
    assert "深圳市浏览器测试科技有限公司" in text
    assert "2022年3月1日" in text


def test_every_field_of_a_form_is_labelled_and_reached_by_the_keyboard(visit: Visit) -> None:
    visit.sign_in("registrar")
    visit.go("/console/members/new")
    ids = ["field-credit_code", "field-name", "field-street", "field-industry", "field-joined_on", "field-reason"]
    for ident in ids:
        assert visit.page.locator(f"label[for='{ident}']").count() == 1
    reached = []
    for _ in range(40):
        visit.page.keyboard.press("Tab")
        reached.append(visit.page.evaluate("document.activeElement.id"))
    assert all(ident in reached for ident in ids)


def test_the_filtered_list_downloads_as_xlsx(visit: Visit) -> None:
    visit.sign_in("reader")
    visit.go("/console/branches?status=active")
    shown = int(visit.page.locator(".list-summary strong").inner_text())
    with visit.page.expect_download() as downloading:
        visit.page.get_by_role("link", name="下载 Excel").click()
    download = downloading.value
    assert download.suggested_filename.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    rows = list(workbook[workbook.sheetnames[-1]].iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[:2] == ("序号", "名称"))
    numbered = [row for row in rows[header + 1 :] if isinstance(row[0], int)]
    assert len(numbered) == shown
    assert ("条数", shown) in {row[:2] for row in rows}


def test_a_reader_sees_no_write_form_and_a_hand_made_post_is_refused(visit: Visit) -> None:
    visit.sign_in("reader")
    branch = visit.district.corrected.branch_id
    visit.go(f"/console/branches/{branch}")
    assert visit.page.locator(".record-actions").count() == 0
    assert "时间线" not in visit.text()
    csrf = visit.page.locator("input[name=csrf_token]").first.input_value()
    answer = visit.page.request.post(
        f"{visit.url}/console/branches/{branch}/grade",
        form={"csrf_token": csrf, "year": str(visit.district.open_year), "grade": "weak", "override_reason": "x"},
    )
    assert answer.status == 403
    assert "查阅员不能进行此操作" in answer.text()
    visit.go(f"/console/branches/{branch}/grade")
    assert "查阅员不能进行此操作" in visit.text()


def test_a_form_without_its_csrf_token_is_refused(visit: Visit) -> None:
    visit.sign_in("registrar")
    visit.go("/console/members/new")
    visit.page.evaluate("document.querySelector('form.form input[name=csrf_token]').remove()")
    visit.page.get_by_label("企业名称").fill("深圳市无令牌有限公司")
    visit.page.get_by_role("button", name="提交").click()
    assert "表单已失效" in visit.text()
    visit.go("/console/members?q=无令牌")
    assert "没有符合条件的记录" in visit.text()


def test_the_console_fits_a_phones_width(phone: Visit) -> None:
    phone.sign_in("auditor")
    branch = f"/console/branches/{phone.district.corrected.branch_id}"
    reports = ["/console/reports/classification?year=2020", "/console/reports/organizational-life?year=2020"]
    for path in ["/console/", branch, "/console/members", *reports, "/console/audit", "/console/audit/access"]:
        phone.go(path)
        width = phone.page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width}px wide on a {PHONE['width']}px screen"


def test_a_clerks_form_and_the_imports_fit_a_phones_width(phone: Visit) -> None:
    phone.sign_in("registrar")
    branch = f"/console/branches/{phone.district.corrected.branch_id}"
    for path in [f"{branch}/postpone-election", "/console/branches/new", "/console/imports", branch]:
        phone.go(path)
        width = phone.page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width}px wide on a {PHONE['width']}px screen"


def test_a_member_leaving_before_it_joined_is_refused_in_chinese_and_nothing_recorded(visit: Visit) -> None:
    visit.sign_in("registrar")
    visit.go("/console/members?status=active")
    visit.page.locator("table.list tbody tr a").first.click()
    before = visit.version()
    visit.page.get_by_role("link", name="退会", exact=True).click()
    visit.page.get_by_label("退会日期").fill("2000-01-05")
    visit.page.get_by_label("退会原因").select_option(label="主动退会")
    visit.page.get_by_role("button", name="提交").click()
    assert visit.page.locator("#error-on").inner_text() == "日期早于该企业入会日期"
    assert "未能记录，没有保存任何内容" in visit.text(".error-summary")
    visit.snap("member-leave-refused-beside-its-field")
    visit.page.get_by_role("link", name="取消").click()
    assert visit.version() == before


def test_a_registrar_tries_then_imports_a_sheet_of_members(visit: Visit, tmp_path: Path) -> None:
    from openpyxl import Workbook

    from tests.factories import credit_code

    book = Workbook()
    book.active.append(["统一社会信用代码", "企业名称", "街道", "行业", "入会时间"])
    book.active.append([credit_code(9801), "深圳市表格导入科技有限公司", "粤海街道", "软件", "2023年4月1日"])
    book.active.append([credit_code(9802)[:-1] + "0", "深圳市校验错误有限公司", "粤海街道", "软件", "2023/4/1"])
    bad = tmp_path / "会员名册.xlsx"
    book.save(bad)
    visit.sign_in("registrar")
    visit.page.get_by_role("link", name="表格导入").click()
    visit.page.wait_for_url(f"{visit.url}/console/imports")
    visit.page.get_by_label("导入类型").select_option(label="会员企业")
    visit.page.get_by_label("表格文件（.xlsx 或 .csv，不超过20MB）").set_input_files(str(bad))
    visit.page.get_by_role("button", name="试导入（不登记）").click()
    assert "有 1 行未通过检查，没有登记任何内容" in visit.text()
    assert "A列统一社会信用代码：校验码为0" in visit.text("table.import-rows")
    visit.snap("import-dry-run-refused-by-row-and-column")
    book.active.delete_rows(3)
    good = tmp_path / "会员名册（改）.xlsx"
    book.save(good)
    visit.page.get_by_label("导入类型").select_option(label="会员企业")
    visit.page.get_by_label("表格文件（.xlsx 或 .csv，不超过20MB）").set_input_files(str(good))
    visit.page.get_by_role("button", name="试导入（不登记）").click()
    assert "每一行都通过了检查，尚未登记" in visit.text()
    visit.page.get_by_role("button", name="确认导入这 1 行").click()
    assert "已登记" in visit.text()
    visit.go("/console/members?q=表格导入科技")
    assert "深圳市表格导入科技有限公司" in visit.text()


def test_an_auditor_reads_the_access_log_from_the_menu(visit: Visit) -> None:
    visit.sign_in("auditor")
    visit.go("/console/members")
    visit.page.get_by_role("link", name="访问记录").click()
    visit.page.wait_for_url(f"{visit.url}/console/audit/access")
    headers = visit.page.locator("thead th").all_inner_texts()
    assert headers == ["序号", "时间", "密钥", "角色", "范围", "操作", "地址", "涉及记录", "结果"]
    newest = visit.page.locator("tbody tr").first.inner_text()
    assert "/console/members" in newest
    assert NAMES["auditor"] in newest
    assert "完成（200）" in newest
    assert TOKENS["auditor"] not in visit.text()


def test_a_clerk_opens_a_report_reads_its_chart_and_fingerprint_and_prints_it(visit: Visit) -> None:
    visit.sign_in("registrar")
    visit.page.get_by_role("link", name="统计报表").click()
    visit.page.get_by_role("link", name="2020年度").first.click()
    assert visit.page.locator("h1").inner_text() == "2020年度党组织分类定级情况统计表"
    chart = visit.page.locator("svg.chart")
    assert chart.locator("rect").count() > 4
    assert chart.locator("a").count() > 0
    api = httpx.get(
        f"{visit.url}/v1/reports/classification/2020", headers={"Authorization": f"Bearer {TOKENS['reader']}"}
    ).json()
    assert visit.page.locator("#stamp-fingerprint").inner_text() == api["fingerprint"]
    assert visit.page.locator("#stamp-position").inner_text() == str(api["position"])
    assert visit.page.locator("#stamp-head").inner_text() == api["chain_head"]
    weak = visit.page.locator("section.report-table:has(h2:text('等次分布')) tbody tr").nth(2)
    assert weak.locator("td").nth(2).inner_text() == str(api["totals"]["weak"])
    visit.snap("report-classification")
    visit.page.emulate_media(media="print")
    assert not visit.page.locator("nav.menu").is_visible()
    assert not visit.page.locator("form.report-tools").is_visible()
    assert visit.page.locator(".report-stamp").is_visible()
    assert visit.page.locator("h1").is_visible()
    visit.snap("report-classification-print")
    visit.page.emulate_media(media="screen")


def test_an_auditor_verifies_the_chain_from_the_audit_log(visit: Visit) -> None:
    visit.sign_in("auditor")
    visit.page.get_by_role("link", name="审计日志").click()
    visit.page.wait_for_url(f"{visit.url}/console/audit")
    assert visit.page.locator("table.log tbody tr").count() == 50
    visit.page.get_by_role("link", name="核验哈希链").click()
    visit.page.get_by_role("button", name="开始核验").click()
    assert "哈希链完整：日志自记录以来未被改动" in visit.text("#verdict")
