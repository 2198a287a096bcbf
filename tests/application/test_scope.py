"""The register confined to a scope, on SQLite and PostgreSQL: records outside it are not found, nothing is recorded
outside it, the district's own commands are refused, and histories and reports are cut to it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest

from application.audit.history import history, log_page
from application.audit.verify import verify
from application.errors import DistrictOnly, InvalidValue, NotFound, OutsideScope, RuleViolation
from application.projections.runner import ViewRunner
from application.register import Register
from application.reports.service import build_report
from application.scope import confined_to
from tests.conftest import ASSESSOR, REGISTRAR
from tests.factories import credit_code
from tests.scoped import IN, OUT, STREET, UNIT, UNIT_IN, UNIT_OUT, Two, build


@pytest.fixture
def two(register: Register) -> Two:
    return build(register)


def test_a_street_reads_its_records_and_finds_none_of_another(register: Register, two: Two) -> None:
    with confined_to(STREET):
        assert register.get_member(two.member_in).street == IN
        assert register.get_chamber(two.chamber_in).street == IN
        assert register.get_branch(two.branch_in).street == IN
        assert register.get_member(two.member_in, 1).version == 1
        for load, ident in [
            (register.get_member, two.member_out),
            (register.get_chamber, two.chamber_out),
            (register.get_branch, two.branch_out),
        ]:
            with pytest.raises(NotFound) as found:
                load(ident)
            with pytest.raises(NotFound) as missing:
                load(uuid4())
            assert str(found.value).split()[:2] == str(missing.value).split()[:2]
            with pytest.raises(NotFound):
                load(ident, 1)
        assert register.get_round(2023).year == 2023
    assert register.get_member(two.member_out).street == OUT


def test_a_unit_reaches_the_organizations_it_manages_only(register: Register, two: Two) -> None:
    with confined_to(UNIT):
        assert register.get_branch(two.branch_in).managing_unit == UNIT_IN
        for load, ident in [
            (register.get_branch, two.branch_out),
            (register.get_member, two.member_in),
            (register.get_chamber, two.chamber_in),
        ]:
            with pytest.raises(NotFound):
                load(ident)


def test_a_command_on_a_record_outside_is_not_found_and_records_nothing(register: Register, two: Two) -> None:
    before = register.recorder.max_notification_id()
    with confined_to(STREET), pytest.raises(NotFound):
        register.suspend_member(REGISTRAR, two.member_out, "暂停")
    with confined_to(STREET), pytest.raises(NotFound):
        register.record_organizational_life(REGISTRAR, two.branch_out, "lecture", date(2024, 3, 1), 5)
    with confined_to(UNIT), pytest.raises(NotFound):
        register.review_branch(ASSESSOR, two.branch_out, 2024, 90, [], date(2025, 1, 5), "评议人", "好")
    assert register.recorder.max_notification_id() == before
    with confined_to(STREET):
        assert register.suspend_member(REGISTRAR, two.member_in, "暂停").aggregate.status == "suspended"


def test_creating_outside_the_scope_is_refused_naming_the_field_and_records_nothing(
    register: Register, two: Two
) -> None:
    before = register.recorder.max_notification_id()
    with confined_to(STREET):
        with pytest.raises(OutsideScope) as joined:
            register.join_member(REGISTRAR, credit_code(50), "企业50", OUT, "制造业", date(2024, 1, 2))
        with pytest.raises(OutsideScope) as established:
            register.establish_chamber(REGISTRAR, "蛇口新商会", "industry", OUT, date(2024, 1, 2))
        with pytest.raises(OutsideScope) as founded:
            register.found_branch(
                REGISTRAR, "新支部", "branch", OUT, UNIT_OUT, "territorial", date(2024, 1, 2), 3, [two.member_in]
            )
    assert (joined.value.rule, joined.value.field) == ("scope.outside", "street")
    assert (established.value.field, founded.value.field) == ("street", "street")
    assert register.recorder.max_notification_id() == before
    established_after = register.establish_chamber(REGISTRAR, "蛇口新商会", "industry", OUT, date(2024, 1, 2))
    assert established_after.aggregate.name == "蛇口新商会"
    with confined_to(STREET):
        joined_in = register.join_member(REGISTRAR, credit_code(51), "企业51", IN, "制造业", date(2024, 1, 2))
    assert joined_in.aggregate.street == IN


def test_a_record_cannot_be_moved_out_of_the_scope(register: Register, two: Two) -> None:
    before = register.recorder.max_notification_id()
    with confined_to(STREET), pytest.raises(OutsideScope) as moved:
        register.amend_member(REGISTRAR, two.member_in, {"street": OUT}, "搬迁")
    with confined_to(UNIT), pytest.raises(OutsideScope) as handed:
        register.transfer_management(REGISTRAR, two.branch_in, UNIT_OUT, "territorial", date(2024, 3, 1), "调整")
    assert (moved.value.field, handed.value.field) == ("street", "managing_unit")
    assert register.recorder.max_notification_id() == before
    assert register.get_member(two.member_in).street == IN
    with confined_to(STREET):
        handed_within = register.transfer_management(
            REGISTRAR, two.branch_in, UNIT_OUT, "territorial", date(2024, 3, 1), "调整"
        )
    assert handed_within.aggregate.managing_unit == UNIT_OUT


def test_an_enterprise_kept_outside_cannot_join_again_inside(register: Register, two: Two) -> None:
    register.member_leave(REGISTRAR, two.member_out, date(2024, 1, 1), "withdrew")
    before = register.recorder.max_notification_id()
    with confined_to(STREET), pytest.raises(OutsideScope) as refused:
        register.join_member(REGISTRAR, credit_code(11), "企业11", IN, "制造业", date(2024, 2, 1))
    assert refused.value.field == "credit_code"
    assert register.recorder.max_notification_id() == before


def test_records_named_in_a_command_outside_the_scope_are_refused_as_missing_ones(register: Register, two: Two) -> None:
    before = register.recorder.max_notification_id()
    with confined_to(STREET):
        with pytest.raises(NotFound) as outside:
            register.member_join_chamber(REGISTRAR, two.member_in, two.chamber_out, date(2024, 1, 2))
        with pytest.raises(NotFound) as missing:
            register.member_join_chamber(REGISTRAR, two.member_in, uuid4(), date(2024, 1, 2))
        assert outside.value.kind == missing.value.kind == "chamber"
        for attempt, field in [
            (
                lambda: register.found_branch(
                    REGISTRAR,
                    "联合支部",
                    "joint_branch",
                    IN,
                    UNIT_IN,
                    "territorial",
                    date(2024, 1, 2),
                    3,
                    [two.member_in, two.member_out],
                ),
                "host_member_ids",
            ),
            (lambda: register.merge_branch(REGISTRAR, two.branch_in, two.branch_out, date(2024, 1, 2)), "branch_id"),
            (lambda: register.raise_objection(ASSESSOR, 2023, two.branch_out, "异议"), "branch_id"),
        ]:
            with pytest.raises(InvalidValue) as refused:
                attempt()
            assert refused.value.field == field
            assert refused.value.message.startswith("no ")
        with pytest.raises(RuleViolation) as unknown:
            register.resolve_objection(ASSESSOR, 2023, two.objection_out, "已处理")
        assert unknown.value.rule == "grading_round.unknown_objection"
    assert register.recorder.max_notification_id() == before
    with confined_to(STREET):
        resolved = register.resolve_objection(ASSESSOR, 2023, two.objection_in, "已处理")
    assert resolved.aggregate.objections[str(two.objection_in)]["resolution"] == "已处理"


def test_the_districts_own_commands_and_reads_are_refused_to_a_scope(register: Register, two: Two) -> None:
    before = register.recorder.max_notification_id()
    for scope in (STREET, UNIT):
        with confined_to(scope):
            for attempt in [
                lambda: register.open_round(ASSESSOR, 2024),
                lambda: register.start_publicity(ASSESSOR, 2023, date(2024, 2, 5)),
                lambda: register.close_round(ASSESSOR, 2023, date(2024, 3, 1)),
                lambda: log_page(register, 0, 10),
                lambda: verify(register),
            ]:
                with pytest.raises(DistrictOnly) as refused:
                    attempt()
                assert refused.value.rule == "scope.district_only"
    assert register.recorder.max_notification_id() == before
    assert log_page(register, 0, 1)["events"]


def test_a_batch_keeps_its_earlier_decisions_when_a_command_is_refused_for_its_scope(
    register: Register, two: Two
) -> None:
    before = register.recorder.max_notification_id() or 0
    with confined_to(STREET), register.batch():
        register.amend_member(REGISTRAR, two.member_in, {"name": "新名称"}, "更名")
        with pytest.raises(OutsideScope):
            register.amend_member(REGISTRAR, two.member_in, {"street": OUT}, "搬迁")
        register.amend_member(REGISTRAR, two.member_in, {"industry": "软件"}, "变更")
    stored = register.get_member(two.member_in)
    assert (stored.name, stored.street, stored.industry) == ("新名称", IN, "软件")
    assert (register.recorder.max_notification_id() or 0) - before == 2


def test_histories_are_cut_to_the_scope(register: Register, two: Two) -> None:
    with confined_to(STREET):
        assert history(register, two.member_in, "member", "Member")
        with pytest.raises(NotFound):
            history(register, two.member_out, "member", "Member")
        events = history(register, register.get_round(2023).id, "grading round", "GradingRound")
    raised = [e["data"]["branch_id"] for e in events if e["type"] == "ObjectionRaised"]
    assert raised == [str(two.branch_in)]
    whole = history(register, register.get_round(2023).id, "grading round", "GradingRound")
    assert sorted(e["data"]["branch_id"] for e in whole if e["type"] == "ObjectionRaised") == sorted(
        [str(two.branch_in), str(two.branch_out)]
    )


def test_reports_count_the_scope_only_and_say_so_in_their_fingerprint(register: Register, two: Two) -> None:
    with ViewRunner(register) as runner:
        district = build_report(register, runner, "classification", 2023)
        street = build_report(register, runner, "classification", 2023, scope=STREET)
        unit = build_report(register, runner, "classification", 2023, scope=UNIT)
        key_focus = build_report(register, runner, "key-focus", scope=STREET)
        moment = datetime.now(UTC)
        then = build_report(register, runner, "classification", 2023, as_of=moment, scope=STREET)
        register.member_join_chamber(REGISTRAR, two.member_in, two.chamber_in, date(2024, 1, 2))
        again = build_report(register, runner, "classification", 2023, as_of=moment, scope=STREET)
    assert "scope" not in district
    assert (street["scope"], unit["scope"]) == (f"street={IN}", f"unit={UNIT_IN}")
    assert district["totals"]["weak"] == 2
    assert street["totals"]["weak"] == unit["totals"]["weak"] == 1
    assert [w["branch_id"] for w in street["weak"]] == [str(two.branch_in)]
    assert [r["street"] for r in street["by_street"]] == [IN]
    assert [m["member_id"] for m in key_focus["members"]] == [str(two.member_in)]
    assert len({district["fingerprint"], street["fingerprint"], unit["fingerprint"]}) == 3
    assert street["position"] == district["position"]
    assert then["fingerprint"] == again["fingerprint"]
    assert then["scope"] == street["scope"]


def test_a_member_in_the_scope_is_covered_by_whichever_organization_hosts_it(register: Register, two: Two) -> None:
    register.record_san_you(REGISTRAR, two.member_in, True, 20, True, date(2024, 1, 2))
    joint = register.found_branch(
        REGISTRAR,
        "跨街联合支部",
        "joint_branch",
        OUT,
        UNIT_OUT,
        "territorial",
        date(2024, 1, 2),
        3,
        [two.member_in, two.member_out],
    ).aggregate.id
    with ViewRunner(register) as runner:
        coverage = build_report(register, runner, "coverage", scope=STREET)
    assert coverage["members"] == 2
    assert coverage["joint_branch"] == 1
    assert str(joint) not in str(coverage)
    assert str(two.member_out) not in str(coverage)


def test_a_scoped_report_as_of_a_time_judges_each_record_as_it_stood_then(register: Register, two: Two) -> None:
    committee = register.found_branch(
        REGISTRAR,
        "招商商会联合党委",
        "joint_committee",
        IN,
        UNIT_OUT,
        "industry",
        date(2024, 1, 2),
        9,
        host_chamber_id=two.chamber_in,
    ).aggregate.id
    register.transfer_management(REGISTRAR, committee, UNIT_IN, "territorial", date(2024, 2, 1), "属地管理")
    with ViewRunner(register) as runner:
        live = build_report(register, runner, "chambers", scope=UNIT)
        then = build_report(register, runner, "chambers", as_of=datetime.now(UTC), scope=UNIT)
    assert [c["branch_id"] for c in live["joint_party_committees"]] == [str(committee)]
    assert then["joint_party_committees"] == live["joint_party_committees"]
    assert then["total"] == live["total"] == 0
