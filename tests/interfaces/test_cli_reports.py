"""``ficledger report organizational-life`` as an operator runs it: the minimums that do not apply said so in
Chinese, and the organizations overdue for election, on both stores."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from application.projections.runner import ViewRunner
from application.register import Register
from tests.conftest import REGISTRAR
from tests.factories import branch, member
from tests.interfaces.conftest import ficledger


def _district(url: str) -> dict[str, str]:
    """Two organizations, and the view a served register keeps (a report reads it, and creates nothing)."""
    register = Register({"FICLEDGER_DATABASE_URL": url})
    try:
        old = branch(register, [member(register, 1)], founded_on=date(2015, 3, 1), name="老党支部")
        grouped = branch(register, [member(register, 2)], founded_on=date(2019, 3, 1), name="大党支部", full_members=9)
        register.record_structure(REGISTRAR, grouped, True, True, date(2020, 2, 1))
        register.record_organizational_life(REGISTRAR, grouped, "life_meeting", date(2020, 12, 10), 9)
        with ViewRunner(register) as views:
            views.catch_up()
        return {"old": str(old), "grouped": str(grouped)}
    finally:
        register.close()


def test_the_report_in_json_lists_overdue_elections_and_not_applicable_minimums(store_url: str) -> None:
    made = _district(store_url)
    done = ficledger("report", "organizational-life", "2020", env={"FICLEDGER_DATABASE_URL": store_url})
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [(r["branch_id"], r["election_due_by"]) for r in report["overdue_for_election"]] == [
        (made["old"], "2018-02-28")
    ]
    rows = {r["branch_id"]: r for r in report["rows"]}
    assert rows[made["old"]]["activities"]["group_meeting"]["compliance"] == "not_applicable"
    assert rows[made["grouped"]]["activities"]["group_meeting"]["compliance"] == "short"
    assert rows[made["grouped"]]["activities"]["life_meeting"]["compliance"] == "met"


def test_the_report_in_csv_says_it_in_chinese(store_url: str) -> None:
    made = _district(store_url)
    done = ficledger(
        "report", "organizational-life", "2020", "--format", "csv", env={"FICLEDGER_DATABASE_URL": store_url}
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout.lstrip("\ufeff"))))
    overdue = rows.index(["【逾期未换届选举】"])
    assert rows[overdue + 1] == ["序号", "党组织名称", "街道", "管理单位", "应换届日期", "编号"]
    assert rows[overdue + 2] == ["1", "老党支部", "南山街道", "区非公党委", "2018-02-28", made["old"]]
    start = rows.index(["【明细】"])
    header = rows[start + 1]
    old = next(dict(zip(header, row, strict=True)) for row in rows[start + 2 :] if row and row[-1] == made["old"])
    assert old["不适用项目"] == "支委会、党小组会"
    assert "组织生活会" in old["未达标项目"].split("、")
    assert old["逾期未换届选举"] == "是"
    grouped = next(
        dict(zip(header, row, strict=True)) for row in rows[start + 2 :] if row and row[-1] == made["grouped"]
    )
    assert (grouped["设委员会"], grouped["设党小组"], grouped["不适用项目"]) == ("是", "是", "无")
    assert "组织生活会" not in grouped["未达标项目"].split("、")
