"""Coverage, chambers, organizational life and key focus, worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime

from application.projections.runner import ViewRunner
from application.register import Register
from application.reports.service import build_report
from tests.application.reports import scenario
from tests.conftest import REGISTRAR
from tests.factories import chamber, member

STAMPS = ("position", "chain_head", "fingerprint", "as_of")


def test_coverage_counts_own_joint_and_none(register: Register) -> None:
    d = scenario.build(register)
    m = {k: str(v) for k, v in d.members.items()}
    report = build_report(register, ViewRunner(register), "coverage", on=date(2021, 12, 1))
    assert report["members"] == 8
    assert (report["own_organization"], report["joint_branch"], report["none"]) == (4, 2, 2)
    assert report["without_organization"] == [{"id": m["m5"], "name": "企业5"}, {"id": m["m8"], "name": "企业8"}]
    assert report["organization_coverage"] == 0.5
    assert report["work_coverage"] == 0.75
    assert [r["member_id"] for r in report["three_or_more_party_members_without_own_branch"]] == [m["m8"]]


def test_coverage_counts_san_you_members_and_shows_the_others_apart(register: Register) -> None:
    d = scenario.build(register)
    small = member(register, 9, joined_on=date(2015, 1, 1))
    register.record_san_you(REGISTRAR, small, True, 5, True, date(2016, 1, 1))
    unmarked = member(register, 10, joined_on=date(2015, 1, 1))
    register.found_branch(
        REGISTRAR,
        "小微联合党支部",
        "joint_branch",
        "南山街道",
        "区非公党委",
        "territorial",
        date(2019, 1, 1),
        3,
        [small, d.members["m8"]],
    )
    report = build_report(register, ViewRunner(register), "coverage", on=date(2021, 12, 1))
    assert (report["members"], report["san_you_members"]) == (10, 8)
    assert (report["own_organization"], report["joint_branch"], report["none"]) == (4, 3, 1)
    assert report["work_coverage"] == 0.875
    outside = report["outside_san_you"]
    assert (outside["members"], outside["not_recorded"], outside["joint_branch"], outside["none"]) == (2, 1, 1, 1)
    assert outside["rows"] == [
        {"member_id": str(unmarked), "name": "企业10", "san_you": None, "coverage": "none"},
        {"member_id": str(small), "name": "企业9", "san_you": False, "coverage": "joint_branch"},
    ]


def test_chambers_report(register: Register) -> None:
    street = chamber(register, "南山街道商会", "street", "南山街道")
    industry = chamber(register, "区电子信息行业商会", "industry", "南山街道")
    chamber(register, "区湖南商会", "hometown", "粤海街道")
    gone = chamber(register, "区旧商会", "industry", "粤海街道")
    register.register_chamber(REGISTRAR, street, "51440305MJL000001X", date(2016, 1, 1))
    register.hang_fic_plaque(REGISTRAR, street, date(2016, 2, 1))
    register.renew_chamber_term(REGISTRAR, street, 1, date(2016, 1, 1), date(2021, 1, 1), "王建国")
    register.renew_chamber_term(REGISTRAR, industry, 2, date(2019, 1, 1), date(2024, 1, 1), "李强")
    register.award_four_good(REGISTRAR, street, 2020, "city")
    register.designate_demonstration_site(REGISTRAR, street, 2020)
    register.dissolve_chamber(REGISTRAR, gone, date(2020, 1, 1), "合并")
    register.found_branch(
        REGISTRAR,
        "南山街道商会联合党委",
        "joint_committee",
        "南山街道",
        "南山街道党工委",
        "territorial",
        date(2020, 7, 1),
        30,
        host_chamber_id=street,
    )
    report = build_report(register, ViewRunner(register), "chambers", on=date(2021, 6, 1))
    assert report["total"] == 3
    assert report["by_kind"] == {"hometown": 1, "industry": 1, "street": 1}
    assert report["by_street"] == [
        {"street": "南山街道", "by_kind": {"industry": 1, "street": 1}, "total": 2},
        {"street": "粤海街道", "by_kind": {"hometown": 1}, "total": 1},
    ]
    assert report["registered_as_social_organization"] == 1
    assert report["fic_plaque"] == 1
    overdue = {r["name"]: r["term_ended_on"] for r in report["overdue_for_renewal"]}
    assert overdue == {"南山街道商会": "2021-01-01", "区湖南商会": None}
    assert report["four_good"] == [
        {
            "chamber_id": str(street),
            "name": "南山街道商会",
            "year": 2020,
            "until_year": 2021,
            "level": "city",
            "revoked_on": None,
            "revoke_reason": None,
        }
    ]
    assert report["demonstration_sites"][0]["year"] == 2020
    assert [j["chamber_id"] for j in report["joint_party_committees"]] == [str(street)]
    assert report["joint_party_committees"][0]["chamber"] == {"id": str(street), "name": "南山街道商会"}


def test_chambers_report_judges_terms_past_postponement_and_titles_on_its_day(register: Register) -> None:
    """A postponed term is overdue only past its postponement, and counted as overdue after postponement; a
    charter's term decides when a chamber without terms is due; titles show while in force on the report's day."""
    postponed = chamber(register, "甲商会", "industry", "南山街道")
    in_time = chamber(register, "乙商会", "industry", "南山街道")
    chartered = chamber(register, "丙商会", "industry", "南山街道")
    for ident in (postponed, in_time):
        register.renew_chamber_term(REGISTRAR, ident, 1, date(2016, 1, 1), None, "王建国")
    register.postpone_chamber_term(REGISTRAR, postponed, date(2021, 3, 31), "区工商联", date(2020, 11, 1))
    register.postpone_chamber_term(REGISTRAR, in_time, date(2021, 12, 31), "区工商联", date(2020, 11, 1))
    register.register_chamber(REGISTRAR, chartered, "51440305MJL000001X", date(2016, 1, 1), charter_term_years=3)
    register.award_four_good(REGISTRAR, postponed, 2020, "city", 2021)
    register.award_four_good(REGISTRAR, in_time, 2018, "district", 2019)
    register.award_four_good(REGISTRAR, chartered, 2020, "district", 2021)
    register.revoke_four_good(REGISTRAR, chartered, 2020, "district", date(2021, 3, 1), "年检不合格")
    runner = ViewRunner(register)
    report = build_report(register, runner, "chambers", on=date(2021, 6, 1))
    overdue = {r["name"]: (r["term_ended_on"], r["postponed_to"]) for r in report["overdue_for_renewal"]}
    assert overdue == {"甲商会": ("2020-12-31", "2021-03-31"), "丙商会": (None, None)}
    assert report["overdue_after_postponement"] == 1
    assert [(t["name"], t["year"]) for t in report["four_good"]] == [("甲商会", 2020)]
    earlier = build_report(register, runner, "chambers", on=date(2019, 6, 1))
    assert earlier["overdue_after_postponement"] == 0
    assert {r["name"] for r in earlier["overdue_for_renewal"]} == {"丙商会"}
    assert sorted(t["name"] for t in earlier["four_good"]) == ["乙商会"]


def test_organizational_life_against_the_minimums_that_apply(register: Register) -> None:
    d = scenario.build(register)
    b1, b2 = d.branches["b1"], d.branches["b2"]
    register.report_party_members(REGISTRAR, b1, 9, date(2021, 1, 5), 2)
    register.record_structure(REGISTRAR, b1, True, True, date(2021, 1, 10))
    for month in range(1, 13):
        for activity in ("committee_meeting", "group_meeting", "theme_day"):
            register.record_organizational_life(REGISTRAR, b1, activity, date(2021, month, 10), 6)
    for quarter in (1, 4, 7, 10):
        for activity in ("general_meeting", "lecture"):
            register.record_organizational_life(REGISTRAR, b1, activity, date(2021, quarter, 20), 6)
    for activity in ("life_meeting", "member_appraisal"):
        register.record_organizational_life(REGISTRAR, b1, activity, date(2021, 12, 20), 9)
    register.record_organizational_life(REGISTRAR, b2, "lecture", date(2021, 3, 1), 9)
    report = build_report(register, ViewRunner(register), "organizational-life", 2021, on=date(2022, 3, 1))
    rows = {r["branch_id"]: r for r in report["rows"]}
    assert report["minimums"] == {
        "general_meeting": 4,
        "committee_meeting": 12,
        "group_meeting": 12,
        "lecture": 4,
        "theme_day": 12,
        "life_meeting": 1,
        "member_appraisal": 1,
    }
    assert (rows[str(b1)]["has_committee"], rows[str(b1)]["has_party_groups"]) == (True, True)
    assert rows[str(b1)]["compliant"] is True
    assert rows[str(b1)]["activities"]["life_meeting"] == {"held": 1, "minimum": 1, "met": True, "compliance": "met"}
    assert (rows[str(b2)]["has_committee"], rows[str(b2)]["has_party_groups"]) == (False, False)
    assert rows[str(b2)]["compliant"] is False
    assert rows[str(b2)]["activities"]["lecture"] == {"held": 1, "minimum": 4, "met": False, "compliance": "short"}
    not_applicable = {"held": 0, "minimum": None, "met": None, "compliance": "not_applicable"}
    assert rows[str(b2)]["activities"]["committee_meeting"] == not_applicable
    assert rows[str(b2)]["activities"]["group_meeting"] == not_applicable
    assert rows[str(b2)]["activities"]["member_appraisal"]["compliance"] == "short"
    assert str(d.branches["b4"]) not in rows
    assert report["compliant"] == 1
    assert report["by_activity"]["lecture"] == 1
    assert report["by_activity"]["committee_meeting"] == 1


def test_a_minimum_applies_as_the_organization_stood_at_the_years_end(register: Register) -> None:
    d = scenario.build(register)
    b1 = d.branches["b1"]
    register.report_party_members(REGISTRAR, b1, 9, date(2021, 1, 5))
    register.record_structure(REGISTRAR, b1, True, False, date(2021, 12, 31))
    runner = ViewRunner(register)
    then = {r["branch_id"]: r for r in build_report(register, runner, "organizational-life", 2020)["rows"]}
    now = {r["branch_id"]: r for r in build_report(register, runner, "organizational-life", 2021)["rows"]}
    assert then[str(b1)]["activities"]["committee_meeting"]["compliance"] == "not_applicable"
    assert now[str(b1)]["activities"]["committee_meeting"]["compliance"] == "short"


def test_organizations_overdue_for_election(register: Register) -> None:
    d = scenario.build(register)
    b = d.branches
    register.record_election(REGISTRAR, b["b1"], date(2021, 1, 15))
    register.postpone_election(REGISTRAR, b["b2"], date(2021, 12, 31), "南山街道党工委", date(2020, 12, 1))
    runner = ViewRunner(register)
    report = build_report(register, runner, "organizational-life", 2021, on=date(2022, 3, 1))
    assert report["on"] == "2021-12-31"
    overdue = {r["name"]: r["election_due_by"] for r in report["overdue_for_election"]}
    assert overdue == {"b3": "2020-12-31", "b6": "2020-12-31"}
    rows = {r["name"]: r for r in report["rows"]}
    assert (rows["b1"]["election_due_by"], rows["b1"]["overdue_for_election"]) == ("2024-01-14", False)
    assert (rows["b2"]["election_due_by"], rows["b2"]["overdue_for_election"]) == ("2021-12-31", False)
    assert rows["b5"]["election_due_by"] == "2023-02-28"
    in_the_year = build_report(register, runner, "organizational-life", 2021, on=date(2021, 6, 1))
    assert in_the_year["on"] == "2021-06-01"
    assert {r["name"] for r in in_the_year["overdue_for_election"]} == {"b3", "b6"}
    assert {
        r["name"] for r in build_report(register, runner, "organizational-life", 2020)["overdue_for_election"]
    } == set()


def test_key_focus_list_with_criteria(register: Register) -> None:
    d = scenario.build(register)
    register.designate_key_focus(REGISTRAR, d.members["m1"], ["tax", "assets"])
    register.designate_key_focus(REGISTRAR, d.members["m2"], ["tax"])
    register.revoke_key_focus(REGISTRAR, d.members["m2"], "不再符合")
    report = build_report(register, ViewRunner(register), "key-focus")
    assert report["total"] == 1
    assert report["members"][0]["member_id"] == str(d.members["m1"])
    assert report["members"][0]["criteria"] == ["assets", "tax"]
    assert report["by_criterion"] == {"assets": 1, "tax": 1}


def test_an_as_of_report_names_a_member_as_the_register_named_it_then(register: Register) -> None:
    d = scenario.build(register)
    m8 = str(d.members["m8"])
    register.designate_key_focus(REGISTRAR, d.members["m8"], ["party_members"])
    then = datetime.now(UTC)
    register.amend_member(REGISTRAR, d.members["m8"], {"name": "深圳市更名后有限公司"}, "企业更名")
    runner = ViewRunner(register)
    for name, listed in (
        ("coverage", lambda r: r["without_organization"]),
        ("key-focus", lambda r: [{"id": m["member_id"], "name": m["name"]} for m in r["members"]]),
    ):
        before = build_report(register, runner, name, as_of=then)
        now = build_report(register, runner, name)
        assert {"id": m8, "name": "企业8"} in listed(before), name
        assert {"id": m8, "name": "深圳市更名后有限公司"} in listed(now), name
        assert "深圳市更名后有限公司" not in str(before), name


def test_an_as_of_report_after_a_founding_correction_is_the_live_report(register: Register) -> None:
    d = scenario.build(register)
    b2 = d.branches["b2"]
    register.correct_branch_founded_on(REGISTRAR, b2, date(2017, 6, 1), "成立日期录错")
    then = datetime.now(UTC)
    runner = ViewRunner(register)
    for name, year in (("organizational-life", 2018), ("classification", 2018)):
        live = build_report(register, runner, name, year)
        as_of = build_report(register, runner, name, year, as_of=then)
        assert {k: v for k, v in as_of.items() if k not in STAMPS} == {
            k: v for k, v in live.items() if k not in STAMPS
        }, name
    life = build_report(register, runner, "organizational-life", 2017, as_of=then)
    assert [c["to_on"] for c in life["founding_corrections"]] == ["2017-06-01"]
