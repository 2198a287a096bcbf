"""The district's chambers of commerce: established, registered, the FIC plaque, terms renewed (one overdue, one
postponed with approval), Four Good titles for two years (one lapsed by the district's day, one in force) and
demonstration sites."""

from __future__ import annotations

from datetime import date, timedelta

from application.demo import names, texts
from application.demo.agenda import day_between
from application.demo.plans import ChamberPlan, District
from domain.chamber import TERM_YEARS
from domain.credit_code import check_character
from domain.values import add_years

CERTIFICATE_LETTERS = "ABCDEFGHJKLMNPQRTUWXY"


def plan_chambers(d: District) -> None:
    """A chamber per street first, then industry and hometown chambers in turn; one (a hometown chamber where there
    is one) let its term run out some months before the district's day."""
    size, rng, first = d.size, d.rng, d.calendar.first_year
    plans = [
        ChamberPlan(
            names.street_chamber(street),
            "street",
            street,
            day_between(rng, date(first - 10, 1, 1), date(first - 3, 12, 31)),
            registered=rng.random() < 0.75,
            plaque_on=day_between(rng, date(first - 2, 3, 1), date(d.calendar.last_year, 12, 20))
            if rng.random() < 0.8
            else None,
        )
        for street in d.streets[: size.chambers]
    ]
    industries, hometowns = list(names.INDUSTRY_CHAMBERS), list(names.HOMETOWNS)
    weights = names.STREET_WEIGHTS[: size.streets]
    while len(plans) < size.chambers:
        street = names.weighted(rng, d.streets, weights)
        established = day_between(rng, date(first - 15, 1, 1), date(first - 1, 12, 31))
        registered = rng.random() < 0.9
        if hometowns and (len(plans) % 2 == 0 or not industries):
            name = names.hometown_chamber(hometowns.pop(0))
            plans.append(ChamberPlan(name, "hometown", street, established, None, registered))
        else:
            industry, title = industries.pop(0)
            plans.append(
                ChamberPlan(names.industry_chamber(title), "industry", street, established, industry, registered)
            )
    if len(plans) >= 3:
        plans[0].registered, plans[0].plaque_on = True, plans[0].plaque_on or date(first - 1, 9, 26)
        if all(p.registered for p in plans):
            plans[-1].registered = False
        overdue = next((p for p in plans if p.kind == "hometown"), plans[1])
        overdue.overdue = True
        ended = d.calendar.until - timedelta(days=rng.randint(90, 300))
        overdue.established_on = add_years(ended + timedelta(days=1), -2 * TERM_YEARS)
    candidates = [p for p in plans if not p.overdue]
    for k, plan in enumerate(rng.sample(candidates, max(1, round(len(candidates) * 0.4)))):
        level = ("city", "district", "province")[k] if k < 3 else rng.choices(["district", "city"], [3, 1])[0]
        year = rng.choice(d.calendar.graded)
        plan.four_good = ({0: d.calendar.graded[0], 1: d.calendar.graded[-1]}.get(k, year), level)
    awarded = [p for p in plans if p.four_good]
    if len(awarded) >= 2:
        awarded[1].four_good_revoked = True
    _plan_postponement(d, candidates)
    plans[0].demonstration_year = d.calendar.reform_year
    for plan in plans[10::10]:
        plan.demonstration_year = rng.choice(d.calendar.graded)
    for k, plan in enumerate(plans):
        d.chambers.append(plan)
        d.agenda.at(plan.established_on, lambda p=plan, k=k: _establish(d, p, k))


def _renewals(plan: ChamberPlan, until: date) -> list[date]:
    starts, found = add_years(plan.established_on, TERM_YEARS), []
    while starts <= until:
        found.append(starts)
        starts = add_years(starts, TERM_YEARS)
    return found


def _plan_postponement(d: District, candidates: list[ChamberPlan]) -> None:
    """The first chamber whose term ends within the graded years, well before the district's day, postpones that
    renewal by some months with the FIC's approval."""
    earliest, latest = date(d.calendar.first_year, 1, 1), d.calendar.until - timedelta(days=200)
    for plan in candidates:
        due = next((s for s in _renewals(plan, latest) if s >= earliest), None)
        if due is not None:
            plan.postponed_renewal = due
            return


def _term_ends(starts_on: date) -> date:
    return add_years(starts_on, TERM_YEARS) - timedelta(days=1)


def _establish(d: District, plan: ChamberPlan, k: int) -> None:
    rng, register, ask = d.rng, d.register, d.staff.ask
    on = plan.established_on
    chamber = ask(register.establish_chamber, texts.ESTABLISHED, plan.name, plan.kind, plan.street, on)
    plan.ident = chamber.id
    d.chamber_ids.append(chamber.id)
    ask(register.renew_chamber_term, texts.FIRST_TERM, chamber.id, 1, on, _term_ends(on), names.person(rng))
    limit = add_years(on, 2 * TERM_YEARS) - timedelta(days=1) if plan.overdue else d.calendar.until
    term, starts = 2, add_years(on, TERM_YEARS)
    while starts <= limit:
        if starts == plan.postponed_renewal:
            d.agenda.at(starts - timedelta(days=60), lambda s=starts: _postpone(d, plan, s))
            late = starts + timedelta(days=120)
            d.agenda.at(late, lambda t=term, s=late: _renew(d, plan, t, s))
        else:
            d.agenda.at(starts, lambda t=term, s=starts: _renew(d, plan, t, s))
        term, starts = term + 1, add_years(starts, TERM_YEARS)
    if plan.registered:
        body = f"51440305MJ{rng.choice(CERTIFICATE_LETTERS)}{k:06d}"
        certificate, registered_on = body + check_character(body), on + timedelta(days=rng.randint(60, 400))
        d.agenda.at(
            registered_on,
            lambda: ask(register.register_chamber, texts.REGISTERED, chamber.id, certificate, registered_on),
        )
    if plan.plaque_on:
        hung = max(plan.plaque_on, on + timedelta(days=30))
        d.agenda.at(hung, lambda: ask(register.hang_fic_plaque, texts.PLAQUE, chamber.id, hung))
    if plan.four_good:
        year, level = plan.four_good
        d.agenda.at(
            date(year, 12, rng.randint(1, 28)),
            lambda: ask(register.award_four_good, texts.FOUR_GOOD, chamber.id, year, level),
        )
        if plan.four_good_revoked:
            revoked_on = date(year + 1, 6, 18)
            d.agenda.at(
                revoked_on,
                lambda: ask(
                    register.revoke_four_good,
                    texts.FOUR_GOOD_REVOKED,
                    chamber.id,
                    year,
                    level,
                    revoked_on,
                    texts.FOUR_GOOD_REVOKED,
                ),
            )
    if plan.demonstration_year:
        site_year = plan.demonstration_year
        d.agenda.at(
            date(site_year, 11, rng.randint(1, 28)),
            lambda: ask(register.designate_demonstration_site, texts.DEMONSTRATION, chamber.id, site_year),
        )


def _postpone(d: District, plan: ChamberPlan, due: date) -> None:
    approved_on = due - timedelta(days=60)
    postponed_to = due + timedelta(days=150)
    d.staff.ask(
        d.register.postpone_chamber_term, texts.CHAMBER_POSTPONED, plan.ident, postponed_to, "区工商联", approved_on
    )


def _renew(d: District, plan: ChamberPlan, term: int, starts: date) -> None:
    d.staff.ask(
        d.register.renew_chamber_term, texts.RENEWED, plan.ident, term, starts, _term_ends(starts), names.person(d.rng)
    )
