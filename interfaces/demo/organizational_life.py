"""A year of organizational life (三会一课 and theme days) for every active Party organization, held as diligently as
the organization is, and the Party members it reports at the year's end."""

from __future__ import annotations

from datetime import date

from domain.values import DEFAULT_MINIMUMS
from interfaces.demo import texts
from interfaces.demo.recording import Recording


class OrganizationalLife(Recording):
    """Each organization records its year in one transaction at the year's end; what it held (whatever share of the
    records ``life_density`` keeps) sets its compliance, on which its review draws."""

    def _organizational_life(self, year: int) -> None:
        rng, density = self.rng, self.size.life_density
        for branch in self.branches.values():
            if not branch.is_active:
                continue
            org = self.organization_of[branch.id]
            diligence = 0.25 if org.troubled else min(1.12, max(0.55, 0.95 + 0.1 * org.quality))
            diligence = max(0.0, diligence + rng.gauss(0, 0.07))
            start = max(branch.founded_on, date(year, 1, 1))
            months = 13 - start.month
            count = branch.party_member_count
            compliance = 0.0
            for activity, minimum in DEFAULT_MINIMUMS.items():
                held = min(round(minimum * diligence), minimum + 2)
                counted = 0
                for k in range(held):
                    on = date(year, 1 + k * 12 // held, rng.randint(1, 28))
                    if on < start:
                        continue
                    counted += 1
                    if rng.random() < density:
                        branch.record_organizational_life(activity, on, self._attendance(activity, count))
                compliance += min(1.0, counted * 12 / (minimum * months))
            org.compliance[year] = compliance / len(DEFAULT_MINIMUMS)
            if rng.random() < 0.4:
                branch.report_party_members(max(3, round(count * rng.uniform(0.92, 1.12))), date(year, 12, 31))
            self._save(self._ctx("registrar", texts.ORGANIZATIONAL_LIFE.format(year=year)), branch)

    def _attendance(self, activity: str, count: int) -> int:
        rng = self.rng
        if activity == "committee_meeting":
            return min(count, rng.randint(3, 7))
        if activity == "group_meeting":
            return min(count, max(3, round(count * rng.uniform(0.25, 0.5))))
        return max(3, round(count * rng.uniform(0.7, 1.0)))
