"""A rectification through HTTP: it names a helper and a plan, is due a year after opening by default, closes only
by the managing unit's acceptance, and the classification report shows that acceptance."""

from __future__ import annotations

from tests.api.conftest import Api
from tests.api.test_official_rules import _graded, refused

HELP = {"helper": "王建国", "helper_role": "instructor", "plan": "整顿方案"}


def test_opening_names_a_helper_and_a_plan_and_defaults_the_due_day(api: Api) -> None:
    branch = _graded(api, score=50)[0]
    path = f"/v1/branches/{branch}/open-rectification"
    opening = {"year": 2020, "measures": "健全组织生活制度", "opened_on": "2021-02-01", **HELP}
    refused(api, path, {**opening, "helper": None}, 409, "rectification.helper_required")
    refused(api, path, {**opening, "plan": None}, 409, "rectification.plan_required")
    refused(api, path, {**opening, "opened_on": None}, 409, "rectification.due_unknown")
    chinese = api.post(path, {**opening, "helper": None}, **{"Accept-Language": "zh-CN"}).json()
    assert "帮扶责任人" in chinese["detail"]
    opened = api.post(path, opening, "assessor")
    assert opened.status_code == 200, opened.json()
    (rectification,) = opened.json()["rectifications"]
    assert rectification["due_on"] == "2022-02-01"
    assert {k: rectification[k] for k in HELP} == HELP


def test_closing_is_the_managing_units_acceptance(api: Api) -> None:
    branch = _graded(api, score=50)[0]
    opening = {"year": 2020, "measures": "健全组织生活制度", "due_on": "2021-06-30", "opened_on": "2021-02-01", **HELP}
    assert api.post(f"/v1/branches/{branch}/open-rectification", opening, "assessor").status_code == 200
    path = f"/v1/branches/{branch}/close-rectification"
    closing = {"on": "2021-06-01", "outcome": "rectified"}
    refused(api, path, closing, 409, "rectification.acceptor_required")
    refused(
        api,
        path,
        {**closing, "accepted_by": "赵立新", "accepting_unit": "别的单位"},
        409,
        "rectification.acceptor_not_managing_unit",
    )
    closed = api.post(path, {**closing, "accepted_by": "赵立新"}, "assessor")
    assert closed.status_code == 200, closed.json()
    unit = closed.json()["managing_unit"]
    assert closed.json()["rectifications"][0]["accepted_by"] == "赵立新"
    assert closed.json()["rectifications"][0]["accepting_unit"] == unit
    (weak,) = api.get("/v1/reports/classification/2020", "reader").json()["weak"]
    assert weak["acceptance"] == {
        "on": "2021-06-01",
        "outcome": "rectified",
        "accepting_unit": unit,
        "accepted_by": "赵立新",
    }
    assert (weak["escalated"], weak["rectification_of"]) == (False, HELP)


def test_a_rectification_is_opened_within_its_round(api: Api) -> None:
    branch = _graded(api, score=50)[0]
    path = f"/v1/branches/{branch}/open-rectification"
    opening = {"year": 2020, "measures": "健全组织生活制度", "opened_on": "2021-01-09", **HELP}
    refused(api, path, opening, 409, "rectification.outside_round")
    chinese = api.post(path, opening, **{"Accept-Language": "zh-CN"}).json()
    assert "不能早于考评日期" in chinese["detail"]
    assert api.post(path, {**opening, "opened_on": "2021-02-22"}, "assessor").status_code == 200
    rounds = "/v1/grading-rounds/2020"
    assert api.post(f"{rounds}/start-publicity", {"starts_on": "2021-01-15"}).status_code == 200
    refused(api, f"{rounds}/close", {"on": "2021-02-21"}, 409, "rectification.outside_round")
    assert api.post(f"{rounds}/close", {"on": "2021-02-22"}).json()["status"] == "closed"
