"""The chamber of commerce (商会) aggregate and the claim that keeps chamber names unique."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domain import checks, texts
from domain.chamber_terms import DEFAULT_TERM_YEARS, FOUR_GOOD_PERIOD_YEARS, ChamberTermPolicy, in_force, term_due_by
from domain.day_corrections import CHAMBER, check_corrected_day
from domain.errors import InvalidValue, RuleViolation
from domain.values import ChamberKind, ChamberStatus, FourGoodLevel, add_years, parse_enum

TERM_YEARS = DEFAULT_TERM_YEARS
CHAMBER_NAME_NAMESPACE = uuid5(NAMESPACE_URL, "https://ficledger/chamber-name")


def renewal_due_by(established_on: date, term_ends_on: date | None, term_years: int | None = None) -> date:
    """The last day a chamber's leadership stands without renewal: its current term's (postponed) end, or, with no
    term recorded, a term's length (the charter's, else five years) after its establishment."""
    return term_ends_on if term_ends_on is not None else add_years(established_on, term_years or TERM_YEARS)


def overdue_for_renewal(
    established_on: date, term_ends_on: date | None, dissolved_on: date | None, on: date, term_years: int | None = None
) -> bool:
    """Whether, on that day, a chamber not dissolved by then is past the day its leadership had to be renewed
    (``term_ends_on`` the current term's end, or the day it was postponed to)."""
    if dissolved_on is not None and dissolved_on <= on:
        return False
    return renewal_due_by(established_on, term_ends_on, term_years) < on


class Chamber(Aggregate):
    """A street, industry or hometown chamber of commerce.

    Version 2 keeps the charter's term with the registration, a term's approved postponement, and Four Good titles
    for a period that may be revoked; a snapshot of version 1 reads with no charter term, no postponement, and each
    title for the two years from its year."""

    class_version = 2

    class Established(Aggregate.Created):
        name: str
        kind: str
        street: str
        established_on: date

    class RegisteredAsSocialOrganization(Aggregate.Event):
        """Version 1 had no charter term: it reads as none recorded (the default term applies)."""

        class_version = 2

        certificate_no: str
        on: date
        charter_term_years: int | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["charter_term_years"] = None

        def apply(self, chamber: Chamber) -> None:
            chamber.certificate_no = self.certificate_no
            chamber.registered_on = self.on
            chamber.charter_term_years = self.charter_term_years

    class FicPlaqueHung(Aggregate.Event):
        on: date

        def apply(self, chamber: Chamber) -> None:
            chamber.fic_plaque_on = self.on

    class TermRenewed(Aggregate.Event):
        term: int
        starts_on: date
        ends_on: date
        president: str

        def apply(self, chamber: Chamber) -> None:
            chamber.terms.append(
                {
                    "term": self.term,
                    "starts_on": self.starts_on,
                    "ends_on": self.ends_on,
                    "president": self.president,
                    **NOT_POSTPONED,
                }
            )

    class TermPostponed(Aggregate.Event):
        """The current term's renewal moved to ``postponed_to``, approved by ``approved_by`` on ``approved_on``."""

        postponed_to: date
        approved_by: str
        approved_on: date

        def apply(self, chamber: Chamber) -> None:
            chamber.terms[-1] = {
                **chamber.terms[-1],
                "postponed_to": self.postponed_to,
                "approved_by": self.approved_by,
                "approved_on": self.approved_on,
            }

    class FourGoodAwarded(Aggregate.Event):
        """A title for the years ``year`` to ``until_year``. Version 1 had one ``year``: it reads as a title for the
        two years from it (``until_year`` = ``year`` + 1)."""

        class_version = 2

        year: int
        until_year: int
        level: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["until_year"] = state["year"] + FOUR_GOOD_PERIOD_YEARS - 1

        def apply(self, chamber: Chamber) -> None:
            chamber.four_good.append(
                {"year": self.year, "until_year": self.until_year, "level": self.level, **NOT_REVOKED}
            )

    class FourGoodRevoked(Aggregate.Event):
        """The title awarded for ``year`` at ``level`` revoked on ``on``."""

        year: int
        level: str
        on: date
        reason: str

        def apply(self, chamber: Chamber) -> None:
            for title in chamber.four_good:
                if (title["year"], title["level"]) == (self.year, self.level):
                    title.update(revoked_on=self.on, revoke_reason=self.reason)

    class DemonstrationSiteDesignated(Aggregate.Event):
        year: int

        def apply(self, chamber: Chamber) -> None:
            chamber.demonstration_site_years.append(self.year)

    class Renamed(Aggregate.Event):
        """The chamber's name changed or corrected, with a reason; the history keeps the name before."""

        from_name: str
        to_name: str
        reason: str

        def apply(self, chamber: Chamber) -> None:
            chamber.name = self.to_name

    class EstablishedOnCorrected(Aggregate.Event):
        """The day the chamber was established, recorded wrongly, corrected with a reason; the history keeps the day
        first recorded."""

        from_on: date
        to_on: date
        reason: str

        def apply(self, chamber: Chamber) -> None:
            chamber.established_on = self.to_on

    class FourGoodYearsCorrected(Aggregate.Event):
        """The years of the Four Good title at ``level`` from ``from_year``, recorded wrongly, corrected with a
        reason; the history keeps the years first recorded."""

        level: str
        from_year: int
        to_year: int
        from_until_year: int
        to_until_year: int
        reason: str

        def apply(self, chamber: Chamber) -> None:
            for title in chamber.four_good:
                if (title["year"], title["level"]) == (self.from_year, self.level):
                    title.update(year=self.to_year, until_year=self.to_until_year)

    class DemonstrationSiteYearCorrected(Aggregate.Event):
        """The year a demonstration site was designated for, recorded wrongly, corrected with a reason."""

        from_year: int
        to_year: int
        reason: str

        def apply(self, chamber: Chamber) -> None:
            years = chamber.demonstration_site_years
            years[years.index(self.from_year)] = self.to_year

    class Dissolved(Aggregate.Event):
        on: date
        reason: str

        def apply(self, chamber: Chamber) -> None:
            chamber.dissolved_on = self.on
            chamber.dissolved_reason = self.reason

    def __init__(self, name: str, kind: str, street: str, established_on: date) -> None:
        self.name = name
        self.kind = kind
        self.street = street
        self.established_on = established_on
        self.certificate_no: str | None = None
        self.registered_on: date | None = None
        self.charter_term_years: int | None = None
        self.fic_plaque_on: date | None = None
        self.terms: list[dict[str, object]] = []
        self.four_good: list[dict[str, object]] = []
        self.demonstration_site_years: list[int] = []
        self.dissolved_on: date | None = None
        self.dissolved_reason: str | None = None

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["charter_term_years"] = None
        state["terms"] = [{**NOT_POSTPONED, **term} for term in state["terms"]]
        state["four_good"] = [
            {"until_year": title["year"] + FOUR_GOOD_PERIOD_YEARS - 1, **NOT_REVOKED, **title}
            for title in state["four_good"]
        ]

    @property
    def status(self) -> ChamberStatus:
        return ChamberStatus.DISSOLVED if self.dissolved_on else ChamberStatus.ACTIVE

    @property
    def current_term(self) -> dict[str, object] | None:
        return self.terms[-1] if self.terms else None

    @property
    def renewal_due_by(self) -> date:
        """The last day the current term stands (its end, or the day it was postponed to)."""
        term = self.current_term
        return renewal_due_by(self.established_on, term_due_by(term) if term else None, self.charter_term_years)

    def is_overdue_for_renewal(self, on: date) -> bool:
        """True when, on that day, the chamber's term has ended past any approved postponement (or it never
        elected one within a term's length)."""
        term = self.current_term
        due = term_due_by(term) if term else None
        return overdue_for_renewal(self.established_on, due, self.dissolved_on, on, self.charter_term_years)

    def titles_in_force(self, on: date) -> list[dict[str, Any]]:
        """The Four Good titles standing on ``on``."""
        return [title for title in self.four_good if in_force(title, on)]

    @classmethod
    def establish(cls, name: str, kind: str, street: str, established_on: date) -> Chamber:
        return cls._create(
            cls.Established,
            name=checks.text(name, "name", max_length=200),
            kind=parse_enum(ChamberKind, kind, "kind").value,
            street=checks.text(street, "street", max_length=100),
            established_on=checks.day(established_on, "established_on"),
        )

    def register(self, certificate_no: str, on: date, charter_term_years: int | None = None) -> None:
        """Registered as a social organization; ``charter_term_years`` the term its charter sets, if it says."""
        self._require_active()
        if self.certificate_no:
            raise RuleViolation("chamber.already_registered", "already registered as a social organization")
        if charter_term_years is not None:
            charter_term_years = checks.count(charter_term_years, "charter_term_years", maximum=10)
            if charter_term_years < 1:
                raise InvalidValue("charter_term_years", "must be a whole number from 1 to 10")
        self.trigger_event(
            self.RegisteredAsSocialOrganization,
            certificate_no=checks.text(certificate_no, "certificate_no", max_length=100),
            on=self._not_before_establishment(on, "on"),
            charter_term_years=charter_term_years,
        )

    def hang_fic_plaque(self, on: date) -> None:
        self._require_active()
        if self.fic_plaque_on:
            raise RuleViolation("chamber.plaque_already_hung", "the FIC plaque already hangs")
        self.trigger_event(self.FicPlaqueHung, on=self._not_before_establishment(on, "on"))

    def renew_term(
        self,
        term: int,
        starts_on: date,
        ends_on: date | None,
        president: str,
        policy: ChamberTermPolicy | None = None,
    ) -> None:
        """A new term from ``starts_on``, ending on ``ends_on`` or, when not given, after a full term (the charter's,
        else the policy's five years); never longer than a full term."""
        self._require_active()
        policy = policy or ChamberTermPolicy()
        term = checks.count(term, "term", maximum=1000)
        expected = (int(str(self.current_term["term"])) + 1) if self.current_term else None
        if term < 1:
            raise InvalidValue("term", "must be 1 or more")
        if expected is not None and term != expected:
            raise RuleViolation("chamber.term_out_of_sequence", f"the next term is number {expected}")
        starts_on = self._not_before_establishment(starts_on, "starts_on")
        previous = self.current_term
        if previous is not None and starts_on < previous["starts_on"]:  # type: ignore[operator]
            raise RuleViolation("chamber.term_starts_before_previous", "a term cannot start before the previous one")
        latest = policy.latest_end(starts_on, self.charter_term_years)
        ends_on = (
            policy.ends_on(starts_on, self.charter_term_years) if ends_on is None else checks.day(ends_on, "ends_on")
        )
        if ends_on <= starts_on:
            raise InvalidValue("ends_on", "must be after starts_on")
        if ends_on > latest:
            years = policy.term_years(self.charter_term_years)
            raise RuleViolation(
                "chamber.term_too_long",
                f"a term lasts {years} years: it ends by {latest.isoformat()}; a longer one is a postponement",
                f"每届任期{years}年，最迟于{latest.isoformat()}届满；超出须经批准延期换届",
            )
        self.trigger_event(
            self.TermRenewed,
            term=term,
            starts_on=starts_on,
            ends_on=ends_on,
            president=checks.text(president, "president", max_length=100),
        )

    def postpone_term(
        self, postponed_to: date, approved_by: str, approved_on: date, policy: ChamberTermPolicy | None = None
    ) -> None:
        """Postpone the current term's renewal, with the approval of ``approved_by``, by at most ``policy``'s limit
        (one year) past the term's end."""
        self._require_active()
        policy = policy or ChamberTermPolicy()
        term = self.current_term
        if term is None:
            raise RuleViolation("chamber.no_term", "no term is recorded to postpone", "尚未登记任何一届，无可延期")
        postponed_to = checks.day(postponed_to, "postponed_to")
        approved_by = checks.text(approved_by, "approved_by", max_length=200)
        approved_on = checks.day(approved_on, "approved_on")
        starts_on, ends_on, due = term["starts_on"], term["ends_on"], term_due_by(term)
        assert isinstance(starts_on, date)
        assert isinstance(ends_on, date)
        if approved_on < starts_on:
            raise RuleViolation(
                "chamber.approval_before_term",
                "the approval cannot precede the term it postpones",
                "批准日期不能早于本届开始日期",
            )
        if postponed_to <= due:
            raise RuleViolation(
                "chamber.postponement_not_later",
                f"the term already stands until {due.isoformat()}",
                f"延期后的日期须晚于{due.isoformat()}",
            )
        latest = policy.latest_postponement(ends_on)
        if postponed_to > latest:
            raise RuleViolation(
                "chamber.postponement_too_long",
                f"a renewal can be postponed by at most {policy.max_postponement_years} year: to {latest.isoformat()}",
                f"延期换届一般不超过{policy.max_postponement_years}年，最迟至{latest.isoformat()}",
            )
        self.trigger_event(
            self.TermPostponed, postponed_to=postponed_to, approved_by=approved_by, approved_on=approved_on
        )

    def award_four_good(self, year: int, level: str, until_year: int | None = None) -> None:
        """A Four Good title at ``level`` for the years ``year`` to ``until_year`` (by default two years)."""
        self._require_active()
        year = self._not_before_establishment_year(checks.year(year))
        until_year = year + FOUR_GOOD_PERIOD_YEARS - 1 if until_year is None else checks.year(until_year, "until_year")
        if until_year < year:
            raise InvalidValue("until_year", "must not be before year")
        level = parse_enum(FourGoodLevel, level, "level").value
        if any(t["level"] == level and t["year"] <= until_year and year <= t["until_year"] for t in self.four_good):
            raise RuleViolation(
                "chamber.four_good_already_awarded",
                f"already a {level} Four Good chamber for part of {year}–{until_year}",
                f"{year}—{until_year}年已获评同级“四好”商会",
            )
        self.trigger_event(self.FourGoodAwarded, year=year, until_year=until_year, level=level)

    def revoke_four_good(self, year: int, level: str, on: date, reason: str) -> None:
        """Revoke the title awarded at ``level`` for the period starting in ``year``, from ``on``, with a reason."""
        self._require_active()
        year = checks.year(year)
        level = parse_enum(FourGoodLevel, level, "level").value
        title = next((t for t in self.four_good if (t["year"], t["level"]) == (year, level)), None)
        if title is None:
            raise RuleViolation(
                "chamber.four_good_not_awarded",
                f"no {level} Four Good title for {year} to revoke",
                f"该商会没有{year}年起的这一级“四好”商会称号",
            )
        if title["revoked_on"] is not None:
            raise RuleViolation("chamber.four_good_revoked", "this title is already revoked", "该称号已被撤销")
        self.trigger_event(
            self.FourGoodRevoked,
            year=year,
            level=level,
            on=self._not_before_establishment(on, "on"),
            reason=checks.text(reason, "reason"),
        )

    def designate_demonstration_site(self, year: int) -> None:
        self._require_active()
        year = self._not_before_establishment_year(checks.year(year))
        if year in self.demonstration_site_years:
            raise RuleViolation("chamber.demonstration_site_already", f"already a demonstration site in {year}")
        self.trigger_event(self.DemonstrationSiteDesignated, year=year)

    def rename(self, name: str, reason: str) -> None:
        """Change or correct the chamber's name, with a reason (the name's claim moves with it: see the commands)."""
        self._require_active()
        name = checks.text(name, "name", max_length=200)
        reason = checks.text(reason, "reason")
        if name == self.name:
            raise RuleViolation(
                "chamber.rename_changes_nothing", f"the chamber is named {name} already", "新名称与现有名称相同"
            )
        self.trigger_event(self.Renamed, from_name=self.name, to_name=name, reason=reason)

    def correct_established_on(self, on: date, reason: str, first_fact_on: date | None = None) -> None:
        """Correct the day the chamber was established, with a reason: no later than any dated fact the log records
        of it (its registration, plaque, terms, titles' and demonstration sites' years, and ``first_fact_on``, the
        earliest day recorded elsewhere: a member joining it, an organization founded in it)."""
        self._require_active()
        on = checks.day(on, "established_on")
        reason = checks.text(reason, "reason")
        days = [d for d in self._recorded_days() if d is not None]
        years = [int(t["year"]) for t in self.four_good] + list(self.demonstration_site_years)
        check_corrected_day(
            CHAMBER,
            self.established_on,
            on,
            f"the chamber was established on {on.isoformat()} already",
            min([*days, *([first_fact_on] if first_fact_on else [])], default=None),
            min(years, default=None),
        )
        self.trigger_event(self.EstablishedOnCorrected, from_on=self.established_on, to_on=on, reason=reason)

    def _recorded_days(self) -> list[date | None]:
        """The business days of what the chamber's own log records after its establishment (not the days that look
        ahead: a term's end, a postponement)."""
        terms = [d for t in self.terms for d in (t["starts_on"], t["approved_on"])]
        revoked = [t["revoked_on"] for t in self.four_good]
        return [self.registered_on, self.fic_plaque_on, *terms, *revoked, self.dissolved_on]  # type: ignore[list-item]

    def correct_four_good_years(
        self, year: int, level: str, to_year: int, reason: str, to_until_year: int | None = None
    ) -> None:
        """Correct the years of the title at ``level`` whose period starts in ``year``: it starts in ``to_year`` and
        ends in ``to_until_year`` (by default, the period keeps its length), with a reason."""
        self._require_active()
        year = checks.year(year)
        level = parse_enum(FourGoodLevel, level, "level").value
        to_year = checks.year(to_year, "to_year")
        reason = checks.text(reason, "reason")
        title = next((t for t in self.four_good if (t["year"], t["level"]) == (year, level)), None)
        if title is None:
            raise RuleViolation(
                "chamber.four_good_not_awarded",
                f"no {level} Four Good title for {year} to correct",
                f"该商会没有{year}年起的这一级“四好”商会称号",
            )
        from_until_year = int(title["until_year"])
        if to_until_year is None:
            to_until_year = to_year + from_until_year - year
        to_until_year = checks.year(to_until_year, "to_until_year")
        if to_until_year < to_year:
            raise InvalidValue("to_until_year", "must not be before to_year")
        if (to_year, to_until_year) == (year, from_until_year):
            raise RuleViolation(
                "chamber.correction_changes_nothing",
                f"the title is for {year}–{from_until_year} already",
                f"该称号已是{year}—{from_until_year}年",
            )
        self._not_before_establishment_year(to_year)
        others = (t for t in self.four_good if t is not title and t["level"] == level)
        if any(t["year"] <= to_until_year and to_year <= t["until_year"] for t in others):
            raise RuleViolation(
                "chamber.four_good_already_awarded",
                f"already a {level} Four Good chamber for part of {to_year}–{to_until_year}",
                f"{to_year}—{to_until_year}年已获评同级“四好”商会",
            )
        self.trigger_event(
            self.FourGoodYearsCorrected,
            level=level,
            from_year=year,
            to_year=to_year,
            from_until_year=from_until_year,
            to_until_year=to_until_year,
            reason=reason,
        )

    def correct_demonstration_site_year(self, year: int, to_year: int, reason: str) -> None:
        """Correct the year a demonstration site was designated for, with a reason."""
        self._require_active()
        year = checks.year(year)
        to_year = checks.year(to_year, "to_year")
        reason = checks.text(reason, "reason")
        if year not in self.demonstration_site_years:
            raise RuleViolation(
                "chamber.demonstration_site_not_designated",
                f"not a demonstration site in {year}",
                f"该商会未被确定为{year}年度示范点",
            )
        if to_year == year:
            raise RuleViolation(
                "chamber.correction_changes_nothing",
                f"the demonstration site is for {year} already",
                f"示范点年度已是{year}年",
            )
        self._not_before_establishment_year(to_year)
        if to_year in self.demonstration_site_years:
            raise RuleViolation(
                "chamber.demonstration_site_already",
                f"already a demonstration site in {to_year}",
                f"该商会已是{to_year}年度示范点",
            )
        self.trigger_event(self.DemonstrationSiteYearCorrected, from_year=year, to_year=to_year, reason=reason)

    def dissolve(self, on: date, reason: str) -> None:
        self._require_active()
        self.trigger_event(
            self.Dissolved, on=self._not_before_establishment(on, "on"), reason=checks.text(reason, "reason")
        )

    def _require_active(self) -> None:
        if self.dissolved_on:
            raise RuleViolation("chamber.dissolved", "the chamber is dissolved; nothing more can be recorded on it")

    def _not_before_establishment_year(self, year: int) -> int:
        if year < self.established_on.year:
            raise RuleViolation(
                "date.before_establishment",
                f"year {year} is before the chamber was established ({self.established_on.year})",
                f"{year}年早于该商会成立年份（{self.established_on.year}年）",
            )
        return year

    def _not_before_establishment(self, on: date, field: str) -> date:
        on = checks.day(on, field)
        if on < self.established_on:
            raise RuleViolation("date.before_establishment", f"{field} is before the chamber was established")
        return on


NOT_POSTPONED: dict[str, Any] = {"postponed_to": None, "approved_by": None, "approved_on": None}
NOT_REVOKED: dict[str, Any] = {"revoked_on": None, "revoke_reason": None}


def chamber_name_key(name: str) -> str:
    """The form of a chamber's name that uniqueness compares: NFKC, case folded, without white space or invisible
    characters (``ＡＢＣ商会（深圳）`` is ``ABC商会(深圳)``)."""
    return texts.name_key(name)


def chamber_name_id(name: str) -> UUID:
    """The id of the claim on a chamber's name."""
    return uuid5(CHAMBER_NAME_NAMESPACE, chamber_name_key(name))


def earlier_chamber_name_id(name: str) -> UUID:
    """The id a claim on ``name`` had before names were compared in NFKC (white space folded, case ignored): the
    claims of chambers established earlier keep it."""
    return uuid5(CHAMBER_NAME_NAMESPACE, " ".join(name.split()).casefold())


def claimed_under_earlier_form(claimed_name: str, claim_id: UUID) -> bool:
    """Whether a claim on ``claimed_name`` was made under the earlier form of names (its id is not the one the name
    has now)."""
    return claim_id != chamber_name_id(claimed_name)


class ChamberName(Aggregate):
    """A chamber name's claim: held by one chamber that has not been dissolved, so two cannot race to one name."""

    class Claimed(Aggregate.Created):
        name: str
        chamber_id: UUID

    class Reclaimed(Aggregate.Event):
        chamber_id: UUID

        def apply(self, claim: ChamberName) -> None:
            claim.chamber_id = self.chamber_id

    class Released(Aggregate.Event):
        def apply(self, claim: ChamberName) -> None:
            claim.chamber_id = None

    def __init__(self, name: str, chamber_id: UUID) -> None:
        self.name = name
        self.chamber_id: UUID | None = chamber_id

    @classmethod
    def claim(cls, name: str, chamber_id: UUID) -> ChamberName:
        return cls._create(cls.Claimed, id=chamber_name_id(name), name=name, chamber_id=chamber_id)

    def reclaim(self, chamber_id: UUID) -> None:
        if self.chamber_id is not None:
            raise RuleViolation("chamber.name_taken", "another chamber that is not dissolved has this name")
        self.trigger_event(self.Reclaimed, chamber_id=chamber_id)

    def release(self) -> None:
        self.trigger_event(self.Released)
