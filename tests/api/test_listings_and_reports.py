"""Lists and reports through HTTP: filters, cursor paging, reads that see writes, formats and as_of."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta, timezone

import openpyxl
import pytest

from interfaces.api.routers.reports import XLSX
from tests.api.conftest import Api, auth
from tests.api.scenario import branch_body, chamber_body, member_body, review_body
from tests.factories import credit_code


def _order(item: dict[str, str]) -> tuple[str, str]:
    return item["name"], item["id"]


def test_a_list_includes_an_acknowledged_write(api: Api) -> None:
    created = api.post("/v1/members", member_body(1), "registrar").json()
    listed = api.get("/v1/members", "reader").json()
    assert [m["id"] for m in listed["items"]] == [created["id"]]
    api.post(f"/v1/members/{created['id']}/suspend", {"reason": "x"}, "registrar")
    assert api.get("/v1/members?status=suspended", "reader").json()["items"][0]["status"] == "suspended"
    assert api.get("/v1/members?status=active", "reader").json()["items"] == []


def test_member_filters_and_paging(api: Api) -> None:
    chamber = api.post("/v1/chambers", chamber_body()).json()
    ids = []
    for n in range(1, 8):
        street = "南山街道" if n % 2 else "粤海街道"
        ids.append(api.post("/v1/members", member_body(n, street=street)).json()["id"])
    api.post(f"/v1/members/{ids[0]}/join-chamber", {"chamber_id": chamber["id"], "on": "2020-01-01"})
    api.post(f"/v1/members/{ids[1]}/designate-key-focus", {"criteria": ["tax"]})
    assert len(api.get("/v1/members?street=南山街道&limit=500", "reader").json()["items"]) == 4
    assert [m["id"] for m in api.get(f"/v1/members?chamber_id={chamber['id']}", "reader").json()["items"]] == [ids[0]]
    assert [m["id"] for m in api.get("/v1/members?key_focus=true", "reader").json()["items"]] == [ids[1]]
    seen, cursor = [], None
    while True:
        page = api.get(f"/v1/members?limit=3{'&cursor=' + cursor if cursor else ''}", "reader").json()
        seen.extend(m["id"] for m in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [m["id"] for m in sorted(api.get("/v1/members?limit=500", "reader").json()["items"], key=_order)]
    assert sorted(seen) == sorted(ids)
    assert api.get("/v1/members?limit=0", "reader").status_code == 422
    assert api.get("/v1/members?limit=501", "reader").status_code == 422
    assert api.get("/v1/members?cursor=%%%", "reader").status_code == 422
    assert api.get("/v1/members?status=sleeping", "reader").status_code == 422


def test_branch_and_chamber_lists(api: Api) -> None:
    member = api.post("/v1/members", member_body(1)).json()
    branch = api.post("/v1/branches", branch_body([member["id"]])).json()
    api.post("/v1/chambers", chamber_body(kind="industry", name="区物流行业商会"))
    assert api.get("/v1/branches?managing_unit=区非公党委", "reader").json()["items"][0]["id"] == branch["id"]
    assert api.get("/v1/branches?kind=joint_branch", "reader").json()["items"] == []
    assert len(api.get("/v1/chambers?kind=industry", "reader").json()["items"]) == 1


def test_classification_report_json_csv_xlsx_and_as_of(api: Api) -> None:
    member = api.post("/v1/members", member_body(1)).json()
    branch = api.post("/v1/branches", branch_body([member["id"]])).json()
    api.post(f"/v1/branches/{branch['id']}/review", review_body(2020, 93), "assessor")
    api.post("/v1/grading-rounds", {"year": 2020}, "assessor")
    api.post(f"/v1/branches/{branch['id']}/grade", {"year": 2020}, "assessor")
    moment = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    report = api.get("/v1/reports/classification/2020", "reader")
    assert report.status_code == 200
    body = report.json()
    assert body["status"] == "provisional"
    assert body["totals"]["advanced"] == 1
    assert body["fingerprint"].startswith("sha256:")
    api.post(f"/v1/branches/{branch['id']}/correct-grade", {"year": 2020, "grade": "average", "reason": "复核"})
    then = api.get(f"/v1/reports/classification/2020?as_of={moment}", "reader").json()
    assert then["totals"]["advanced"] == 1
    assert (
        api.get(f"/v1/reports/classification/2020?as_of={moment}", "reader").json()["fingerprint"]
        == then["fingerprint"]
    )
    assert api.get("/v1/reports/classification/2020", "reader").json()["totals"]["average"] == 1
    as_csv = api.get("/v1/reports/classification/2020?format=csv", "reader")
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert as_csv.content.startswith(b"\xef\xbb\xbf")
    assert "attachment" in as_csv.headers["content-disposition"]
    as_xlsx = api.get("/v1/reports/classification/2020?format=xlsx", "reader")
    assert openpyxl.load_workbook(io.BytesIO(as_xlsx.content)).sheetnames[0] == "等次分布"
    assert api.get("/v1/reports/classification/2020?format=pdf", "reader").status_code == 422
    assert api.get("/v1/reports/classification/2020?as_of=2021-01-01", "reader").status_code == 422


def test_every_report_answers_for_readers_only_with_a_token(api: Api) -> None:
    for path in (
        "/v1/reports/coverage",
        "/v1/reports/chambers",
        "/v1/reports/organizational-life/2020",
        "/v1/reports/key-focus",
        "/v1/reports/classification/2020",
    ):
        response = api.get(path, "reader")
        assert response.status_code == 200, path
        assert {"position", "chain_head", "fingerprint"} <= response.json().keys()
        assert api.client.get(path).status_code == 401


def test_lists_go_by_name_then_id_and_find_by_part_of_a_name_or_a_credit_code(api: Api) -> None:
    names = ["深圳市乙科技有限公司", "深圳市甲精密制造有限公司", "Apple 南山分公司", "深圳市丙精密仪器有限公司"]
    created = [api.post("/v1/members", member_body(n, name=name)).json() for n, name in enumerate(names, 1)]
    listed = api.get("/v1/members", "reader").json()["items"]
    assert [m["name"] for m in listed] == sorted(names)
    precise = api.get("/v1/members?q=精密", "reader").json()["items"]
    assert [m["name"] for m in precise] == sorted(n for n in names if "精密" in n)
    assert [m["name"] for m in api.get("/v1/members?q=apple", "reader").json()["items"]] == ["Apple 南山分公司"]
    by_code = api.get(f"/v1/members?q={created[1]['credit_code']}", "reader").json()["items"]
    assert [m["id"] for m in by_code] == [created[1]["id"]]
    exact = api.get(f"/v1/members?credit_code={created[2]['credit_code']}", "reader").json()["items"]
    assert [m["id"] for m in exact] == [created[2]["id"]]
    assert api.get(f"/v1/members?credit_code={credit_code(99)}", "reader").json()["items"] == []
    assert api.get("/v1/members?credit_code=not-a-code", "reader").status_code == 422
    chamber = api.post("/v1/chambers", chamber_body("粤海街道商会")).json()
    api.post("/v1/chambers", chamber_body("南山街道商会"))
    assert [c["id"] for c in api.get("/v1/chambers?q=粤海", "reader").json()["items"]] == [chamber["id"]]
    branch = api.post("/v1/branches", branch_body([created[0]["id"]], name="乙科技党支部")).json()
    assert [b["id"] for b in api.get("/v1/branches?q=科技", "reader").json()["items"]] == [branch["id"]]


def test_paging_by_name_is_complete_and_stable_across_a_write(api: Api) -> None:
    for n in range(1, 10):
        api.post("/v1/members", member_body(n, name=f"深圳市{'乙甲丙'[n % 3]}{n}有限公司"))
    first = api.get("/v1/members?limit=4", "reader").json()
    assert first["next_cursor"] == api.get("/v1/members?limit=4", "reader").json()["next_cursor"]
    api.post("/v1/members", member_body(20, name="深圳市丁新公司"))
    seen = [m["name"] for m in first["items"]]
    cursor = first["next_cursor"]
    while cursor is not None:
        page = api.get(f"/v1/members?limit=4&cursor={cursor}", "reader").json()
        seen.extend(m["name"] for m in page["items"])
        cursor = page["next_cursor"]
    everyone = [m["name"] for m in api.get("/v1/members?limit=500", "reader").json()["items"]]
    assert seen == sorted(seen)
    assert len(seen) == len(set(seen))
    assert set(everyone) - set(seen) <= {"深圳市丁新公司"}


@pytest.mark.parametrize(
    "path",
    [
        "/v1/members?name=x",
        "/v1/chambers?colour=red",
        "/v1/branches?limit=5&sort=name",
        "/v1/reports/coverage?year=2020",
        "/v1/reports/classification/2020?formats=csv",
        "/v1/reports/key-focus.csv?x=1",
    ],
)
def test_an_unknown_query_parameter_is_422_naming_it(api: Api, path: str) -> None:
    response = api.get(path, "reader")
    assert response.status_code == 422
    unknown = path.split("?")[1].split("&")[-1].split("=")[0]
    assert unknown in {e["field"] for e in response.json()["errors"]}


def test_the_same_instant_in_any_offset_gives_the_same_report(api: Api) -> None:
    member = api.post("/v1/members", member_body(1)).json()
    branch = api.post("/v1/branches", branch_body([member["id"]])).json()
    api.post(f"/v1/branches/{branch['id']}/review", review_body(2020, 93), "assessor")
    api.post("/v1/grading-rounds", {"year": 2020}, "assessor")
    api.post(f"/v1/branches/{branch['id']}/grade", {"year": 2020}, "assessor")
    moment = datetime.now(UTC)
    api.post(f"/v1/branches/{branch['id']}/correct-grade", {"year": 2020, "grade": "average", "reason": "复核"})
    spellings = [
        moment.isoformat().replace("+00:00", "Z"),
        *(moment.astimezone(timezone(timedelta(hours=h))).isoformat() for h in (2, 8, 14, -11)),
    ]
    reports = [
        api.client.get("/v1/reports/classification/2020", params={"as_of": spelling}, headers=auth("reader")).json()
        for spelling in spellings
    ]
    assert {r["fingerprint"] for r in reports} == {reports[0]["fingerprint"]}
    assert reports[0] == reports[-1]
    assert reports[0]["as_of"] == spellings[0]
    assert reports[0]["on"] == moment.date().isoformat()
    assert reports[0]["totals"]["advanced"] == 1
    states = [
        api.client.get(f"/v1/branches/{branch['id']}", params={"as_of": s}, headers=auth("auditor")).json()
        for s in spellings
    ]
    assert {s["version"] for s in states} == {3}


def test_downloads_have_routes_of_their_own_and_format_still_works(api: Api) -> None:
    for path in ("/v1/reports/classification/2020", "/v1/reports/coverage", "/v1/reports/organizational-life/2020"):
        as_csv = api.get(f"{path}.csv", "reader")
        assert as_csv.status_code == 200
        assert as_csv.headers["content-type"].startswith("text/csv")
        assert as_csv.headers["content-disposition"].startswith("attachment; filename=")
        as_xlsx = api.get(f"{path}.xlsx", "reader")
        assert as_xlsx.headers["content-type"] == XLSX
        assert openpyxl.load_workbook(io.BytesIO(as_xlsx.content)).sheetnames
        assert api.get(f"{path}?format=xlsx", "reader").content[:2] == as_xlsx.content[:2] == b"PK"
    octets = api.get("/v1/reports/key-focus.xlsx", "reader", Accept="application/octet-stream")
    assert octets.headers["content-type"] == "application/octet-stream"
    assert api.get("/v1/reports/classification/20x0.csv", "reader").status_code == 422


def test_a_report_answers_its_fingerprint_as_etag_and_304_until_the_log_moves(api: Api) -> None:
    member = api.post("/v1/members", member_body(1)).json()
    first = api.get("/v1/reports/coverage", "reader")
    tag = first.headers["etag"]
    assert tag == f'"{first.json()["fingerprint"]}"'
    again = api.get("/v1/reports/coverage", "reader", **{"If-None-Match": tag})
    assert (again.status_code, again.headers["etag"], again.content) == (304, tag, b"")
    assert api.get("/v1/reports/coverage", "reader", **{"If-None-Match": f'"other", W/{tag}'}).status_code == 304
    assert api.get("/v1/reports/coverage", "reader").json() == first.json()
    csv = api.get("/v1/reports/coverage.csv", "reader", **{"If-None-Match": tag})
    assert csv.status_code == 200
    assert csv.headers["etag"] == f'"{first.json()["fingerprint"]}.csv"'
    assert api.get("/v1/reports/coverage.csv", "reader", **{"If-None-Match": csv.headers["etag"]}).status_code == 304
    api.post(f"/v1/members/{member['id']}/suspend", {"reason": "未按期年检"}, "registrar")
    moved = api.get("/v1/reports/coverage", "reader", **{"If-None-Match": tag})
    assert moved.status_code == 200
    assert moved.headers["etag"] != tag
    assert moved.json()["position"] > first.json()["position"]
    assert api.get("/v1/reports/coverage", "reader", **{"If-None-Match": "*"}).status_code == 304
