"""The audit pages through HTTP on the small demo district: the event log newest first with each event's link in
the chain, its filters, verification (whole, against a report's head, and on an altered store), the export, the
access log's rows, and that only the roles the API lets read the log reach them."""

from __future__ import annotations

import io
import re
import tempfile
import threading
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from application.audit.history import history
from application.audit.transfer import export_log
from application.audit.verify import verify
from application.register import Register
from tests.application.audit.raw import RawStore
from tests.console.conftest import Clerk
from tests.console.district import District
from tests.console.pages.test_reports import tables

POSITION = re.compile(r'<td class="num">(\d+)</td>')
OLDER = re.compile(r'<a rel="next" href="([^"]+)">更早的事件</a>')


def positions(page: str) -> list[int]:
    return [int(p) for p in POSITION.findall(page)]


def test_the_log_is_newest_first_each_event_with_its_link_and_pages_back(
    clerk: Clerk, district_register: Register
) -> None:
    clerk.sign_in("auditor")
    page = clerk.client.get("/console/audit").text
    end = district_register.recorder.max_notification_id() or 0
    assert positions(page) == list(range(end, end - 50, -1))
    assert f'title="{district_register.chain_head_at(end)}"' in page
    row = tables(page).tables[""][1]
    assert row[1].startswith("20")
    assert "年" in row[1]
    older = OLDER.search(page)
    assert older
    assert positions(clerk.client.get(older.group(1).replace("&amp;", "&")).text)[0] == end - 50


def test_the_log_is_filtered_by_record_kind_who_and_day(
    clerk: Clerk, district: District, district_register: Register
) -> None:
    clerk.sign_in("auditor")
    corrected = district.corrected.branch_id
    events = history(district_register, UUID(corrected), "branch", "PartyBranch")
    page = clerk.client.get(f"/console/audit?record={corrected}").text
    assert positions(page) == sorted((e["position"] for e in events), reverse=True)[:50]
    assert f'href="/console/branches/{corrected}?version={events[-1]["version"]}"' in page
    rounds = tables(clerk.client.get("/console/audit?kind=round").text).tables[""][1:]
    assert rounds
    assert all("年度分类定级" in row[2] for row in rounds)
    actor = events[-1]["actor"]["name"]
    by_actor = tables(clerk.client.get(f"/console/audit?who={actor}").text).tables[""][1:]
    assert by_actor
    assert all(row[4].startswith(actor) for row in by_actor)
    recorded = events[-1]["recorded_at"][:10]
    on_day = clerk.client.get(f"/console/audit?day={recorded}&record={corrected}").text
    assert events[-1]["position"] in positions(on_day)
    assert positions(clerk.client.get(f"/console/audit?day=2001-01-01&record={corrected}").text) == []
    refused = clerk.client.get("/console/audit?record=not-an-id")
    assert refused.status_code == 422
    assert "记录编号应为完整的编号" in refused.text


def test_verification_holds_and_checks_a_reports_head(clerk: Clerk, district_register: Register) -> None:
    clerk.sign_in("auditor")
    end = district_register.recorder.max_notification_id() or 0
    page = clerk.client.get("/console/audit/verify?run=1").text
    assert "哈希链完整：日志自记录以来未被改动" in page
    assert f"已核验 {end} 个事件" in page
    report = clerk.client.get("/console/reports/coverage").text
    link = re.search(r'href="(/console/audit/verify\?position=[^"]+)">核验此报表的哈希链头<', report)
    assert link
    head = district_register.chain_head_at(end)
    assert link.group(1).replace("&amp;", "&") == f"/console/audit/verify?position={end}&head={head}"
    anchored = clerk.client.get(link.group(1).replace("&amp;", "&")).text
    assert "日志经过所给的链头" in anchored
    wrong = clerk.client.get(f"/console/audit/verify?position={end}&head={'0' * 64}").text
    assert f"哈希链在第 {end} 条处断开" in wrong
    assert "哈希链不经过所给的链头" in wrong


def test_an_altered_event_is_named_at_its_position_and_the_log_is_not_exported(
    clerk: Clerk, district: District
) -> None:
    clerk.sign_in("admin")
    raw = RawStore(district.url)
    raw.run(f"UPDATE {raw.events} SET topic = 'domain.member:Member.Reinstated' WHERE {raw.pos} = 7")
    page = clerk.client.get("/console/audit/verify?run=1").text
    assert "哈希链在第 7 条处断开：日志被改动过" in page
    assert "这个事件或它的链环节被改动、替换或挪动过" in page
    assert "此前的 6 个事件核验无误" in page
    refused = clerk.client.get("/console/audit/export")
    assert refused.status_code == 409
    assert "日志在第 7 条处被改动过，没有导出" in refused.text


def test_the_export_is_the_command_lines_export(clerk: Clerk, district_register: Register) -> None:
    clerk.sign_in("auditor")
    answer = clerk.client.get("/console/audit/export")
    assert answer.status_code == 200
    assert "attachment" in answer.headers["content-disposition"]
    expected = io.StringIO()
    export_log(district_register, expected)
    assert answer.text == expected.getvalue()
    assert list(Path(tempfile.gettempdir()).glob("ficledger-export-*")) == []


@pytest.mark.parametrize("role", ["reader", "registrar", "assessor"])
def test_the_audit_pages_are_refused_to_the_roles_the_api_refuses(clerk: Clerk, role: str) -> None:
    clerk.sign_in(role)
    menu = clerk.client.get("/console/").text.split('<nav class="menu"', 1)[1].split("</nav>", 1)[0]
    assert "审计日志" not in menu
    for path in ("/console/audit", "/console/audit/verify?run=1", "/console/audit/export"):
        answer = clerk.client.get(path)
        assert answer.status_code == 403, path
        assert "不能进行此操作；可以进行的角色：管理员、审计员" in answer.text


def test_an_access_row_counts_the_records_of_a_list_and_keeps_its_time_on_one_line(clerk: Clerk) -> None:
    clerk.sign_in("auditor")
    listed = clerk.client.get("/console/members").text
    ids = re.findall(r'href="/console/members/([0-9a-f-]{36})"', listed)
    assert len(ids) == 40 or len(ids) == 50
    page = clerk.client.get("/console/audit/access").text
    row = next(r for r in page.split("<tr>") if "/console/members</td>" in r)
    assert f"<summary>{len(ids)} 条记录</summary>" in row
    assert '<td class="nowrap">' in row
    assert ids[0] in row


def test_a_search_that_finds_little_stops_at_its_budget_and_offers_to_look_on(
    clerk: Clerk, district_register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("interfaces.console.views.audit.SCAN_DECODED", 100)
    monkeypatch.setattr("interfaces.console.views.audit.WINDOW", 100)
    clerk.sign_in("auditor")
    end = district_register.recorder.max_notification_id() or 0
    page = clerk.client.get("/console/audit?who=无此经办人").text
    assert "没有符合条件的事件" in page
    assert f"已查至第 {end - 99} 条" in page
    on = re.search(r'href="([^"]+)">继续向前查找</a>', page)
    assert on
    assert f"before={end - 99}" in on.group(1)
    assert f"已查至第 {end - 199} 条" in clerk.client.get(on.group(1).replace("&amp;", "&")).text


def test_a_long_verification_answers_with_its_progress_then_its_verdict(
    clerk: Clerk, district_register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    go = threading.Event()

    def held(*args: Any, **kwargs: Any) -> Any:
        go.wait(30)
        return verify(*args, **kwargs)

    monkeypatch.setattr("interfaces.console.verifications.verify", held)
    monkeypatch.setattr("interfaces.console.pages.audit.WAIT", 0.01)
    clerk.sign_in("auditor")
    started = clerk.client.get("/console/audit/verify?run=1", follow_redirects=False)
    assert started.status_code == 303
    progress_page = started.headers["location"]
    assert progress_page.startswith("/console/audit/verify?job=")
    running = clerk.client.get(progress_page).text
    assert "正在核验" in running
    assert '<meta http-equiv="refresh" content="2">' in running
    go.set()
    job = clerk.client.app.state.verifications.get(progress_page.rsplit("=", 1)[1])  # type: ignore[attr-defined]
    assert job.done.wait(30)
    done = clerk.client.get(progress_page).text
    assert "哈希链完整：日志自记录以来未被改动" in done
    assert "refresh" not in done
    assert clerk.client.get("/console/audit/verify?job=unknown").status_code == 404
