"""Every resource's answer holds to its documented response model, field for field, with nested records filled."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from interfaces.api.resources import BranchState, ChamberState, MemberState, RoundState
from tests.api.conftest import Api
from tests.api.scenario import branch_body, chamber_body, member_body, review_body


def holds(model: type[BaseModel], answer: Any) -> dict[str, Any]:
    assert answer.status_code in (200, 201), answer.json()
    body = answer.json()
    model.model_validate(body)
    assert set(body) == set(model.model_fields)
    return body


def commands(api: Api, model: type[BaseModel], path: str, role: str, *steps: tuple[str, dict[str, Any]]) -> None:
    for verb, body in steps:
        holds(model, api.post(f"{path}/{verb}", body, role))


def test_each_answer_holds_to_its_model(api: Api) -> None:
    member = holds(MemberState, api.post("/v1/members", member_body(1), "registrar"))
    m = f"/v1/members/{member['id']}"
    chamber = holds(ChamberState, api.post("/v1/chambers", chamber_body(), "registrar"))
    c = f"/v1/chambers/{chamber['id']}"
    commands(
        api,
        ChamberState,
        c,
        "registrar",
        ("register", {"certificate_no": "51440305MJL000001X", "on": "2016-01-05"}),
        ("renew-term", {"term": 2, "starts_on": "2020-06-01", "ends_on": "2025-05-31", "president": "王强"}),
        ("award-four-good", {"year": 2020, "level": "city"}),
    )
    commands(
        api,
        MemberState,
        m,
        "registrar",
        ("designate-key-focus", {"criteria": ["tax"]}),
        ("report-party-members", {"full_members": 4, "probationary_members": 1, "on": "2020-05-01"}),
        ("join-chamber", {"chamber_id": chamber["id"], "on": "2020-07-01"}),
    )
    member = holds(MemberState, api.get(m, "reader"))
    assert member["party_members"] == {"full_members": 4, "probationary_members": 1, "on": "2020-05-01", "count": 4}
    assert member["chamber_ids"] == [chamber["id"]]
    chamber = holds(ChamberState, api.get(c, "reader"))
    assert chamber["current_term"]["president"] == "王强"
    assert [(t["year"], t["until_year"], t["level"]) for t in chamber["four_good"]] == [(2020, 2021, "city")]

    holds(RoundState, api.post("/v1/grading-rounds", {"year": 2020}, "assessor"))
    branch = holds(BranchState, api.post("/v1/branches", branch_body([member["id"]]), "registrar"))
    b = f"/v1/branches/{branch['id']}"
    commands(
        api,
        BranchState,
        b,
        "registrar",
        ("record-organizational-life", {"activity": "lecture", "held_on": "2020-04-01", "attendance": 5}),
        ("report-party-members", {"full_members": 8, "probationary_members": 2, "on": "2020-04-15"}),
        ("record-structure", {"has_committee": True, "has_party_groups": True, "on": "2020-05-01"}),
        ("postpone-election", {"postponed_to": "2022-10-31", "approved_by": "区非公党委", "approved_on": "2022-03-01"}),
        ("record-election", {"elected_on": "2022-10-20"}),
        (
            "transfer-management",
            {"managing_unit": "南山街道党工委", "basis": "territorial", "on": "2020-06-01", "reason": "下放"},
        ),
    )
    commands(
        api,
        BranchState,
        b,
        "assessor",
        ("review", review_body(2020, 60)),
        ("grade", {"year": 2020}),
        (
            "open-rectification",
            {
                "year": 2020,
                "measures": "整改",
                "due_on": "2021-06-30",
                "opened_on": "2021-02-01",
                "helper": "王建国",
                "helper_role": "leader",
                "plan": "整顿方案",
            },
        ),
        ("correct-grade", {"year": 2020, "grade": "average", "reason": "复核"}),
    )
    commands(
        api,
        RoundState,
        "/v1/grading-rounds/2020",
        "assessor",
        ("start-publicity", {"starts_on": "2021-01-15"}),
        ("raise-objection", {"branch_id": branch["id"], "text": "复核", "raised_on": "2021-01-15"}),
    )
    rnd = holds(RoundState, api.get("/v1/grading-rounds/2020", "reader"))
    objection = rnd["objections"][0]["objection_id"]
    resolution = {"objection_id": objection, "resolution": "维持"}
    commands(api, RoundState, "/v1/grading-rounds/2020", "assessor", ("resolve-objection", resolution))

    branch = holds(BranchState, api.get(b, "reader"))
    assert branch["grades"]["2020"]["corrections"] == [{"from_grade": "weak", "to_grade": "average", "reason": "复核"}]
    assert branch["rectifications"][0]["due_on"] == "2021-06-30"
    assert branch["transfers"][0]["managing_unit"] == "南山街道党工委"
    assert branch["organizational_life"] == {"2020": {"lecture": 1}}
    assert (branch["full_members"], branch["probationary_members"], branch["has_committee"]) == (8, 2, True)
    assert branch["structures"][-1] == {"since": "2020-05-01", "has_committee": True, "has_party_groups": True}
    assert branch["terms"][0] == {
        "starts_on": "2019-05-01",
        "ends_on": "2022-04-30",
        "postponed_to": "2022-10-31",
        "approved_by": "区非公党委",
        "approved_on": "2022-03-01",
    }
    assert branch["current_term"]["starts_on"] == "2022-10-20"
    assert branch["election_due_by"] == "2025-10-19"
    rnd = holds(RoundState, api.get("/v1/grading-rounds/2020", "reader"))
    assert rnd["objections"][0]["resolution"] == "维持"
