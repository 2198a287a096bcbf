"""Lists and reports through HTTP: filters, cursor paging, reads that see writes, formats and as_of."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import openpyxl

from tests.api.conftest import Api
from tests.api.scenario import branch_body, chamber_body, member_body, review_body


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
    assert seen == sorted(ids)
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
    assert openpyxl.load_workbook(io.BytesIO(as_xlsx.content)).sheetnames[0] == "概要 (summary)"
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
