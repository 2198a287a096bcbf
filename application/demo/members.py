"""The district's member enterprises: joining over the years, chambers, Party members reported, key focus, and the
few that are suspended, renamed, leave or join again."""

from __future__ import annotations

from datetime import date, timedelta

from application.demo import names, texts
from application.demo.agenda import day_between
from application.demo.plans import ChamberPlan, District, Enterprise
from domain.coverage import MIN_FULL_MEMBERS, Coverage, coverage_by
from domain.credit_code import check_character

SHARES = {"left": 0.03, "suspended": 0.02, "renamed": 0.015, "industry": 0.01, "key_focus": 0.02}


def demo_credit_code(seed: int, n: int) -> str:
    """The n-th enterprise's credit code (GB 32100-2015): registered with the market regulator (9) as an enterprise
    (1), a real administrative division, a nine-character organization code and the right check character."""
    body = f"91{names.region(n)}{seed % 100:02d}{n:07d}"[:17]
    return body + check_character(body)


def plan_enterprises(d: District) -> None:
    """Enterprises join in date order, more in recent years, up to the district's day."""
    rng, start, end = d.rng, date(d.calendar.first_year - 15, 1, 1), d.calendar.until
    span = (end - start).days
    offsets = sorted(int(span * rng.random() ** 0.8) for _ in range(d.size.members))
    weights = names.STREET_WEIGHTS[: d.size.streets]
    for n, offset in enumerate(offsets):
        industry = names.industry(rng)
        enterprise = Enterprise(
            n,
            demo_credit_code(d.staff.seed, n),
            names.enterprise(rng, industry, d.taken),
            names.weighted(rng, d.streets, weights),
            industry,
            start + timedelta(days=offset),
        )
        d.enterprises.append(enterprise)
        d.agenda.at(enterprise.joined_on, lambda e=enterprise: _join(d, e))


def _join(d: District, e: Enterprise) -> None:
    member = d.staff.ask(d.register.join_member, texts.JOINED, e.code, e.name, e.street, e.industry, e.joined_on)
    d.members.append(member.id)
    small = e.n % 10 == 7
    employees = 3 + e.n % 7 if small else 10 + (e.n * 37) % 190
    d.staff.ask(d.register.record_san_you, texts.SAN_YOU, e.ident, True, employees, True, e.joined_on)


def plan_member_lives(d: District) -> None:
    """What happens to members, planned once the hosts of Party organizations are known, since those stay active."""
    free = [e for e in d.enterprises if e.hosts is None and e.leaves_on is None]
    d.rng.shuffle(free)
    groups: dict[str, list[Enterprise]] = {}
    for group, share in SHARES.items():
        take = max(2, round(share * d.size.members))
        groups[group], free = free[:take], free[take:]
    _plan_leaving(d, groups["left"])
    _plan_suspensions(d, groups["suspended"])
    _plan_amendments(d, groups["renamed"], groups["industry"])
    _plan_key_focus(d, groups["key_focus"])
    _plan_chambers_and_party_members(d)


def _plan_leaving(d: District, leaving: list[Enterprise]) -> None:
    """Each leaves during the graded years; the first withdraws early and joins again, as some others do."""
    rng, register, ask = d.rng, d.register, d.staff.ask
    first, end = date(d.calendar.first_year, 1, 1), date(d.calendar.last_year, 12, 31)
    for k, e in enumerate(leaving):
        earliest = max(e.joined_on + timedelta(days=365), first)
        if earliest > end:
            continue
        e.leaves_on = day_between(rng, earliest, end if k else max(earliest, date(d.calendar.first_year, 12, 31)))
        reason = "withdrew" if k == 0 else rng.choices(["withdrew", "removed", "dissolved"], [5, 3, 2])[0]
        d.agenda.at(
            e.leaves_on,
            lambda e=e, r=reason: ask(register.member_leave, texts.LEAVING[r], e.ident, e.leaves_on, r),
        )
        if reason == "withdrew" and (k == 0 or rng.random() < 0.4):
            back = e.leaves_on + timedelta(days=rng.randint(180, 500))
            d.agenda.at(
                back,
                lambda e=e, back=back: ask(
                    register.join_member, texts.REJOINING, e.code, e.name, e.street, e.industry, back
                ),
            )


def _plan_suspensions(d: District, suspended: list[Enterprise]) -> None:
    """Every other one is reinstated a few months later; the rest are still suspended."""
    rng, register, ask = d.rng, d.register, d.staff.ask
    first, end = date(d.calendar.first_year, 1, 1), date(d.calendar.last_year, 12, 31)
    for k, e in enumerate(suspended):
        earliest = max(e.joined_on + timedelta(days=180), first)
        if earliest > end:
            continue
        on = day_between(rng, earliest, end)
        why, back_why = rng.choice(texts.SUSPENSIONS)
        d.agenda.at(on, lambda e=e, why=why: ask(register.suspend_member, why, e.ident, why))
        if k % 2 == 0:
            d.agenda.at(
                on + timedelta(days=rng.randint(60, 300)),
                lambda e=e, why=back_why: ask(register.reinstate_member, why, e.ident, why),
            )


def _plan_amendments(d: District, renamed: list[Enterprise], moved_on: list[Enterprise]) -> None:
    rng, register, ask = d.rng, d.register, d.staff.ask
    first, end = date(d.calendar.first_year, 1, 1), date(d.calendar.last_year, 12, 31)
    changes = [(e, {"name": names.renamed(rng, e.name, e.industry, d.taken)}, texts.RENAMING) for e in renamed]
    for e in moved_on:
        industry = rng.choice([i for i in names.INDUSTRIES if i != e.industry])
        changes.append((e, {"industry": industry}, texts.INDUSTRY_CHANGE))
    for e, change, why in changes:
        on = day_between(rng, max(e.joined_on + timedelta(days=365), first), end)
        d.agenda.at(on, lambda e=e, c=change, why=why: ask(register.amend_member, why, e.ident, c, why))


def _plan_key_focus(d: District, others: list[Enterprise]) -> None:
    """Enterprises with many Party members are designated the year after their organization was founded, a few
    others for their assets, taxes or prospects; a tenth are taken off the list in a later year."""
    rng, register, ask = d.rng, d.register, d.staff.ask
    first, last = d.calendar.first_year, d.calendar.last_year
    focus: list[tuple[Enterprise, list[str], int]] = []
    for org in d.organizations:
        if coverage_by(org.kind) == Coverage.OWN_ORGANIZATION and org.count >= 20 and not org.ends:
            criteria = ["party_members"] + [c for c, p in (("assets", 0.5), ("tax", 0.4)) if rng.random() < p]
            focus.append((org.hosts[0], criteria, max(first, org.founded_on.year + 1)))
    for e in others:
        criteria = rng.sample(["assets", "tax", "prospects"], rng.choice((1, 2)))
        focus.append((e, criteria, max(first, e.joined_on.year + 1)))
    revocable = [k for k, (_, _, year) in enumerate(focus) if year < last]
    wanted = min(len(revocable), max(1, len(focus) // 10)) if len(focus) >= 5 else 0
    revoked = set(rng.sample(revocable, wanted))
    for k, (e, criteria, year) in enumerate(focus):
        if year > last:
            continue
        why = "；".join(texts.KEY_FOCUS[c] for c in sorted(criteria)) + "，列为区非公党委重点关注对象"
        d.agenda.at(
            date(year, 3, rng.randint(10, 25)),
            lambda e=e, c=criteria, why=why: ask(register.designate_key_focus, why, e.ident, c),
        )
        if k in revoked and year < last:
            d.agenda.at(
                date(rng.randint(year + 1, last), 3, 28),
                lambda e=e: ask(register.revoke_key_focus, texts.KEY_FOCUS_REVOKED, e.ident, texts.KEY_FOCUS_REVOKED),
            )


def _plan_chambers_and_party_members(d: District) -> None:
    """Many join their street's chamber, some their industry's, a few a hometown chamber; a few move away and
    leave one. Hosts of Party organizations report their Party members, as about half the others do."""
    rng, register, until = d.rng, d.register, d.calendar.until
    street_chambers = {c.street: c for c in d.chambers if c.kind == "street"}
    industry_chambers = {c.industry: c for c in d.chambers if c.kind == "industry"}
    hometown_chambers = [c for c in d.chambers if c.kind == "hometown"]
    for e in d.enterprises:
        ends = e.leaves_on or until
        joins = [street_chambers[e.street]] if e.street in street_chambers and rng.random() < 0.45 else []
        if e.industry in industry_chambers and rng.random() < 0.35:
            joins.append(industry_chambers[e.industry])
        if hometown_chambers and rng.random() < 0.08:
            joins.append(rng.choice(hometown_chambers))
        for chamber in joins:
            on = max(e.joined_on, chamber.established_on) + timedelta(days=rng.randint(7, 500))
            if on >= ends:
                continue
            d.agenda.at(on, lambda e=e, c=chamber, on=on: _join_chamber(d, e, c, on))
            off = on + timedelta(days=rng.randint(365, 2000))
            if e.leaves_on is None and rng.random() < 0.04 and off <= until:
                d.agenda.at(
                    off,
                    lambda e=e, c=chamber, off=off: d.staff.ask(
                        register.member_leave_chamber, texts.CHAMBER_LEAVING, e.ident, c.ident, off
                    ),
                )
        _plan_party_members(d, e, ends)


def _join_chamber(d: District, enterprise: Enterprise, chamber: ChamberPlan, on: date) -> None:
    d.staff.ask(d.register.member_join_chamber, texts.CHAMBER_JOINING, enterprise.ident, chamber.ident, on)


def _plan_party_members(d: District, e: Enterprise, ends: date) -> None:
    """A host of its own organization reports that organization's full and probationary members; a host of a joint
    branch has fewer full members than an organization needs; of the others, some have enough for one of their own
    and have none yet, and some count probationary members who do not make up for the full ones missing."""
    rng = d.rng
    if e.hosts is not None:
        own = coverage_by(e.hosts.kind) == Coverage.OWN_ORGANIZATION
        count = e.hosts.count if own else rng.randint(1, MIN_FULL_MEMBERS - 1)
        probationary = e.hosts.probationary if own else rng.choice((0, 0, 1))
        on = e.hosts.founded_on + timedelta(days=rng.randint(0, 20))
    elif rng.random() < 0.55:
        count = rng.choices(range(7), [30, 20, 15, 12, 10, 8, 5])[0]
        probationary = rng.choices((0, 1, 2, 3), (55, 25, 12, 8))[0]
        on = max(e.joined_on + timedelta(days=30), date(d.calendar.first_year, 1, 10))
        on += timedelta(days=rng.randint(0, 300))
    else:
        return
    if on < ends:
        d.agenda.at(
            on,
            lambda: d.staff.ask(
                d.register.member_report_party_members, texts.PARTY_MEMBERS, e.ident, count, on, probationary
            ),
        )
