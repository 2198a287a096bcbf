"""The district's chambers of commerce: established, registered, the FIC plaque, terms renewed (one overdue), Four
Good titles and demonstration sites."""

from __future__ import annotations

from datetime import date, timedelta

from domain.chamber import TERM_YEARS
from domain.credit_code import check_character
from interfaces.demo import names, texts
from interfaces.demo.plans import ChamberPlan, add_years, day_between
from interfaces.demo.recording import Recording

CERTIFICATE_LETTERS = "ABCDEFGHJKLMNPQRTUWXY"


class ChamberHistory(Recording):
    """A chamber per street first, then industry and hometown chambers in turn."""

    def _plan_chambers(self) -> None:
        size, rng = self.size, self.rng
        first = size.first_year
        plans = [
            ChamberPlan(
                names.street_chamber(street),
                "street",
                street,
                day_between(rng, date(first - 10, 1, 1), date(first - 3, 12, 31)),
                registered=rng.random() < 0.75,
                plaque_on=day_between(rng, date(first - 2, 3, 1), date(size.last_year, 12, 20))
                if rng.random() < 0.8
                else None,
            )
            for street in self.streets[: size.chambers]
        ]
        industries, hometowns = list(names.INDUSTRY_CHAMBERS), list(names.HOMETOWNS)
        weights = names.STREET_WEIGHTS[: size.streets]
        while len(plans) < size.chambers:
            street = names.weighted(rng, self.streets, weights)
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
            ended = size.stands_on - timedelta(days=rng.randint(90, 300))
            overdue.established_on = add_years(ended + timedelta(days=1), -2 * TERM_YEARS)
        candidates = [p for p in plans if not p.overdue]
        for k, plan in enumerate(rng.sample(candidates, max(1, round(len(candidates) * 0.4)))):
            level = ("city", "district", "province")[k] if k < 3 else rng.choices(["district", "city"], [3, 1])[0]
            plan.four_good = (rng.choice(size.years), level)
        plans[0].demonstration_year = self.reform_year
        for plan in plans[10::10]:
            plan.demonstration_year = rng.choice(size.years)
        for k, plan in enumerate(plans):
            self.chambers.append(plan)
            self.agenda.at(plan.established_on, lambda p=plan, k=k: self._establish(p, k))

    def _establish(self, plan: ChamberPlan, k: int) -> None:
        rng, register = self.rng, self.register
        on = plan.established_on
        chamber = self._command(register.establish_chamber, texts.ESTABLISHED, plan.name, plan.kind, plan.street, on)
        plan.ident = chamber.id
        self.summary.chambers.append(chamber.id)
        first_term_ends = add_years(on, TERM_YEARS) - timedelta(days=1)
        self._command(
            register.renew_chamber_term, texts.FIRST_TERM, chamber.id, 1, on, first_term_ends, names.person(rng)
        )
        limit = add_years(on, 2 * TERM_YEARS) - timedelta(days=1) if plan.overdue else self.size.stands_on
        term, starts = 2, add_years(on, TERM_YEARS)
        while starts <= limit:
            self.agenda.at(starts, lambda t=term, s=starts: self._renew(plan, t, s))
            term, starts = term + 1, add_years(starts, TERM_YEARS)
        if plan.registered:
            body = f"51440305MJ{rng.choice(CERTIFICATE_LETTERS)}{k:06d}"
            certificate, registered_on = body + check_character(body), on + timedelta(days=rng.randint(60, 400))
            self.agenda.at(
                registered_on,
                lambda: self._command(
                    register.register_chamber, texts.REGISTERED, chamber.id, certificate, registered_on
                ),
            )
        if plan.plaque_on:
            hung = max(plan.plaque_on, on + timedelta(days=30))
            self.agenda.at(hung, lambda: self._command(register.hang_fic_plaque, texts.PLAQUE, chamber.id, hung))
        if plan.four_good:
            year, level = plan.four_good
            self.agenda.at(
                date(year, 12, rng.randint(1, 28)),
                lambda: self._command(register.award_four_good, texts.FOUR_GOOD, chamber.id, year, level),
            )
        if plan.demonstration_year:
            site_year = plan.demonstration_year
            self.agenda.at(
                date(site_year, 11, rng.randint(1, 28)),
                lambda: self._command(
                    register.designate_demonstration_site, texts.DEMONSTRATION, chamber.id, site_year
                ),
            )

    def _renew(self, plan: ChamberPlan, term: int, starts: date) -> None:
        ends = add_years(starts, TERM_YEARS) - timedelta(days=1)
        self._command(
            self.register.renew_chamber_term, texts.RENEWED, plan.ident, term, starts, ends, names.person(self.rng)
        )
