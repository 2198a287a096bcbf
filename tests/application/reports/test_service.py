"""Reports kept by log position: asked again before the log moves, a report is the one built; after a write, or
in another scope, it is built afresh."""

from __future__ import annotations

from datetime import date

from application.projections.kept import KeptDocuments, KeptView
from application.projections.runner import ViewRunner
from application.register import Register
from application.reports.service import REPORTS, ReportCache, build_report
from tests.conftest import REGISTRAR
from tests.factories import branch, member
from tests.scoped import IN, OUT, STREET, UNIT, UNIT_OUT, build


def test_a_report_is_kept_until_the_log_moves(register: Register) -> None:
    ident = member(register, 1)
    cache = ReportCache()
    with ViewRunner(register) as runner:
        first = build_report(register, runner, "coverage", cache=cache)
        assert build_report(register, runner, "coverage", cache=cache) is first
        scoped = build_report(register, runner, "coverage", scope=STREET, cache=cache)
        assert scoped is not first
        assert scoped["fingerprint"] != first["fingerprint"]
        register.suspend_member(REGISTRAR, ident, "未按期年检")
        moved = build_report(register, runner, "coverage", cache=cache)
        assert moved is not first
        assert moved["position"] == first["position"] + 1
        assert build_report(register, runner, "coverage", cache=cache) is moved


def test_a_report_kept_across_writes_is_what_a_fresh_build_gives(register: Register) -> None:
    two = build(register)
    cache = ReportCache()
    asked = [(name, 2023 if yearly else None, scope) for name, (yearly, _) in REPORTS.items() for scope in (None, UNIT)]
    writes = [
        lambda: register.amend_member(REGISTRAR, two.member_in, {"industry": "软件和信息技术服务业"}, "更正行业"),
        lambda: register.transfer_management(
            REGISTRAR, two.branch_in, UNIT_OUT, "territorial", date(2024, 3, 1), "划转"
        ),
        lambda: register.rename_branch(REGISTRAR, two.branch_out, "蛇口街道联合党支部", "更名"),
        lambda: register.renew_chamber_term(REGISTRAR, two.chamber_in, 2, date(2024, 3, 1), date(2029, 2, 28), "张三"),
    ]
    with ViewRunner(register) as runner:
        for name, year, scope in asked:
            build_report(register, runner, name, year, scope=scope, cache=cache)
        for write in writes:
            write()
            for name, year, scope in asked:
                kept = build_report(register, runner, name, year, scope=scope, cache=cache)
                assert kept == build_report(register, runner, name, year, scope=scope), (name, scope)
    assert 0 < cache.restamped < len(asked) * len(writes)


def test_a_coverage_report_moved_by_the_members_changed_is_what_a_fresh_build_gives(register: Register) -> None:
    two = build(register)
    cache, kept = ReportCache(), KeptDocuments(register)
    renamed = member(register, 21, IN)
    writes = [
        lambda: register.amend_member(REGISTRAR, renamed, {"name": "阿尔法科技有限公司"}, "更名"),
        lambda: register.member_report_party_members(REGISTRAR, renamed, 4, date(2024, 1, 1)),
        lambda: register.record_san_you(REGISTRAR, renamed, True, 12, True, date(2024, 1, 2)),
        lambda: register.record_san_you(REGISTRAR, two.member_in, True, 3, True, date(2024, 1, 2)),
        lambda: register.amend_member(REGISTRAR, two.member_in, {"street": OUT}, "迁址"),
        lambda: register.member_leave(REGISTRAR, two.host_out, date(2024, 3, 1), "dissolved"),
        lambda: member(register, 22, IN),
        lambda: branch(register, [renamed], street=IN, name="阿尔法党支部"),
    ]
    with ViewRunner(register) as runner:

        def live() -> KeptView:
            runner.catch_up()
            return kept.at(runner.view, register.recorder.max_notification_id() or 0)

        for scope in (None, STREET):
            build_report(register, runner, "coverage", scope=scope, cache=cache, live=live())
        for n, write in enumerate(writes):
            write()
            view = live()
            if n == 1:
                continue
            for scope in (None, STREET):
                moved = build_report(register, runner, "coverage", scope=scope, cache=cache, live=view)
                assert moved == build_report(register, runner, "coverage", scope=scope), scope
    assert cache.moved == 2 * (len(writes) - 2)
