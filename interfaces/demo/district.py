"""A seeded district: streets, chambers, members, Party organizations and years of grading, recorded through the
Register's own commands so that every rule holds and every event names a realistic actor and reason."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from application.context import CommandContext
from application.register import Register
from domain.credit_code import check_character
from domain.member import member_id
from domain.values import DEFAULT_MINIMUMS, Grade
from interfaces.demo import names

ACTIVITIES = list(DEFAULT_MINIMUMS)
DISTRICT_COMMITTEE = "区非公党委"


@dataclass(frozen=True)
class Size:
    """How big a district to generate."""

    streets: int = 4
    chambers: int = 7
    members: int = 300
    branches: int = 150
    first_year: int = 2018
    last_year: int = 2021
    life_density: float = 1.0

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))


DEMO = Size()


@dataclass
class Summary:
    """What the generator recorded."""

    loaded: bool = True
    events: int = 0
    members: list[UUID] = field(default_factory=list)
    chambers: list[UUID] = field(default_factory=list)
    branches: list[UUID] = field(default_factory=list)


def demo_credit_code(seed: int, n: int) -> str:
    """The n-th enterprise's credit code: a real region, an organization code, the right check character."""
    region = names.REGIONS[n % len(names.REGIONS)]
    body = f"91{region}{seed % 100:02d}{n:07d}"[:17]
    return body + check_character(body)


def is_loaded(register: Register, seed: int) -> bool:
    return register.exists(member_id(demo_credit_code(seed, 0)))


class District:
    """Builds one district into a register; call ``build()``."""

    def __init__(
        self,
        register: Register,
        seed: int = 2020,
        size: Size = DEMO,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.register = register
        self.seed = seed
        self.size = size
        self.rng = random.Random(seed)
        self.progress = progress or (lambda _: None)
        self.summary = Summary()
        self.streets = names.STREETS[: max(1, size.streets)]
        self.registrar = self._actor("李伟", "registrar")
        self.assessor = self._actor("张敏", "assessor")
        self.member_streets: dict[UUID, str] = {}
        self.active: list[UUID] = []
        self.street_chambers: dict[str, UUID] = {}

    def _actor(self, name: str, role: str) -> Callable[[str | None], CommandContext]:
        def context(reason: str | None = None) -> CommandContext:
            return CommandContext(name, role, f"demo-{uuid.UUID(int=self.rng.getrandbits(128))}", reason)

        return context

    def _did(self, recorded: Any) -> Any:
        self.summary.events += 1
        self.progress(1)
        return recorded.aggregate

    def _save(self, ctx: CommandContext, aggregate: Any) -> None:
        pending = len(aggregate.pending_events)
        if pending:
            self.register.record(ctx, aggregate)
            self.summary.events += pending
            self.progress(pending)

    def build(self) -> Summary:
        if is_loaded(self.register, self.seed):
            return Summary(loaded=False)
        start = self.register.recorder.max_notification_id() or 0
        self._chambers()
        self._members()
        self._branches()
        for year in self.size.years:
            self._organizational_life(year)
            self._grading(year)
        self.summary.events = (self.register.recorder.max_notification_id() or 0) - start
        return self.summary

    def _chambers(self) -> None:
        r, rng = self.register, self.rng
        plans: list[tuple[str, str, str]] = [(f"{s}商会", "street", s) for s in self.streets]
        others = [
            (name, kind)
            for pair in zip(
                ["区电子信息行业商会", "区餐饮行业商会", "区物流行业商会"],
                [f"区{h}商会" for h in names.HOMETOWNS[:3]],
                strict=True,
            )
            for name, kind in ((pair[0], "industry"), (pair[1], "hometown"))
        ]
        for n in range(max(0, self.size.chambers - len(plans))):
            name, kind = others[n % len(others)]
            plans.append((name if n < len(others) else f"{name}（{n}）", kind, self.streets[n % len(self.streets)]))
        for n, (name, kind, street) in enumerate(plans):
            established = date(2008 + n % 8, 1 + n % 12, 10)
            chamber = self._did(r.establish_chamber(self.registrar("新成立商会"), name, kind, street, established))
            self.summary.chambers.append(chamber.id)
            if kind == "street":
                self.street_chambers[street] = chamber.id
            if n % 4 != 3:
                chamber.register(f"51440305MJL{n:06d}X", established + timedelta(days=90))
            if n % 3 != 2:
                chamber.hang_fic_plaque(established + timedelta(days=120))
            start = date(2016 if n != 1 else 2015, 3, 1)
            chamber.renew_term(n % 3 + 1, start, start.replace(year=start.year + 5), names.person(rng))
            if n != 1:
                chamber.renew_term(n % 3 + 2, date(2021, 3, 1), date(2026, 3, 1), names.person(rng))
            if n % 3 == 0:
                chamber.award_four_good(2019 + n % 3, ["district", "city", "province"][n % 3])
            if n == 0:
                chamber.designate_demonstration_site(2020)
            self._save(self.registrar("商会登记信息"), chamber)

    def _members(self) -> None:
        r, rng = self.register, self.rng
        for n in range(self.size.members):
            industry = rng.choice(names.INDUSTRIES)
            street = self.streets[n % len(self.streets)] if n else self.streets[0]
            joined = date(2005, 1, 1) + timedelta(days=rng.randrange(365 * 16))
            code = demo_credit_code(self.seed, n)
            member = self._did(
                r.join_member(
                    self.registrar("入会申请审批通过"),
                    code,
                    names.enterprise(rng, industry, n),
                    street,
                    industry,
                    joined,
                )
            )
            self.summary.members.append(member.id)
            self.member_streets[member.id] = street
            on = max(joined, date(2018, 1, 1)) + timedelta(days=rng.randrange(300))
            if street in self.street_chambers and rng.random() < 0.45:
                member.join_chamber(self.street_chambers[street], on)
            roll = rng.random()
            if roll < 0.03:
                member.suspend("未按期参加年检")
                member.reinstate("已补办年检")
            elif roll < 0.05 and n:
                member.leave(date(2020, 12, 31), rng.choice(["withdrew", "removed"]))
                if roll < 0.035:
                    member.rejoin(member.name, member.street, member.industry, date(2021, 6, 1))
            if member.status == "active" and rng.random() < 0.06:
                member.designate_key_focus(
                    rng.sample(["assets", "party_members", "tax", "prospects"], rng.choice((1, 2)))
                )
            self._save(self.registrar("会员信息维护"), member)
            if member.status == "active":
                self.active.append(member.id)

    def _branches(self) -> None:
        r, rng = self.register, self.rng
        pool = list(self.active)
        rng.shuffle(pool)
        hosts_used = 0
        for n in range(self.size.branches):
            kind = "branch"
            roll = rng.random()
            if n < len(self.street_chambers) // 2 + 1 and self.street_chambers:
                kind = "joint_committee"
            elif roll < 0.22:
                kind = "joint_branch"
            elif roll < 0.28:
                kind = "general_branch"
            elif roll < 0.30:
                kind = "committee"
            street = self.streets[n % len(self.streets)]
            basis = "territorial" if rng.random() < 0.8 else "industry"
            unit = DISTRICT_COMMITTEE if rng.random() < 0.6 else f"{street}党工委"
            founded = date(2010, 1, 1) + timedelta(days=rng.randrange(365 * 8))
            count = {"branch": rng.randrange(3, 30), "joint_branch": rng.randrange(3, 20)}.get(
                kind, rng.randrange(30, 120)
            )
            if kind == "joint_committee":
                chamber = list(self.street_chambers.values())[n % len(self.street_chambers)]
                recorded = r.found_branch(
                    self.registrar("成立街道商会联合党委"),
                    f"{street}商会联合党委",
                    kind,
                    street,
                    f"{street}党工委",
                    "territorial",
                    founded,
                    count,
                    host_chamber_id=chamber,
                )
            else:
                width = rng.randrange(2, 5) if kind == "joint_branch" else 1
                hosts = [pool[(hosts_used + k) % len(pool)] for k in range(width)]
                hosts_used += width
                street = self.member_streets[hosts[0]]
                label = {
                    "branch": "党支部",
                    "joint_branch": "联合党支部",
                    "general_branch": "党总支",
                    "committee": "党委",
                }[kind]
                name = f"{self.register.get_member(hosts[0]).name}{label}"
                recorded = r.found_branch(
                    self.registrar("成立党组织（双揭牌）"),
                    name,
                    kind,
                    street,
                    unit,
                    basis,
                    founded,
                    count,
                    host_member_ids=hosts,
                )
            branch = self._did(recorded)
            self.summary.branches.append(branch.id)
            if branch.managing_unit == DISTRICT_COMMITTEE and rng.random() < 0.15:
                branch.transfer_management(
                    f"{branch.street}党工委", "territorial", date(2020, 4, 1), "划转街道属地管理"
                )
                self._save(self.registrar("理顺党建管理体制"), branch)

    def _organizational_life(self, year: int) -> None:
        rng = self.rng
        for ident in self.summary.branches:
            branch = self.register.get_branch(ident)
            if not branch.is_active or branch.founded_on.year > year:
                continue
            diligence = min(1.2, max(0.2, rng.gauss(0.9, 0.2))) * self.size.life_density
            for activity, minimum in DEFAULT_MINIMUMS.items():
                for k in range(round(minimum * diligence)):
                    held = date(year, 1 + (k * 12 // max(1, minimum)) % 12, rng.randrange(1, 28))
                    if held >= branch.founded_on:
                        branch.record_organizational_life(activity, held, rng.randrange(3, 40))
            self._save(self.registrar("三会一课记录"), branch)

    def _grading(self, year: int) -> None:
        r, rng = self.register, self.rng
        self._did(r.open_round(self.assessor("启动年度分类定级"), year))
        weak: list[UUID] = []
        graded: list[UUID] = []
        overridden = False
        for ident in self.summary.branches:
            branch = r.get_branch(ident)
            if not branch.is_active or branch.founded_on.year > year:
                continue
            score = max(40, min(100, round(rng.gauss(82, 8))))
            vetoes = ["no_organizational_life"] if rng.random() < 0.02 else []
            reviewed = date(year + 1, 1, rng.randrange(5, 20))
            branch.review(year, score, vetoes, reviewed, "区非公党委考核组", "年度述职评议")
            policy = r.get_round(year).grading_policy
            mapped = policy.map(score, vetoes)
            if not overridden and mapped == Grade.AVERAGE and score >= 87:
                branch.grade(year, policy, r.get_round(year).id, "advanced", "疫情防控中表现突出，经党委研究上调")
                overridden = True
            else:
                branch.grade(year, policy, r.get_round(year).id)
            if branch.grade_for(year) == Grade.WEAK:
                if branch.open_rectification_record() is not None:
                    branch.close_rectification(reviewed, "not_rectified")
                branch.open_rectification(year, "健全班子，规范三会一课，限期整改", date(year + 1, 6, 30))
                weak.append(ident)
            self._save(self.assessor("年度考核定级"), branch)
            graded.append(ident)
        publicity = date(year + 1, 2, 1)
        self._did(r.start_publicity(self.assessor("定级结果公示"), year, publicity))
        if graded:
            target = graded[rng.randrange(len(graded))]
            rnd = self._did(
                r.raise_objection(self.assessor("收到异议"), year, target, "认为评分未充分考虑组织生活记录")
            )
            objection = list(rnd.objections.values())[-1]["objection_id"]
            if year < self.size.last_year:
                self._did(r.resolve_objection(self.assessor("复核"), year, objection, "经复核，维持原定等次"))
        if year < self.size.last_year:
            self._did(r.close_round(self.assessor("公示期满，结果生效"), year, publicity + timedelta(days=14)))
            for k, ident in enumerate(weak):
                branch = r.get_branch(ident)
                if branch.is_active and (year < self.size.last_year - 1 or k % 2 == 0):
                    branch.close_rectification(date(year + 1, 6, 15), "rectified")
                    self._save(self.assessor("整改验收"), branch)
            if year == self.size.first_year + 1 and graded:
                ident = graded[0]
                branch = r.get_branch(ident)
                to = "average" if branch.grade_for(year) != "average" else "advanced"
                if branch.is_active:
                    branch.correct_grade(year, to, "公示后复核发现计分错误，予以更正")
                    self._save(self.assessor("等次更正"), branch)


def build_district(
    register: Register, seed: int = 2020, size: Size = DEMO, progress: Callable[[int], None] | None = None
) -> Summary:
    """Load a district into ``register`` once; on a store that has it already, record nothing."""
    return District(register, seed, size, progress).build()
