"""Chambers through HTTP: establishing, every command, unique names and dissolution."""

from __future__ import annotations

from tests.api.conftest import Api, auth
from tests.api.scenario import chamber_body


def test_chamber_through_every_command(api: Api) -> None:
    created = api.post("/v1/chambers", chamber_body(), "registrar")
    assert created.status_code == 201
    chamber = created.json()
    path = f"/v1/chambers/{chamber['id']}"
    assert api.post(f"{path}/register", {"certificate_no": "51440305MJL000001X", "on": "2016-01-01"}).json()[
        "registered_as_social_organization"
    ]
    assert api.post(f"{path}/hang-fic-plaque", {"on": "2016-02-01"}).json()["fic_plaque"]
    term = {"term": 1, "starts_on": "2016-01-01", "ends_on": "2021-01-01", "president": "王建国"}
    assert api.post(f"{path}/renew-term", term).json()["current_term"]["president"] == "王建国"
    titles = api.post(f"{path}/award-four-good", {"year": 2020, "level": "city"}).json()["four_good"]
    assert [(t["year"], t["until_year"], t["level"]) for t in titles] == [(2020, 2021, "city")]
    assert api.post(f"{path}/designate-demonstration-site", {"year": 2020}).json()["demonstration_site_years"] == [2020]
    dissolved = api.post(f"{path}/dissolve", {"on": "2021-06-01", "reason": "合并到区商会"})
    assert dissolved.json()["status"] == "dissolved"
    assert dissolved.headers["etag"] == '"7"'


def test_rules_answer_409_with_the_rule(api: Api) -> None:
    chamber = api.post("/v1/chambers", chamber_body()).json()
    path = f"/v1/chambers/{chamber['id']}"
    api.post(f"{path}/hang-fic-plaque", {"on": "2016-02-01"})
    again = api.post(f"{path}/hang-fic-plaque", {"on": "2016-03-01"})
    assert again.status_code == 409
    assert again.json()["rule"] == "chamber.plaque_already_hung"
    first = {"term": 3, "starts_on": "2016-01-01", "ends_on": "2021-01-01", "president": "王"}
    assert api.post(f"{path}/renew-term", first).status_code == 200
    skipped = api.post(f"{path}/renew-term", {**first, "term": 5, "starts_on": "2021-01-01", "ends_on": "2026-01-01"})
    assert skipped.json()["rule"] == "chamber.term_out_of_sequence"


def test_names_are_unique_until_dissolution(api: Api) -> None:
    first = api.post("/v1/chambers", chamber_body("宝安区浙江商会", kind="hometown")).json()
    duplicate = api.post("/v1/chambers", chamber_body(" 宝安区浙江商会 ", kind="hometown"))
    assert duplicate.status_code == 409
    assert duplicate.json()["rule"] == "chamber.name_taken"
    api.post(f"/v1/chambers/{first['id']}/dissolve", {"on": "2020-01-01", "reason": "撤销"})
    reused = api.post("/v1/chambers", chamber_body("宝安区浙江商会", kind="hometown"))
    assert reused.status_code == 201
    assert reused.json()["id"] != first["id"]


def test_dissolved_chamber_takes_no_more_events(api: Api) -> None:
    chamber = api.post("/v1/chambers", chamber_body()).json()
    path = f"/v1/chambers/{chamber['id']}"
    api.post(f"{path}/dissolve", {"on": "2020-01-01", "reason": "撤销"})
    before = api.position()
    response = api.post(f"{path}/award-four-good", {"year": 2020, "level": "district"})
    assert response.status_code == 409
    assert response.json()["rule"] == "chamber.dissolved"
    assert api.position() == before


def test_past_states_of_a_chamber_are_for_auditors(api: Api) -> None:
    chamber = api.post("/v1/chambers", chamber_body()).json()
    path = f"/v1/chambers/{chamber['id']}"
    plaque = api.post(f"{path}/hang-fic-plaque", {"on": "2016-02-01"}).json()
    api.post(f"{path}/dissolve", {"on": "2021-06-01", "reason": "撤销"})
    assert api.get(f"{path}?version=1", "auditor").json() == chamber
    assert api.client.get(path, params={"as_of": plaque["modified_at"]}, headers=auth("auditor")).json() == plaque
    assert api.get(path, "reader").json()["status"] == "dissolved"
    assert api.get(f"{path}?version=1", "registrar").status_code == 403
