"""Chambers: registration, plaque, terms, titles, dissolution, renewal due, name claims, and corrections of the
name, the establishment day and award years."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain.chamber import Chamber, ChamberName, chamber_name_id, overdue_for_renewal, renewal_due_by
from tests.domain.rules import invalid, rejects, replayed


@pytest.fixture
def chamber() -> Chamber:
    return Chamber.establish("南山街道商会", "street", "南山街道", date(2015, 6, 1))


def test_establish_validates(chamber: Chamber) -> None:
    assert chamber.status == "active"
    invalid(None, lambda: Chamber.establish("x", "guild", "s", date(2015, 1, 1)), "kind")
    invalid(None, lambda: Chamber.establish("", "street", "s", date(2015, 1, 1)), "name")


def test_registration_and_plaque_happen_once(chamber: Chamber) -> None:
    rejects(chamber, lambda: chamber.register("51440305MJL000001X", date(2014, 1, 1)), "date.before_establishment")
    chamber.register("51440305MJL000001X", date(2016, 1, 1))
    rejects(chamber, lambda: chamber.register("other", date(2016, 2, 1)), "chamber.already_registered")
    chamber.hang_fic_plaque(date(2016, 3, 1))
    rejects(chamber, lambda: chamber.hang_fic_plaque(date(2016, 4, 1)), "chamber.plaque_already_hung")


def test_terms_follow_in_sequence(chamber: Chamber) -> None:
    chamber.renew_term(3, date(2016, 1, 1), date(2021, 1, 1), "王建国")
    rejects(
        chamber, lambda: chamber.renew_term(5, date(2021, 1, 1), date(2026, 1, 1), "李"), "chamber.term_out_of_sequence"
    )
    rejects(
        chamber,
        lambda: chamber.renew_term(4, date(2015, 12, 1), date(2026, 1, 1), "李"),
        "chamber.term_starts_before_previous",
    )
    invalid(chamber, lambda: chamber.renew_term(4, date(2021, 1, 1), date(2020, 1, 1), "李"), "ends_on")
    invalid(chamber, lambda: chamber.renew_term(0, date(2021, 1, 1), date(2026, 1, 1), "李"), "term")
    chamber.renew_term(4, date(2021, 1, 1), date(2026, 1, 1), "李强")
    assert chamber.current_term is not None
    assert chamber.current_term["president"] == "李强"


def test_overdue_for_renewal(chamber: Chamber) -> None:
    assert not chamber.is_overdue_for_renewal(date(2020, 5, 31))
    assert chamber.is_overdue_for_renewal(date(2020, 6, 2))
    chamber.renew_term(1, date(2016, 1, 1), date(2021, 1, 1), "王")
    assert not chamber.is_overdue_for_renewal(date(2021, 1, 1))
    assert chamber.is_overdue_for_renewal(date(2021, 1, 2))
    chamber.dissolve(date(2021, 6, 1), "合并")
    assert not chamber.is_overdue_for_renewal(date(2022, 1, 1))


@pytest.mark.parametrize(
    ("established_on", "due_by"),
    [
        (date(2015, 1, 28), date(2020, 1, 28)),
        (date(2015, 1, 29), date(2020, 1, 29)),
        (date(2015, 1, 30), date(2020, 1, 30)),
        (date(2015, 1, 31), date(2020, 1, 31)),
        (date(2016, 2, 29), date(2021, 2, 28)),
    ],
)
def test_without_a_term_renewal_falls_due_five_years_after_establishment(established_on: date, due_by: date) -> None:
    chamber = Chamber.establish("区商会", "industry", "南山街道", established_on)
    assert renewal_due_by(established_on, None) == due_by
    for on, overdue in [(due_by, False), (date.fromordinal(due_by.toordinal() + 1), True)]:
        assert overdue_for_renewal(established_on, None, None, on) is overdue
        assert chamber.is_overdue_for_renewal(on) is overdue


def test_a_chamber_dissolved_by_the_day_is_not_overdue() -> None:
    assert overdue_for_renewal(date(2010, 1, 1), date(2015, 1, 1), None, date(2016, 1, 1))
    assert overdue_for_renewal(date(2010, 1, 1), date(2015, 1, 1), date(2016, 1, 2), date(2016, 1, 1))
    assert not overdue_for_renewal(date(2010, 1, 1), date(2015, 1, 1), date(2016, 1, 1), date(2016, 1, 1))


def test_titles_are_not_awarded_twice(chamber: Chamber) -> None:
    chamber.award_four_good(2020, "city")
    chamber.award_four_good(2020, "province")
    rejects(chamber, lambda: chamber.award_four_good(2020, "city"), "chamber.four_good_already_awarded")
    invalid(chamber, lambda: chamber.award_four_good(2020, "galactic"), "level")
    invalid(chamber, lambda: chamber.award_four_good(1800, "city"), "year")
    chamber.designate_demonstration_site(2020)
    rejects(chamber, lambda: chamber.designate_demonstration_site(2020), "chamber.demonstration_site_already")


def test_a_dissolved_chamber_takes_nothing_more(chamber: Chamber) -> None:
    chamber.dissolve(date(2020, 1, 1), "撤销")
    for command in (
        lambda: chamber.register("x", date(2020, 2, 1)),
        lambda: chamber.hang_fic_plaque(date(2020, 2, 1)),
        lambda: chamber.award_four_good(2020, "city"),
        lambda: chamber.dissolve(date(2020, 2, 1), "again"),
    ):
        rejects(chamber, command, "chamber.dissolved")
    assert replayed(chamber) == chamber


def test_name_claims_fold_case_and_spacing() -> None:
    assert chamber_name_id(" 南山  商会 ") == chamber_name_id("南山 商会")
    assert chamber_name_id("Acme Chamber") == chamber_name_id("ACME chamber")
    first, second = uuid4(), uuid4()
    claim = ChamberName.claim("南山商会", first)
    rejects(claim, lambda: claim.reclaim(second), "chamber.name_taken")
    claim.release()
    claim.reclaim(second)
    assert claim.chamber_id == second


DISSOLVED_CHAMBER_COMMANDS = {
    "register": lambda c: c.register("51440300MJL000001X", date(2021, 2, 1)),
    "hang_fic_plaque": lambda c: c.hang_fic_plaque(date(2021, 2, 1)),
    "renew_term": lambda c: c.renew_term(2, date(2021, 2, 1), date(2026, 1, 31), "王强"),
    "award_four_good": lambda c: c.award_four_good(2021, "city"),
    "designate_demonstration_site": lambda c: c.designate_demonstration_site(2021),
    "dissolve": lambda c: c.dissolve(date(2021, 2, 1), "again"),
    "rename": lambda c: c.rename("新名称商会", "更名"),
    "correct_established_on": lambda c: c.correct_established_on(date(2015, 1, 1), "更正"),
}


@pytest.mark.parametrize("command", list(DISSOLVED_CHAMBER_COMMANDS), ids=list(DISSOLVED_CHAMBER_COMMANDS))
def test_every_command_on_a_dissolved_chamber_is_rejected(chamber: Chamber, command: str) -> None:
    chamber.dissolve(date(2021, 1, 1), "撤销")
    rejects(chamber, lambda: DISSOLVED_CHAMBER_COMMANDS[command](chamber), "chamber.dissolved")


def test_titles_and_demonstration_years_not_before_establishment(chamber: Chamber) -> None:
    rejects(chamber, lambda: chamber.award_four_good(2014, "district"), "date.before_establishment")
    rejects(chamber, lambda: chamber.designate_demonstration_site(2014), "date.before_establishment")
    chamber.award_four_good(2015, "district")
    chamber.designate_demonstration_site(2015)
    assert [(t["year"], t["level"]) for t in chamber.four_good] == [(2015, "district")]
    assert chamber.demonstration_site_years == [2015]


def test_a_rename_gives_a_reason_and_keeps_the_name_before(chamber: Chamber) -> None:
    rejects(chamber, lambda: chamber.rename("南山街道商会", "更名"), "chamber.rename_changes_nothing")
    invalid(chamber, lambda: chamber.rename("新名\u200b称商会", "更名"), "name")
    invalid(chamber, lambda: chamber.rename("南山商会", "\u200b"), "reason")
    chamber.rename("南山区南山街道商会", "按登记证书更正")
    assert chamber.name == "南山区南山街道商会"
    renamed = chamber.pending_events[-1]
    assert (renamed.from_name, renamed.to_name, renamed.reason) == (
        "南山街道商会",
        "南山区南山街道商会",
        "按登记证书更正",
    )
    assert replayed(chamber).name == "南山区南山街道商会"


def test_the_establishment_day_is_corrected_no_later_than_what_is_recorded_of_it(chamber: Chamber) -> None:
    chamber.register("51440305MJL000001X", date(2016, 3, 1))
    chamber.award_four_good(2017, "city")
    chamber.designate_demonstration_site(2016)
    rejects(
        chamber, lambda: chamber.correct_established_on(date(2015, 6, 1), "更正"), "chamber.correction_changes_nothing"
    )
    late = "chamber.established_after_recorded_fact"
    rejects(chamber, lambda: chamber.correct_established_on(date(2016, 3, 2), "更正"), late)
    rejects(chamber, lambda: chamber.correct_established_on(date(2016, 1, 1), "更正", date(2015, 12, 31)), late)
    invalid(chamber, lambda: chamber.correct_established_on(date(2015, 1, 1), "\u200b"), "reason")
    invalid(chamber, lambda: chamber.correct_established_on("2015-01-01", "更正"), "established_on")  # type: ignore[arg-type]
    chamber.correct_established_on(date(2016, 3, 1), "按登记证书更正", date(2016, 3, 1))
    corrected = chamber.pending_events[-1]
    assert (corrected.from_on, corrected.to_on, corrected.reason) == (
        date(2015, 6, 1),
        date(2016, 3, 1),
        "按登记证书更正",
    )
    assert replayed(chamber).established_on == date(2016, 3, 1)


def test_a_later_establishment_year_than_a_title_or_site_is_refused(chamber: Chamber) -> None:
    chamber.designate_demonstration_site(2015)
    rule = "chamber.established_after_recorded_fact"
    rejects(chamber, lambda: chamber.correct_established_on(date(2016, 1, 1), "更正"), rule)
    chamber.correct_established_on(date(2015, 12, 31), "更正")
    assert chamber.established_on == date(2015, 12, 31)


def test_a_four_good_title_s_years_are_corrected(chamber: Chamber) -> None:
    chamber.award_four_good(2018, "city")
    chamber.award_four_good(2021, "city")
    rejects(
        chamber, lambda: chamber.correct_four_good_years(2019, "city", 2020, "更正"), "chamber.four_good_not_awarded"
    )
    rejects(
        chamber,
        lambda: chamber.correct_four_good_years(2018, "city", 2018, "更正"),
        "chamber.correction_changes_nothing",
    )
    rejects(
        chamber,
        lambda: chamber.correct_four_good_years(2018, "city", 2020, "更正"),
        "chamber.four_good_already_awarded",
    )
    rejects(chamber, lambda: chamber.correct_four_good_years(2018, "city", 2014, "更正"), "date.before_establishment")
    invalid(chamber, lambda: chamber.correct_four_good_years(2018, "city", 2019, " "), "reason")
    invalid(chamber, lambda: chamber.correct_four_good_years(2018, "city", 2019, "更正", 2017), "to_until_year")
    chamber.correct_four_good_years(2018, "city", 2017, "按表彰文件更正")
    corrected = chamber.pending_events[-1]
    assert (corrected.from_year, corrected.to_year, corrected.from_until_year, corrected.to_until_year) == (
        2018,
        2017,
        2019,
        2018,
    )
    chamber.correct_four_good_years(2017, "city", 2017, "按表彰文件更正", 2019)
    assert [(t["year"], t["until_year"]) for t in replayed(chamber).four_good] == [(2017, 2019), (2021, 2022)]


def test_a_demonstration_site_s_year_is_corrected(chamber: Chamber) -> None:
    chamber.designate_demonstration_site(2018)
    chamber.designate_demonstration_site(2020)
    rule = "chamber.demonstration_site_not_designated"
    rejects(chamber, lambda: chamber.correct_demonstration_site_year(2019, 2017, "更正"), rule)
    rule = "chamber.correction_changes_nothing"
    rejects(chamber, lambda: chamber.correct_demonstration_site_year(2018, 2018, "更正"), rule)
    rule = "chamber.demonstration_site_already"
    rejects(chamber, lambda: chamber.correct_demonstration_site_year(2018, 2020, "更正"), rule)
    rule = "date.before_establishment"
    rejects(chamber, lambda: chamber.correct_demonstration_site_year(2018, 2014, "更正"), rule)
    invalid(chamber, lambda: chamber.correct_demonstration_site_year(2018, 2019, "\u202e"), "reason")
    chamber.correct_demonstration_site_year(2018, 2019, "按通知更正")
    assert replayed(chamber).demonstration_site_years == [2019, 2020]
