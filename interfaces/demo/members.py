"""The district's member enterprises: joining over the years, chambers, Party members reported, key focus, and the
few that are suspended, renamed, leave or join again."""

from __future__ import annotations

from datetime import date, timedelta

from domain.credit_code import check_character
from interfaces.demo import names, texts
from interfaces.demo.plans import ChamberPlan, Enterprise, day_between
from interfaces.demo.recording import Recording

OWN_KINDS = ("branch", "general_branch", "committee")
SHARES = {"left": 0.03, "suspended": 0.02, "renamed": 0.015, "industry": 0.01, "key_focus": 0.02}


def demo_credit_code(seed: int, n: int) -> str:
    """The n-th enterprise's credit code (GB 32100-2015): registered with the market regulator (9) as an enterprise
    (1), a real administrative division, a nine-character organization code and the right check character."""
    body = f"91{names.region(n)}{seed % 100:02d}{n:07d}"[:17]
    return body + check_character(body)


class MemberHistory(Recording):
    """Enterprises join in date order, more in recent years; what happens to them is planned once hosts of Party
    organizations are known, since those stay active members."""

    def _plan_enterprises(self) -> None:
        size, rng = self.size, self.rng
        start, end = date(size.first_year - 15, 1, 1), date(size.last_year, 12, 31)
        span = (end - start).days
        offsets = sorted(int(span * rng.random() ** 0.8) for _ in range(size.members))
        weights = names.STREET_WEIGHTS[: size.streets]
        for n, offset in enumerate(offsets):
            industry = names.industry(rng)
            enterprise = Enterprise(
                n,
                demo_credit_code(self.seed, n),
                names.enterprise(rng, industry, self.taken),
                names.weighted(rng, self.streets, weights),
                industry,
                start + timedelta(days=offset),
            )
            self.enterprises.append(enterprise)
            self.agenda.at(enterprise.joined_on, lambda e=enterprise: self._join(e))

    def _join(self, e: Enterprise) -> None:
        member = self._command(
            self.register.join_member, texts.JOINED, e.code, e.name, e.street, e.industry, e.joined_on
        )
        self.summary.members.append(member.id)

    def _plan_member_lives(self) -> None:
        free = [e for e in self.enterprises if e.hosts is None and e.leaves_on is None]
        self.rng.shuffle(free)
        groups: dict[str, list[Enterprise]] = {}
        for group, share in SHARES.items():
            take = max(2, round(share * self.size.members))
            groups[group], free = free[:take], free[take:]
        self._plan_leaving(groups["left"])
        self._plan_suspensions(groups["suspended"])
        self._plan_amendments(groups["renamed"], groups["industry"])
        self._plan_key_focus(groups["key_focus"])
        self._plan_chambers_and_party_members()

    def _plan_leaving(self, leaving: list[Enterprise]) -> None:
        """Each leaves during the graded years; the first withdraws early and joins again, as some others do."""
        rng, register, size = self.rng, self.register, self.size
        first, end = date(size.first_year, 1, 1), date(size.last_year, 12, 31)
        for k, e in enumerate(leaving):
            earliest = max(e.joined_on + timedelta(days=365), first)
            if earliest > end:
                continue
            e.leaves_on = day_between(rng, earliest, end if k else max(earliest, date(size.first_year, 12, 31)))
            reason = "withdrew" if k == 0 else rng.choices(["withdrew", "removed", "dissolved"], [5, 3, 2])[0]
            self.agenda.at(
                e.leaves_on,
                lambda e=e, r=reason: self._command(register.member_leave, texts.LEAVING[r], e.ident, e.leaves_on, r),
            )
            if reason == "withdrew" and (k == 0 or rng.random() < 0.4):
                back = e.leaves_on + timedelta(days=rng.randint(180, 500))
                self.agenda.at(
                    back,
                    lambda e=e, back=back: self._command(
                        register.join_member, texts.REJOINING, e.code, e.name, e.street, e.industry, back
                    ),
                )

    def _plan_suspensions(self, suspended: list[Enterprise]) -> None:
        """Every other one is reinstated a few months later; the rest are still suspended."""
        rng, register, size = self.rng, self.register, self.size
        first, end = date(size.first_year, 1, 1), date(size.last_year, 12, 31)
        for k, e in enumerate(suspended):
            earliest = max(e.joined_on + timedelta(days=180), first)
            if earliest > end:
                continue
            on = day_between(rng, earliest, end)
            why, back_why = rng.choice(texts.SUSPENSIONS)
            self.agenda.at(on, lambda e=e, why=why: self._command(register.suspend_member, why, e.ident, why))
            if k % 2 == 0:
                self.agenda.at(
                    on + timedelta(days=rng.randint(60, 300)),
                    lambda e=e, why=back_why: self._command(register.reinstate_member, why, e.ident, why),
                )

    def _plan_amendments(self, renamed: list[Enterprise], moved_on: list[Enterprise]) -> None:
        rng, register, size = self.rng, self.register, self.size
        first, end = date(size.first_year, 1, 1), date(size.last_year, 12, 31)
        changes = [(e, {"name": names.renamed(rng, e.name, e.industry, self.taken)}, texts.RENAMING) for e in renamed]
        for e in moved_on:
            industry = rng.choice([i for i in names.INDUSTRIES if i != e.industry])
            changes.append((e, {"industry": industry}, texts.INDUSTRY_CHANGE))
        for e, change, why in changes:
            on = day_between(rng, max(e.joined_on + timedelta(days=365), first), end)
            self.agenda.at(
                on, lambda e=e, c=change, why=why: self._command(register.amend_member, why, e.ident, c, why)
            )

    def _plan_key_focus(self, others: list[Enterprise]) -> None:
        """Enterprises with many Party members are designated the year after their organization was founded, a few
        others for their assets, taxes or prospects; a tenth are taken off the list in a later year."""
        rng, register, size = self.rng, self.register, self.size
        focus: list[tuple[Enterprise, list[str], int]] = []
        for org in self.organizations:
            if org.kind in OWN_KINDS and org.count >= 20 and not org.ends:
                criteria = ["party_members"] + [c for c, p in (("assets", 0.5), ("tax", 0.4)) if rng.random() < p]
                focus.append((org.hosts[0], criteria, max(size.first_year, org.founded_on.year + 1)))
        for e in others:
            criteria = rng.sample(["assets", "tax", "prospects"], rng.choice((1, 2)))
            focus.append((e, criteria, max(size.first_year, e.joined_on.year + 1)))
        revoked = set(rng.sample(range(len(focus)), max(1, len(focus) // 10))) if len(focus) >= 5 else set()
        for k, (e, criteria, year) in enumerate(focus):
            if year > size.last_year:
                continue
            why = "；".join(texts.KEY_FOCUS[c] for c in sorted(criteria)) + "，列为区非公党委重点关注对象"
            self.agenda.at(
                date(year, 3, rng.randint(10, 25)),
                lambda e=e, c=criteria, why=why: self._command(register.designate_key_focus, why, e.ident, c),
            )
            if k in revoked and year < size.last_year:
                self.agenda.at(
                    date(rng.randint(year + 1, size.last_year), 3, 28),
                    lambda e=e: self._command(
                        register.revoke_key_focus, texts.KEY_FOCUS_REVOKED, e.ident, texts.KEY_FOCUS_REVOKED
                    ),
                )

    def _plan_chambers_and_party_members(self) -> None:
        """Many join their street's chamber, some their industry's, a few a hometown chamber; a few move away and
        leave one. Hosts of Party organizations report their Party members, as about half the others do."""
        rng, register, stands_on = self.rng, self.register, self.size.stands_on
        street_chambers = {c.street: c for c in self.chambers if c.kind == "street"}
        industry_chambers = {c.industry: c for c in self.chambers if c.kind == "industry"}
        hometown_chambers = [c for c in self.chambers if c.kind == "hometown"]
        for e in self.enterprises:
            until = e.leaves_on or stands_on
            joins = [street_chambers[e.street]] if e.street in street_chambers and rng.random() < 0.45 else []
            if e.industry in industry_chambers and rng.random() < 0.35:
                joins.append(industry_chambers[e.industry])
            if hometown_chambers and rng.random() < 0.08:
                joins.append(rng.choice(hometown_chambers))
            for chamber in joins:
                on = max(e.joined_on, chamber.established_on) + timedelta(days=rng.randint(7, 500))
                if on >= until:
                    continue
                self.agenda.at(on, lambda e=e, c=chamber, on=on: self._join_chamber(e, c, on))
                off = on + timedelta(days=rng.randint(365, 2000))
                if e.leaves_on is None and rng.random() < 0.04 and off <= stands_on:
                    self.agenda.at(
                        off,
                        lambda e=e, c=chamber, off=off: self._command(
                            register.member_leave_chamber, texts.CHAMBER_LEAVING, e.ident, c.ident, off
                        ),
                    )
            self._plan_party_members(e, until)

    def _join_chamber(self, enterprise: Enterprise, chamber: ChamberPlan, on: date) -> None:
        self._command(self.register.member_join_chamber, texts.CHAMBER_JOINING, enterprise.ident, chamber.ident, on)

    def _plan_party_members(self, e: Enterprise, until: date) -> None:
        rng = self.rng
        if e.hosts is not None:
            count = e.hosts.count if e.hosts.kind in OWN_KINDS else rng.randint(1, 2)
            on = e.hosts.founded_on + timedelta(days=rng.randint(0, 20))
        elif rng.random() < 0.55:
            count = rng.choices(range(7), [30, 20, 15, 12, 10, 8, 5])[0]
            on = max(e.joined_on + timedelta(days=30), date(self.size.first_year, 1, 10))
            on += timedelta(days=rng.randint(0, 300))
        else:
            return
        if on < until:
            self.agenda.at(
                on,
                lambda: self._command(
                    self.register.member_report_party_members, texts.PARTY_MEMBERS, e.ident, count, on
                ),
            )
