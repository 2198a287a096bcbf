"""``ficledger report``: the JSON of a report, and the same report laid out for filing as XLSX or CSV, titled with
FICLEDGER_DISTRICT and stamped with the JSON's fingerprint; a report that cannot be made is one line and exit 2."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from application.projections.runner import ViewRunner
from application.register import Register
from tests.application.reports import scenario

runner = CliRunner()


@pytest.fixture
def graded(store_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The report tests' district, its views made as serving it makes them, and 南山区 as the district's name."""
    register = Register({"FICLEDGER_DATABASE_URL": store_url})
    try:
        scenario.build(register)
        with ViewRunner(register) as views:
            views.catch_up()
    finally:
        register.close()
    monkeypatch.setenv("FICLEDGER_DATABASE_URL", store_url)
    monkeypatch.setenv("FICLEDGER_DISTRICT", "南山区")
    return store_url


def test_a_report_as_xlsx_is_titled_with_the_district_and_stamped_as_its_json(graded: str, tmp_path: Path) -> None:
    from interfaces.cli import cli

    shown = runner.invoke(cli, ["report", "classification", "2020"])
    assert shown.exit_code == 0, shown.output
    document = json.loads(shown.stdout)
    out = tmp_path / "classification.xlsx"
    written = runner.invoke(cli, ["report", "classification", "2020", "--format", "xlsx", "--out", str(out)])
    assert written.exit_code == 0, written.output
    assert document["fingerprint"] in written.stdout
    sheet = openpyxl.load_workbook(out)["等次分布"]
    assert sheet["A1"].value == "南山区2020年度党组织分类定级情况统计表"
    assert list(sheet.iter_rows(values_only=True))[-1][:2] == ("指纹", document["fingerprint"])


def test_the_publicity_list_comes_out_of_the_command_line_too(graded: str) -> None:
    from interfaces.cli import cli

    result = runner.invoke(cli, ["report", "publicity-notice", "2020", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    assert rows[0] == ["南山区2020年度非公有制企业党组织分类定级结果公示"]
    assert ["1", "b5", "粤海街道", "先进"] in rows


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["publicity-notice", "2030"], "no grading round 2030"),
        (["publicity-notice"], "for a year"),
    ],
)
def test_a_report_that_cannot_be_made_is_one_line_and_exit_2(graded: str, args: list[str], says: str) -> None:
    from interfaces.cli import cli

    result = runner.invoke(cli, ["report", *args])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert says in line


def test_a_round_not_yet_in_publicity_has_no_publicity_list(graded: str) -> None:
    from interfaces.cli import cli
    from tests.conftest import ASSESSOR

    register = Register({"FICLEDGER_DATABASE_URL": graded})
    try:
        register.open_round(ASSESSOR, 2021)
    finally:
        register.close()
    result = runner.invoke(cli, ["report", "publicity-notice", "2021"])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("无法生成报表 (the report cannot be made)：2021年度定级结果尚未公示")
