"""A Party organization's own facts through HTTP: full and probationary members, committee and Party groups,
elections and postponement, the organizations overdue for election (state, list filter, report), and the
organizational-life report's "not applicable"."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest

from application.projections import views
from tests.api.conftest import Api
from tests.api.scenario import branch_body, member_body


def _branch(api: Api, n: int = 1, **facts: Any) -> dict[str, Any]:
    member = api.post("/v1/members", member_body(n), "registrar").json()
    response = api.post("/v1/branches", branch_body([member["id"]], name=f"党支部{n}", **facts), "registrar")
    assert response.status_code == 201, response.json()
    return response.json()


def refused(api: Api, path: str, body: dict[str, Any], rule: str) -> None:
    before = api.position()
    response = api.post(path, body, "registrar")
    assert response.status_code == 409, response.json()
    assert response.json()["rule"] == rule
    assert response.headers["content-type"].startswith("application/problem+json")
    assert api.position() == before


def invalid(api: Api, path: str, body: dict[str, Any], field: str) -> None:
    before = api.position()
    response = api.post(path, body, "registrar")
    assert response.status_code == 422, response.json()
    assert field in {e["field"] for e in response.json()["errors"]}
    assert api.position() == before


def test_founding_with_full_and_probationary_members_a_committee_and_groups(api: Api) -> None:
    small = _branch(api, 1)
    assert (small["full_members"], small["probationary_members"], small["party_member_count"]) == (5, None, 5)
    assert (small["has_committee"], small["has_party_groups"]) == (False, False)
    assert small["current_term"] == {
        "starts_on": "2019-05-01",
        "ends_on": "2022-04-30",
        "postponed_to": None,
        "approved_by": None,
        "approved_on": None,
    }
    large = _branch(api, 2, full_members=12, probationary_members=3, has_party_groups=True)
    assert (large["full_members"], large["probationary_members"]) == (12, 3)
    assert (large["has_committee"], large["has_party_groups"]) == (True, True)
    committee = _branch(api, 3, kind="committee", full_members=120)
    assert committee["election_due_by"] == "2024-04-30"
    host = api.post("/v1/members", member_body(4)).json()["id"]
    refused(
        api,
        "/v1/branches",
        branch_body([host], full_members=6, probationary_members=4, has_committee=True),
        "committee.too_few_full_members",
    )
    refused(
        api,
        "/v1/branches",
        branch_body([host], kind="general_branch", full_members=60, has_committee=False),
        "committee.required_for_kind",
    )
    refused(
        api, "/v1/branches", branch_body([host], full_members=2, probationary_members=9), "branch.too_few_party_members"
    )
    refused(api, "/v1/branches", branch_body([host], term_ends_on="2022-05-01"), "election.term_too_long")
    refused(api, "/v1/branches", branch_body([host], term_ends_on="2019-05-01"), "election.term_end_before_election")
    invalid(api, "/v1/branches", branch_body([host], full_members=-1), "full_members")
    invalid(api, "/v1/branches", branch_body([host], probationary_members=-1), "probationary_members")
    invalid(api, "/v1/branches", branch_body([host], has_committee="yes"), "has_committee")


def test_reporting_members_and_recording_the_structure(api: Api) -> None:
    path = f"/v1/branches/{_branch(api)['id']}"
    counted = api.post(
        f"{path}/report-party-members", {"full_members": 8, "probationary_members": 1, "on": "2020-03-01"}
    )
    assert (counted.json()["full_members"], counted.json()["probationary_members"]) == (8, 1)
    invalid(api, f"{path}/report-party-members", {"full_members": -3, "on": "2020-03-01"}, "full_members")
    invalid(api, f"{path}/report-party-members", {"count": 8, "on": "2020-03-01"}, "count")
    structure = {"has_committee": True, "has_party_groups": False, "on": "2020-04-01"}
    recorded = api.post(f"{path}/record-structure", structure, "registrar")
    assert recorded.status_code == 200, recorded.json()
    assert recorded.json()["has_committee"] is True
    refused(api, f"{path}/record-structure", {**structure, "on": "2020-05-01"}, "structure.changes_nothing")
    refused(
        api,
        f"{path}/record-structure",
        {**structure, "has_party_groups": True, "on": "2020-03-01"},
        "structure.before_previous",
    )
    refused(api, f"{path}/record-structure", {**structure, "on": "2019-01-01"}, "date.before_founding")
    invalid(
        api,
        f"{path}/record-structure",
        {"has_committee": 1, "has_party_groups": False, "on": "2020-06-01"},
        "has_committee",
    )
    member = api.post("/v1/members", member_body(9)).json()["id"]
    answer = api.post(
        f"/v1/members/{member}/report-party-members", {"full_members": 3, "probationary_members": 2, "on": "2020-05-01"}
    )
    assert answer.json()["party_members"] == {
        "full_members": 3,
        "probationary_members": 2,
        "on": "2020-05-01",
        "count": 3,
    }


def test_elections_postponement_and_overdue(api: Api) -> None:
    branch = _branch(api)
    path = f"/v1/branches/{branch['id']}"
    assert branch["overdue_for_election"] is (date.today() > date(2022, 4, 30))
    refused(api, f"{path}/record-election", {"elected_on": "2019-04-01"}, "election.before_founding")
    refused(api, f"{path}/record-election", {"elected_on": "2019-05-01"}, "election.before_previous")
    refused(
        api,
        f"{path}/record-election",
        {"elected_on": "2022-05-10", "term_ends_on": "2022-05-10"},
        "election.term_end_before_election",
    )
    refused(
        api,
        f"{path}/record-election",
        {"elected_on": "2022-05-10", "term_ends_on": "2025-05-10"},
        "election.term_too_long",
    )
    postponement = {"postponed_to": "2023-04-30", "approved_by": "区非公党委", "approved_on": "2022-03-01"}
    refused(
        api,
        f"{path}/postpone-election",
        {**postponement, "postponed_to": "2023-05-01"},
        "election.postponement_too_long",
    )
    refused(
        api,
        f"{path}/postpone-election",
        {**postponement, "postponed_to": "2022-04-30"},
        "election.postponement_not_later",
    )
    refused(
        api, f"{path}/postpone-election", {**postponement, "approved_on": "2019-04-30"}, "election.approval_before_term"
    )
    invalid(api, f"{path}/postpone-election", {**postponement, "approved_by": " "}, "approved_by")
    postponed = api.post(f"{path}/postpone-election", postponement, "registrar").json()
    assert postponed["election_due_by"] == "2023-04-30"
    elected = api.post(f"{path}/record-election", {"elected_on": "2023-04-20"}, "registrar").json()
    assert [t["starts_on"] for t in elected["terms"]] == ["2019-05-01", "2023-04-20"]
    assert elected["election_due_by"] == "2026-04-19"
    assert elected["overdue_for_election"] is (date.today() > date(2026, 4, 19))


def test_the_list_filters_the_organizations_overdue_for_election_page_by_page(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    overdue, current = [], []
    for n in range(1, 8):
        branch = _branch(api, n, founded_on="2015-01-01" if n % 2 else str(date.today().replace(day=1, month=1)))
        (overdue if n % 2 else current).append(branch["id"])
    monkeypatch.setattr(views, "KEPT_CHUNK", 2)
    for wanted, expected in (("true", overdue), ("false", current)):
        seen, cursor = [], None
        while True:
            query = f"/v1/branches?overdue_for_election={wanted}&limit=1" + (f"&cursor={cursor}" if cursor else "")
            page = api.get(query, "reader").json()
            seen += [item["id"] for item in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert sorted(seen) == sorted(expected)
    for ident in overdue:
        assert api.get(f"/v1/branches/{ident}", "reader").json()["overdue_for_election"] is True
    assert api.get("/v1/branches?overdue_for_election=maybe", "reader").status_code == 422


def test_the_organizational_life_report_says_not_applicable_and_lists_overdue_elections(api: Api) -> None:
    small = _branch(api, 1, founded_on="2015-01-01")
    large = _branch(api, 2, founded_on="2019-01-01", full_members=9, has_party_groups=True)
    for activity in ("committee_meeting", "group_meeting", "life_meeting", "member_appraisal"):
        body = {"activity": activity, "held_on": "2020-06-01", "attendance": 5}
        assert api.post(f"/v1/branches/{large['id']}/record-organizational-life", body).status_code == 200
    report = api.get("/v1/reports/organizational-life/2020", "reader").json()
    rows = {r["branch_id"]: r for r in report["rows"]}
    assert rows[small["id"]]["activities"]["committee_meeting"]["compliance"] == "not_applicable"
    assert rows[small["id"]]["activities"]["group_meeting"]["met"] is None
    assert rows[large["id"]]["activities"]["committee_meeting"]["compliance"] == "short"
    assert rows[large["id"]]["activities"]["life_meeting"]["compliance"] == "met"
    assert [r["branch_id"] for r in report["overdue_for_election"]] == [small["id"]]
    assert report["overdue_for_election"][0]["election_due_by"] == "2017-12-31"
    text = api.get("/v1/reports/organizational-life/2020.csv", "reader").content.decode("utf-8-sig")
    rows_csv = list(csv.reader(io.StringIO(text)))
    start = rows_csv.index(["【明细】"])
    header = rows_csv[start + 1]
    by_id = {row[-1]: dict(zip(header, row, strict=True)) for row in rows_csv[start + 2 : start + 4]}
    assert by_id[small["id"]]["不适用项目"] == "支委会、党小组会"
    assert "支委会" not in by_id[small["id"]]["未达标项目"].split("、")
    assert by_id[large["id"]]["不适用项目"] == "无"
    assert "支委会" in by_id[large["id"]]["未达标项目"].split("、")
    assert "组织生活会" not in by_id[large["id"]]["未达标项目"].split("、")
    assert by_id[small["id"]]["逾期未换届选举"] == "是"
    overdue = rows_csv.index(["【逾期未换届选举】"])
    assert rows_csv[overdue + 2][-2:] == ["2017-12-31", small["id"]]
