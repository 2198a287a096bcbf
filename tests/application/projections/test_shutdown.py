"""Shutting down while a view's thread runs: closing the register under it never crashes the process.

The register's SQLite pool closes the connections in use when it closes; a view thread that shared that pool could
be inside ``execute`` on one of them, and the process died with a segmentation fault. The scenario runs in a child
process, so that a crash fails this test instead of the test run."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCENARIO = textwrap.dedent(
    """
    import sys, time
    from application.projections.runner import ViewRunner
    from application.register import Register
    from tests.factories import member

    url = sys.argv[1]
    register = Register({"FICLEDGER_DATABASE_URL": url})
    for n in range(1, 30):
        member(register, n)
    register.close()
    for round in range(40):
        register = Register({"FICLEDGER_DATABASE_URL": url})
        runner = ViewRunner(register, batch=1)
        runner.start(interval=0)
        time.sleep(0.001 * (round % 5))
        register.close()
        runner.close()
        assert not runner._thread.is_alive()
    print("survived")
    """
)


def test_closing_the_register_under_a_running_view_thread_does_not_crash(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", SCENARIO, f"sqlite:///{tmp_path}/store.sqlite3"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "survived"
