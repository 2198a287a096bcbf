"""Organizational life (三会一课, theme days, the yearly 组织生活会 and 民主评议党员) for every active Party
organization, held as diligently as the organization is (committee meetings only where it has a committee, group
meetings only where it has Party groups), recorded month by month, and the full and probationary Party members
some report at the year's end. From the last graded year on, a lecture says whether the secretary gave it: the
secretary of an organization not in trouble gives the year's first."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from uuid import UUID

from application.demo import texts
from application.demo.plans import District, Organization
from domain.branch import PartyBranch
from domain.coverage import MIN_FULL_MEMBERS
from domain.structure import minimum_applies
from domain.values import DEFAULT_MINIMUMS, Activity

Meetings = dict[int, list[tuple[date, str]]]
"""The meetings of an organization's year that the log keeps, as (day, activity) by month."""


def plan_organizational_life(d: District) -> None:
    """At each month's end, what every active organization held that month is recorded; an organization plans its
    year when first seen in it, and its compliance with the minimums follows, on which its review draws."""
    years: dict[tuple[UUID, int], Meetings] = {}
    for month_end in d.calendar.month_ends():
        d.agenda.at(month_end, lambda on=month_end: _record_month(d, years, on))


def _record_month(d: District, years: dict[tuple[UUID, int], Meetings], month_end: date) -> None:
    rng, register, ask = d.rng, d.register, d.staff.ask
    reason = texts.ORGANIZATIONAL_LIFE.format(year=month_end.year)
    for branch in d.active_branches():
        org = d.organization_of[branch.id]
        year = years.get((branch.id, month_end.year))
        if year is None:
            year = years[branch.id, month_end.year] = _plan_year(d, branch, org, month_end.year)
        for on, activity in year.get(month_end.month, ()):
            attendance = _attendance(d, activity, branch.full_members)
            by_secretary = _by_secretary(d, branch, org, activity, on)
            branch = ask(
                register.record_organizational_life,
                reason,
                branch.id,
                activity,
                on,
                attendance,
                by_secretary=by_secretary,
            )
            d.first_meeting.setdefault(on.year, (branch.id, activity, on))
        if month_end.month == 12 and rng.random() < 0.4:
            count = max(MIN_FULL_MEMBERS, round(branch.full_members * rng.uniform(0.92, 1.12)))
            probationary = rng.choices((0, 1, 2, 3), (50, 25, 15, 10))[0] + count // 25
            headcount = texts.HEADCOUNT.format(year=month_end.year)
            ask(register.report_party_members, headcount, branch.id, count, month_end, probationary)


def _by_secretary(d: District, branch: PartyBranch, org: Organization, activity: str, on: date) -> bool | None:
    """Whether the secretary gave a lecture, said from the last graded year on: the first of the year's lectures,
    in an organization not in trouble."""
    if activity != Activity.LECTURE or on.year < d.calendar.last_year:
        return None
    return not org.troubled and not branch.organizational_life.get(on.year, {}).get(Activity.LECTURE.value)


def _plan_year(d: District, branch: PartyBranch, org: Organization, year: int) -> Meetings:
    rng, density = d.rng, d.size.life_density
    diligence = 0.25 if org.troubled else min(1.12, max(0.55, 0.95 + 0.1 * org.quality))
    diligence = max(0.0, diligence + rng.gauss(0, 0.07))
    start = max(branch.founded_on, date(year, 1, 1))
    months = 13 - start.month
    meetings: Meetings = defaultdict(list)
    compliance = 0.0
    applying = {
        activity: minimum
        for activity, minimum in DEFAULT_MINIMUMS.items()
        if minimum_applies(activity, branch.has_committee, branch.has_party_groups)
    }
    for activity, minimum in applying.items():
        held = min(round(minimum * diligence), minimum + 2)
        counted = 0
        for k in range(held):
            on = date(year, 12 if minimum == 1 else 1 + k * 12 // held, rng.randint(1, 28))
            if on < start:
                continue
            counted += 1
            if rng.random() < density:
                meetings[on.month].append((on, activity))
        compliance += min(1.0, counted * 12 / (minimum * months))
    org.compliance[year] = compliance / len(applying)
    for month in meetings.values():
        month.sort()
    return meetings


def _attendance(d: District, activity: str, count: int) -> int:
    rng = d.rng
    if activity == "committee_meeting":
        return min(count, rng.randint(3, 7))
    if activity == "group_meeting":
        return min(count, max(3, round(count * rng.uniform(0.25, 0.5))))
    if activity in ("life_meeting", "member_appraisal"):
        return max(3, round(count * rng.uniform(0.85, 1.0)))
    return max(3, round(count * rng.uniform(0.7, 1.0)))
