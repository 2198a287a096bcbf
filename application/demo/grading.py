"""The annual classification: reviews, grades (a few overridden with a reason), publicity, objections, the round
closed, rectifications of weak organizations, and corrections.

Year Y's round opens early in January of Y+1, reviews follow, grades at the month's end, publicity from the second
Monday of February; objections are resolved and the round closed in the days after publicity ends, as the round
says it does; weak organizations are rectified by the end of June. Whatever of this falls after the district's day
has not happened yet."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from application.demo import texts
from application.demo.agenda import day_between, monday_after
from application.demo.plans import District
from domain.branch import PartyBranch, rectification_status
from domain.values import Grade, RectificationStatus
from domain.working_days import YearNotInCalendar


def plan_rounds(d: District) -> None:
    register, ask = d.register, d.staff.ask
    for year in d.calendar.graded:
        opening = texts.OPENING.format(year=year)
        d.agenda.at(date(year + 1, 1, 5), lambda y=year, r=opening: ask(register.open_round, r, y, role="assessor"))
        d.agenda.at(date(year + 1, 1, 20), lambda y=year: _review(d, y))
        d.agenda.at(date(year + 1, 1, 31), lambda y=year: _grade(d, y))
        d.agenda.at(monday_after(date(year + 1, 2, 6)), lambda y=year: _publicize(d, y))
    first, last = d.calendar.first_year, d.calendar.last_year
    year = first + 1 if first + 1 < last else first
    if year < last:
        d.agenda.at(date(year + 1, 4, 20), lambda: _correct_after_close(d, year))


def _rectification_left_open(d: District) -> int | None:
    """The year whose first rectification is left open past its due date: the last year whose rectifications, left
    open, would be overdue on the district's day."""
    overdue = RectificationStatus.OVERDUE
    due = [y for y in d.calendar.graded if rectification_status(_due_on(y), False, d.calendar.until) == overdue]
    return due[-1] if due else None


def _due_on(year: int) -> date:
    return date(year + 1, 6, 30)


def _reviewable(d: District, year: int) -> list[PartyBranch]:
    """Organizations active now that existed by mid-year (those founded later are graded from next year)."""
    mid = date(year, 6, 30)
    return [b for b in d.active_branches() if b.founded_on <= mid]


def _review(d: District, year: int) -> None:
    rng, register = d.rng, d.register
    policy = register.get_round(year).grading_policy
    reason = texts.REVIEWS.format(year=year)
    for branch in _reviewable(d, year):
        org = d.organization_of[branch.id]
        compliance = org.compliance.get(year, 0.0)
        score = round(84.5 + 4 * org.quality + 16 * (compliance - 0.95) + rng.gauss(0, 3.5))
        vetoes = ["no_organizational_life"] if compliance < 0.45 else []
        if rng.random() < 0.004:
            vetoes.append("leadership_incomplete")
        if rng.random() < 0.003:
            vetoes.append("term_election_not_held")
        if org is d.overdue:
            score, vetoes = max(score, policy.average_min), []
        score = min(99, max(35, score))
        summary = rng.choice(texts.SUMMARIES[policy.map(score, vetoes)])
        reviewer = texts.REVIEWERS.format(unit=branch.managing_unit)
        reviewed_on = date(year + 1, 1, rng.randint(8, 19))
        d.staff.ask(
            register.review_branch,
            reason,
            branch.id,
            year,
            score,
            vetoes,
            reviewed_on,
            reviewer,
            summary,
            role="assessor",
        )


def _grade(d: District, year: int) -> None:
    """Grade every reviewed organization under the round's policy; about one in 150 grades is overridden, up
    or down, with a reason; every weak one gets its rectification."""
    rng, register, ask = d.rng, d.register, d.staff.ask
    policy = register.get_round(year).grading_policy
    reviewed = [b for b in _reviewable(d, year) if year in b.reviews]
    review = {b.id: b.reviews[year] for b in reviewed}
    mapped = {i: policy.map(r.score, list(r.veto_findings)) for i, r in review.items()}
    ups = [i for i in mapped if mapped[i] == Grade.AVERAGE and review[i].score >= policy.advanced_min - 3]
    downs = [i for i in mapped if mapped[i] == Grade.ADVANCED and review[i].score <= policy.advanced_min + 1]
    overrides: dict[UUID, tuple[str, str]] = {}
    for k in range(max(1, len(reviewed) // 150)):
        pool, grade, reasons = (
            (ups, Grade.ADVANCED, texts.OVERRIDE_UP) if k % 2 == 0 else (downs, Grade.AVERAGE, texts.OVERRIDE_DOWN)
        )
        if pool:
            overrides[pool.pop(rng.randrange(len(pool)))] = (grade.value, rng.choice(reasons))
    weak: list[UUID] = []
    for branch in reviewed:
        grade, why = overrides.get(branch.id, (None, None))
        reason = why or texts.GRADING.format(year=year)
        graded = ask(register.grade_branch, reason, branch.id, year, grade, why, role="assessor")
        if graded.grade_for(year) == Grade.WEAK:
            if graded.open_rectification_record() is not None:
                ask(
                    register.close_rectification,
                    reason,
                    branch.id,
                    date(year + 1, 1, 31),
                    "not_rectified",
                    role="assessor",
                    accepted_by=texts.ACCEPTORS[year % len(texts.ACCEPTORS)],
                )
            measures = rng.choice(texts.MEASURES)
            opened_on = date(year + 1, 1, 31)
            ask(
                register.open_rectification,
                reason,
                branch.id,
                year,
                measures,
                _due_on(year),
                opened_on,
                role="assessor",
                helper=texts.HELPERS[len(weak) % len(texts.HELPERS)][0],
                helper_role=texts.HELPERS[len(weak) % len(texts.HELPERS)][1],
                plan=texts.PLAN.format(year=year),
            )
            if year == d.calendar.first_year and not weak:
                why = texts.RECTIFICATION_DUE_CORRECTED
                due_on = _due_on(year) + timedelta(days=30)
                ask(register.correct_rectification_days, why, branch.id, year, why, due_on=due_on, role="assessor")
            weak.append(branch.id)
    d.graded[year] = [b.id for b in reviewed]
    for ident in weak:
        on = day_between(rng, date(year + 1, 4, 15), date(year + 1, 6, 25))
        d.agenda.at(on, lambda i=ident, on=on: _close_rectification(d, i, year, on))


def _close_rectification(d: District, ident: UUID, year: int, on: date) -> None:
    """Close a rectification as checked; the first one of the last year due before the district's day is left
    open past its due date."""
    branch, org = d.branch(ident), d.organization_of[ident]
    if not branch.is_active or branch.open_rectification_record() is None:
        return
    if year == _rectification_left_open(d) and d.overdue is None and not org.ends:
        d.overdue = org
        return
    outcome = d.rng.choices(["rectified", "reorganized", "not_rectified"], [80, 8, 12])[0]
    d.staff.ask(
        d.register.close_rectification,
        texts.RECTIFICATION_CLOSED,
        ident,
        on,
        outcome,
        role="assessor",
        accepted_by=texts.ACCEPTORS[on.toordinal() % len(texts.ACCEPTORS)],
    )


def _publicize(d: District, year: int) -> None:
    """Post the grades and receive objections, about one in 250 graded organizations; in the first year, one
    comes from an organization graded average with a high score, and is upheld. While the installed calendar has no
    State Council notice for the publicity's days (each year's comes with a release of the calendar package), the
    round waits with its grades not yet posted, as a district's would."""
    rng, register, ask = d.rng, d.register, d.staff.ask
    reason = texts.PUBLICITY.format(year=year)
    try:
        rnd = ask(register.start_publicity, reason, year, d.agenda.today, role="assessor")
    except YearNotInCalendar:
        return
    ends_on = rnd.publicity["ends_on"]
    graded = [b for b in map(d.branch, d.graded.get(year, [])) if b.is_active]
    targets = rng.sample(graded, min(len(graded), max(1, len(graded) // 250)))
    near = [b for b in graded if b.grade_for(year) == Grade.AVERAGE and b.reviews[year].score >= 85]
    if year == d.calendar.first_year and near and targets:
        targets = [near[0], *[t for t in targets if t is not near[0]]][: len(targets)]
    d.objections[year] = []
    for branch in targets:
        text = rng.choice(texts.OBJECTIONS)
        received = d.agenda.today
        rnd = ask(register.raise_objection, texts.OBJECTION_RECEIVED, year, branch.id, text, received, role="assessor")
        d.objections[year].append((UUID(list(rnd.objections)[-1]), branch.id))
    d.agenda.at(ends_on + timedelta(days=2), lambda: _resolve_objections(d, year))
    closing = texts.CLOSING.format(year=year)
    d.agenda.at(
        ends_on + timedelta(days=7),
        lambda: ask(register.close_round, closing, year, ends_on + timedelta(days=7), role="assessor"),
    )


def _resolve_objections(d: District, year: int) -> None:
    register, ask = d.register, d.staff.ask
    for k, (objection, ident) in enumerate(d.objections.get(year, [])):
        branch = d.branch(ident)
        upheld = (
            year == d.calendar.first_year and k == 0 and branch.is_active and branch.grade_for(year) == Grade.AVERAGE
        )
        if upheld:
            reason = texts.CORRECTION_ON_OBJECTION
            ask(register.correct_grade, reason, ident, year, Grade.ADVANCED.value, reason, role="assessor")
        resolution = texts.OBJECTION_UPHELD if upheld else texts.OBJECTION_DISMISSED
        ask(register.resolve_objection, texts.OBJECTION_RESOLVED, year, objection, resolution, role="assessor")


def _correct_after_close(d: District, year: int) -> None:
    """After the round closed, a higher committee's check corrects one grade, and the register's own checks correct
    a fact of each other kind: a review's score, a meeting recorded twice, an organization's name, a joining day, a
    chamber's name, a chamber's establishment day and an organization's founding day."""
    _correct_a_grade(d, year)
    _correct_the_other_facts(d, year)
    _correct_chamber_and_founding_facts(d)


def _correct_the_other_facts(d: District, year: int) -> None:
    register, ask = d.register, d.staff.ask
    graded = [b for b in map(d.branch, d.graded.get(year, [])) if b.is_active and year in b.reviews]
    if graded:
        branch = graded[len(graded) // 2]
        score = branch.reviews[year].score
        corrected = score - 1 if score > 0 else score + 1
        reason = texts.REVIEW_CORRECTED
        ask(register.correct_review, reason, branch.id, year, reason, score=corrected, role="assessor")
        other = graded[len(graded) // 3]
        earlier = other.reviews[year].reviewed_on - timedelta(days=1)
        if other.id != branch.id and earlier.year > year:
            reason = texts.REVIEW_DAY_CORRECTED
            ask(register.correct_review, reason, other.id, year, reason, reviewed_on=earlier, role="assessor")
    if year in d.first_meeting:
        ident, activity, held_on = d.first_meeting[year]
        if d.branch(ident).is_active:
            ask(register.void_meeting, texts.MEETING_VOIDED, ident, activity, held_on, texts.MEETING_VOIDED)
    informal = [b for b in d.active_branches() if not b.name.startswith("中共")]
    if informal:
        branch = informal[-1]
        ask(register.rename_branch, texts.BRANCH_RENAMED, branch.id, f"中共{branch.name}", texts.BRANCH_RENAMED)
    stayed = [e for e in d.enterprises if e.leaves_on is None and e.joined_on.year < year]
    if stayed:
        enterprise = stayed[0]
        earlier = enterprise.joined_on - timedelta(days=3)
        reason = texts.JOINED_ON_CORRECTED
        ask(register.correct_joined_on, reason, enterprise.ident, earlier, reason)


def _correct_chamber_and_founding_facts(d: District) -> None:
    """The register's checks against the certificates: a hometown chamber's name completed as its
    registration certificate gives it, a street chamber's establishment day and an organization's founding day
    corrected to the day of the approval."""
    register, ask = d.register, d.staff.ask
    live = [c for c in map(register.get_chamber, d.chamber_ids) if c.dissolved_on is None]
    hometown = next((c for c in live if c.kind == "hometown" and not c.name.startswith(texts.CITY)), None)
    if hometown is not None:
        reason = texts.CHAMBER_RENAMED
        ask(register.rename_chamber, reason, hometown.id, f"{texts.CITY}{hometown.name}", reason)
    street = next((c for c in live if c.kind == "street"), None)
    if street is not None:
        reason = texts.ESTABLISHED_ON_CORRECTED
        ask(
            register.correct_chamber_established_on,
            reason,
            street.id,
            street.established_on - timedelta(days=10),
            reason,
        )
    hosted = next((b for b in d.active_branches() if b.host_chamber_id is None), None)
    if hosted is not None:
        reason = texts.FOUNDED_ON_CORRECTED
        ask(register.correct_branch_founded_on, reason, hosted.id, hosted.founded_on - timedelta(days=7), reason)


def _correct_a_grade(d: District, year: int) -> None:
    graded = [b for b in map(d.branch, d.graded.get(year, [])) if b.is_active]
    plain = [b for b in graded if not b.grades[year].override_reason and not b.grades[year].corrections]
    advanced = [b for b in plain if b.grade_for(year) == Grade.ADVANCED]
    average = [b for b in plain if b.grade_for(year) == Grade.AVERAGE]
    if advanced:
        branch, grade, reason = d.rng.choice(advanced), Grade.AVERAGE, texts.CORRECTION_AFTER_CLOSE
    elif average:
        branch, grade, reason = d.rng.choice(average), Grade.ADVANCED, texts.CORRECTION_AFTER_CLOSE_UP
    else:
        return
    d.staff.ask(d.register.correct_grade, reason, branch.id, year, grade.value, reason, role="assessor")
