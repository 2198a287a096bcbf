"""Corrections through HTTP: a recorded fact is corrected with a reason, never rewritten; the history keeps both and
the reports use the corrected fact and list the correction."""

from __future__ import annotations

import io
from typing import Any

import openpyxl

from tests.api.conftest import Api, auth
from tests.api.scenario import branch_body, chamber_body, member_body, review_body


def _branch(api: Api, n: int) -> dict[str, Any]:
    member = api.post("/v1/members", member_body(n), "registrar").json()
    response = api.post("/v1/branches", branch_body([member["id"]], name=f"更正党支部{n}"), "registrar")
    assert response.status_code == 201, response.json()
    return response.json()


def _refused(api: Api, path: str, body: dict[str, Any], status: int, named: str, role: str = "assessor") -> None:
    """A correction refused with ``status``, naming the rule or field, in Chinese, that records nothing."""
    before = api.position()
    response = api.post(path, body, role, **{"Accept-Language": "zh-CN"})
    assert response.status_code == status, response.json()
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert named in (problem.get("rule"), *(e["field"] for e in problem.get("errors", [])))
    assert any("\u4e00" <= ch <= "\u9fff" for ch in problem["detail"]), problem
    assert api.position() == before


def test_a_review_is_corrected_and_the_classification_report_uses_it(module_api: Api) -> None:
    api = module_api
    branch = _branch(api, 701)
    path = f"/v1/branches/{branch['id']}/correct-review"
    _refused(api, path, {"year": 2020, "score": 60, "reason": "复核"}, 409, "review.not_recorded")
    api.post(f"/v1/branches/{branch['id']}/review", review_body(2020, 93), "assessor")
    _refused(api, path, {"year": 2020, "score": 93, "reason": "复核"}, 409, "review.correction_changes_nothing")
    _refused(api, path, {"year": 2020, "score": 60, "reason": "\u200b"}, 422, "reason")
    _refused(api, path, {"year": 2020, "score": 60}, 422, "reason")
    _refused(api, path, {"year": 2020, "score": 160, "reason": "复核"}, 422, "score")
    assert api.post(path, {"year": 2020, "score": 60, "reason": "复核"}, "registrar").status_code == 403

    corrected = api.post(path, {"year": 2020, "score": 62, "reason": "漏计扣分项"}, "assessor")
    assert corrected.status_code == 200, corrected.json()
    review = corrected.json()["reviews"]["2020"]
    assert (review["score"], review["veto_findings"]) == (62, [])
    assert review["corrections"] == [
        {
            "from_score": 93,
            "to_score": 62,
            "from_veto_findings": [],
            "to_veto_findings": [],
            "reason": "漏计扣分项",
            "from_reviewed_on": None,
            "to_reviewed_on": None,
        }
    ]
    api.post("/v1/grading-rounds", {"year": 2020}, "assessor")
    graded = api.post(f"/v1/branches/{branch['id']}/grade", {"year": 2020}, "assessor").json()
    assert graded["grades"]["2020"]["grade"] == "weak"
    assert graded["grades"]["2020"]["basis"]["review_score"] == 62

    report = api.get("/v1/reports/classification/2020", "reader").json()
    assert [c for c in report["review_corrections"] if c["branch_id"] == branch["id"]] == [
        {
            "branch_id": branch["id"],
            "name": "更正党支部701",
            "from_score": 93,
            "to_score": 62,
            "from_veto_findings": [],
            "to_veto_findings": [],
            "reason": "漏计扣分项",
            "from_reviewed_on": None,
            "to_reviewed_on": None,
        }
    ]
    assert branch["id"] in [w["branch_id"] for w in report["weak"]]
    history = api.get(f"/v1/branches/{branch['id']}/history", "auditor").json()["events"]
    assert [e["type"] for e in history][-3:] == ["Reviewed", "ReviewCorrected", "Graded"]
    assert history[-3]["data"]["score"] == 93


def test_a_review_day_is_corrected_within_its_year_and_before_its_rectification(module_api: Api) -> None:
    api = module_api
    branch = _branch(api, 791)
    path = f"/v1/branches/{branch['id']}"
    reviewed = api.post(f"{path}/review", review_body(2020, 55), "assessor")
    assert reviewed.status_code == 200, reviewed.json()
    first_day = reviewed.json()["reviews"]["2020"]["reviewed_on"]
    correct = f"{path}/correct-review"
    _refused(
        api,
        correct,
        {"year": 2020, "reviewed_on": first_day, "reason": "复核"},
        409,
        "review.correction_changes_nothing",
    )
    _refused(api, correct, {"year": 2020, "reviewed_on": "2019-12-31", "reason": "日期录错"}, 422, "reviewed_on")
    _refused(api, correct, {"year": 2020, "reviewed_on": "2099-01-05", "reason": "日期录错"}, 409, "date.in_future")
    moved = api.post(correct, {"year": 2020, "reviewed_on": "2021-01-12", "reason": "评议日期录错"}, "assessor")
    assert moved.status_code == 200, moved.json()
    review = moved.json()["reviews"]["2020"]
    assert (review["reviewed_on"], review["score"]) == ("2021-01-12", 55)
    assert review["corrections"][-1]["from_reviewed_on"] == first_day
    assert review["corrections"][-1]["to_reviewed_on"] == "2021-01-12"

    api.post("/v1/grading-rounds", {"year": 2020}, "assessor")
    assert api.post(f"{path}/grade", {"year": 2020}, "assessor").json()["grades"]["2020"]["grade"] == "weak"
    opened = api.post(
        f"{path}/open-rectification",
        {
            "year": 2020,
            "measures": "健全组织生活",
            "opened_on": "2021-02-01",
            "helper": "王建国",
            "helper_role": "leader",
            "plan": "整顿方案",
        },
        "assessor",
    )
    assert opened.status_code == 200, opened.json()
    late = {"year": 2020, "reviewed_on": "2021-02-02", "reason": "日期录错"}
    _refused(api, correct, late, 409, "review.after_rectification")
    report = api.get("/v1/reports/classification/2020", "reader").json()
    [listed] = [c for c in report["review_corrections"] if c["branch_id"] == branch["id"]]
    assert (listed["from_reviewed_on"], listed["to_reviewed_on"]) == (first_day, "2021-01-12")


def test_a_rectification_s_days_are_corrected_within_its_round(module_api: Api) -> None:
    api = module_api
    branch = _branch(api, 792)
    path = f"/v1/branches/{branch['id']}"
    reviewed = api.post(f"{path}/review", review_body(2020, 55), "assessor").json()
    review_day = reviewed["reviews"]["2020"]["reviewed_on"]
    correct = f"{path}/correct-rectification"
    _refused(
        api, correct, {"year": 2020, "due_on": "2021-09-30", "reason": "期限录错"}, 409, "rectification.not_recorded"
    )
    api.post("/v1/grading-rounds", {"year": 2020}, "assessor")
    api.post(f"{path}/grade", {"year": 2020}, "assessor")
    opening = {
        "year": 2020,
        "measures": "健全组织生活",
        "opened_on": "2021-02-01",
        "helper": "王建国",
        "helper_role": "leader",
        "plan": "整顿方案",
    }
    assert api.post(f"{path}/open-rectification", opening, "assessor").status_code == 200
    before_review = {"year": 2020, "opened_on": "2020-06-01", "reason": "日期录错"}
    assert before_review["opened_on"] < review_day
    _refused(api, correct, before_review, 409, "rectification.outside_round")
    _refused(api, correct, {"year": 2020, "closed_on": "2021-05-01", "reason": "日期录错"}, 422, "closed_on")
    _refused(api, correct, {"year": 2020, "due_on": "2021-01-01", "reason": "期限录错"}, 422, "due_on")
    _refused(api, correct, {"year": 2020, "due_on": "2022-02-01", "reason": "\u200b"}, 422, "reason")
    assert (
        api.post(correct, {"year": 2020, "due_on": "2021-09-30", "reason": "期限录错"}, "registrar").status_code == 403
    )

    corrected = api.post(correct, {"year": 2020, "due_on": "2021-09-30", "reason": "期限录错"}, "assessor")
    assert corrected.status_code == 200, corrected.json()
    [rectification] = corrected.json()["rectifications"]
    assert rectification["due_on"] == "2021-09-30"
    assert rectification["corrections"] == [
        {
            "from_opened_on": "2021-02-01",
            "to_opened_on": "2021-02-01",
            "from_due_on": "2022-02-01",
            "to_due_on": "2021-09-30",
            "from_closed_on": None,
            "to_closed_on": None,
            "reason": "期限录错",
        }
    ]
    report = api.get("/v1/reports/classification/2020", "reader").json()
    [listed] = [c for c in report["rectification_corrections"] if c["branch_id"] == branch["id"]]
    assert (listed["to_due_on"], listed["reason"]) == ("2021-09-30", "期限录错")
    download = api.client.get("/v1/reports/classification/2020.xlsx", headers=auth("reader"))
    sheet = openpyxl.load_workbook(io.BytesIO(download.content))["整顿日期更正"]
    [row] = [r for r in sheet.iter_rows(values_only=True) if branch["id"] in r]
    assert row[1:2] == ("更正党支部792",)
    assert "期限录错" in row


def test_a_meeting_recorded_in_error_is_voided_and_no_longer_counted(module_api: Api) -> None:
    api = module_api
    branch = _branch(api, 702)
    path = f"/v1/branches/{branch['id']}"
    for held_on in ("2020-03-02", "2020-06-01"):
        life = {"activity": "general_meeting", "held_on": held_on, "attendance": 8}
        api.post(f"{path}/record-organizational-life", life, "registrar")
    void = f"{path}/void-meeting"
    wrong_day = {"activity": "general_meeting", "held_on": "2020-03-03", "reason": "误录"}
    _refused(api, void, wrong_day, 409, "meeting.not_recorded", "registrar")
    wrong_kind = {"activity": "lecture", "held_on": "2020-03-02", "reason": "误录"}
    _refused(api, void, wrong_kind, 409, "meeting.not_recorded", "registrar")
    body = {"activity": "general_meeting", "held_on": "2020-03-02", "reason": "会议未召开，系误录"}
    _refused(api, void, {**body, "reason": "\u200b"}, 422, "reason", "registrar")
    assert api.post(void, body, "assessor").status_code == 403

    voided = api.post(void, body, "registrar")
    assert voided.status_code == 200, voided.json()
    assert voided.json()["organizational_life"] == {"2020": {"general_meeting": 1}}
    _refused(api, void, body, 409, "meeting.already_voided", "registrar")

    report = api.get("/v1/reports/organizational-life/2020", "reader").json()
    row = next(r for r in report["rows"] if r["branch_id"] == branch["id"])
    assert row["activities"]["general_meeting"]["held"] == 1
    assert [v for v in report["voided_meetings"] if v["branch_id"] == branch["id"]] == [
        {
            "branch_id": branch["id"],
            "name": "更正党支部702",
            "activity": "general_meeting",
            "held_on": "2020-03-02",
            "reason": "会议未召开，系误录",
        }
    ]
    history = api.get(f"{path}/history", "auditor").json()["events"]
    assert [e["type"] for e in history][-3:] == [
        "OrganizationalLifeRecorded",
        "OrganizationalLifeRecorded",
        "MeetingVoided",
    ]


def test_a_joining_day_is_corrected_no_later_than_what_the_log_records_after_it(module_api: Api) -> None:
    api = module_api
    member = api.post("/v1/members", member_body(703), "registrar").json()
    chamber = api.post("/v1/chambers", chamber_body("更正测试商会"), "registrar").json()
    path = f"/v1/members/{member['id']}"
    api.post(f"{path}/join-chamber", {"chamber_id": chamber["id"], "on": "2020-01-01"}, "registrar")
    correct = f"{path}/correct-joined-on"
    _refused(
        api,
        correct,
        {"joined_on": "2019-03-01", "reason": "更正"},
        409,
        "member.correction_changes_nothing",
        "registrar",
    )
    late = {"joined_on": "2020-06-01", "reason": "更正"}
    _refused(api, correct, late, 409, "member.joined_after_recorded_fact", "registrar")
    _refused(api, correct, {"joined_on": "2019-01-01", "reason": "\u200b"}, 422, "reason", "registrar")

    corrected = api.post(correct, {"joined_on": "2019-01-15", "reason": "按入会申请书更正"}, "registrar")
    assert corrected.status_code == 200, corrected.json()
    assert corrected.json()["joined_on"] == "2019-01-15"
    listed = api.get("/v1/members?limit=500", "reader").json()
    rows = listed["items"] if isinstance(listed, dict) else listed
    assert next(m for m in rows if m["id"] == member["id"])["joined_on"] == "2019-01-15"
    history = api.get(f"{path}/history", "auditor").json()["events"]
    assert [e["type"] for e in history] == ["Joined", "JoinedChamber", "JoinedOnCorrected"]
    assert history[0]["data"]["joined_on"] == "2019-03-01"
    assert history[-1]["reason"] == "按入会申请书更正"


def test_a_renamed_organization_is_reported_under_its_new_name(module_api: Api) -> None:
    api = module_api
    branch = _branch(api, 704)
    path = f"/v1/branches/{branch['id']}"
    rename = f"{path}/rename"
    _refused(
        api, rename, {"name": "更正党支部704", "reason": "更名"}, 409, "branch.rename_changes_nothing", "registrar"
    )
    _refused(api, rename, {"name": "新名\u200b称", "reason": "更名"}, 422, "name", "registrar")
    _refused(api, rename, {"name": "新名称党支部704", "reason": " "}, 422, "reason", "registrar")

    renamed = api.post(rename, {"name": "新名称党支部704", "reason": "企业更名"}, "registrar")
    assert renamed.status_code == 200, renamed.json()
    assert renamed.json()["name"] == "新名称党支部704"
    api.post(f"{path}/record-organizational-life", {"activity": "lecture", "held_on": "2021-03-01", "attendance": 5})
    report = api.get("/v1/reports/organizational-life/2021", "reader").json()
    assert next(r for r in report["rows"] if r["branch_id"] == branch["id"])["name"] == "新名称党支部704"
    history = api.get(f"{path}/history", "auditor").json()["events"]
    assert history[0]["data"]["name"] == "更正党支部704"
    assert history[1]["type"] == "Renamed"
    assert (history[1]["data"]["from_name"], history[1]["data"]["to_name"]) == ("更正党支部704", "新名称党支部704")


def _chamber(api: Api, name: str) -> str:
    response = api.post("/v1/chambers", chamber_body(name), "registrar")
    assert response.status_code == 201, response.json()
    return f"/v1/chambers/{response.json()['id']}"


def _chamber_corrections(api: Api, path: str) -> list[dict[str, Any]]:
    report = api.get("/v1/reports/chambers", "reader").json()
    ident = path.rsplit("/", 1)[-1]
    return [
        {k: c[k] for k in ("name", "fact", "level", "from_value", "to_value", "reason")}
        for c in report["chamber_corrections"]
        if c["chamber_id"] == ident
    ]


def test_a_renamed_chamber_holds_its_new_name_and_frees_the_old_one(module_api: Api) -> None:
    api = module_api
    path = _chamber(api, "更正测试一商会")
    _chamber(api, "ABC更正商会(深圳)")
    rename = f"{path}/rename"
    for taken in ("ABC更正商会(深圳)", "ＡＢＣ更正商会（深圳）", "abc 更正商会 (深圳)"):
        _refused(api, rename, {"name": taken, "reason": "更名"}, 409, "chamber.name_taken", "registrar")
    _refused(api, rename, {"name": "ABC更正\u200b商会(深圳)", "reason": "更名"}, 422, "name", "registrar")
    _refused(
        api, rename, {"name": "更正测试一商会", "reason": "更名"}, 409, "chamber.rename_changes_nothing", "registrar"
    )
    _refused(api, rename, {"name": "更正测试二商会", "reason": "\u200b"}, 422, "reason", "registrar")
    assert api.post(rename, {"name": "更正测试二商会", "reason": "更名"}, "assessor").status_code == 403

    renamed = api.post(rename, {"name": "更正测试二商会", "reason": "按登记证书更名"}, "registrar")
    assert renamed.status_code == 200, renamed.json()
    assert renamed.json()["name"] == "更正测试二商会"
    assert api.post("/v1/chambers", chamber_body("更正测试一商会"), "registrar").status_code == 201
    again = api.post("/v1/chambers", chamber_body("更正测试二商会"), "registrar")
    assert (again.status_code, again.json()["rule"]) == (409, "chamber.name_taken")
    assert _chamber_corrections(api, path) == [
        {
            "name": "更正测试二商会",
            "fact": "name",
            "level": None,
            "from_value": "更正测试一商会",
            "to_value": "更正测试二商会",
            "reason": "按登记证书更名",
        }
    ]
    history = api.get(f"{path}/history", "auditor").json()["events"]
    assert [e["type"] for e in history] == ["Established", "Renamed"]
    assert history[0]["data"]["name"] == "更正测试一商会"


def test_a_chamber_s_establishment_day_is_corrected_no_later_than_what_is_recorded(module_api: Api) -> None:
    api = module_api
    path = _chamber(api, "更正测试三商会")
    api.post(f"{path}/register", {"certificate_no": "51440305MJL000001X", "on": "2016-03-01"}, "registrar")
    correct = f"{path}/correct-established-on"
    same = {"established_on": "2015-06-01", "reason": "更正"}
    _refused(api, correct, same, 409, "chamber.correction_changes_nothing", "registrar")
    late = {"established_on": "2016-03-02", "reason": "更正"}
    _refused(api, correct, late, 409, "chamber.established_after_recorded_fact", "registrar")
    _refused(api, correct, {"established_on": "2015-01-01", "reason": "\u200b"}, 422, "reason", "registrar")
    _refused(api, correct, {"established_on": "2015-02-30", "reason": "更正"}, 422, "established_on", "registrar")

    corrected = api.post(correct, {"established_on": "2016-01-08", "reason": "按成立批复更正"}, "registrar")
    assert corrected.status_code == 200, corrected.json()
    assert corrected.json()["established_on"] == "2016-01-08"
    assert corrected.json()["renewal_due_by"] == "2021-01-08"
    assert _chamber_corrections(api, path) == [
        {
            "name": "更正测试三商会",
            "fact": "established_on",
            "level": None,
            "from_value": "2015-06-01",
            "to_value": "2016-01-08",
            "reason": "按成立批复更正",
        }
    ]
    assert api.post(f"{path}/award-four-good", {"year": 2015, "level": "city"}, "registrar").status_code == 409


def test_an_establishment_day_in_the_future_is_refused(module_api: Api) -> None:
    api = module_api
    path = _chamber(api, "更正测试四商会")
    future = {"established_on": "2099-01-01", "reason": "更正"}
    _refused(api, f"{path}/correct-established-on", future, 409, "date.in_future", "registrar")


def test_award_years_are_corrected_and_the_report_uses_them(module_api: Api) -> None:
    api = module_api
    path = _chamber(api, "更正测试五商会")
    api.post(f"{path}/award-four-good", {"year": 2016, "level": "city"}, "registrar")
    api.post(f"{path}/designate-demonstration-site", {"year": 2016}, "registrar")
    titles = f"{path}/correct-four-good-years"
    _refused(
        api,
        titles,
        {"year": 2017, "level": "city", "to_year": 2018, "reason": "更正"},
        409,
        "chamber.four_good_not_awarded",
        "registrar",
    )
    _refused(
        api,
        titles,
        {"year": 2016, "level": "city", "to_year": 2014, "reason": "更正"},
        409,
        "date.before_establishment",
        "registrar",
    )
    _refused(
        api,
        titles,
        {"year": 2016, "level": "city", "to_year": 2099, "reason": "更正"},
        409,
        "date.in_future",
        "registrar",
    )
    _refused(
        api,
        titles,
        {"year": 2016, "level": "city", "to_year": 2016, "reason": "更正"},
        409,
        "chamber.correction_changes_nothing",
        "registrar",
    )
    _refused(api, titles, {"year": 2016, "level": "city", "to_year": 2023, "reason": " "}, 422, "reason", "registrar")
    corrected = api.post(titles, {"year": 2016, "level": "city", "to_year": 2023, "reason": "按表彰文件更正"})
    assert corrected.status_code == 200, corrected.json()
    assert [(t["year"], t["until_year"]) for t in corrected.json()["four_good"]] == [(2023, 2024)]

    sites = f"{path}/correct-demonstration-site-year"
    _refused(
        api,
        sites,
        {"year": 2017, "to_year": 2018, "reason": "更正"},
        409,
        "chamber.demonstration_site_not_designated",
        "registrar",
    )
    assert api.post(sites, {"year": 2016, "to_year": 2018, "reason": "按通知更正"}).status_code == 200

    report = api.get("/v1/reports/chambers", "reader").json()
    ident = path.rsplit("/", 1)[-1]
    assert [s["year"] for s in report["demonstration_sites"] if s["chamber_id"] == ident] == [2018]
    assert [c["fact"] for c in _chamber_corrections(api, path)] == ["four_good_years", "demonstration_site_year"]
    assert _chamber_corrections(api, path)[0]["level"] == "city"
    assert (_chamber_corrections(api, path)[0]["from_value"], _chamber_corrections(api, path)[0]["to_value"]) == (
        "2016-2017",
        "2023-2024",
    )


def test_a_founding_day_is_corrected_and_the_organizational_life_report_lists_it(module_api: Api) -> None:
    api = module_api
    branch = _branch(api, 705)
    path = f"/v1/branches/{branch['id']}"
    api.post(f"{path}/record-organizational-life", {"activity": "lecture", "held_on": "2020-03-02", "attendance": 5})
    correct = f"{path}/correct-founded-on"
    same = {"founded_on": branch["founded_on"], "reason": "更正"}
    _refused(api, correct, same, 409, "branch.correction_changes_nothing", "registrar")
    late = {"founded_on": "2020-03-03", "reason": "更正"}
    _refused(api, correct, late, 409, "branch.founded_after_recorded_fact", "registrar")
    _refused(api, correct, {"founded_on": "2018-01-01", "reason": "\u200b"}, 422, "reason", "registrar")
    _refused(api, correct, {"founded_on": "2018-02-30", "reason": "更正"}, 422, "founded_on", "registrar")
    assert api.post(correct, {"founded_on": "2018-01-01", "reason": "更正"}, "assessor").status_code == 403

    corrected = api.post(correct, {"founded_on": "2018-01-08", "reason": "按成立批复更正"}, "registrar")
    assert corrected.status_code == 200, corrected.json()
    assert corrected.json()["founded_on"] == "2018-01-08"
    report = api.get("/v1/reports/organizational-life/2018", "reader").json()
    assert branch["id"] in [r["branch_id"] for r in report["rows"]]
    assert [c for c in report["founding_corrections"] if c["branch_id"] == branch["id"]] == [
        {
            "branch_id": branch["id"],
            "name": "更正党支部705",
            "from_on": branch["founded_on"],
            "to_on": "2018-01-08",
            "reason": "按成立批复更正",
        }
    ]
    history = api.get(f"{path}/history", "auditor").json()["events"]
    assert [e["type"] for e in history][-1] == "FoundedOnCorrected"
    assert history[0]["data"]["founded_on"] == branch["founded_on"]


def _organizational_life_row(api: Api, year: int, ident: str) -> dict[str, Any]:
    report = api.get(f"/v1/reports/organizational-life/{year}", "reader").json()
    return next(r for r in report["rows"] if r["branch_id"] == ident)


def test_an_election_is_corrected_and_the_organizational_life_report_judges_the_term_by_it(module_api: Api) -> None:
    api = module_api
    branch = _branch(api, 771)
    path = f"/v1/branches/{branch['id']}"
    correct = f"{path}/correct-election"
    _refused(
        api,
        correct,
        {"elected_on": "2021-04-20", "to_elected_on": "2021-05-01", "reason": "更正"},
        409,
        "election.not_recorded",
        "registrar",
    )
    assert api.post(f"{path}/record-election", {"elected_on": "2021-04-20"}, "registrar").status_code == 200
    assert _organizational_life_row(api, 2024, branch["id"])["overdue_for_election"] is True
    earlier = {"elected_on": "2021-04-20", "to_elected_on": "2019-05-01", "reason": "更正"}
    _refused(api, correct, earlier, 409, "election.before_previous", "registrar")
    longer = {"elected_on": "2021-04-20", "to_term_ends_on": "2024-04-20", "reason": "更正"}
    _refused(api, correct, longer, 409, "election.term_too_long", "registrar")
    ended = {"elected_on": "2021-04-20", "to_term_ends_on": "2021-04-20", "reason": "更正"}
    _refused(api, correct, ended, 409, "election.term_end_before_election", "registrar")
    same = {"elected_on": "2021-04-20", "to_elected_on": "2021-04-20", "reason": "更正"}
    _refused(api, correct, same, 409, "election.correction_changes_nothing", "registrar")
    future = {
        "elected_on": "2021-04-20",
        "to_elected_on": "2099-01-01",
        "to_term_ends_on": "2100-01-01",
        "reason": "更正",
    }
    _refused(api, correct, future, 409, "date.in_future", "registrar")
    _refused(api, correct, {**same, "to_elected_on": "2022-01-10", "reason": " "}, 422, "reason", "registrar")
    _refused(api, correct, {**same, "to_elected_on": "2022-02-30"}, 422, "to_elected_on", "registrar")
    assert api.post(correct, {**same, "to_elected_on": "2022-01-10"}, "assessor").status_code == 403

    body = {
        "elected_on": "2021-04-20",
        "to_elected_on": "2022-01-10",
        "to_term_ends_on": "2024-12-31",
        "reason": "按选举结果报告更正",
    }
    corrected = api.post(correct, body, "registrar")
    assert corrected.status_code == 200, corrected.json()
    assert corrected.json()["election_due_by"] == "2024-12-31"
    row = _organizational_life_row(api, 2024, branch["id"])
    assert (row["election_due_by"], row["overdue_for_election"]) == ("2024-12-31", False)
    report = api.get("/v1/reports/organizational-life/2024", "reader").json()
    assert [c for c in report["election_corrections"] if c["branch_id"] == branch["id"]] == [
        {
            "branch_id": branch["id"],
            "name": "更正党支部771",
            "from_elected_on": "2021-04-20",
            "to_elected_on": "2022-01-10",
            "from_term_ends_on": "2024-04-19",
            "to_term_ends_on": "2024-12-31",
            "reason": "按选举结果报告更正",
        }
    ]
    later = api.get("/v1/reports/organizational-life/2025", "reader").json()["election_corrections"]
    assert branch["id"] not in [c["branch_id"] for c in later]
    history = api.get(f"{path}/history", "auditor").json()["events"]
    assert history[-1]["type"] == "ElectionCorrected"
    assert {
        k: history[-1]["data"][k] for k in ("from_elected_on", "to_elected_on", "from_term_ends_on", "to_term_ends_on")
    } == {
        "from_elected_on": "2021-04-20",
        "to_elected_on": "2022-01-10",
        "from_term_ends_on": "2024-04-19",
        "to_term_ends_on": "2024-12-31",
    }


def _unit_total(api: Api, year: int, unit: str) -> int:
    report = api.get(f"/v1/reports/classification/{year}", "reader").json()
    return next((r["total"] for r in report["by_managing_unit"] if r["managing_unit"] == unit), 0)


def test_a_transfers_day_is_corrected_and_the_classification_attributes_the_organization_by_it(module_api: Api) -> None:
    api = module_api
    branch = _branch(api, 772)
    path = f"/v1/branches/{branch['id']}"
    correct = f"{path}/correct-transfer"
    _refused(
        api,
        correct,
        {"on": "2021-03-01", "to_on": "2020-12-01", "reason": "更正"},
        409,
        "branch.transfer_not_recorded",
        "registrar",
    )
    transfer = {"managing_unit": "区委组织部更正", "basis": "industry", "on": "2021-03-01", "reason": "调整"}
    assert api.post(f"{path}/transfer-management", transfer, "registrar").status_code == 200
    assert _unit_total(api, 2020, "区委组织部更正") == 0
    _refused(
        api,
        correct,
        {"on": "2021-03-01", "to_on": "2019-04-30", "reason": "更正"},
        409,
        "date.before_founding",
        "registrar",
    )
    _refused(
        api,
        correct,
        {"on": "2021-03-01", "to_on": "2021-03-01", "reason": "更正"},
        409,
        "branch.transfer_correction_changes_nothing",
        "registrar",
    )
    _refused(
        api, correct, {"on": "2021-03-01", "to_on": "2099-01-01", "reason": "更正"}, 409, "date.in_future", "registrar"
    )
    _refused(api, correct, {"on": "2021-03-01", "to_on": "2020-12-01"}, 422, "reason", "registrar")
    _refused(api, correct, {"on": "2021-03-01", "to_on": "2020-13-01", "reason": "更正"}, 422, "to_on", "registrar")
    assert (
        api.post(correct, {"on": "2021-03-01", "to_on": "2020-12-01", "reason": "更正"}, "assessor").status_code == 403
    )

    corrected = api.post(correct, {"on": "2021-03-01", "to_on": "2020-12-01", "reason": "按移交文件更正"}, "registrar")
    assert corrected.status_code == 200, corrected.json()
    assert [t["on"] for t in corrected.json()["transfers"]] == ["2020-12-01"]
    assert _unit_total(api, 2020, "区委组织部更正") == 1
    history = api.get(f"{path}/history", "auditor").json()["events"]
    assert history[-1]["type"] == "TransferDayCorrected"
    assert (history[-1]["data"]["from_on"], history[-1]["data"]["to_on"]) == ("2021-03-01", "2020-12-01")


def test_the_days_a_member_joined_and_left_a_chamber_are_corrected_and_what_they_bound_reads_them(
    module_api: Api,
) -> None:
    api = module_api
    member = api.post("/v1/members", member_body(781), "registrar").json()
    chamber = api.post("/v1/chambers", chamber_body("更正日期商会"), "registrar").json()
    path = f"/v1/members/{member['id']}"
    correct = f"{path}/correct-chamber-day"

    def days(reason: str = "更正", **given: str) -> dict[str, Any]:
        return {"chamber_id": chamber["id"], **given, "reason": reason}

    _refused(api, correct, days(joined_on="2020-01-01"), 409, "member.chamber_not_joined", "registrar")
    api.post(f"{path}/join-chamber", {"chamber_id": chamber["id"], "on": "2020-01-01"}, "registrar")
    _refused(api, correct, days(joined_on="2020-01-01"), 409, "member.correction_changes_nothing", "registrar")
    _refused(api, correct, days(), 409, "member.correction_changes_nothing", "registrar")
    _refused(api, correct, days(left_on="2020-06-01"), 409, "member.chamber_not_left", "registrar")
    _refused(api, correct, days(joined_on="2015-05-31"), 409, "date.before_establishment", "registrar")
    _refused(api, correct, days(joined_on="2019-02-28"), 409, "date.before_joining", "registrar")
    _refused(api, correct, days(joined_on="2099-01-05"), 409, "date.in_future", "registrar")
    _refused(api, correct, days("\u200b", joined_on="2020-03-01"), 422, "reason", "registrar")
    _refused(api, correct, days(joined_on="2020-13-01"), 422, "joined_on", "registrar")
    established = f"/v1/chambers/{chamber['id']}/correct-established-on"
    late = {"established_on": "2020-02-01", "reason": "更正"}
    _refused(api, established, late, 409, "chamber.established_after_recorded_fact", "registrar")

    corrected = api.post(correct, days("按入会登记表更正", joined_on="2020-03-01"), "registrar")
    assert corrected.status_code == 200, corrected.json()
    assert api.post(established, late, "registrar").status_code == 200
    leave = {"chamber_id": chamber["id"], "on": "2020-02-15"}
    _refused(api, f"{path}/leave-chamber", leave, 409, "member.left_chamber_before_joining", "registrar")
    assert api.post(f"{path}/leave-chamber", {**leave, "on": "2020-06-01"}, "registrar").status_code == 200
    _refused(api, correct, days(left_on="2020-02-15"), 409, "member.left_chamber_before_joining", "registrar")
    both = api.post(correct, days("按退会函更正", joined_on="2020-04-01", left_on="2020-05-01"), "registrar")
    assert both.status_code == 200, both.json()
    assert both.json()["chamber_ids"] == []

    joined = f"{path}/correct-joined-on"
    _refused(
        api,
        joined,
        {"joined_on": "2020-04-02", "reason": "更正"},
        409,
        "member.joined_after_recorded_fact",
        "registrar",
    )
    assert api.post(joined, {"joined_on": "2020-03-15", "reason": "更正"}, "registrar").status_code == 200
    history = api.get(f"{path}/history", "auditor").json()["events"]
    assert [e["type"] for e in history] == [
        "Joined",
        "JoinedChamber",
        "ChamberDaysCorrected",
        "LeftChamber",
        "ChamberDaysCorrected",
        "JoinedOnCorrected",
    ]
    first, second = history[2]["data"], history[4]["data"]
    assert (first["from_joined_on"], first["to_joined_on"]) == ("2020-01-01", "2020-03-01")
    assert (first["from_left_on"], first["to_left_on"]) == (None, None)
    assert (second["from_joined_on"], second["to_joined_on"]) == ("2020-03-01", "2020-04-01")
    assert (second["from_left_on"], second["to_left_on"]) == ("2020-06-01", "2020-05-01")
    assert history[4]["reason"] == "按退会函更正"


def test_a_leaving_day_is_corrected_and_joining_again_reads_it(module_api: Api) -> None:
    api = module_api
    member = api.post("/v1/members", member_body(782), "registrar").json()
    path = f"/v1/members/{member['id']}"
    correct = f"{path}/correct-left-on"
    _refused(api, correct, {"on": "2020-12-01", "reason": "更正"}, 409, "member.not_left", "registrar")
    assert api.post(f"{path}/leave", {"on": "2021-01-01", "reason": "withdrew"}, "registrar").status_code == 200
    _refused(
        api, correct, {"on": "2021-01-01", "reason": "更正"}, 409, "member.correction_changes_nothing", "registrar"
    )
    _refused(api, correct, {"on": "2019-02-28", "reason": "更正"}, 409, "date.before_joining", "registrar")
    _refused(api, correct, {"on": "2099-01-05", "reason": "更正"}, 409, "date.in_future", "registrar")
    _refused(api, correct, {"on": "2020-12-01", "reason": " "}, 422, "reason", "registrar")
    _refused(api, correct, {"on": "2020-12-01"}, 422, "reason", "registrar")

    corrected = api.post(correct, {"on": "2020-12-01", "reason": "按退会申请书更正"}, "registrar")
    assert corrected.status_code == 200, corrected.json()
    assert (corrected.json()["left_on"], corrected.json()["status"]) == ("2020-12-01", "left")
    listed = api.get("/v1/members?limit=500", "reader").json()
    rows = listed["items"] if isinstance(listed, dict) else listed
    assert next(m for m in rows if m["id"] == member["id"])["left_on"] == "2020-12-01"
    early = member_body(782, joined_on="2020-11-30")
    _refused(api, "/v1/members", early, 409, "member.rejoin_before_leaving", "registrar")
    assert api.post("/v1/members", member_body(782, joined_on="2021-06-01"), "registrar").status_code == 201

    late = {"on": "2021-06-02", "reason": "更正"}
    _refused(api, correct, late, 409, "member.rejoin_before_leaving", "registrar")
    again = api.post(correct, {"on": "2021-05-01", "reason": "按退会申请书再更正"}, "registrar")
    assert again.status_code == 200, again.json()
    assert (again.json()["left_on"], again.json()["status"]) == (None, "active")
    joined = {"joined_on": "2021-04-30", "reason": "更正"}
    _refused(api, f"{path}/correct-joined-on", joined, 409, "member.rejoin_before_leaving", "registrar")
    history = api.get(f"{path}/history", "auditor").json()["events"]
    assert [e["type"] for e in history] == ["Joined", "Left", "LeftOnCorrected", "Rejoined", "LeftOnCorrected"]
    assert [(e["data"]["from_on"], e["data"]["to_on"]) for e in history if e["type"] == "LeftOnCorrected"] == [
        ("2021-01-01", "2020-12-01"),
        ("2020-12-01", "2021-05-01"),
    ]
