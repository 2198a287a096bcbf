"""Quotas in a round's policy through HTTP on both stores: grades outside them are recorded and warned of in the
classification report (JSON and its download), never refused."""

from __future__ import annotations

from tests.api.conftest import Api
from tests.api.scenario import branch_body, member_body, review_body


def test_grades_outside_the_quotas_are_recorded_and_warned_of(api: Api) -> None:
    policy = {"advanced_max_percent": 20, "weak_min_percent": 30}
    opened = api.post("/v1/grading-rounds", {"year": 2020, "policy": policy}, "assessor")
    assert opened.status_code == 201, opened.text
    assert {k: opened.json()["policy"][k] for k in policy} == policy
    too_high = api.post("/v1/grading-rounds", {"year": 2021, "policy": {"advanced_max_percent": 101}}, "assessor")
    assert too_high.status_code == 422
    for n, score in ((1, 95), (2, 80)):
        member = api.post("/v1/members", member_body(n), "registrar").json()["id"]
        branch = api.post("/v1/branches", branch_body([member], name=f"党支部{n}"), "registrar").json()["id"]
        assert api.post(f"/v1/branches/{branch}/review", review_body(2020, score), "assessor").status_code == 200
        assert api.post(f"/v1/branches/{branch}/grade", {"year": 2020}, "assessor").status_code == 200
    report = api.get("/v1/reports/classification/2020", "reader").json()
    assert [(w["rule"], w["grade"], w["count"], w["graded"], w["limit_percent"]) for w in report["quota_warnings"]] == [
        ("quota.advanced_over", "advanced", 1, 2, 20),
        ("quota.weak_under", "weak", 0, 2, 30),
    ]
    download = api.get("/v1/reports/classification/2020.csv", "reader")
    assert "先进等次占已定级党组织的比例超过定级办法规定的20%" in download.content.decode("utf-8-sig")


def test_a_round_without_quotas_warns_of_nothing(api: Api) -> None:
    assert api.post("/v1/grading-rounds", {"year": 2020}, "assessor").status_code == 201
    assert api.get("/v1/reports/classification/2020", "reader").json()["quota_warnings"] == []
