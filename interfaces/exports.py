"""Reports as spreadsheets: XLSX (a sheet per section, header row frozen) and CSV (UTF-8 with BOM).

Every field name and every code is shown Chinese first with the code beside it (``先进 (advanced)``). A code is
read in the context of the field that holds it: ``street`` is 街道 as a field but 街道商会 as a chamber's kind, and
``closed`` is 已结束 for a round but 已完成 for a rectification. Nested records (a chamber street's counts by kind,
a branch's meetings by activity) are spread over columns of their own.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

GRADES = {"advanced": "先进", "average": "一般", "weak": "软弱涣散", "ungraded": "未定级", "total": "合计"}
RECTIFICATIONS = {"none": "未整改", "open": "整改中", "overdue": "逾期未完成", "closed": "已完成"}
ROUND_STATUSES = {"open": "定级中", "publicity": "公示中", "closed": "已结束"}
REPORT_STATUSES = {"provisional": "公示中（未生效）", "final": "已生效"}
REPORTS = {
    "classification": "年度分类定级",
    "coverage": "两个覆盖",
    "chambers": "商会情况",
    "organizational_life": "组织生活落实情况",
    "key_focus": "重点关注对象",
}
KINDS = {
    "branch": "党支部",
    "joint_branch": "联合党支部",
    "general_branch": "党总支",
    "committee": "党委",
    "joint_committee": "街道商会联合党委",
    "street": "街道商会",
    "industry": "行业商会",
    "hometown": "异地商会",
}
CRITERIA = {"assets": "资产规模大", "party_members": "党员人数多", "tax": "纳税贡献大", "prospects": "发展前景好"}
ACTIVITIES = {
    "general_meeting": "党员大会",
    "committee_meeting": "支委会",
    "group_meeting": "党小组会",
    "lecture": "党课",
    "theme_day": "主题党日",
}
LEVELS = {"district": "区级", "city": "市级", "province": "省级", "national": "国家级"}
FIELDS = {
    **GRADES,
    "summary": "概要",
    "report": "报表",
    "year": "年度",
    "status": "状态",
    "round": "定级工作",
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
    "none": "未覆盖",
    "organization_coverage": "组织覆盖率",
    "work_coverage": "工作覆盖率",
    "without_organization": "未覆盖企业",
    "three_or_more_party_members_without_own_branch": "有3名以上党员未单独建党组织的企业",
    "party_members": "党员人数",
    "credit_code": "统一社会信用代码",
    "industry": "行业",
    "criteria": "关注原因",
    "by_criterion": "按关注原因",
    "compliant": "达标",
    "minimums": "最低要求",
    "minimum": "最低要求",
    "held": "开展次数",
    "met": "达标",
    "by_activity": "按活动类型达标数",
    "activities": "活动",
    "branches": "党组织数",
    "rows": "明细",
    "chambers": "商会",
    "registered_as_social_organization": "已登记为社会组织",
    "registered": "已登记",
    "fic_plaque": "加挂工商联牌子",
    "overdue_for_renewal": "逾期未换届",
    "term_ended_on": "届期届满日",
    "four_good": "“四好”商会",
    "level": "级别",
    "demonstration_sites": "示范点",
    "joint_party_committees": "街道商会联合党委",
}
VALUES_OF = {
    "grade": GRADES,
    "mapped_grade": GRADES,
    "from_grade": GRADES,
    "to_grade": GRADES,
    "rectification": RECTIFICATIONS,
    "round": ROUND_STATUSES,
    "status": REPORT_STATUSES,
    "report": REPORTS,
    "kind": KINDS,
    "criteria": CRITERIA,
    "level": LEVELS,
}
KEYS_OF = {
    "by_kind": KINDS,
    "by_criterion": CRITERIA,
    "by_activity": ACTIVITIES,
    "minimums": ACTIVITIES,
    "activities": ACTIVITIES,
}
SECTIONS = {**FIELDS, "weak": "软弱涣散名单"}

Table = tuple[str, list[str], list[list[Any]]]


def label(code: str, names: dict[str, str] = FIELDS) -> str:
    """``先进 (advanced)``: the Chinese name first, the code beside it; an unknown code as it is."""
    chinese = names.get(code)
    return f"{chinese} ({code})" if chinese else code


def _cell(value: Any, field: str = "") -> Any:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        return label(value, VALUES_OF[field]) if field in VALUES_OF else value
    if isinstance(value, list):
        return "、".join(str(_cell(v, field)) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{label(str(k), KEYS_OF.get(field, FIELDS))}: {_cell(v, str(k))}" for k, v in value.items())
    return value


def _flatten(row: dict[str, Any], path: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    """A record with its nested mappings spread out: ``{("activities", "lecture", "held"): 4, ...}``."""
    flat: dict[tuple[str, ...], Any] = {}
    for key, value in row.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, (*path, key)))
        else:
            flat[(*path, key)] = value
    return flat


def _header(path: tuple[str, ...]) -> str:
    if len(path) == 1:
        return label(path[0])
    parent, rest = path[0], path[1:]
    return " ".join([label(rest[0], KEYS_OF.get(parent, FIELDS)), *(label(part) for part in rest[1:])])


def _records(title: str, records: list[dict[str, Any]]) -> Table:
    flat = [_flatten(record) for record in records]
    columns = list(dict.fromkeys(path for record in flat for path in record))
    rows = [[_cell(record.get(path), path[-1]) for path in columns] for record in flat]
    return title, [_header(path) for path in columns], rows


def sections(report: dict[str, Any]) -> list[Table]:
    """The report as titled tables: a summary of its single values, then one table per list or mapping."""
    summary = [[label(k), _cell(v, k)] for k, v in report.items() if not isinstance(v, list | dict)]
    tables: list[Table] = [(label("summary"), ["项目 (field)", "值 (value)"], summary)]
    for key, value in report.items():
        if key == "labels":
            continue
        name = label(key, SECTIONS)
        if isinstance(value, list) and value and isinstance(value[0], dict):
            tables.append(_records(name, value))
        elif isinstance(value, list):
            tables.append((name, [label(key)], [[_cell(v, key)] for v in value]))
        elif isinstance(value, dict):
            names = KEYS_OF.get(key, FIELDS)
            if value and all(isinstance(v, list) for v in value.values()):
                rows = [[label(k, names), len(v), _cell(v)] for k, v in value.items()]
                tables.append((name, ["项目 (field)", "数量 (count)", "明细 (ids)"], rows))
            else:
                rows = [[label(k, names), _cell(v)] for k, v in value.items()]
                tables.append((name, ["项目 (field)", "值 (value)"], rows))
    return tables


def to_xlsx(report: dict[str, Any]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sections(report):
        sheet = workbook.create_sheet(title=title[:31])
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
    for n, (title, header, rows) in enumerate(sections(report)):
        if n:
            writer.writerow([])
        writer.writerow([f"# {title}"])
        writer.writerow(header)
        writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
