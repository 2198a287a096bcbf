"""Every console form through HTTP: sent breaking a rule, it shows the Chinese message beside the field the rule
concerns (answering 422) and records nothing; sent as it should be, it records the command's event and returns to
the record. Each form is tried on a small world of its own."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from html import unescape
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from fastapi.testclient import TestClient

from application.projections.runner import ViewRunner
from application.register import Register
from application.working_calendar import known_years
from domain.dates import recording_day
from domain.vocabulary import EVENTS
from interfaces.api.app import create_app
from interfaces.console.forms.catalog import FORMS
from tests.conftest import ASSESSOR, REGISTRAR
from tests.console.conftest import CSRF
from tests.console.district import KEYS, TOKENS
from tests.factories import branch, chamber, credit_code, member

DAY = "2021-03-01"
BEFORE = "2014-01-01"


@dataclass
class World:
    """The records a form acts on, by name: members m1 (active), m3 (suspended), m4 (in chamber ch, on the
    key-focus list), m8 (left on 2021-01-01); chambers ch (four-good and demonstration site in 2020), ch2
    (dissolved) and ch3 (a term from 2016 to 2020, a city title for 2020–2021); organizations b (ungraded, a lecture
    on 2023-03-01), b3 (reviewed for 2023), bw (graded weak for 2023), br (weak, in rectification); rounds 2023
    (open), 2022 (in publicity, one objection waiting and one resolved) and 2021 (its publicity over)."""

    register: Register
    client: TestClient
    ids: dict[str, Any] = field(default_factory=dict)

    def position(self) -> int:
        return self.register.recorder.max_notification_id() or 0


def _review(register: Register, ident: UUID, year: int, score: int) -> None:
    register.review_branch(ASSESSOR, ident, year, score, [], date(year + 1, 1, 10), "考核组", "")


def _build(register: Register) -> dict[str, Any]:
    ids: dict[str, Any] = {f"m{n}": member(register, n) for n in (1, 2, 3, 4, 5, 6, 7, 8)}
    register.suspend_member(REGISTRAR, ids["m3"], "停产")
    register.member_leave(REGISTRAR, ids["m8"], date(2021, 1, 1), "withdrew")
    ids["ch"] = chamber(register)
    ids["ch2"] = chamber(register, "第二商会")
    register.dissolve_chamber(REGISTRAR, ids["ch2"], date(2020, 1, 1), "合并")
    register.member_join_chamber(REGISTRAR, ids["m4"], ids["ch"], date(2020, 1, 1))
    register.designate_key_focus(REGISTRAR, ids["m4"], ["tax"])
    register.award_four_good(REGISTRAR, ids["ch"], 2020, "district")
    register.designate_demonstration_site(REGISTRAR, ids["ch"], 2020)
    ids["ch3"] = chamber(register, "第三商会")
    register.renew_chamber_term(REGISTRAR, ids["ch3"], 1, date(2016, 1, 1), None, "王会长")
    register.award_four_good(REGISTRAR, ids["ch3"], 2020, "city", 2021)
    for name, host in (("b", "m2"), ("b3", "m5"), ("bw", "m6"), ("br", "m7")):
        ids[name] = branch(register, [ids[host]], name=f"{name}党支部")
    register.record_organizational_life(REGISTRAR, ids["b"], "lecture", date(2023, 3, 1), 8)
    register.record_election(REGISTRAR, ids["b3"], date(2021, 6, 1))
    register.transfer_management(REGISTRAR, ids["b3"], "区非公党委", "industry", date(2021, 3, 1), "调整")
    for year in (2021, 2022, 2023):
        register.open_round(ASSESSOR, year)
    for name, score in (("b3", 90), ("bw", 50), ("br", 50)):
        _review(register, ids[name], 2023, score)
    for name in ("bw", "br"):
        register.grade_branch(ASSESSOR, ids[name], 2023)
    register.open_rectification(
        ASSESSOR,
        ids["br"],
        2023,
        "整改",
        date(2024, 6, 30),
        date(2024, 2, 1),
        helper="王建国",
        helper_role="leader",
        plan="整顿方案",
    )
    for name in ("b", "b3"):
        _review(register, ids[name], 2022, 90)
        register.grade_branch(ASSESSOR, ids[name], 2022)
    register.start_publicity(ASSESSOR, 2021, date(2022, 1, 3))
    today = recording_day(datetime.now(UTC))
    starts_on = min(today - timedelta(days=20), date(known_years()[-1], 12, 1))
    register.start_publicity(ASSESSOR, 2022, starts_on, today + timedelta(days=20))
    register.raise_objection(ASSESSOR, 2022, ids["b"], "得分偏高")
    register.raise_objection(ASSESSOR, 2022, ids["b3"], "得分偏低")
    objections = {str(o["branch_id"]): o["objection_id"] for o in register.get_round(2022).objections.values()}
    ids["waiting"], ids["resolved"] = objections[str(ids["b"])], objections[str(ids["b3"])]
    register.resolve_objection(ASSESSOR, 2022, ids["resolved"], "维持")
    return ids


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The world built once for the module, in a file each test copies."""
    path = tmp_path_factory.mktemp("forms") / "forms.sqlite3"
    register = Register({"FICLEDGER_DATABASE_URL": f"sqlite:///{path}"})
    try:
        ids = _build(register)
        ViewRunner(register).catch_up()
        return path, ids
    finally:
        register.close()


@pytest.fixture
def world(built: tuple[Path, dict[str, Any]], tmp_path: Path) -> Iterator[World]:
    source, ids = built
    for part in source.parent.glob(f"{source.name}*"):
        shutil.copy(part, tmp_path / part.name)
    register = Register({"FICLEDGER_DATABASE_URL": f"sqlite:///{tmp_path / source.name}"})
    try:
        with TestClient(create_app(register, KEYS), raise_server_exceptions=False) as client:
            token = CSRF.search(client.get("/console/sign-in").text)
            assert token
            signed = client.post(
                "/console/sign-in",
                data={"token": TOKENS["admin"], "csrf_token": token.group(1), "next": "/console/"},
                follow_redirects=False,
            )
            assert signed.status_code == 303
            yield World(register, client, ids)
    finally:
        register.close()


@dataclass(frozen=True)
class Try:
    """One form's two sendings: ``good`` on record ``on`` records ``event``; ``bad`` on record ``bad_on`` breaks
    a rule whose Chinese message (``says``) stands beside ``field``. Values naming a record are keys of the
    world's ids."""

    on: str | None
    good: dict[str, Any]
    event: str
    bad: dict[str, Any]
    field: str
    says: str
    bad_on: str | None = None


def _m(n: int) -> str:
    return credit_code(n)


TRIES: dict[tuple[str, str], Try] = {
    ("member", "new"): Try(
        None,
        {"credit_code": _m(77), "name": "示例科技", "street": "南山街道", "industry": "软件", "joined_on": DAY},
        "Member.Joined",
        {"credit_code": _m(1), "name": "企业1", "street": "南山街道", "industry": "软件", "joined_on": DAY},
        "credit_code",
        "该企业已是会员，不能重复入会",
    ),
    ("member", "amend"): Try(
        "m1",
        {"name": "企业一号", "reason": "更名"},
        "Member.ProfileAmended",
        {"name": "企业1", "reason": "更名"},
        "name",
        "变更内容与现有信息相同",
    ),
    ("member", "correct-joined-on"): Try(
        "m1",
        {"joined_on": "2019-02-01", "reason": "按入会申请书更正"},
        "Member.JoinedOnCorrected",
        {"joined_on": "2020-06-01", "reason": "更正"},
        "joined_on",
        "入会日期不能晚于该日",
        "m4",
    ),
    ("member", "correct-left-on"): Try(
        "m8",
        {"on": "2020-12-01", "reason": "按退会申请书更正"},
        "Member.LeftOnCorrected",
        {"on": "2020-12-01", "reason": "更正"},
        "on",
        "该企业未曾退会",
        "m1",
    ),
    ("member", "correct-chamber-day"): Try(
        "m4",
        {"chamber_id": "ch", "joined_on": "2020-02-01", "reason": "按入会登记表更正"},
        "Member.ChamberDaysCorrected",
        {"chamber_id": "ch", "joined_on": "2020-02-01", "reason": "更正"},
        "chamber_id",
        "本次入会以来未加入此商会",
        "m1",
    ),
    ("member", "join-chamber"): Try(
        "m1",
        {"chamber_id": "ch", "on": DAY},
        "Member.JoinedChamber",
        {"chamber_id": "ch2", "on": DAY},
        "chamber_id",
        "该商会已注销",
    ),
    ("member", "leave-chamber"): Try(
        "m4",
        {"chamber_id": "ch", "on": DAY},
        "Member.LeftChamber",
        {"chamber_id": "ch", "on": DAY},
        "chamber_id",
        "该企业不是此商会会员",
        "m1",
    ),
    ("member", "designate-key-focus"): Try(
        "m1",
        {"criteria": ["tax"]},
        "Member.KeyFocusDesignated",
        {"criteria": ["tax"]},
        "criteria",
        "已按相同原因列为重点关注对象",
        "m4",
    ),
    ("member", "revoke-key-focus"): Try(
        "m4",
        {"reason": "已整改"},
        "Member.KeyFocusRevoked",
        {"reason": "已整改"},
        "reason",
        "该企业不是重点关注对象",
        "m1",
    ),
    ("member", "report-party-members"): Try(
        "m1",
        {"full_members": "6", "on": DAY},
        "Member.PartyMembersReported",
        {"full_members": "6", "on": BEFORE},
        "on",
        "日期早于该企业入会日期",
    ),
    ("member", "record-san-you"): Try(
        "m1",
        {"fixed_premises": "yes", "employees": "12", "real_business": "yes", "on": DAY},
        "Member.SanYouRecorded",
        {"fixed_premises": "yes", "employees": "12", "real_business": "yes", "on": BEFORE},
        "on",
        "日期早于该企业入会日期",
    ),
    ("member", "suspend"): Try(
        "m1",
        {"reason": "停产"},
        "Member.Suspended",
        {"reason": "停产"},
        "reason",
        "只有会籍正常的会员才能暂停会籍",
        "m3",
    ),
    ("member", "reinstate"): Try(
        "m3",
        {"reason": "复产"},
        "Member.Reinstated",
        {"reason": "复产"},
        "reason",
        "只有暂停会籍的会员才能恢复会籍",
        "m1",
    ),
    ("member", "leave"): Try(
        "m1",
        {"on": DAY, "reason": "withdrew"},
        "Member.Left",
        {"on": BEFORE, "reason": "withdrew"},
        "on",
        "日期早于该企业入会日期",
    ),
    ("chamber", "new"): Try(
        None,
        {"name": "新商会", "kind": "industry", "street": "南山街道", "established_on": DAY},
        "Chamber.Established",
        {"name": "南山街道商会", "kind": "street", "street": "南山街道", "established_on": DAY},
        "name",
        "已有同名商会",
    ),
    ("chamber", "register"): Try(
        "ch",
        {"certificate_no": "51440305MJL000001X", "on": DAY},
        "Chamber.RegisteredAsSocialOrganization",
        {"certificate_no": "51440305MJL000001X", "on": BEFORE},
        "on",
        "日期早于该商会成立日期",
    ),
    ("chamber", "hang-fic-plaque"): Try(
        "ch",
        {"on": DAY},
        "Chamber.FicPlaqueHung",
        {"on": BEFORE},
        "on",
        "日期早于该商会成立日期",
    ),
    ("chamber", "renew-term"): Try(
        "ch",
        {"term": "1", "starts_on": "2016-01-01", "ends_on": "2020-12-31", "president": "张会长"},
        "Chamber.TermRenewed",
        {"term": "1", "starts_on": BEFORE, "ends_on": "2020-12-31", "president": "张会长"},
        "starts_on",
        "日期早于该商会成立日期",
    ),
    ("chamber", "postpone-term"): Try(
        "ch3",
        {"postponed_to": "2021-06-30", "approved_by": "区工商联", "approved_on": "2020-11-01"},
        "Chamber.TermPostponed",
        {"postponed_to": "2022-01-01", "approved_by": "区工商联", "approved_on": "2020-11-01"},
        "postponed_to",
        "延期换届一般不超过1年",
    ),
    ("chamber", "award-four-good"): Try(
        "ch",
        {"year": "2022", "level": "district", "until_year": "2023"},
        "Chamber.FourGoodAwarded",
        {"year": "2021", "level": "district"},
        "year",
        "已获评同级“四好”商会",
    ),
    ("chamber", "revoke-four-good"): Try(
        "ch3",
        {"year": "2020", "level": "city", "on": DAY, "reason": "年检不合格"},
        "Chamber.FourGoodRevoked",
        {"year": "2019", "level": "city", "on": DAY, "reason": "年检不合格"},
        "year",
        "这一级“四好”商会称号",
    ),
    ("chamber", "designate-demonstration-site"): Try(
        "ch",
        {"year": "2021"},
        "Chamber.DemonstrationSiteDesignated",
        {"year": "2020"},
        "year",
        "该年度已确定为示范点",
    ),
    ("chamber", "rename"): Try(
        "ch",
        {"name": "南山区南山街道商会", "reason": "按登记证书更名"},
        "Chamber.Renamed",
        {"name": "第三商会", "reason": "更名"},
        "name",
        "已有同名商会",
    ),
    ("chamber", "correct-established-on"): Try(
        "ch",
        {"on": "2015-01-08", "reason": "按成立批复更正"},
        "Chamber.EstablishedOnCorrected",
        {"on": "2020-06-01", "reason": "更正"},
        "on",
        "成立日期不能晚于该日",
    ),
    ("chamber", "correct-four-good-years"): Try(
        "ch3",
        {"year": "2020", "level": "city", "to_year": "2019", "reason": "按表彰文件更正"},
        "Chamber.FourGoodYearsCorrected",
        {"year": "2019", "level": "city", "to_year": "2018", "reason": "更正"},
        "year",
        "这一级“四好”商会称号",
    ),
    ("chamber", "correct-demonstration-site-year"): Try(
        "ch",
        {"year": "2020", "to_year": "2019", "reason": "按通知更正"},
        "Chamber.DemonstrationSiteYearCorrected",
        {"year": "2018", "to_year": "2019", "reason": "更正"},
        "year",
        "未被确定为2018年度示范点",
    ),
    ("chamber", "dissolve"): Try(
        "ch",
        {"on": DAY, "reason": "合并"},
        "Chamber.Dissolved",
        {"on": BEFORE, "reason": "合并"},
        "on",
        "日期早于该商会成立日期",
    ),
    ("branch", "new"): Try(
        None,
        {
            "name": "新党支部",
            "kind": "branch",
            "street": "南山街道",
            "managing_unit": "区非公党委",
            "management_basis": "territorial",
            "founded_on": DAY,
            "full_members": "5",
            "host_member_ids": _m(1),
        },
        "PartyBranch.Founded",
        {
            "name": "新党支部",
            "kind": "branch",
            "street": "南山街道",
            "managing_unit": "区非公党委",
            "management_basis": "territorial",
            "founded_on": DAY,
            "full_members": "2",
            "host_member_ids": _m(1),
        },
        "full_members",
        "正式党员不足3人，不能单独成立党组织",
    ),
    ("branch", "rename"): Try(
        "b",
        {"name": "南山党支部", "reason": "企业更名"},
        "PartyBranch.Renamed",
        {"name": "b党支部", "reason": "更名"},
        "name",
        "新名称与现有名称相同",
    ),
    ("branch", "correct-founded-on"): Try(
        "b",
        {"on": "2019-03-01", "reason": "按批复更正"},
        "PartyBranch.FoundedOnCorrected",
        {"on": "2023-06-01", "reason": "更正"},
        "on",
        "成立日期不能晚于该日",
    ),
    ("branch", "transfer-management"): Try(
        "b",
        {"managing_unit": "区委组织部", "basis": "industry", "on": DAY, "reason": "调整"},
        "PartyBranch.ManagementTransferred",
        {"managing_unit": "区非公党委", "basis": "territorial", "on": DAY, "reason": "调整"},
        "managing_unit",
        "已由该单位按此依据管理",
    ),
    ("branch", "report-party-members"): Try(
        "b",
        {"full_members": "6", "on": DAY},
        "PartyBranch.PartyMemberCountReported",
        {"full_members": "6", "on": BEFORE},
        "on",
        "日期早于该党组织成立日期",
    ),
    ("branch", "record-structure"): Try(
        "b",
        {"has_committee": "no", "has_party_groups": "yes", "on": DAY},
        "PartyBranch.StructureRecorded",
        {"has_committee": "yes", "has_party_groups": "no", "on": DAY},
        "has_committee",
        "正式党员7人以上",
    ),
    ("branch", "record-election"): Try(
        "b",
        {"elected_on": "2022-05-01"},
        "PartyBranch.ElectionHeld",
        {"elected_on": BEFORE},
        "elected_on",
        "选举日期早于该党组织成立日期",
    ),
    ("branch", "correct-election"): Try(
        "b3",
        {"elected_on": "2021-06-01", "to_elected_on": "2021-07-01", "reason": "按选举结果报告更正"},
        "PartyBranch.ElectionCorrected",
        {"elected_on": "2021-06-01", "to_elected_on": BEFORE, "reason": "更正"},
        "to_elected_on",
        "选举日期早于该党组织成立日期",
    ),
    ("branch", "correct-transfer"): Try(
        "b3",
        {"on": "2021-03-01", "to_on": "2021-04-01", "reason": "按移交文件更正"},
        "PartyBranch.TransferDayCorrected",
        {"on": "2021-03-01", "to_on": BEFORE, "reason": "更正"},
        "to_on",
        "日期早于该党组织成立日期",
    ),
    ("branch", "postpone-election"): Try(
        "b",
        {"postponed_to": "2022-10-01", "approved_by": "区非公党委", "approved_on": "2022-03-01"},
        "PartyBranch.ElectionPostponed",
        {"postponed_to": "2022-10-01", "approved_by": "区非公党委", "approved_on": BEFORE},
        "approved_on",
        "批准日期不能早于本届产生日期",
    ),
    ("branch", "organizational-life"): Try(
        "b",
        {"activity": "lecture", "held_on": DAY, "attendance": "5"},
        "PartyBranch.OrganizationalLifeRecorded",
        {"activity": "lecture", "held_on": BEFORE, "attendance": "5"},
        "held_on",
        "日期早于该党组织成立日期",
    ),
    ("branch", "review"): Try(
        "b",
        {"year": "2023", "score": "90", "reviewed_on": "2024-01-10", "reviewer": "考核组"},
        "PartyBranch.Reviewed",
        {"year": "2018", "score": "90", "reviewed_on": "2024-01-10", "reviewer": "考核组"},
        "year",
        "该党组织2018年尚未成立",
    ),
    ("branch", "grade"): Try(
        "b3",
        {"year": "2023"},
        "PartyBranch.Graded",
        {"year": "2023"},
        "year",
        "2023年度尚未录入述职评议，定级须以评议为依据",
        "b",
    ),
    ("branch", "correct-grade"): Try(
        "bw",
        {"year": "2023", "grade": "average", "reason": "复核"},
        "PartyBranch.GradeCorrected",
        {"year": "2023", "grade": "average", "reason": "复核"},
        "year",
        "2023年度尚未定级，无可更正",
        "b",
    ),
    ("branch", "correct-review"): Try(
        "bw",
        {"year": "2023", "score": "60", "reason": "漏计加分项"},
        "PartyBranch.ReviewCorrected",
        {"year": "2023", "score": "50", "reason": "复核"},
        "score",
        "述职评议与现有记录相同",
    ),
    ("branch", "void-meeting"): Try(
        "b",
        {"activity": "lecture", "held_on": "2023-03-01", "reason": "误录"},
        "PartyBranch.MeetingVoided",
        {"activity": "lecture", "held_on": "2023-03-02", "reason": "误录"},
        "held_on",
        "该党组织没有",
    ),
    ("branch", "open-rectification"): Try(
        "bw",
        {
            "year": "2023",
            "measures": "整改",
            "due_on": "2024-06-30",
            "helper": "王建国",
            "helper_role": "leader",
            "plan": "整顿方案",
        },
        "PartyBranch.RectificationOpened",
        {"year": "2023", "measures": "整改", "due_on": "2024-06-30"},
        "year",
        "未被定为软弱涣散",
        "b",
    ),
    ("branch", "close-rectification"): Try(
        "br",
        {"on": "2024-05-01", "outcome": "rectified", "accepted_by": "赵立新"},
        "PartyBranch.RectificationClosed",
        {"on": "2024-05-01", "outcome": "rectified"},
        "on",
        "没有正在进行的整顿",
        "b",
    ),
    ("branch", "correct-rectification"): Try(
        "br",
        {"year": "2023", "due_on": "2024-09-30", "reason": "期限录错"},
        "PartyBranch.RectificationDaysCorrected",
        {"year": "2023", "due_on": "2024-09-30", "reason": "期限录错"},
        "year",
        "没有整顿记录",
        "b",
    ),
    ("branch", "dissolve"): Try(
        "b",
        {"on": DAY, "reason": "企业注销"},
        "PartyBranch.Dissolved",
        {"on": BEFORE, "reason": "企业注销"},
        "on",
        "日期早于该党组织成立日期",
    ),
    ("branch", "merge"): Try(
        "b",
        {"into": "b3", "on": DAY},
        "PartyBranch.MergedInto",
        {"into": "b", "on": DAY},
        "into",
        "党组织不能并入自身",
    ),
    ("round", "new"): Try(
        None, {"year": "2024"}, "GradingRound.Opened", {"year": "2023"}, "year", "2023年度的定级工作已经启动"
    ),
    ("round", "start-publicity"): Try(
        "2023",
        {"starts_on": "2024-02-05"},
        "GradingRound.PublicityStarted",
        {"starts_on": "2024-02-05"},
        "starts_on",
        "公示已经开始",
        "2022",
    ),
    ("round", "raise-objection"): Try(
        "2022",
        {"branch_id": "b3", "text": "再议"},
        "GradingRound.ObjectionRaised",
        {"branch_id": "bw", "text": "再议"},
        "branch_id",
        "该党组织本年度尚未定级",
    ),
    ("round", "resolve-objection"): Try(
        "2022",
        {"objection_id": "waiting", "resolution": "维持"},
        "GradingRound.ObjectionResolved",
        {"objection_id": "resolved", "resolution": "维持"},
        "objection_id",
        "该异议已处理",
    ),
    ("round", "close"): Try(
        "2021",
        {"on": "2022-03-01"},
        "GradingRound.Closed",
        {"on": "2024-03-01"},
        "on",
        "须先公示定级结果",
        "2023",
    ),
}
PLURAL = {"member": "members", "chamber": "chambers", "branch": "branches", "round": "rounds"}


def test_every_form_is_tried() -> None:
    assert sorted(TRIES) == sorted((f.record, f.name) for f in FORMS)


def _url(world: World, record: str, name: str, on: str | None) -> str:
    if on is None:
        return f"/console/{PLURAL[record]}/new"
    key = on if record == "round" else str(world.ids[on])
    return f"/console/{PLURAL[record]}/{key}/{name}"


def _texts(world: World, values: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(world.ids[v]) if isinstance(v, str) and v in world.ids else v) for k, v in values.items()}


def _send(world: World, url: str, values: dict[str, Any]) -> Any:
    page = world.client.get(url)
    assert page.status_code == 200, page.text
    token = CSRF.search(page.text)
    assert token
    version = re.search(r'name="expected_version" value="(\d+)"', page.text)
    data = {**_texts(world, values), "csrf_token": token.group(1)}
    if version:
        data["expected_version"] = version.group(1)
    return world.client.post(url, data=data, follow_redirects=False)


@pytest.mark.parametrize(("record", "name"), list(TRIES), ids=[f"{r}.{n}" for r, n in TRIES])
def test_a_form_breaking_a_rule_says_why_beside_its_field_and_a_good_one_is_recorded(
    world: World, record: str, name: str
) -> None:
    tried = TRIES[(record, name)]
    before = world.position()
    bad_on = tried.bad_on if tried.bad_on is not None else tried.on
    refused = _send(world, _url(world, record, name, bad_on), tried.bad)
    assert refused.status_code == 422, refused.text
    beside = re.search(rf'<p class="field-error" id="error-{tried.field}">([^<]*)</p>', refused.text)
    assert beside, f"no message beside {tried.field}: " + " ".join(re.findall(r"<li>(.*?)</li>", refused.text))
    assert tried.says in unescape(beside.group(1))
    assert world.position() == before

    accepted = _send(world, _url(world, record, name, tried.on), tried.good)
    assert accepted.status_code == 303, " ".join(re.findall(r'class="field-error"[^>]*>([^<]*)<', accepted.text))
    assert accepted.headers["location"].endswith(f"?saved={name}")
    claims = {("chamber", "new"): 1, ("chamber", "dissolve"): 1, ("chamber", "rename"): 2}.get((record, name), 0)
    assert world.position() == before + 1 + claims
    notification = world.register.recorder.select_notifications(before + 1, 1)[0]
    assert notification.topic.endswith(tried.event.split(".")[-1]), notification.topic
    assert tried.event in EVENTS
    shown = world.client.get(accepted.headers["location"])
    assert "已记录" in shown.text


def _offered(world: World, url: str, field: str) -> set[str]:
    page = world.client.get(url)
    assert page.status_code == 200, page.text
    select = re.search(rf'<select[^>]*name="{field}"[^>]*>(.*?)</select>', page.text, re.S)
    assert select, page.text
    return {value for value in re.findall(r'<option value="([^"]*)"', select.group(1)) if value}


def test_a_member_is_offered_only_the_chambers_it_is_in_to_leave_and_the_others_to_join(world: World) -> None:
    ids = world.ids
    assert _offered(world, _url(world, "member", "leave-chamber", "m4"), "chamber_id") == {str(ids["ch"])}
    assert _offered(world, _url(world, "member", "leave-chamber", "m1"), "chamber_id") == set()
    joinable = _offered(world, _url(world, "member", "join-chamber", "m4"), "chamber_id")
    assert str(ids["ch3"]) in joinable
    assert str(ids["ch"]) not in joinable
    assert str(ids["ch2"]) not in joinable


def _actions(world: World, url: str) -> list[str]:
    page = world.client.get(url)
    assert page.status_code == 200, page.text
    nav = re.search(r'<nav class="record-actions"[^>]*>(.*?)</nav>', page.text, re.S)
    return re.findall(r'<a class="button" href="[^"]*">([^<]*)</a>', nav.group(1)) if nav else []


def test_a_member_that_left_is_offered_only_the_corrections_of_its_days(world: World) -> None:
    assert _actions(world, f"/console/members/{world.ids['m8']}") == ["更正退会日期", "更正加入、退出商会日期"]
    active = _actions(world, f"/console/members/{world.ids['m1']}")
    assert {"更正退会日期", "更正加入、退出商会日期", "暂停会籍", "退会"} <= set(active)
