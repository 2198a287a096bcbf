"""The chamber of commerce (商会) aggregate and the claim that keeps chamber names unique."""

from __future__ import annotations

from datetime import date
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domain import checks, texts
from domain.errors import InvalidValue, RuleViolation
from domain.values import ChamberKind, ChamberStatus, FourGoodLevel, add_years, parse_enum

TERM_YEARS = 5
CHAMBER_NAME_NAMESPACE = uuid5(NAMESPACE_URL, "https://ficledger/chamber-name")


def renewal_due_by(established_on: date, term_ends_on: date | None) -> date:
    """The last day a chamber's leadership stands without renewal: its current term's end, or, with no term
    recorded, a term's length after its establishment."""
    return term_ends_on if term_ends_on is not None else add_years(established_on, TERM_YEARS)


def overdue_for_renewal(established_on: date, term_ends_on: date | None, dissolved_on: date | None, on: date) -> bool:
    """Whether, on that day, a chamber not dissolved by then is past the day its leadership had to be renewed."""
    if dissolved_on is not None and dissolved_on <= on:
        return False
    return renewal_due_by(established_on, term_ends_on) < on


class Chamber(Aggregate):
    """A street, industry or hometown chamber of commerce."""

    class Established(Aggregate.Created):
        name: str
        kind: str
        street: str
        established_on: date

    class RegisteredAsSocialOrganization(Aggregate.Event):
        certificate_no: str
        on: date

        def apply(self, chamber: Chamber) -> None:
            chamber.certificate_no = self.certificate_no
            chamber.registered_on = self.on

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
                {"term": self.term, "starts_on": self.starts_on, "ends_on": self.ends_on, "president": self.president}
            )

    class FourGoodAwarded(Aggregate.Event):
        year: int
        level: str

        def apply(self, chamber: Chamber) -> None:
            chamber.four_good.append({"year": self.year, "level": self.level})

    class DemonstrationSiteDesignated(Aggregate.Event):
        year: int

        def apply(self, chamber: Chamber) -> None:
            chamber.demonstration_site_years.append(self.year)

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
        self.fic_plaque_on: date | None = None
        self.terms: list[dict[str, object]] = []
        self.four_good: list[dict[str, object]] = []
        self.demonstration_site_years: list[int] = []
        self.dissolved_on: date | None = None
        self.dissolved_reason: str | None = None

    @property
    def status(self) -> ChamberStatus:
        return ChamberStatus.DISSOLVED if self.dissolved_on else ChamberStatus.ACTIVE

    @property
    def current_term(self) -> dict[str, object] | None:
        return self.terms[-1] if self.terms else None

    def is_overdue_for_renewal(self, on: date) -> bool:
        """True when, on that day, the chamber's term has ended (or it never elected one within a term's length)."""
        term = self.current_term
        ends_on = term["ends_on"] if term else None
        assert ends_on is None or isinstance(ends_on, date)
        return overdue_for_renewal(self.established_on, ends_on, self.dissolved_on, on)

    @classmethod
    def establish(cls, name: str, kind: str, street: str, established_on: date) -> Chamber:
        return cls._create(
            cls.Established,
            name=checks.text(name, "name", max_length=200),
            kind=parse_enum(ChamberKind, kind, "kind").value,
            street=checks.text(street, "street", max_length=100),
            established_on=checks.day(established_on, "established_on"),
        )

    def register(self, certificate_no: str, on: date) -> None:
        self._require_active()
        if self.certificate_no:
            raise RuleViolation("chamber.already_registered", "already registered as a social organization")
        self.trigger_event(
            self.RegisteredAsSocialOrganization,
            certificate_no=checks.text(certificate_no, "certificate_no", max_length=100),
            on=self._not_before_establishment(on, "on"),
        )

    def hang_fic_plaque(self, on: date) -> None:
        self._require_active()
        if self.fic_plaque_on:
            raise RuleViolation("chamber.plaque_already_hung", "the FIC plaque already hangs")
        self.trigger_event(self.FicPlaqueHung, on=self._not_before_establishment(on, "on"))

    def renew_term(self, term: int, starts_on: date, ends_on: date, president: str) -> None:
        self._require_active()
        term = checks.count(term, "term", maximum=1000)
        expected = (int(str(self.current_term["term"])) + 1) if self.current_term else None
        if term < 1:
            raise InvalidValue("term", "must be 1 or more")
        if expected is not None and term != expected:
            raise RuleViolation("chamber.term_out_of_sequence", f"the next term is number {expected}")
        starts_on = self._not_before_establishment(starts_on, "starts_on")
        ends_on = checks.day(ends_on, "ends_on")
        if ends_on <= starts_on:
            raise InvalidValue("ends_on", "must be after starts_on")
        previous = self.current_term
        if previous is not None and starts_on < previous["starts_on"]:  # type: ignore[operator]
            raise RuleViolation("chamber.term_starts_before_previous", "a term cannot start before the previous one")
        self.trigger_event(
            self.TermRenewed,
            term=term,
            starts_on=starts_on,
            ends_on=ends_on,
            president=checks.text(president, "president", max_length=100),
        )

    def award_four_good(self, year: int, level: str) -> None:
        self._require_active()
        year = self._not_before_establishment_year(checks.year(year))
        level = parse_enum(FourGoodLevel, level, "level").value
        if {"year": year, "level": level} in self.four_good:
            raise RuleViolation("chamber.four_good_already_awarded", f"already a {level} Four Good chamber in {year}")
        self.trigger_event(self.FourGoodAwarded, year=year, level=level)

    def designate_demonstration_site(self, year: int) -> None:
        self._require_active()
        year = self._not_before_establishment_year(checks.year(year))
        if year in self.demonstration_site_years:
            raise RuleViolation("chamber.demonstration_site_already", f"already a demonstration site in {year}")
        self.trigger_event(self.DemonstrationSiteDesignated, year=year)

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
