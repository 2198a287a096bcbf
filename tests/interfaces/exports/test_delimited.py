"""Reports written as CSV and read back with the csv module: UTF-8 with a byte order mark, the same title rows,
tables and stamp as the workbook, shares written as percentages."""

from __future__ import annotations

import csv
import io

import pytest

from interfaces.exports import filing, to_csv
from tests.interfaces.exports.conftest import REPORTS, Filed


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def _section(rows: list[list[str]], sheet: str) -> list[list[str]]:
    """A table's header and rows, down to the blank line after it."""
    start = rows.index([f"【{sheet}】"]) + 1
    end = next(n for n in range(start, len(rows)) if rows[n] == [])
    return rows[start:end]


def test_the_csv_holds_the_title_rows_each_table_and_the_stamp(filed: Filed) -> None:
    report = filed.report("classification", 2020)
    rows = _rows(to_csv(filing(report, "南山区")))
    assert rows[:2] == [["南山区2020年度党组织分类定级情况统计表"], ["截至2021年12月1日；等次已生效；定级工作已结束"]]
    assert _section(rows, "等次分布") == [
        ["序号", "等次", "党组织数", "占比"],
        ["1", "先进", "1", "20.0%"],
        ["2", "一般", "2", "40.0%"],
        ["3", "软弱涣散", "1", "20.0%"],
        ["4", "未定级", "1", "20.0%"],
        ["", "合计", "5", "100.0%"],
    ]
    streets = _section(rows, "按街道")
    assert streets[1] == ["1", "南山街道", "0", "0.0%", "1", "33.3%", "1", "33.3%", "1", "33.3%", "3"]
    assert _section(rows, "调整等次")[1][1:5] == ["b5", "一般", "先进", "新建即规范"]
    assert rows[-3:] == [
        ["日志位置", str(report["position"])],
        ["哈希链头", report["chain_head"]],
        ["指纹", report["fingerprint"]],
    ]


@pytest.mark.parametrize(("name", "year"), REPORTS)
def test_every_table_of_the_workbook_is_in_the_csv(filed: Filed, name: str, year: int | None) -> None:
    laid_out = filing(filed.report(name, year))
    rows = _rows(to_csv(laid_out))
    for table in laid_out.tables:
        section = _section(rows, table.sheet)
        assert section[0] == table.headers
        numbered = section[1 : 1 + len(table.rows)]
        assert [row[0] for row in numbered] == [str(n) for n in range(1, len(table.rows) + 1)]
        assert len(section) == 1 + len(table.rows) + (1 if table.total else 0)
    assert rows[-1] == ["指纹", laid_out.stamp[-1][1]]


def test_the_key_focus_csv_writes_zero_for_a_criterion_no_one_meets(filed: Filed) -> None:
    rows = _rows(to_csv(filing(filed.report("key-focus"))))
    assert _section(rows, "按关注原因")[2] == ["2", "党员人数多", "0", "0.0%"]
    listed = dict(zip(*_section(rows, "重点关注企业")[:2], strict=True))
    assert listed["企业名称"] == "企业1"
    assert listed["关注原因"] == "资产规模大、纳税贡献大"
    assert listed["编号"] == str(filed.district.members["m1"])
