"""Forms sent to the register: accepted commands are recorded; a refused one is explained in Chinese beside its
field and records nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from application.context import CommandContext
from application.register import Register
from interfaces.console.forms.catalog import BY_KEY
from interfaces.console.forms.submit import Outcome, submit
from tests.console.hand_worked import Built
from tests.factories import credit_code


def _context(reason: str | None) -> CommandContext:
    return CommandContext("wang-fang", "registrar", "req-console-1", reason)


def _send(
    register: Register, form: tuple[str, str], key: str | None, texts: dict[str, Any], version: int | None = None
) -> Outcome:
    sent = {k: v if isinstance(v, list) else [v] for k, v in texts.items()}
    return submit(BY_KEY[form], register, _context, key, sent, version)


def _recorded(register: Register) -> Callable[[], int]:
    return lambda: register.recorder.max_notification_id() or 0


JOIN = {
    "credit_code": credit_code(77),
    "name": "深圳市示例科技有限公司",
    "street": "南山街道",
    "industry": "软件",
    "joined_on": "2022年3月1日",
    "reason": "经会长办公会审议同意",
}


def test_a_member_joins_with_the_clerks_name_request_and_reason(register: Register) -> None:
    outcome = _send(register, ("member", "new"), None, JOIN)
    assert outcome.ok, outcome.errors
    member = register.get_member(outcome.recorded.aggregate.id)  # type: ignore[union-attr]
    assert (member.name, member.joined_on.isoformat()) == ("深圳市示例科技有限公司", "2022-03-01")
    event = next(iter(register.events.get(member.id)))
    assert event._meta == {  # type: ignore[attr-defined]
        "actor": {"name": "wang-fang", "role": "registrar"},
        "request_id": "req-console-1",
        "reason": "经会长办公会审议同意",
    }


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"credit_code": credit_code(77)[:-1] + "0"}, "credit_code", "校验码为0，应为"),
        ({"credit_code": "123"}, "credit_code", "应为18位，现为3位"),
        ({"name": "  "}, "name", "必须填写"),
        ({"joined_on": "三月一日"}, "joined_on", "请填写日期"),
    ],
)
def test_a_join_that_breaks_a_rule_is_explained_beside_its_field_and_records_nothing(
    register: Register, changes: dict[str, str], field: str, message: str
) -> None:
    before = _recorded(register)()
    outcome = _send(register, ("member", "new"), None, {**JOIN, **changes})
    assert not outcome.ok
    assert outcome.errors[field].startswith(message)
    assert outcome.texts[field] == [changes[field]]
    assert _recorded(register)() == before


def test_joining_twice_is_refused_beside_the_credit_code(register: Register) -> None:
    assert _send(register, ("member", "new"), None, JOIN).ok
    before = _recorded(register)()
    outcome = _send(register, ("member", "new"), None, JOIN)
    assert outcome.errors == {"credit_code": "该企业已是会员，不能重复入会"}
    assert _recorded(register)() == before


REVIEW = {
    "year": "2021",
    "score": "93",
    "veto_findings": [],
    "reviewed_on": "2022-01-10",
    "reviewer": "区委组织部考核组",
    "summary": "",
    "reason": "",
}


def test_an_assessor_reviews_then_grades_by_the_rounds_policy(built: Built) -> None:
    register = built.register
    b3 = str(built.district.branches["b3"])
    register.open_round(_context(None), 2021)
    version = register.get_branch(built.district.branches["b3"]).version
    assert _send(register, ("branch", "review"), b3, REVIEW, version).ok
    graded = _send(register, ("branch", "grade"), b3, {"year": "2021", "grade": "", "override_reason": ""}, version + 1)
    assert graded.ok, graded.errors
    assert register.get_branch(built.district.branches["b3"]).grade_for(2021) == "advanced"


def test_grading_without_a_review_is_refused_beside_the_year(built: Built) -> None:
    register = built.register
    b6 = str(built.district.branches["b6"])
    before = _recorded(register)()
    outcome = _send(register, ("branch", "grade"), b6, {"year": "2020", "grade": "", "override_reason": ""})
    assert outcome.errors == {"year": "2020年度尚未录入述职评议，定级须以评议为依据"}
    assert _recorded(register)() == before


def test_another_grade_than_the_policys_needs_a_reason_beside_its_field(built: Built) -> None:
    register = built.register
    b3 = str(built.district.branches["b3"])
    register.open_round(_context(None), 2021)
    assert _send(register, ("branch", "review"), b3, REVIEW).ok
    outcome = _send(register, ("branch", "grade"), b3, {"year": "2021", "grade": "weak", "override_reason": ""})
    assert outcome.errors == {"override_reason": "所选等次与按评分应定等次不同，须填写调整理由"}


def test_a_lecture_says_whether_the_secretary_gave_it_and_another_activity_is_refused_beside_that_field(
    built: Built,
) -> None:
    register = built.register
    b3 = built.district.branches["b3"]
    life = {"activity": "lecture", "held_on": "2021-03-02", "attendance": "8", "by_secretary": "yes", "reason": ""}
    assert _send(register, ("branch", "organizational-life"), str(b3), life).ok
    assert register.get_branch(b3).lecture_speakers[2021].secretary == 1
    before = _recorded(register)()
    outcome = _send(register, ("branch", "organizational-life"), str(b3), {**life, "activity": "theme_day"})
    assert list(outcome.errors) == ["by_secretary"]
    assert "党课" in outcome.errors["by_secretary"]
    assert _recorded(register)() == before


def test_voiding_one_of_a_day_s_lectures_that_differ_asks_which_beside_that_field(built: Built) -> None:
    register = built.register
    b3 = built.district.branches["b3"]
    life = {"activity": "lecture", "held_on": "2021-03-02", "attendance": "8", "reason": ""}
    assert _send(register, ("branch", "organizational-life"), str(b3), {**life, "by_secretary": "yes"}).ok
    assert _send(register, ("branch", "organizational-life"), str(b3), {**life, "by_secretary": "no"}).ok
    void = {"activity": "lecture", "held_on": "2021-03-02", "reason": "讲授人录错"}
    outcome = _send(register, ("branch", "void-meeting"), str(b3), void)
    assert outcome.errors == {
        "by_secretary": "当天的党课有书记讲授的，也有其他人讲授的，请注明作废哪一次（是否书记讲授）"
    }
    assert _send(register, ("branch", "void-meeting"), str(b3), {**void, "by_secretary": "no"}).ok
    assert register.get_branch(b3).lecture_speakers[2021].other == 0


def test_a_form_sent_from_a_page_opened_before_another_change_asks_to_reload(built: Built) -> None:
    b3 = str(built.district.branches["b3"])
    stale = built.register.get_branch(built.district.branches["b3"]).version - 1
    outcome = _send(built.register, ("branch", "review"), b3, REVIEW, stale)
    assert not outcome.ok
    assert outcome.errors == {}
    assert "刷新页面" in outcome.general[0]


@pytest.mark.parametrize(
    ("texts", "field", "message"),
    [
        ({"score": "九十"}, "score", "请填写整数"),
        ({"year": "21"}, "year", "请填写四位年份，例如 2021"),
        ({"veto_findings": ["bribery"]}, "veto_findings", "请从列出的选项中选择"),
        ({"score": "120"}, "score", "必须是0至100之间的整数"),
    ],
)
def test_review_fields_are_checked_before_anything_is_sent(
    built: Built, texts: dict[str, Any], field: str, message: str
) -> None:
    b3 = str(built.district.branches["b3"])
    before = _recorded(built.register)()
    outcome = _send(built.register, ("branch", "review"), b3, {**REVIEW, **texts})
    assert outcome.errors == {field: message}
    assert _recorded(built.register)() == before
