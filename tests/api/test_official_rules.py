"""The rules of the official texts through HTTP, on both stores: each way round them that the first edition let
through now answers 409 or 422 naming the rule, and records nothing."""

from __future__ import annotations

from typing import Any

from application.working_calendar import known_years
from tests.api.conftest import Api
from tests.api.scenario import branch_body, chamber_body, member_body, review_body


def refused(api: Api, path: str, body: dict[str, Any], status: int, rule: str) -> dict[str, Any]:
    before = api.position()
    response = api.post(path, body)
    assert response.status_code == status, response.json()
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["rule"] == rule
    assert rule in problem["detail"]
    assert api.position() == before
    return problem


def invalid(api: Api, path: str, body: dict[str, Any], field: str) -> None:
    """A 422 naming ``field``, in Chinese, that records nothing."""
    before = api.position()
    response = api.post(path, body, **{"Accept-Language": "zh-CN"})
    assert response.status_code == 422, response.json()
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["detail"])
    assert api.position() == before


def _graded(api: Api, score: int = 85) -> tuple[str, str]:
    """A branch reviewed and graded for 2020 in an open round; its id and its member's."""
    member = api.post("/v1/members", member_body(1)).json()["id"]
    branch = api.post("/v1/branches", branch_body([member])).json()["id"]
    api.post(f"/v1/branches/{branch}/review", review_body(2020, score))
    assert api.post("/v1/grading-rounds", {"year": 2020}).status_code == 201
    assert api.post(f"/v1/branches/{branch}/grade", {"year": 2020}).status_code == 200
    return branch, member


def test_texts_with_control_or_invisible_characters_are_refused(api: Api) -> None:
    for name, rule in [
        ("南山\x85企业", "text.control"),
        ("南山\u202e企业", "text.invisible"),
        ("南山\u2066企业\u2069", "text.invisible"),
        ("南山\u200b企业", "text.invisible"),
    ]:
        problem = refused(api, "/v1/members", member_body(1, name=name), 422, rule)
        assert problem["errors"][0]["field"] == "name"
    assert api.post("/v1/members", member_body(1, name="南山企业（深圳）")).status_code == 201


def test_a_zero_width_reason_is_refused_for_an_override_and_a_correction(api: Api) -> None:
    branch = _graded(api, score=95)[0]
    override = {"year": 2020, "grade": "average", "override_reason": "\u200b"}
    api.post("/v1/grading-rounds", {"year": 2021})
    correction = {"year": 2020, "grade": "average", "reason": "\u200b"}
    refused(api, f"/v1/branches/{branch}/correct-grade", correction, 422, "text.invisible")
    refused(api, f"/v1/branches/{branch}/correct-grade", {**correction, "reason": " \u3000 "}, 422, "text.empty")
    api.post(f"/v1/branches/{branch}/review", review_body(2021, 95))
    refused(api, f"/v1/branches/{branch}/grade", {**override, "year": 2021}, 422, "text.invisible")
    assert api.post(f"/v1/branches/{branch}/correct-grade", {**correction, "reason": "复核"}).status_code == 200


def test_chamber_names_are_unique_in_nfkc(api: Api) -> None:
    assert api.post("/v1/chambers", chamber_body("ABC商会(深圳)")).status_code == 201
    refused(api, "/v1/chambers", chamber_body("ＡＢＣ商会（深圳）"), 409, "chamber.name_taken")
    refused(api, "/v1/chambers", chamber_body("abc 商会 (深圳)"), 409, "chamber.name_taken")
    refused(api, "/v1/chambers", chamber_body("ABC\u200b商会(深圳)"), 422, "text.invisible")
    assert api.post("/v1/chambers", chamber_body("ABC商会(广州)")).status_code == 201


def test_a_second_active_organization_on_a_host_is_refused(api: Api) -> None:
    one, two = (api.post("/v1/members", member_body(n)).json()["id"] for n in (1, 2))
    first = api.post("/v1/branches", branch_body([one])).json()["id"]
    refused(api, "/v1/branches", branch_body([one], name="第二党支部"), 409, "branch.host_already_organized")
    refused(api, "/v1/branches", branch_body([two, one], name="联合党支部"), 409, "branch.host_already_organized")
    hosts = [api.post("/v1/members", member_body(n)).json()["id"] for n in range(3, 9)]
    refused(api, "/v1/branches", branch_body(hosts, name="联合党支部"), 409, "branch.joint_too_many_units")
    needless = {**branch_body(hosts[:5], name="联合党支部"), "joint_units_approved_by": "区非公党委"}
    invalid(api, "/v1/branches", needless, "joint_units_approved_by")
    assert api.post("/v1/branches", branch_body(hosts[:5], name="联合党支部")).status_code == 201
    assert api.post(f"/v1/branches/{first}/dissolve", {"on": "2021-01-01", "reason": "撤销"}).status_code == 200
    assert api.post("/v1/branches", branch_body([one], name="重建党支部")).status_code == 201


def test_a_joint_branch_of_more_than_five_units_names_the_approval(api: Api) -> None:
    hosts = [api.post("/v1/members", member_body(n)).json()["id"] for n in range(1, 8)]
    body = branch_body(hosts, name="科技园联合党支部")
    invalid(api, "/v1/branches", {**body, "joint_units_approved_by": "\u200b"}, "joint_units_approved_by")
    founded = api.post("/v1/branches", {**body, "joint_units_approved_by": "区非公党委"})
    assert founded.status_code == 201, founded.json()
    assert founded.json()["joint_units_approved_by"] == "区非公党委"
    assert len(founded.json()["host_member_ids"]) == 7
    assert api.get(f"/v1/branches/{founded.json()['id']}").json()["joint_units_approved_by"] == "区非公党委"


def test_publicity_counts_official_working_days(api: Api) -> None:
    branch = _graded(api)[0]
    rounds = "/v1/grading-rounds/2020"
    for period in (
        {"starts_on": "2021-01-15", "ends_on": "2021-01-15"},
        {"starts_on": "2021-01-16", "ends_on": "2021-01-17"},
        {"starts_on": "2021-02-08", "ends_on": "2021-02-17"},
    ):
        refused(api, f"{rounds}/start-publicity", period, 409, "publicity.too_short")
    started = api.post(f"{rounds}/start-publicity", {"starts_on": "2021-02-09"}).json()
    assert started["publicity"] == {"starts_on": "2021-02-09", "ends_on": "2021-02-20"}
    refused(api, f"/v1/branches/{branch}/grade", {"year": 2020}, 409, "publicity.grades_posted")
    objection = {"branch_id": branch, "text": "评分有误"}
    for day in ("2021-02-08", "2021-02-21"):
        refused(
            api, f"{rounds}/raise-objection", {**objection, "raised_on": day}, 409, "publicity.objection_outside_period"
        )
    refused(api, f"{rounds}/raise-objection", objection, 409, "publicity.objection_outside_period")
    raised = api.post(f"{rounds}/raise-objection", {**objection, "raised_on": "2021-02-20"}).json()
    assert raised["objections"][0]["raised_on"] == "2021-02-20"
    assert refused(api, f"{rounds}/close", {"on": "2021-02-20"}, 409, "grading_round.publicity_not_ended")


def test_no_grade_is_given_while_grades_are_posted(api: Api) -> None:
    branch = _graded(api)[0]
    other_member = api.post("/v1/members", member_body(2)).json()["id"]
    other = api.post("/v1/branches", branch_body([other_member], name="另一党支部")).json()["id"]
    api.post(f"/v1/branches/{other}/review", review_body(2020, 75))
    api.post("/v1/grading-rounds/2020/start-publicity", {"starts_on": "2021-01-15"})
    refused(api, f"/v1/branches/{other}/grade", {"year": 2020}, 409, "publicity.grades_posted")
    corrected = api.post(f"/v1/branches/{branch}/correct-grade", {"year": 2020, "grade": "advanced", "reason": "复核"})
    assert corrected.status_code == 200


def test_a_year_the_calendar_does_not_know_is_refused(api: Api) -> None:
    unknown = known_years().stop
    assert api.post("/v1/grading-rounds", {"year": unknown - 2}).status_code == 201
    problem = refused(
        api,
        f"/v1/grading-rounds/{unknown - 2}/start-publicity",
        {"starts_on": f"{unknown - 1}-12-29"},
        409,
        "calendar.year_unknown",
    )
    assert str(unknown) in problem["detail"]


def test_dates_in_the_future_or_before_the_thing_existed_are_refused(api: Api) -> None:
    refused(api, "/v1/members", member_body(1, joined_on="2099-01-01"), 409, "date.in_future")
    member = api.post("/v1/members", member_body(1)).json()["id"]
    chamber = api.post("/v1/chambers", chamber_body()).json()["id"]
    refused(
        api,
        f"/v1/chambers/{chamber}/award-four-good",
        {"year": 2014, "level": "district"},
        409,
        "date.before_establishment",
    )
    refused(
        api, f"/v1/chambers/{chamber}/designate-demonstration-site", {"year": 2014}, 409, "date.before_establishment"
    )
    refused(api, f"/v1/chambers/{chamber}/award-four-good", {"year": 2099, "level": "district"}, 409, "date.in_future")
    joined = api.post(f"/v1/members/{member}/join-chamber", {"chamber_id": chamber, "on": "2020-06-01"})
    assert joined.status_code == 200, joined.json()
    leave = {"chamber_id": chamber, "on": "2020-05-31"}
    refused(api, f"/v1/members/{member}/leave-chamber", leave, 409, "member.left_chamber_before_joining")
    assert api.post(f"/v1/members/{member}/leave-chamber", {**leave, "on": "2020-06-01"}).status_code == 200


def test_a_rectification_closes_not_before_it_opened(api: Api) -> None:
    branch = _graded(api, score=50)[0]
    opening = {
        "year": 2020,
        "measures": "健全组织生活制度",
        "due_on": "2021-06-30",
        "opened_on": "2021-03-01",
        "helper": "王建国",
        "helper_role": "leader",
        "plan": "整顿方案",
    }
    opened = api.post(f"/v1/branches/{branch}/open-rectification", opening, "assessor").json()
    assert opened["rectifications"][0]["opened_on"] == "2021-03-01"
    closing = {"on": "2021-02-28", "outcome": "rectified", "accepted_by": "赵立新"}
    refused(api, f"/v1/branches/{branch}/close-rectification", closing, 409, "rectification.before_opening")
    closed = api.post(f"/v1/branches/{branch}/close-rectification", {**closing, "on": "2021-03-01"})
    assert closed.status_code == 200
