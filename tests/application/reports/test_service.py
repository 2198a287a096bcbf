"""Reports kept by log position: asked again before the log moves, a report is the one built; after a write, or
in another scope, it is built afresh."""

from __future__ import annotations

from application.projections.runner import ViewRunner
from application.register import Register
from application.reports.service import ReportCache, build_report
from tests.conftest import REGISTRAR
from tests.factories import member
from tests.scoped import STREET


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
