"""Chamber terms by the charter or five years, postponed with approval, and Four Good titles for a period that lapse
and can be revoked, through HTTP on both stores: each rule refused with its 409 or 422, recording nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.api.conftest import Api
from tests.api.scenario import chamber_body
from tests.api.test_branch_facts import invalid, refused


def _chamber(api: Api, name: str = "南山街道商会") -> str:
    return f"/v1/chambers/{api.post('/v1/chambers', chamber_body(name), 'registrar').json()['id']}"


def test_terms_by_the_charter_and_their_postponement(api: Api) -> None:
    path = _chamber(api)
    postponement: dict[str, Any] = {
        "postponed_to": "2020-06-30",
        "approved_by": "区工商联",
        "approved_on": "2019-11-01",
    }
    refused(api, f"{path}/postpone-term", postponement, "chamber.no_term")
    invalid(
        api,
        f"{path}/register",
        {"certificate_no": "51440305MJL000001X", "on": "2016-01-01", "charter_term_years": 11},
        "charter_term_years",
    )
    registered = api.post(
        f"{path}/register", {"certificate_no": "51440305MJL000001X", "on": "2016-01-01", "charter_term_years": 4}
    ).json()
    assert registered["charter_term_years"] == 4
    term = {"term": 1, "starts_on": "2016-01-01", "president": "王建国"}
    refused(api, f"{path}/renew-term", {**term, "ends_on": "2021-01-01"}, "chamber.term_too_long")
    renewed = api.post(f"{path}/renew-term", term).json()
    assert renewed["current_term"]["ends_on"] == "2019-12-31"
    refused(
        api, f"{path}/postpone-term", {**postponement, "postponed_to": "2021-01-01"}, "chamber.postponement_too_long"
    )
    refused(
        api, f"{path}/postpone-term", {**postponement, "postponed_to": "2019-12-31"}, "chamber.postponement_not_later"
    )
    refused(api, f"{path}/postpone-term", {**postponement, "approved_on": "2015-12-31"}, "chamber.approval_before_term")
    invalid(api, f"{path}/postpone-term", {**postponement, "approved_by": ""}, "approved_by")
    postponed = api.post(f"{path}/postpone-term", postponement).json()
    assert postponed["current_term"]["postponed_to"] == "2020-06-30"
    assert postponed["renewal_due_by"] == "2020-06-30"
    assert postponed["overdue_for_renewal"] is (date.today() > date(2020, 6, 30))
    report = api.get("/v1/reports/chambers", "reader").json()
    assert report["overdue_after_postponement"] == 1
    assert [r["postponed_to"] for r in report["overdue_for_renewal"]] == ["2020-06-30"]


def test_four_good_titles_for_a_period_lapse_and_are_revoked(api: Api) -> None:
    path = _chamber(api)
    this_year = date.today().year
    lapsed = api.post(f"{path}/award-four-good", {"year": 2018, "level": "city"}).json()["four_good"]
    assert [(t["year"], t["until_year"], t["in_force"]) for t in lapsed] == [(2018, 2019, False)]
    invalid(api, f"{path}/award-four-good", {"year": 2021, "until_year": 2020, "level": "city"}, "until_year")
    current = {"year": this_year - 1, "until_year": this_year, "level": "district"}
    assert api.post(f"{path}/award-four-good", current).json()["four_good"][-1]["in_force"]
    refused(
        api, f"{path}/award-four-good", {"year": this_year, "level": "district"}, "chamber.four_good_already_awarded"
    )
    report = api.get("/v1/reports/chambers", "reader").json()
    assert [(t["year"], t["level"]) for t in report["four_good"]] == [(this_year - 1, "district")]
    revocation = {"year": this_year - 1, "level": "district", "on": date.today().isoformat(), "reason": "年检不合格"}
    refused(api, f"{path}/revoke-four-good", {**revocation, "level": "city"}, "chamber.four_good_not_awarded")
    invalid(api, f"{path}/revoke-four-good", {**revocation, "reason": ""}, "reason")
    revoked = api.post(f"{path}/revoke-four-good", revocation).json()["four_good"][-1]
    assert (revoked["revoke_reason"], revoked["in_force"]) == ("年检不合格", False)
    refused(api, f"{path}/revoke-four-good", revocation, "chamber.four_good_revoked")
    assert api.get("/v1/reports/chambers", "reader").json()["four_good"] == []
