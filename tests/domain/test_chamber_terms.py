"""Chamber terms by the charter or five years, postponement with approval, and Four Good titles for a period that
lapse and can be revoked."""

from __future__ import annotations

from datetime import date

import pytest

from domain.chamber import Chamber
from domain.chamber_terms import ChamberTermPolicy, in_force
from domain.errors import InvalidValue
from tests.domain.rules import invalid, rejects, replayed


@pytest.fixture
def chamber() -> Chamber:
    return Chamber.establish("南山街道商会", "street", "南山街道", date(2015, 6, 1))


def test_a_term_lasts_five_years_by_default(chamber: Chamber) -> None:
    chamber.renew_term(1, date(2016, 1, 1), None, "王建国")
    assert chamber.current_term is not None
    assert chamber.current_term["ends_on"] == date(2020, 12, 31)
    rejects(chamber, lambda: chamber.renew_term(2, date(2021, 1, 1), date(2026, 1, 2), "李强"), "chamber.term_too_long")
    chamber.renew_term(2, date(2021, 1, 1), date(2026, 1, 1), "李强")


def test_a_term_lasts_what_the_charter_says(chamber: Chamber) -> None:
    chamber.register("51440305MJL000001X", date(2016, 1, 1), charter_term_years=4)
    assert replayed(chamber).charter_term_years == 4
    rejects(chamber, lambda: chamber.renew_term(1, date(2016, 1, 1), date(2020, 6, 1), "王"), "chamber.term_too_long")
    chamber.renew_term(1, date(2016, 1, 1), None, "王建国")
    assert chamber.current_term is not None
    assert chamber.current_term["ends_on"] == date(2019, 12, 31)


def test_a_charter_term_is_one_to_ten_years(chamber: Chamber) -> None:
    invalid(chamber, lambda: chamber.register("51440305MJL000001X", date(2016, 1, 1), 0), "charter_term_years")
    invalid(chamber, lambda: chamber.register("51440305MJL000001X", date(2016, 1, 1), 11), "charter_term_years")


def test_postponement_up_to_a_year_with_approval(chamber: Chamber) -> None:
    rejects(chamber, lambda: chamber.postpone_term(date(2021, 6, 1), "区工商联", date(2020, 11, 1)), "chamber.no_term")
    chamber.renew_term(1, date(2016, 1, 1), date(2020, 12, 31), "王建国")
    rejects(
        chamber,
        lambda: chamber.postpone_term(date(2022, 1, 1), "区工商联", date(2020, 11, 1)),
        "chamber.postponement_too_long",
    )
    rejects(
        chamber,
        lambda: chamber.postpone_term(date(2020, 12, 31), "区工商联", date(2020, 11, 1)),
        "chamber.postponement_not_later",
    )
    rejects(
        chamber,
        lambda: chamber.postpone_term(date(2021, 6, 30), "区工商联", date(2015, 12, 1)),
        "chamber.approval_before_term",
    )
    invalid(chamber, lambda: chamber.postpone_term(date(2021, 6, 30), " ", date(2020, 11, 1)), "approved_by")
    chamber.postpone_term(date(2021, 6, 30), "区工商联", date(2020, 11, 1))
    assert chamber.renewal_due_by == date(2021, 6, 30)
    assert not chamber.is_overdue_for_renewal(date(2021, 6, 30))
    assert chamber.is_overdue_for_renewal(date(2021, 7, 1))
    assert replayed(chamber).current_term["approved_by"] == "区工商联"


def test_a_title_stands_for_its_period(chamber: Chamber) -> None:
    chamber.award_four_good(2021, "city", until_year=2022)
    chamber.award_four_good(2023, "district")
    assert [t["until_year"] for t in chamber.four_good] == [2022, 2024]
    assert chamber.titles_in_force(date(2022, 12, 31)) == [chamber.four_good[0]]
    assert chamber.titles_in_force(date(2023, 1, 1)) == [chamber.four_good[1]]
    rejects(chamber, lambda: chamber.award_four_good(2022, "city"), "chamber.four_good_already_awarded")
    invalid(chamber, lambda: chamber.award_four_good(2022, "province", until_year=2021), "until_year")


def test_a_title_can_be_revoked_with_a_reason(chamber: Chamber) -> None:
    chamber.award_four_good(2021, "city", until_year=2022)
    rejects(
        chamber,
        lambda: chamber.revoke_four_good(2020, "city", date(2022, 3, 1), "违规"),
        "chamber.four_good_not_awarded",
    )
    invalid(chamber, lambda: chamber.revoke_four_good(2021, "city", date(2022, 3, 1), ""), "reason")
    chamber.revoke_four_good(2021, "city", date(2022, 3, 1), "年检不合格")
    rejects(
        chamber, lambda: chamber.revoke_four_good(2021, "city", date(2022, 4, 1), "再次"), "chamber.four_good_revoked"
    )
    assert chamber.titles_in_force(date(2022, 2, 28)) == chamber.four_good
    assert chamber.titles_in_force(date(2022, 3, 1)) == []
    assert replayed(chamber).four_good[0]["revoke_reason"] == "年检不合格"


def test_in_force_reads_documents_too() -> None:
    title = {"year": 2021, "until_year": 2022, "level": "city", "revoked_on": "2022-03-01"}
    assert in_force(title, date(2021, 5, 1))
    assert not in_force(title, date(2022, 3, 1))


def test_a_term_policy_is_data_within_bounds() -> None:
    assert ChamberTermPolicy(years=3).ends_on(date(2020, 1, 1)) == date(2022, 12, 31)
    with pytest.raises(InvalidValue):
        ChamberTermPolicy(years=0)
    with pytest.raises(InvalidValue):
        ChamberTermPolicy(max_postponement_years=6)


def test_a_version_one_snapshot_reads_with_periods_and_no_postponement() -> None:
    state = {
        "terms": [{"term": 1, "starts_on": date(2016, 1, 1), "ends_on": date(2020, 12, 31), "president": "王"}],
        "four_good": [{"year": 2019, "level": "city"}],
    }
    Chamber.upcast_v1_v2(state)
    assert state["charter_term_years"] is None
    assert state["terms"][0]["postponed_to"] is None
    assert state["four_good"] == [
        {"year": 2019, "until_year": 2020, "level": "city", "revoked_on": None, "revoke_reason": None}
    ]
