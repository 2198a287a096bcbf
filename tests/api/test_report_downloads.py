"""Report downloads through HTTP on both stores: each JSON report names what it lists, and its CSV and XLSX carry
the district's title and the JSON's own stamp, also as of a past time, with names as they were then."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote

import openpyxl
import pytest
from fastapi.testclient import TestClient

from application.register import Register
from application.settings import Settings
from interfaces.api.app import create_app
from tests.api.conftest import KEYS, Api, auth
from tests.application.reports import scenario
from tests.conftest import REGISTRAR

PATHS = [
    "/v1/reports/classification/2020",
    "/v1/reports/coverage",
    "/v1/reports/chambers",
    "/v1/reports/organizational-life/2020",
    "/v1/reports/key-focus",
]


@pytest.fixture
def filed(register: Register) -> Iterator[tuple[Api, scenario.District]]:
    """The report tests' district behind the API of a district named 南山区."""
    district = scenario.build(register)
    register.designate_key_focus(REGISTRAR, district.members["m8"], ["party_members"])
    with TestClient(create_app(register, KEYS, Settings(district="南山区")), raise_server_exceptions=False) as client:
        yield Api(client, register), district


def _stamp(report: dict[str, Any]) -> dict[str, Any]:
    return {"日志位置": report["position"], "哈希链头": report["chain_head"], "指纹": report["fingerprint"]}


def _workbook(api: Api, path: str, **params: str) -> openpyxl.Workbook:
    answer = api.client.get(f"{path}.xlsx", params=params, headers=auth("reader"))
    assert answer.status_code == 200, answer.text
    return openpyxl.load_workbook(io.BytesIO(answer.content))


@pytest.mark.parametrize("path", PATHS)
def test_each_download_is_titled_and_stamped_as_the_json_report(
    filed: tuple[Api, scenario.District], path: str
) -> None:
    api, _ = filed
    report = api.get(path, "reader").json()
    book = _workbook(api, path)
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        assert str(rows[0][0]).startswith("南山区")
        assert rows[2][0] == "序号"
        assert {row[0]: row[1] for row in rows[-3:]} == _stamp(report)
    answer = api.get(f"{path}.csv", "reader")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[0] == [book.worksheets[0]["A1"].value]
    assert dict(rows[-3:]) == {k: str(v) for k, v in _stamp(report).items()}
    disposition = answer.headers["content-disposition"]
    assert disposition.startswith(f'attachment; filename="{path.removeprefix("/v1/reports/").replace("/", "-")}.csv"')
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == f"{rows[0][0]}.csv"


def test_the_json_lists_name_organizations_and_members(filed: tuple[Api, scenario.District]) -> None:
    api, district = filed
    b = {k: str(v) for k, v in district.branches.items()}
    movements = api.get("/v1/reports/classification/2020", "reader").json()["movements"]
    assert movements["upgraded"] == [{"id": b["b3"], "name": "b3"}]
    assert movements["downgraded"] == [{"id": b["b1"], "name": "b1"}, {"id": b["b2"], "name": "b2"}]
    uncovered = api.get("/v1/reports/coverage", "reader").json()["without_organization"]
    assert uncovered == [{"id": str(district.members[m]), "name": f"企业{m[1:]}"} for m in ("m5", "m8")]


def test_an_as_of_download_names_a_member_as_it_was_named_then(filed: tuple[Api, scenario.District]) -> None:
    api, district = filed
    moment = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    renamed = api.post(
        f"/v1/members/{district.members['m8']}/amend",
        {"changes": {"name": "深圳市更名后有限公司"}, "reason": "企业更名"},
        "registrar",
    )
    assert renamed.status_code == 200, renamed.text
    then = api.client.get("/v1/reports/coverage", params={"as_of": moment}, headers=auth("reader")).json()
    assert {"id": str(district.members["m8"]), "name": "企业8"} in then["without_organization"]
    book = _workbook(api, "/v1/reports/coverage", as_of=moment)
    uncovered = [row[1] for row in book["未覆盖企业"].iter_rows(min_row=4, max_row=5, values_only=True)]
    assert uncovered == ["企业5", "企业8"]
    assert str(book["覆盖情况"]["A2"].value).startswith("登记簿截至")
    assert str(book["覆盖情况"]["A2"].value).endswith("（北京时间）")
    assert {row[0]: row[1] for row in list(book["未覆盖企业"].iter_rows(values_only=True))[-3:]} == _stamp(then)
    now = _workbook(api, "/v1/reports/coverage")
    assert "深圳市更名后有限公司" in [row[1] for row in now["未覆盖企业"].iter_rows(min_row=4, values_only=True)]
