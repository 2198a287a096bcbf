"""The optional facts the templates carry beside a record, imported from an .xlsx on both stores: a member's "三有"
mark (its three columns together, dated by its own column or the joining day) and a chamber's registration with the
term its charter sets; given in part, each is refused in the column left empty and nothing is recorded."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

import openpyxl

from application.imports.outcome import ImportResult, RowStatus
from application.imports.service import import_sheet
from application.imports.template import template
from application.register import Register
from domain.member import member_id
from tests.application.imports.sheets import MEMBER_HEADERS, workbook
from tests.application.imports.test_service import CLERK, position, problems, refusal
from tests.factories import credit_code

SAN_YOU_HEADERS = [*MEMBER_HEADERS, "有固定经营场所", "从业人员数", "有实际经营业务", "“三有”情况日期"]
CHAMBER_HEADERS = ["名称", "类型", "街道", "成立日期", "登记证书号", "登记日期", "章程规定任期（年）"]


def imported(register: Register, kind: str, rows: Sequence[Sequence[Any]], *, dry_run: bool = False) -> ImportResult:
    data = workbook(rows)
    assert openpyxl.load_workbook(io.BytesIO(data)).active.max_row == len(rows)
    return import_sheet(register, data, f"{kind}.xlsx", kind, dry_run=dry_run, context=CLERK, explain=refusal)


def test_the_templates_offer_the_san_you_mark_and_the_charter_term() -> None:
    members = openpyxl.load_workbook(io.BytesIO(template("members"))).worksheets[0]
    chambers = openpyxl.load_workbook(io.BytesIO(template("chambers"))).worksheets[0]
    assert [c.value for c in members[1]][-4:] == SAN_YOU_HEADERS[-4:]
    assert [c.value for c in chambers[1]] == CHAMBER_HEADERS


def test_a_members_san_you_mark_is_recorded_with_it(register: Register) -> None:
    rows = [
        SAN_YOU_HEADERS,
        [credit_code(1), "企业一", "南山街道", "制造业", "2020/1/5", "是", "25", "是", ""],
        [credit_code(2), "企业二", "南山街道", "制造业", "2020/1/5", "否", "3", "是", "2021/3/1"],
        [credit_code(3), "企业三", "南山街道", "制造业", "2020/1/5", "", "", "", ""],
    ]
    assert imported(register, "members", rows).count(RowStatus.ACCEPTED) == 3
    one, two, three = (register.get_member(member_id(credit_code(n))) for n in (1, 2, 3))
    assert one.san_you_mark is not None
    assert two.san_you_mark is not None
    assert (one.san_you_mark["employees"], one.san_you_mark["on"]) == (25, date(2020, 1, 5))
    assert (two.san_you_mark["fixed_premises"], two.san_you_mark["on"]) == (False, date(2021, 3, 1))
    assert three.san_you_mark is None
    assert imported(register, "members", rows).count(RowStatus.UNCHANGED) == 3
    changed = [rows[0], [*rows[3][:5], "是", "12", "是", "2022/1/1"]]
    assert imported(register, "members", changed).count(RowStatus.ACCEPTED) == 1
    assert register.get_member(member_id(credit_code(3))).san_you_mark["employees"] == 12


def test_a_san_you_mark_given_in_part_is_refused_and_nothing_recorded(register: Register) -> None:
    rows = [
        SAN_YOU_HEADERS,
        [credit_code(1), "企业一", "南山街道", "制造业", "2020/1/5", "是", "", "是", ""],
        [credit_code(2), "企业二", "南山街道", "制造业", "2020/1/5", "", "", "", "2021/3/1"],
        [credit_code(3), "企业三", "南山街道", "制造业", "2020/1/5", "是", "25", "是", "2019/1/1"],
    ]
    before = position(register)
    result = imported(register, "members", rows)
    assert problems(result) == [
        (2, "G", "employees", "“三有”情况须同时填写有固定经营场所、从业人员数、有实际经营业务三项"),
        (3, "F", "fixed_premises", "填写了“三有”情况日期，须同时填写“三有”三项情况"),
        (4, "I", "san_you_on", "“三有”情况日期不能早于入会日期"),
    ]
    assert not result.recorded
    assert position(register) == before


def test_a_chambers_registration_and_charter_term_are_recorded_with_it(register: Register) -> None:
    rows = [
        CHAMBER_HEADERS,
        ["南山街道商会", "街道商会", "南山街道", "2015/6/1", "51440305MJL000001X", "2016/3/1", "3"],
        ["南山区软件行业商会", "行业商会", "粤海街道", "2016/3/1", "", "", ""],
    ]
    assert imported(register, "chambers", rows).count(RowStatus.ACCEPTED) == 2
    street = register.get_chamber(register.chamber_named("南山街道商会"))  # type: ignore[arg-type]
    assert (street.certificate_no, street.registered_on, street.charter_term_years) == (
        "51440305MJL000001X",
        date(2016, 3, 1),
        3,
    )
    assert imported(register, "chambers", rows).count(RowStatus.UNCHANGED) == 2
    registering = [CHAMBER_HEADERS, [*rows[2][:4], "51440305MJL000002X", "2017/1/1", ""]]
    assert imported(register, "chambers", registering).count(RowStatus.ACCEPTED) == 1
    industry = register.get_chamber(register.chamber_named("南山区软件行业商会"))  # type: ignore[arg-type]
    assert (industry.registered_on, industry.charter_term_years) == (date(2017, 1, 1), None)
    other = imported(register, "chambers", [CHAMBER_HEADERS, [*rows[1][:6], "5"]])
    assert problems(other) == [(2, "A", "name", "同名商会已在登记册中，登记的章程规定任期（年）为“3”，与本行不同")]


def test_a_charter_term_without_a_registration_or_too_long_is_refused_and_nothing_recorded(
    register: Register,
) -> None:
    rows = [
        CHAMBER_HEADERS,
        ["甲商会", "街道商会", "南山街道", "2015/6/1", "", "", "5"],
        ["乙商会", "街道商会", "南山街道", "2015/6/1", "51440305MJL000001X", "", ""],
        ["丙商会", "街道商会", "南山街道", "2015/6/1", "51440305MJL000003X", "2016/3/1", "12"],
    ]
    before = position(register)
    result = imported(register, "chambers", rows)
    assert [(p[0], p[1], p[2]) for p in problems(result)] == [
        (2, "G", "charter_term_years"),
        (3, "F", "registered_on"),
        (4, "G", "charter_term_years"),
    ]
    assert "须同时填写登记证书号和登记日期" in problems(result)[0][3]
    assert not result.recorded
    assert position(register) == before
