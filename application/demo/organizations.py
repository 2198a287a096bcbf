"""The district's Party organizations: branches in enterprises, joint branches of small ones, general branches and
committees, street chambers' joint committees; who manages them and why, transfers, a dissolution and a merger;
their full and probationary members, committees (a branch of 7 or more full members has one, a few not yet) and
Party groups (most large organizations), and a few set up later.

Hosts are mostly the longer-standing members; a joint branch gathers two to five small enterprises of one street.
The district's non-public-sector committee (区非公党委) manages most organizations at first and, in the reform year
of the work plan, hands small ones down to the streets' working committees (街道党工委)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from application.demo import names, texts
from application.demo.agenda import day_between
from application.demo.elections import plan_election
from application.demo.plans import ChamberPlan, District, Enterprise, Organization
from domain.coverage import MIN_FULL_MEMBERS
from domain.structure import committee_expected

GROUPS_FROM = 15
"""Full members from which most organizations divide into Party groups."""

DISTRICT_COMMITTEE = "区非公党委"
KIND_SHARES = (("joint_branch", 0.2), ("general_branch", 0.06), ("committee", 0.02))


def plan_organizations(d: District) -> None:
    size, rng, last = d.size, d.rng, d.calendar.last_year
    street_chambers = [c for c in d.chambers if c.kind == "street"]
    committees = min(len(street_chambers), max(1, size.branches // 60)) if size.branches >= 5 else 0
    others = size.branches - committees
    kinds = [kind for kind, share in KIND_SHARES for _ in range(round(others * share))]
    kinds += ["branch"] * (others - len(kinds))
    rng.shuffle(kinds)
    candidates = [e for e in d.enterprises if e.joined_on <= date(last, 6, 30)]
    candidates.sort(key=lambda e: e.joined_on.toordinal() + rng.gauss(0, 1500), reverse=True)
    free: dict[str, list[Enterprise]] = {s: [] for s in d.streets}
    for e in candidates:
        free[e.street].append(e)
    used: list[Enterprise] = []
    areas: Counter[tuple[str, str]] = Counter()
    for kind in kinds:
        width = rng.choice((2, 2, 3, 3, 4, 5)) if kind == "joint_branch" else 1
        streets = [s for s in d.streets if len(free[s]) >= width]
        if streets:
            street = rng.choices(streets, [len(free[s]) for s in streets])[0]
            hosts = [free[street].pop() for _ in range(width)]
        else:
            hosts = rng.sample(used, min(width, len(used)))
            street = hosts[0].street
        used += hosts
        if kind == "joint_branch":
            area = rng.choice(names.AREAS[street])
            areas[street, area] += 1
            name = names.joint_branch(street, area, areas[street, area])
        else:
            name = names.own_organization(hosts[0].name, kind)
        _plan_organization(d, name, kind, street, hosts, None)
    for chamber in street_chambers[:committees]:
        _plan_organization(d, names.joint_committee(chamber.street), "joint_committee", chamber.street, [], chamber)
    _plan_endings(d)
    _plan_transfers(d)
    _plan_structures(d)
    graded = [o for o in d.organizations if o.kind != "joint_committee"]
    lasting = [o for o in graded if not o.ends and o.founded_on.year < d.calendar.first_year] or graded
    for org in rng.sample(lasting, max(1, round(0.03 * len(graded)))) if lasting else []:
        org.troubled, org.quality = True, min(org.quality, -1.2)
    for org in d.organizations:
        d.agenda.at(org.founded_on, lambda o=org: _found(d, o))


def _plan_organization(
    d: District, name: str, kind: str, street: str, hosts: list[Enterprise], chamber: ChamberPlan | None
) -> None:
    rng, reform_year = d.rng, d.calendar.reform_year
    latest = date(d.calendar.last_year, 10, 31)
    dual = False
    if chamber is not None:
        earliest = max(chamber.established_on + timedelta(days=365), date(reform_year, 3, 1))
        founded = day_between(rng, earliest, date(reform_year, 12, 31))
    else:
        joined = max(h.joined_on for h in hosts)
        dual = kind == "branch" and joined.year >= d.calendar.first_year - 2 and rng.random() < 0.4
        founded = joined if dual else joined + timedelta(days=rng.randint(30, 1200))
        if founded > latest:
            founded = day_between(rng, joined, latest)
    fewest = MIN_FULL_MEMBERS
    count = {
        "branch": lambda: min(60, fewest + int(rng.expovariate(1 / 6))),
        "general_branch": lambda: rng.randint(30, 90),
        "committee": lambda: rng.randint(80, 260),
        "joint_branch": lambda: max(fewest, sum(rng.randint(1, 2) for _ in hosts)),
        "joint_committee": lambda: rng.randint(25, 90),
    }[kind]()
    if kind == "joint_committee" or rng.random() >= (0.7 if founded.year < reform_year else 0.35):
        unit, basis = names.working_committee(street), "territorial"
    else:
        unit, basis = DISTRICT_COMMITTEE, "industry" if rng.random() < 0.3 else "territorial"
    org = Organization(name, kind, street, unit, basis, founded, count, hosts, chamber, rng.gauss(0, 1), dual)
    org.probationary = rng.choices((0, 1, 2, 3), (50, 25, 15, 10))[0] + count // 25
    org.committee = committee_expected(kind, count) and not (kind == "branch" and count < 10 and rng.random() < 0.25)
    org.groups = count >= GROUPS_FROM and rng.random() < 0.8
    for host in hosts:
        host.hosts = host.hosts or org
    d.organizations.append(org)


def _found(d: District, org: Organization) -> None:
    reason = texts.DUAL_UNVEILING if org.dual_unveiling else texts.FOUNDED[org.kind]
    branch = d.staff.ask(
        d.register.found_branch,
        reason,
        org.name,
        org.kind,
        org.street,
        org.unit,
        org.basis,
        org.founded_on,
        org.count,
        host_member_ids=[h.ident for h in org.hosts] or None,
        host_chamber_id=org.chamber.ident if org.chamber else None,
        probationary_members=org.probationary,
        has_committee=org.committee,
        has_party_groups=org.groups,
    )
    org.ident = branch.id
    d.organization_of[branch.id] = org
    d.branches.append(branch.id)
    plan_election(d, org, branch.current_term)


def _plan_structures(d: District) -> None:
    """Branches of 7 or more full members founded without a committee elect one early in the reform year (and
    divide into groups if large); a few large organizations without groups divide into them that year."""
    rng, year = d.rng, d.calendar.reform_year
    before = date(year, 1, 1)
    existing = [o for o in d.organizations if o.founded_on < before and not o.ends]
    for org in existing:
        if not org.committee and committee_expected(org.kind, org.count):
            committee, groups, reason = True, org.groups or org.count >= GROUPS_FROM, texts.STRUCTURE
        elif org.committee and not org.groups and org.count >= GROUPS_FROM - 5 and rng.random() < 0.3:
            committee, groups, reason = True, True, texts.GROUPS
        else:
            continue
        on = date(year, 1, rng.randint(2, 20))
        d.agenda.at(on, lambda o=org, c=committee, g=groups, on=on, r=reason: _set_up(d, o, c, g, on, r))


def _set_up(d: District, org: Organization, committee: bool, groups: bool, on: date, reason: str) -> None:
    """Record the new structure, if the organization still has the full members a committee needs."""
    assert org.ident is not None
    branch = d.branch(org.ident)
    if branch.is_active and committee_expected(branch.kind, branch.full_members):
        d.staff.ask(d.register.record_structure, reason, org.ident, committee, groups, on)


def _plan_transfers(d: District) -> None:
    """A third of the small organizations the district committee manages go to their street; a few large ones
    come to the district committee, managed by industry."""
    rng, year = d.rng, d.calendar.reform_year
    before = date(year, 3, 1)
    existing = [o for o in d.organizations if o.founded_on < before and o.kind != "joint_committee"]
    small = [o for o in existing if o.unit == DISTRICT_COMMITTEE and o.basis == "territorial" and o.count <= 15]
    large = [o for o in existing if o.unit != DISTRICT_COMMITTEE and o.count >= 30]
    to_street = rng.sample(small, max(1, round(0.35 * len(small)))) if small else []
    to_district = rng.sample(large, round(0.3 * len(large)))
    moves = [(o, names.working_committee(o.street), "territorial", texts.TRANSFER_TO_STREET) for o in to_street]
    moves += [(o, DISTRICT_COMMITTEE, "industry", texts.TRANSFER_TO_DISTRICT) for o in to_district]
    for org, unit, basis, reason in moves:
        on = day_between(rng, date(year, 4, 1), date(year, 6, 30))
        d.agenda.at(
            on,
            lambda o=org, u=unit, b=basis, r=reason, on=on: d.staff.ask(
                d.register.transfer_management, r, o.ident, u, b, on, r
            ),
        )


def _plan_endings(d: District) -> None:
    """One organization dissolved with its enterprise, and one joint branch merged into another of its street."""
    rng, year = d.rng, d.calendar.reform_year
    if len(d.organizations) < 10:
        return
    old = [o for o in d.organizations if o.founded_on < date(d.calendar.first_year, 1, 1)]
    singles = [o for o in old if o.kind == "branch" and o.count < 20]
    if singles:
        org = rng.choice(singles)
        org.ends = True
        host = org.hosts[0]
        host.leaves_on = on = day_between(rng, date(year, 7, 1), date(year, 9, 30))
        d.agenda.at(on, lambda: _dissolve(d, org, host, on))
    joints = [o for o in old if o.kind == "joint_branch"]
    for street in d.streets:
        pair = [o for o in joints if o.street == street][:2]
        if len(pair) == 2:
            pair[0].ends = True
            on = day_between(rng, date(year, 8, 1), date(year, 10, 31))
            d.agenda.at(
                on,
                lambda a=pair[0], b=pair[1], on=on: d.staff.ask(
                    d.register.merge_branch, texts.MERGED, a.ident, b.ident, on
                ),
            )
            return


def _dissolve(d: District, org: Organization, host: Enterprise, on: date) -> None:
    d.staff.ask(d.register.dissolve_branch, texts.DISSOLVED, org.ident, on, texts.DISSOLVED)
    d.staff.ask(d.register.member_leave, texts.LEAVING["dissolved"], host.ident, on, "dissolved")
