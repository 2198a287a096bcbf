"""Spreadsheet imports through HTTP on both stores: the templates, an upload recorded (201), checked only (200),
refused by row and column (422), every bad file refused with its problem, and nothing recorded by any refusal."""

from __future__ import annotations

import hashlib
import io

import httpx
import openpyxl
import pytest

from application.imports.files import MAX_ROWS
from application.imports.registry import KINDS
from domain.member import member_id
from interfaces.api.routers.imports import ImportKindName
from tests.api.conftest import Api, auth
from tests.application.imports.sheets import (
    MEMBER_HEADERS,
    csv_bytes,
    encrypted,
    with_picture,
    workbook,
    zip_bomb,
)
from tests.factories import credit_code, member

PROBLEM = "application/problem+json"
ROWS = [MEMBER_HEADERS, [credit_code(1), "企业一", "南山街道", "制造业", "2020/1/5"]]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(
    api: Api, kind: str, data: bytes, filename: str = "名册.csv", role: str = "registrar", **query: str
) -> httpx.Response:
    files = {"file": (filename, data, "application/octet-stream")}
    return api.client.post(f"/v1/imports/{kind}", params=query, files=files, headers=auth(role))


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_template_downloads_as_a_workbook_with_the_kind_s_headers(api: Api, kind: str) -> None:
    answer = api.get(f"/v1/imports/templates/{kind}.xlsx", role="reader")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == XLSX
    assert answer.headers["content-disposition"].startswith(f'attachment; filename="{kind}.xlsx"; filename*=UTF-8')
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert [c.value for c in book.worksheets[0][1]] == [c.header for c in KINDS[kind].columns]
    assert book.sheetnames[1] == "填写说明"


def test_the_routes_name_every_kind() -> None:
    assert {kind.value for kind in ImportKindName} == set(KINDS)


def test_an_unknown_template_is_422(api: Api) -> None:
    answer = api.get("/v1/imports/templates/members2.xlsx")
    assert answer.status_code == 422
    assert answer.headers["content-type"] == PROBLEM


def test_an_upload_is_recorded_and_each_event_names_the_import_and_the_file(api: Api) -> None:
    data = csv_bytes(ROWS, "gb18030")
    answer = upload(api, "members", data)
    assert answer.status_code == 201, answer.text
    document = answer.json()
    assert document == {
        "import_id": document["import_id"],
        "kind": "members",
        "file_sha256": hashlib.sha256(data).hexdigest(),
        "dry_run": False,
        "recorded": True,
        "rows": 1,
        "accepted": 1,
        "unchanged": 0,
        "rejected": 0,
        "errors": [],
    }
    history = api.get(f"/v1/members/{member_id(credit_code(1))}/history", role="auditor").json()["events"]
    [joined] = history
    assert (joined["import_id"], joined["file_sha256"]) == (document["import_id"], document["file_sha256"])
    assert joined["actor"] == {"name": "registrar-key", "role": "registrar"}
    assert joined["reason"] == "表格导入：名册.csv"
    assert joined["request_id"] == answer.headers["x-request-id"]


def test_the_same_file_again_is_unchanged_and_records_nothing(api: Api) -> None:
    assert upload(api, "members", csv_bytes(ROWS)).status_code == 201
    before = api.position()
    again = upload(api, "members", csv_bytes(ROWS))
    assert again.status_code == 201
    assert (again.json()["unchanged"], again.json()["accepted"], again.json()["recorded"]) == (1, 0, False)
    assert api.position() == before


def test_a_dry_run_answers_200_and_records_nothing(api: Api) -> None:
    answer = upload(api, "members", csv_bytes(ROWS), dry_run="true")
    assert answer.status_code == 200
    assert (answer.json()["accepted"], answer.json()["dry_run"], answer.json()["recorded"]) == (1, True, False)
    assert api.position() == 0


def test_refused_rows_answer_422_with_every_problem_in_chinese_and_record_nothing(api: Api) -> None:
    member(api.register, 9)
    wrong = credit_code(2)[:-1] + ("0" if credit_code(2)[-1] != "0" else "1")
    rows = [
        *ROWS,
        [wrong, "企业二", "南山街道", "制造业", "2020/1/5"],
        [credit_code(3), "企业三", "南山街道", "制造业", "1900/1/5"],
    ]
    before = api.position()
    answer = upload(api, "members", csv_bytes(rows), dry_run="true")
    assert answer.status_code == 422
    assert answer.headers["content-type"] == PROBLEM
    body = answer.json()
    assert (body["status"], body["rule"], body["rows"], body["accepted"], body["rejected"]) == (
        422,
        "import.rows_rejected",
        3,
        1,
        2,
    )
    assert body["detail"].startswith("2 行未通过检查，未登记任何内容")
    assert body["errors"] == [
        {
            "row": 3,
            "column": "A",
            "field": "credit_code",
            "message": f"校验码为{wrong[-1]}，应为{credit_code(2)[-1]}，请核对",
        },
        {"row": 4, "column": "E", "field": "joined_on", "message": "必须在1949年至2200年之间"},
    ]
    assert upload(api, "members", csv_bytes(rows)).status_code == 422
    assert api.position() == before


def test_a_rule_of_the_register_refused_in_chinese(api: Api) -> None:
    member(api.register, 1)
    rows = [[*MEMBER_HEADERS], [credit_code(1), "企业一", "南山街道", "制造业", "2021/1/5"]]
    body = upload(api, "members", csv_bytes(rows)).json()
    assert body["errors"] == [
        {
            "row": 2,
            "column": "A",
            "field": "credit_code",
            "message": "该企业已在登记册中，登记的名称为“企业1”，入会日期为“2019-03-01”，与本行不同",
        }
    ]


@pytest.mark.parametrize(
    ("kind", "role", "status"),
    [
        ("members", "reader", 403),
        ("members", "auditor", 403),
        ("members", "assessor", 403),
        ("reviews", "registrar", 403),
        ("reviews", "assessor", 422),
        ("chambers", "admin", 422),
    ],
)
def test_registrars_import_all_but_reviews_which_assessors_import(api: Api, kind: str, role: str, status: int) -> None:
    assert upload(api, kind, csv_bytes([["x"]]), role=role).status_code == status


def test_without_a_token_401(api: Api) -> None:
    answer = api.client.post("/v1/imports/members", files={"file": ("a.csv", csv_bytes(ROWS), "text/csv")})
    assert answer.status_code == 401


def test_without_a_file_422(api: Api) -> None:
    answer = api.client.post("/v1/imports/members", data={"x": "y"}, headers=auth("registrar"))
    assert answer.status_code == 422
    assert answer.headers["content-type"] == PROBLEM
    assert answer.json()["errors"][0]["field"] == "file"


def _bad_files() -> list[tuple[str, bytes, str, int, str]]:
    book = workbook([MEMBER_HEADERS, ROWS[1]])
    return [
        ("not a spreadsheet", b"%PDF-1.7\n\x00binary", "名册.pdf", 415, "import.not_a_spreadsheet"),
        ("a password", encrypted(book), "名册.xlsx", 422, "import.encrypted"),
        ("a zip bomb", zip_bomb(), "名册.xlsx", 413, "import.unpacks_too_large"),
        (
            "50,001 rows",
            csv_bytes([MEMBER_HEADERS, *([ROWS[1]] * (MAX_ROWS + 1))]),
            "名册.csv",
            413,
            "import.too_many_rows",
        ),
        ("no header", workbook([["序号", "名称"], [1, "企业一"]]), "名册.xlsx", 422, "import.no_header"),
        ("empty", b"", "名册.csv", 422, "import.empty"),
        ("cut short", book[: len(book) // 2], "名册.xlsx", 422, "import.unreadable"),
    ]


@pytest.mark.parametrize(("name", "data", "filename", "status", "rule"), _bad_files(), ids=[b[0] for b in _bad_files()])
def test_a_bad_file_is_a_problem_naming_its_rule_and_records_nothing(
    api: Api, name: str, data: bytes, filename: str, status: int, rule: str
) -> None:
    member(api.register, 7)
    before = api.position()
    answer = upload(api, "members", data, filename)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == PROBLEM
    body = answer.json()
    assert body["rule"] == rule
    assert body["errors"] == [{"field": "file", "message": body["detail"]}]
    assert api.position() == before


def test_21_mib_is_refused_before_it_is_read(api: Api) -> None:
    answer = upload(api, "members", csv_bytes(ROWS) + b"x" * (21 * 1024 * 1024))
    assert answer.status_code == 413
    assert answer.headers["content-type"] == PROBLEM
    assert api.position() == 0


def test_20_mib_is_within_the_limit_of_an_upload(api: Api) -> None:
    data = with_picture(workbook(ROWS), 20 * 1024 * 1024 - 64 * 1024)
    assert 19.9 * 1024 * 1024 < len(data) <= 20 * 1024 * 1024
    answer = upload(api, "members", data, "名册.xlsx")
    assert answer.status_code == 201, answer.text


def test_a_district_brought_in_kind_by_kind_through_http(api: Api) -> None:
    chambers = csv_bytes([["名称", "类型", "街道", "成立日期"], ["南山街道商会", "街道商会", "南山街道", "2015/6/1"]])
    assert upload(api, "chambers", chambers).status_code == 201
    members = csv_bytes([[*MEMBER_HEADERS, "所属商会"], [*ROWS[1], "南山街道商会"]])
    assert upload(api, "members", members).status_code == 201
    headers = ["名称", "类型", "街道", "管理单位", "管理依据", "成立日期", "正式党员人数", "所在会员企业", "所在商会"]
    headers += ["预备党员人数", "设党小组"]
    too_few = ["企业一党支部", "党支部", "南山街道", "区非公党委", "属地管理", "2021/7/1", "2", credit_code(1), ""]
    too_few += ["4", "否"]
    refused = upload(api, "branches", csv_bytes([headers, too_few])).json()
    assert refused["errors"] == [
        {"row": 2, "column": "G", "field": "full_members", "message": "正式党员不足3人，不能单独成立党组织"}
    ]
    founded = upload(api, "branches", csv_bytes([headers, [*too_few[:6], "3", *too_few[7:]]]))
    assert founded.status_code == 201, founded.text
    life = csv_bytes(
        [
            ["党组织名称", "活动", "开展日期", "参加人数"],
            ["企业一党支部", "党课", "2022年3月1日", "3"],
            ["企业一党支部", "组织生活会", "2022年12月20日", "3"],
            ["企业一党支部", "民主评议党员", "2022年12月20日", "3"],
        ]
    )
    assert upload(api, "organizational-life", life).json()["accepted"] == 3
    review = [["党组织名称", "年度", "得分", "否决事项", "评议日期", "评议人", "概要"]]
    review.append(["企业一党支部", "2022", "95", "", "2023/1/10", "评议组", ""])
    assert upload(api, "reviews", csv_bytes(review), role="assessor").json()["accepted"] == 1
    [branch] = api.get("/v1/branches").json()["items"]
    state = api.get(f"/v1/branches/{branch['id']}").json()
    assert (state["full_members"], state["probationary_members"], state["has_party_groups"]) == (3, 4, False)
    assert state["organizational_life"] == {"2022": {"lecture": 1, "life_meeting": 1, "member_appraisal": 1}}
    assert state["reviews"]["2022"]["score"] == 95


def test_the_san_you_mark_and_the_charter_term_imported_from_a_workbook(api: Api) -> None:
    chambers = [
        ["名称", "类型", "街道", "成立日期", "登记证书号", "登记日期", "章程规定任期（年）"],
        ["南山街道商会", "街道商会", "南山街道", "2015/6/1", "51440305MJL000001X", "2016/3/1", "3"],
    ]
    answer = upload(api, "chambers", workbook(chambers, title="商会"), "商会.xlsx")
    assert answer.status_code == 201, answer.text
    [chamber] = api.get("/v1/chambers").json()["items"]
    state = api.get(f"/v1/chambers/{chamber['id']}").json()
    assert (state["certificate_no"], state["registered_on"], state["charter_term_years"]) == (
        "51440305MJL000001X",
        "2016-03-01",
        3,
    )
    headers = [*MEMBER_HEADERS, "有固定经营场所", "从业人员数", "有实际经营业务", "“三有”情况日期"]
    members = [headers, [*ROWS[1], "是", "25", "是", "2021/3/1"]]
    answer = upload(api, "members", workbook(members), "名册.xlsx")
    assert answer.status_code == 201, answer.text
    state = api.get(f"/v1/members/{member_id(credit_code(1))}").json()
    assert state["san_you"] is True
    assert state["san_you_mark"]["employees"] == 25
    before = api.position()
    part = [headers, [credit_code(2), "企业二", "南山街道", "制造业", "2020/1/5", "是", "", "是", ""]]
    refused = upload(api, "members", workbook(part), "名册.xlsx")
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {
            "row": 2,
            "column": "G",
            "field": "employees",
            "message": "“三有”情况须同时填写有固定经营场所、从业人员数、有实际经营业务三项",
        }
    ]
    term = [chambers[0], ["甲商会", "街道商会", "南山街道", "2015/6/1", "", "", "5"]]
    assert upload(api, "chambers", workbook(term, title="商会"), "商会.xlsx").json()["errors"][0]["field"] == (
        "charter_term_years"
    )
    assert api.position() == before
