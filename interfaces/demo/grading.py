"""The annual classification: reviews, grades (a few overridden with a reason), publicity, objections, the round
closed, rectifications of weak organizations, and corrections."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from domain.branch import PartyBranch
from domain.values import Grade, add_working_days
from interfaces.demo import texts
from interfaces.demo.organizational_life import OrganizationalLife
from interfaces.demo.plans import day_between, monday_after


class GradingYears(OrganizationalLife):
    """Year Y's organizational life is recorded on 31 December; its round opens early in January of Y+1, reviews
    follow, grades at the month's end, publicity in February, the round closes after it (all but the last year,
    still in publicity with an objection open), and weak organizations are rectified by the end of June."""

    def _plan_years(self) -> None:
        size, register = self.size, self.register
        for year in size.years:
            self.agenda.at(date(year, 12, 31), lambda y=year: self._organizational_life(y))
            self.agenda.at(
                date(year + 1, 1, 5),
                lambda y=year: self._command(register.open_round, texts.OPENING.format(year=y), y, role="assessor"),
            )
            self.agenda.at(date(year + 1, 1, 20), lambda y=year: self._review(y))
            self.agenda.at(date(year + 1, 1, 31), lambda y=year: self._grade(y))
            publicity = monday_after(date(year + 1, 2, 6))
            self.agenda.at(publicity, lambda y=year: self._publicize(y))
            if year < size.last_year:
                ends = add_working_days(publicity, 5)
                self.agenda.at(ends + timedelta(days=2), lambda y=year: self._resolve_objections(y))
                self.agenda.at(
                    ends + timedelta(days=7),
                    lambda y=year: self._command(
                        register.close_round, texts.CLOSING.format(year=y), y, self.agenda.today, role="assessor"
                    ),
                )
        year = size.first_year + 1 if size.first_year + 1 < size.last_year else size.first_year
        if year < size.last_year:
            self.agenda.at(date(year + 1, 4, 20), lambda: self._correct_after_close(year))

    def _reviewable(self, year: int) -> list[PartyBranch]:
        """Organizations active now that existed by mid-year (those founded later are graded from next year)."""
        mid = date(year, 6, 30)
        return [b for b in self.branches.values() if b.is_active and b.founded_on <= mid]

    def _review(self, year: int) -> None:
        rng = self.rng
        policy = self.register.get_round(year).grading_policy
        for branch in self._reviewable(year):
            org = self.organization_of[branch.id]
            compliance = org.compliance.get(year, 0.0)
            score = round(84.5 + 4 * org.quality + 16 * (compliance - 0.95) + rng.gauss(0, 3.5))
            vetoes = ["no_organizational_life"] if compliance < 0.45 else []
            if rng.random() < 0.004:
                vetoes.append("leadership_incomplete")
            if rng.random() < 0.003:
                vetoes.append("term_election_not_held")
            if org is self.overdue:
                score, vetoes = max(score, 76), []
            score = min(99, max(35, score))
            summary = rng.choice(texts.SUMMARIES[policy.map(score, vetoes)])
            reviewer = texts.REVIEWERS.format(unit=branch.managing_unit)
            branch.review(year, score, vetoes, date(year + 1, 1, rng.randint(8, 19)), reviewer, summary)
            self._save(self._ctx("assessor", texts.REVIEWS.format(year=year)), branch)

    def _grade(self, year: int) -> None:
        """Grade every reviewed organization under the round's policy; about one in 150 grades is overridden, up
        or down, with a reason; every weak one gets its rectification in the same transaction."""
        rng = self.rng
        rnd = self.register.get_round(year)
        policy = rnd.grading_policy
        reviewed = [b for b in self._reviewable(year) if str(year) in b.reviews]
        review = {b.id: b.reviews[str(year)] for b in reviewed}
        mapped = {i: policy.map(r["score"], r["veto_findings"]) for i, r in review.items()}
        ups = [i for i in mapped if mapped[i] == Grade.AVERAGE and review[i]["score"] >= 87]
        downs = [i for i in mapped if mapped[i] == Grade.ADVANCED and review[i]["score"] <= 91]
        overrides: dict[UUID, tuple[str, str]] = {}
        for k in range(max(1, len(reviewed) // 150)):
            pool, grade, reasons = (
                (ups, "advanced", texts.OVERRIDE_UP) if k % 2 == 0 else (downs, "average", texts.OVERRIDE_DOWN)
            )
            if pool:
                overrides[pool.pop(rng.randrange(len(pool)))] = (grade, rng.choice(reasons))
        weak: list[UUID] = []
        for branch in reviewed:
            grade, reason = overrides.get(branch.id, (None, None))
            branch.grade(year, policy, rnd.id, grade, reason)
            if branch.grade_for(year) == Grade.WEAK:
                if branch.open_rectification_record() is not None:
                    branch.close_rectification(date(year + 1, 1, 31), "not_rectified")
                branch.open_rectification(year, rng.choice(texts.MEASURES), date(year + 1, 6, 30))
                weak.append(branch.id)
            self._save(self._ctx("assessor", reason or texts.GRADING.format(year=year)), branch)
        self.graded[year] = [b.id for b in reviewed]
        for ident in weak:
            on = day_between(rng, date(year + 1, 4, 15), date(year + 1, 6, 25))
            self.agenda.at(on, lambda i=ident, on=on: self._close_rectification(i, year, on))

    def _close_rectification(self, ident: UUID, year: int, on: date) -> None:
        """Close a rectification as checked; the first one of the last closed year is left open past its due
        date."""
        branch, org = self.branches[ident], self.organization_of[ident]
        if not branch.is_active or branch.open_rectification_record() is None:
            return
        if year == self.size.last_year - 1 and self.overdue is None and not org.ends:
            self.overdue = org
            return
        outcome = self.rng.choices(["rectified", "reorganized", "not_rectified"], [80, 8, 12])[0]
        self._branch(
            self.register.close_rectification(self._ctx("assessor", texts.RECTIFICATION_CLOSED), ident, on, outcome)
        )

    def _publicize(self, year: int) -> None:
        """Post the grades and receive objections, about one in 250 graded organizations; in the first year, one
        comes from an organization graded average with a high score, and is upheld."""
        rng, register = self.rng, self.register
        today = self.agenda.today
        self._command(register.start_publicity, texts.PUBLICITY.format(year=year), year, today, role="assessor")
        graded = [self.branches[i] for i in self.graded.get(year, []) if self.branches[i].is_active]
        targets = rng.sample(graded, min(len(graded), max(1, len(graded) // 250)))
        near = [b for b in graded if b.grade_for(year) == "average" and b.reviews[str(year)]["score"] >= 85]
        if year == self.size.first_year and near and targets:
            targets = [near[0], *[t for t in targets if t is not near[0]]][: len(targets)]
        self.objections[year] = []
        for branch in targets:
            text = rng.choice(texts.OBJECTIONS)
            rnd = self._command(
                register.raise_objection, texts.OBJECTION_RECEIVED, year, branch.id, text, role="assessor"
            )
            self.objections[year].append((UUID(list(rnd.objections)[-1]), branch.id))

    def _resolve_objections(self, year: int) -> None:
        register = self.register
        for k, (objection, ident) in enumerate(self.objections.get(year, [])):
            branch = self.branches[ident]
            upheld = (
                year == self.size.first_year and k == 0 and branch.is_active and branch.grade_for(year) == "average"
            )
            if upheld:
                reason = texts.CORRECTION_ON_OBJECTION
                self._branch(register.correct_grade(self._ctx("assessor", reason), ident, year, "advanced", reason))
            resolution = texts.OBJECTION_UPHELD if upheld else texts.OBJECTION_DISMISSED
            self._command(
                register.resolve_objection, texts.OBJECTION_RESOLVED, year, objection, resolution, role="assessor"
            )

    def _correct_after_close(self, year: int) -> None:
        """After the round closed, a higher committee's check corrects one grade."""
        graded = [self.branches[i] for i in self.graded.get(year, []) if self.branches[i].is_active]
        plain = [
            b for b in graded if not b.grades[str(year)]["override_reason"] and not b.grades[str(year)]["corrections"]
        ]
        advanced = [b for b in plain if b.grade_for(year) == "advanced"]
        average = [b for b in plain if b.grade_for(year) == "average"]
        if advanced:
            branch, grade, reason = self.rng.choice(advanced), "average", texts.CORRECTION_AFTER_CLOSE
        elif average:
            branch, grade, reason = self.rng.choice(average), "advanced", texts.CORRECTION_AFTER_CLOSE_UP
        else:
            return
        self._branch(self.register.correct_grade(self._ctx("assessor", reason), branch.id, year, grade, reason))
