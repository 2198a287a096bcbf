"""Chamber names and Party organizations' hosts, on both stores."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

import pytest

from application.register import Register
from domain.chamber import Chamber, ChamberName, chamber_name_id, earlier_chamber_name_id
from domain.errors import InvalidValue, RuleViolation
from domain.member import member_id
from tests.conftest import REGISTRAR
from tests.factories import branch, chamber, credit_code, member


def test_names_unique_among_chambers_not_dissolved(register: Register) -> None:
    first = chamber(register, "南山街道商会")
    before = register.recorder.max_notification_id()
    with pytest.raises(RuleViolation) as raised:
        chamber(register, "南山街道商会 ")
    assert raised.value.rule == "chamber.name_taken"
    assert register.recorder.max_notification_id() == before
    register.dissolve_chamber(REGISTRAR, first, date(2020, 1, 1), "撤销")
    second = chamber(register, "南山街道商会")
    assert second != first
    with pytest.raises(RuleViolation):
        chamber(register, "南山街道商会")


def test_hosts_must_be_active_members_or_a_live_chamber(register: Register) -> None:
    host = member(register, 1)
    register.suspend_member(REGISTRAR, host, "停业")
    with pytest.raises(RuleViolation) as raised:
        branch(register, [host])
    assert raised.value.rule == "branch.host_member_not_active"
    with pytest.raises(InvalidValue) as invalid:
        branch(register, [uuid.uuid4()])
    assert invalid.value.field == "host_member_ids"
    place = chamber(register)
    register.dissolve_chamber(REGISTRAR, place, date(2020, 1, 1), "撤销")
    with pytest.raises(RuleViolation) as dissolved:
        register.found_branch(
            REGISTRAR,
            "联合党委",
            "joint_committee",
            "南山街道",
            "南山街道党工委",
            "territorial",
            date(2020, 1, 1),
            20,
            host_chamber_id=place,
        )
    assert dissolved.value.rule == "chamber.dissolved"


def test_merging_needs_an_active_target(register: Register) -> None:
    a = branch(register, [member(register, 1)])
    b = branch(register, [member(register, 2)])
    c = branch(register, [member(register, 3)])
    register.dissolve_branch(REGISTRAR, c, date(2021, 1, 1), "注销")
    with pytest.raises(RuleViolation) as raised:
        register.merge_branch(REGISTRAR, a, c, date(2021, 2, 1))
    assert raised.value.rule == "branch.merge_target_not_active"
    assert register.merge_branch(REGISTRAR, a, b, date(2021, 2, 1)).aggregate.status == "merged"


def _refused(register: Register, command: Callable[[], object], rule: str) -> None:
    before = register.recorder.max_notification_id()
    with pytest.raises(RuleViolation) as raised:
        command()
    assert raised.value.rule == rule
    assert register.recorder.max_notification_id() == before


def test_names_compare_in_nfkc_without_spaces_or_invisible_characters(register: Register) -> None:
    first = chamber(register, "ABC商会(深圳)")
    for name in ("ＡＢＣ商会（深圳）", "abc 商会 (深圳)", "ABC\u3000商会（深圳）"):
        _refused(register, lambda n=name: chamber(register, n), "chamber.name_taken")
    assert register.chamber_named("ａｂｃ商会（深圳）") == first
    register.dissolve_chamber(REGISTRAR, first, date(2020, 1, 1), "撤销")
    assert register.chamber_named("ABC商会(深圳)") is None
    assert chamber(register, "ＡＢＣ商会（深圳）") != first


def test_a_claim_made_under_the_earlier_form_of_names_still_holds(register: Register) -> None:
    """A chamber established before names were compared in NFKC keeps its claim under the earlier form: a name
    that differs from it only by full-width brackets is taken, and dissolving it frees the name."""
    old = Chamber.establish("南山商会（深圳）", "street", "南山街道", date(2015, 6, 1))
    claim = ChamberName._create(
        ChamberName.Claimed, id=earlier_chamber_name_id(old.name), name=old.name, chamber_id=old.id
    )
    assert claim.id != chamber_name_id(old.name)
    register.save(old, claim)
    _refused(register, lambda: chamber(register, "南山商会(深圳)"), "chamber.name_taken")
    assert register.chamber_named("南山商会(深圳)") == old.id
    register.dissolve_chamber(REGISTRAR, old.id, date(2020, 1, 1), "撤销")
    assert register.chamber_named("南山商会（深圳）") is None
    chamber(register, "南山商会(深圳)")


def test_an_enterprise_hosts_one_active_organization(register: Register) -> None:
    one, two, three = (member(register, n) for n in (1, 2, 3))
    first = branch(register, [one])
    _refused(register, lambda: branch(register, [one], name="第二党支部"), "branch.host_already_organized")
    _refused(
        register,
        lambda: branch(register, [two, one], kind="joint_branch", name="联合"),
        "branch.host_already_organized",
    )
    joint = branch(register, [two, three], kind="joint_branch", name="联合党支部")
    _refused(register, lambda: branch(register, [three], name="企业3党支部"), "branch.host_already_organized")
    register.dissolve_branch(REGISTRAR, first, date(2021, 1, 1), "撤销")
    assert branch(register, [one], name="重建党支部") not in (first, joint)


def test_hosts_in_one_batch_count_each_other(register: Register) -> None:
    host = member(register, 1)

    def both() -> None:
        with register.batch():
            branch(register, [host])
            branch(register, [host], name="同批第二个")

    _refused(register, both, "branch.host_already_organized")
    assert register.organizations_hosted_by([host]) == {}


def test_a_joint_branch_covers_at_most_five_units(register: Register) -> None:
    hosts = [member(register, n) for n in range(1, 7)]
    _refused(register, lambda: branch(register, hosts, kind="joint_branch"), "branch.joint_too_many_units")
    branch(register, hosts[:5], kind="joint_branch")


def test_dates_before_the_chamber_existed_are_refused(register: Register) -> None:
    place, host = chamber(register), member(register, 1)
    _refused(
        register,
        lambda: register.member_join_chamber(REGISTRAR, host, place, date(2015, 5, 31)),
        "date.before_establishment",
    )
    _refused(
        register, lambda: register.award_four_good(REGISTRAR, place, 2014, "district"), "date.before_establishment"
    )
    _refused(
        register,
        lambda: branch(register, [], kind="joint_committee", host_chamber_id=place, founded_on=date(2015, 1, 1)),
        "date.before_establishment",
    )
    register.member_join_chamber(REGISTRAR, host, place, date(2020, 1, 1))
    _refused(
        register,
        lambda: register.member_leave_chamber(REGISTRAR, host, place, date(2019, 12, 31)),
        "member.left_chamber_before_joining",
    )


def test_a_member_joining_in_2099_is_refused_and_nothing_recorded(register: Register) -> None:
    _refused(register, lambda: member(register, 1, joined_on=date(2099, 1, 1)), "date.in_future")
    assert not register.exists(member_id(credit_code(1)))
    member(register, 1)


def test_a_rename_moves_the_name_s_claim_in_one_recording(register: Register) -> None:
    place = chamber(register, "南山街道商会")
    other = chamber(register, "ABC商会(深圳)")
    for taken in ("ABC商会(深圳)", "ＡＢＣ商会（深圳）", "ABC\u200b商会(深圳)"):
        rule = "text.invisible" if "\u200b" in taken else "chamber.name_taken"
        if rule == "text.invisible":
            before = register.recorder.max_notification_id()
            with pytest.raises(InvalidValue) as invalid:
                register.rename_chamber(REGISTRAR, place, taken, "更名")
            assert invalid.value.field == "name"
            assert register.recorder.max_notification_id() == before
            continue
        _refused(register, lambda n=taken: register.rename_chamber(REGISTRAR, place, n, "更名"), rule)
    _refused(
        register,
        lambda: register.rename_chamber(REGISTRAR, place, "南山街道商会", "更名"),
        "chamber.rename_changes_nothing",
    )
    before = register.recorder.max_notification_id()
    renamed = register.rename_chamber(REGISTRAR, place, "南山区南山街道商会", "按登记证书更名").aggregate
    assert renamed.name == "南山区南山街道商会"
    assert register.recorder.max_notification_id() == before + 3
    assert register.chamber_named("南山区南山街道商会") == place
    assert register.chamber_named("南山街道商会") is None
    assert chamber(register, "南山街道商会") not in (place, other)
    _refused(register, lambda: chamber(register, "南山区南山街道商会"), "chamber.name_taken")
    register.dissolve_chamber(REGISTRAR, place, date(2021, 1, 1), "撤销")
    assert register.chamber_named("南山区南山街道商会") is None


def test_a_rename_to_another_form_of_its_own_name_keeps_the_claim(register: Register) -> None:
    place = chamber(register, "abc商会")
    register.rename_chamber(REGISTRAR, place, "ABC商会", "按登记证书更正大小写")
    assert register.chamber_named("ａｂｃ商会") == place
    assert register.get_chamber(place).name == "ABC商会"


def test_a_chamber_under_the_earlier_form_of_names_is_renamed_and_frees_its_name(register: Register) -> None:
    old = Chamber.establish("南山商会（深圳）", "street", "南山街道", date(2015, 6, 1))
    claim = ChamberName._create(
        ChamberName.Claimed, id=earlier_chamber_name_id(old.name), name=old.name, chamber_id=old.id
    )
    register.save(old, claim)
    register.rename_chamber(REGISTRAR, old.id, "南山商会", "更名")
    assert register.chamber_named("南山商会（深圳）") is None
    assert register.chamber_named("南山商会") == old.id
    chamber(register, "南山商会(深圳)")


def test_the_establishment_day_is_no_later_than_a_member_joining_or_an_organization_founded(
    register: Register,
) -> None:
    place, host = chamber(register), member(register, 1)
    register.member_join_chamber(REGISTRAR, host, place, date(2019, 4, 1))
    branch(register, [], kind="joint_committee", host_chamber_id=place, founded_on=date(2018, 9, 1))
    late = "chamber.established_after_recorded_fact"
    _refused(
        register, lambda: register.correct_chamber_established_on(REGISTRAR, place, date(2018, 9, 2), "更正"), late
    )
    _refused(
        register,
        lambda: register.correct_chamber_established_on(REGISTRAR, place, date(2015, 6, 1), "更正"),
        "chamber.correction_changes_nothing",
    )
    corrected = register.correct_chamber_established_on(REGISTRAR, place, date(2018, 9, 1), "按批复更正").aggregate
    assert corrected.established_on == date(2018, 9, 1)
    _refused(
        register,
        lambda: register.correct_chamber_established_on(REGISTRAR, place, date(2099, 1, 1), "更正"),
        "chamber.established_after_recorded_fact",
    )
    earlier = register.correct_chamber_established_on(REGISTRAR, place, date(2014, 3, 1), "更正").aggregate
    assert earlier.established_on == date(2014, 3, 1)


def test_an_establishment_day_in_the_future_is_refused(register: Register) -> None:
    place = chamber(register)
    _refused(
        register,
        lambda: register.correct_chamber_established_on(REGISTRAR, place, date(2099, 1, 1), "更正"),
        "date.in_future",
    )


def test_award_years_corrected_and_none_in_the_future(register: Register) -> None:
    place = chamber(register)
    register.award_four_good(REGISTRAR, place, 2019, "city")
    register.designate_demonstration_site(REGISTRAR, place, 2019)
    _refused(
        register,
        lambda: register.correct_four_good_years(REGISTRAR, place, 2019, "city", 2099, "更正"),
        "date.in_future",
    )
    _refused(
        register,
        lambda: register.correct_demonstration_site_year(REGISTRAR, place, 2019, 2099, "更正"),
        "date.in_future",
    )
    titled = register.correct_four_good_years(REGISTRAR, place, 2019, "city", 2020, "按表彰文件更正").aggregate
    assert [(t["year"], t["until_year"]) for t in titled.four_good] == [(2020, 2021)]
    site = register.correct_demonstration_site_year(REGISTRAR, place, 2019, 2018, "按通知更正").aggregate
    assert site.demonstration_site_years == [2018]
