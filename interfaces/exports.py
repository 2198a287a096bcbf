"""Reports as spreadsheets: XLSX (a sheet per section, header row frozen) and CSV (UTF-8 with BOM), Chinese first."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

LABELS = {
    "advanced": "先进",
    "average": "一般",
    "weak": "软弱涣散",
    "ungraded": "未定级",
    "total": "合计",
    "provisional": "公示中（未生效）",
    "final": "已生效",
    "none": "未整改",
    "open": "整改中",
    "overdue": "逾期未完成",
    "closed": "已完成",
    "year": "年度",
    "status": "状态",
    "position": "日志位置",
    "chain_head": "哈希链头",
    "fingerprint": "指纹",
    "as_of": "截至时间",
    "on": "统计日期",
    "managing_unit": "管理单位",
    "street": "街道",
    "kind": "类型",
    "branch_id": "党组织编号",
    "member_id": "会员编号",
    "chamber_id": "商会编号",
    "name": "名称",
    "rectification": "整改情况",
    "grade": "等次",
    "mapped_grade": "按政策应定等次",
    "override_reason": "调整理由",
    "from_grade": "原等次",
    "to_grade": "更正后等次",
    "reason": "理由",
    "upgraded": "升级",
    "downgraded": "降级",
    "unchanged": "持平",
    "weak_two_years": "连续两年软弱涣散",
    "totals": "总体",
    "shares": "占比",
    "by_managing_unit": "按管理单位",
    "by_street": "按街道",
    "by_kind": "按类型",
    "movements": "等次变化",
    "overrides": "调整等次",
    "corrections": "等次更正",
    "members": "会员企业",
    "own_organization": "单独建立党组织",
    "joint_branch": "联合党支部覆盖",
    "credit_code": "统一社会信用代码",
    "industry": "行业",
    "criteria": "关注原因",
    "compliant": "达标",
    "minimums": "最低要求",
    "rows": "明细",
    "chambers": "商会",
    "report": "报表",
}


VALUE_CODES = {"advanced", "average", "weak", "none", "open", "overdue", "closed", "provisional", "final"}


def label(code: str) -> str:
    """``先进 (advanced)``: the Chinese label first, the code beside it."""
    chinese = LABELS.get(code)
    return f"{chinese} ({code})" if chinese else code


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value in VALUE_CODES:
        return label(value)
    if isinstance(value, list):
        return "、".join(str(_cell(v)) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{label(str(k))}: {_cell(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def sections(report: dict[str, Any]) -> list[tuple[str, list[str], list[list[Any]]]]:
    """The report as tables: a summary of its single values, then one table per list or mapping."""
    summary = [[label(k), _cell(v)] for k, v in report.items() if not isinstance(v, list | dict) or k == "labels"]
    summary = [row for row in summary if row[0] != "labels"]
    tables: list[tuple[str, list[str], list[list[Any]]]] = [("summary", ["项目 (field)", "值 (value)"], summary)]
    for key, value in report.items():
        if key == "labels":
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            columns = list(value[0])
            tables.append((key, [label(c) for c in columns], [[_cell(row.get(c)) for c in columns] for row in value]))
        elif isinstance(value, list):
            tables.append((key, [label(key)], [[_cell(v)] for v in value]))
        elif isinstance(value, dict):
            if value and all(isinstance(v, list) for v in value.values()):
                rows = [[label(k), len(v), _cell(v)] for k, v in value.items()]
                tables.append((key, ["项目 (field)", "数量 (count)", "明细 (ids)"], rows))
            else:
                tables.append((key, ["项目 (field)", "值 (value)"], [[label(k), _cell(v)] for k, v in value.items()]))
    return tables


def to_xlsx(report: dict[str, Any]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for key, header, rows in sections(report):
        sheet = workbook.create_sheet(title=label(key)[:31])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        sheet.freeze_panes = "A2"
        for column, title in zip(sheet.columns, header, strict=False):
            width = max(len(str(title)), *(len(str(c.value or "")) for c in column[:200]))
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width * 1.6))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_csv(report: dict[str, Any]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for n, (key, header, rows) in enumerate(sections(report)):
        if n:
            writer.writerow([])
        writer.writerow([f"# {label(key)}"])
        writer.writerow(header)
        writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
