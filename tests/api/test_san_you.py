"""The "三有" mark on a member through HTTP on both stores: recorded, refused by each rule with nothing recorded,
and the coverage report's denominator."""

from __future__ import annotations

from tests.api.conftest import Api
from tests.api.scenario import member_body
from tests.api.test_branch_facts import invalid, refused


def test_the_mark_is_recorded_and_counts_in_coverage(api: Api) -> None:
    ident = api.post("/v1/members", member_body(1), "registrar").json()["id"]
    path = f"/v1/members/{ident}/record-san-you"
    mark = {"fixed_premises": True, "employees": 12, "real_business": True, "on": "2020-05-01"}
    assert api.get(f"/v1/members/{ident}", "reader").json()["san_you"] is None
    assert api.get("/v1/reports/coverage", "reader").json()["outside_san_you"]["not_recorded"] == 1
    refused(api, path, {**mark, "on": "2019-01-01"}, "date.before_joining")
    invalid(api, path, {**mark, "employees": -1}, "employees")
    invalid(api, path, {**mark, "fixed_premises": "yes"}, "fixed_premises")
    recorded = api.post(path, mark, "registrar").json()
    assert recorded["san_you"] is True
    assert recorded["san_you_mark"] == mark
    refused(api, path, {**mark, "on": "2021-05-01"}, "member.san_you_unchanged")
    coverage = api.get("/v1/reports/coverage", "reader").json()
    assert (coverage["san_you_members"], coverage["none"], coverage["outside_san_you"]["members"]) == (1, 1, 0)
    assert api.post(path, {**mark, "employees": 9}, "registrar").json()["san_you"] is False
    coverage = api.get("/v1/reports/coverage", "reader").json()
    assert (coverage["san_you_members"], coverage["outside_san_you"]["members"]) == (0, 1)
