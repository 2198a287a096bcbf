"""A small demo district, built once per test session into an SQLite file, and what the console tests look for in
it: a Party organization whose grade was corrected, with the version before the correction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from uuid import UUID

from application.audit.history import history
from application.demo.district import build_district
from application.demo.size import Size
from application.projections.runner import ViewRunner
from application.register import Register
from interfaces.api.auth import ROLES, ApiKeys

SMALL = Size(streets=2, chambers=3, members=40, branches=20, years=3)
STANDS_ON = date(2022, 2, 28)
TOKENS = {role: f"{role}-console-token-0123" for role in ROLES}
NAMES = {role: f"{role}-staff" for role in ROLES}
KEYS = ApiKeys.parse(",".join(f"{role}:{NAMES[role]}:{token}" for role, token in TOKENS.items()))


@dataclass(frozen=True)
class Corrected:
    """A branch whose grade for ``year`` was corrected from ``before`` to ``after`` at version ``version``."""

    branch_id: str
    name: str
    year: str
    before: str
    after: str
    version: int


@dataclass(frozen=True)
class District:
    """The district's store, a corrected branch, the year whose round is open, and an active organization graded
    in that year."""

    url: str
    corrected: Corrected
    open_year: int
    graded: str


def build(directory: Path) -> District:
    """The small district in ``directory``/district.sqlite3, its views caught up."""
    url = f"sqlite:///{directory}/district.sqlite3"
    register = Register({"FICLEDGER_DATABASE_URL": url})
    try:
        build_district(register, 2020, SMALL, until=STANDS_ON)
        runner = ViewRunner(register)
        runner.catch_up()
        corrected = None
        for doc in sorted(runner.view.all("branch"), key=lambda d: d["name"]):
            for year, grade in doc["grades"].items():
                if grade["corrections"] and corrected is None:
                    events = history(register, UUID(doc["id"]), "branch", "PartyBranch")
                    version = next(e["version"] for e in events if e["type"] == "GradeCorrected")
                    change = grade["corrections"][0]
                    corrected = Corrected(
                        doc["id"], doc["name"], year, change["from_grade"], change["to_grade"], version
                    )
        assert corrected is not None, "the small district has no corrected grade"
        open_year = max(r["year"] for r in runner.view.all("round"))
        graded = next(
            d["id"]
            for d in sorted(runner.view.all("branch"), key=lambda d: d["name"])
            if d["status"] == "active" and str(open_year) in d["grades"]
        )
        return District(url, corrected, open_year, graded)
    finally:
        register.close()
