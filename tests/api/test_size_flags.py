"""Size flags through HTTP on both stores: the coverage report lists each organization whose kind does not fit its
full Party members, larger or smaller than it usually holds, with the kind it usually is, in the JSON and in the
filed download; nothing is refused."""

from __future__ import annotations

import io

import openpyxl

from tests.api.conftest import Api, auth
from tests.api.scenario import branch_body, member_body


def _found(api: Api, n: int, name: str, kind: str, full_members: int) -> str:
    host = api.post("/v1/members", member_body(n)).json()["id"]
    founded = api.post("/v1/branches", branch_body([host], name=name, kind=kind, full_members=full_members))
    assert founded.status_code == 201, founded.json()
    return str(founded.json()["id"])


def test_the_coverage_report_flags_organizations_too_large_for_their_kind(api: Api) -> None:
    large = _found(api, 1, "甲企业党支部", "branch", 60)
    _found(api, 2, "乙企业党支部", "branch", 50)
    whole = _found(api, 3, "丙企业党总支", "general_branch", 120)
    _found(api, 4, "丁企业党委", "committee", 150)
    report = api.get("/v1/reports/coverage", "reader").json()
    assert report["size_flags"] == sorted(report["size_flags"], key=lambda f: f["name"])
    assert report["size_flags"] == [
        {
            "branch_id": whole,
            "name": "丙企业党总支",
            "kind": "general_branch",
            "full_members": 120,
            "suggested_kind": "committee",
            "mismatch": "too_large",
        },
        {
            "branch_id": large,
            "name": "甲企业党支部",
            "kind": "branch",
            "full_members": 60,
            "suggested_kind": "general_branch",
            "mismatch": "too_large",
        },
    ]
    reported = api.post(f"/v1/branches/{large}/report-party-members", {"full_members": 45, "on": "2021-03-01"})
    assert reported.status_code == 200, reported.json()
    assert [f["branch_id"] for f in api.get("/v1/reports/coverage", "reader").json()["size_flags"]] == [whole]
    answer = api.client.get("/v1/reports/coverage.xlsx", headers=auth("reader"))
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content))["党组织规模提示"]
    rows = [r for r in sheet.iter_rows(values_only=True) if whole in r]
    assert rows == [(1, "丙企业党总支", "党总支", 120, "党委", "党员人数超出该类组织的通常规模", whole)]


def test_the_coverage_report_flags_organizations_smaller_than_their_kind(api: Api) -> None:
    small = _found(api, 1, "甲企业党总支", "general_branch", 30)
    committee = _found(api, 2, "乙企业党委", "committee", 80)
    _found(api, 3, "丙企业党总支", "general_branch", 70)
    _found(api, 4, "丁企业党支部", "branch", 3)
    report = api.get("/v1/reports/coverage", "reader").json()
    assert [(f["branch_id"], f["suggested_kind"], f["mismatch"]) for f in report["size_flags"]] == [
        (committee, "general_branch", "too_small"),
        (small, "branch", "too_small"),
    ]
    answer = api.client.get("/v1/reports/coverage.xlsx", headers=auth("reader"))
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content))["党组织规模提示"]
    assert [r for r in sheet.iter_rows(values_only=True) if small in r] == [
        (2, "甲企业党总支", "党总支", 30, "党支部", "党员人数不足该类组织的通常规模", small)
    ]
