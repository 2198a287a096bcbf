"""Elections of the Party organizations' committees (换届选举): each organization elects a new committee (or
secretary) in the weeks before its term ends; one postpones its election with its managing unit's approval and
holds it within the postponement; one lets its term run out and is overdue for election on the district's day."""

from __future__ import annotations

from datetime import date, timedelta

from application.demo import texts
from application.demo.plans import District, Organization
from domain.elections import Term

OVERDUE_WITHIN = (timedelta(days=30), timedelta(days=400))
"""How long before the district's day the overdue organization's term ended: long enough to be plainly overdue,
recent enough that its term ran in the graded years."""


def plan_election(d: District, org: Organization, term: Term) -> None:
    """Plan what ends ``term``: the next election, a postponement first, or nothing (the overdue organization)."""
    rng, until = d.rng, d.calendar.until
    if org.ends or term.ends_on > until:
        return
    if d.overdue_election is None and until - OVERDUE_WITHIN[1] <= term.ends_on <= until - OVERDUE_WITHIN[0]:
        d.overdue_election = org
        return
    if d.postponed_election is None and date(d.calendar.first_year, 1, 1) <= term.ends_on <= until - timedelta(300):
        d.postponed_election = org
        approved_on = term.ends_on - timedelta(days=rng.randint(20, 50))
        postponed_to = term.ends_on + timedelta(days=rng.randint(120, 180))
        d.agenda.at(approved_on, lambda: _postpone(d, org, postponed_to, approved_on))
        _elect_on(d, org, postponed_to - timedelta(days=rng.randint(5, 30)))
        return
    _elect_on(d, org, max(term.starts_on + timedelta(days=1), term.ends_on - timedelta(days=rng.randint(0, 45))))


def _elect_on(d: District, org: Organization, on: date) -> None:
    d.agenda.at(on, lambda: _elect(d, org, on))


def _elect(d: District, org: Organization, on: date) -> None:
    if org.ident is None or not d.branch(org.ident).is_active:
        return
    branch = d.staff.ask(d.register.record_election, texts.ELECTION, org.ident, on)
    plan_election(d, org, branch.current_term)


def _postpone(d: District, org: Organization, postponed_to: date, approved_on: date) -> None:
    if org.ident is None or not d.branch(org.ident).is_active:
        return
    approver = d.branch(org.ident).managing_unit
    d.staff.ask(d.register.postpone_election, texts.POSTPONEMENT, org.ident, postponed_to, approver, approved_on)
