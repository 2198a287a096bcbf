"""The hand-worked district of the report tests, with a chamber, a key-focus member and a meeting, and its reports
as ``build_report`` gives them (the JSON the API answers)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

import pytest

from application.projections.runner import ViewRunner
from application.register import Register
from application.reports.service import build_report
from tests.application.reports import scenario
from tests.conftest import REGISTRAR
from tests.factories import chamber

ON = date(2021, 12, 1)
REPORTS = [
    ("classification", 2020),
    ("coverage", None),
    ("chambers", None),
    ("organizational-life", 2020),
    ("key-focus", None),
    ("publicity-notice", 2020),
]


@dataclass
class Filed:
    """The register, the district's records, and its street chamber."""

    register: Register
    district: scenario.District
    chamber: UUID

    def report(self, name: str, year: int | None = None) -> dict[str, Any]:
        return build_report(self.register, ViewRunner(self.register), name, year, on=ON)


@pytest.fixture
def filed(sqlite_url: str) -> Iterator[Filed]:
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    d = scenario.build(register)
    street_chamber = chamber(register, "南山街道商会", "street", scenario.A)
    register.register_chamber(REGISTRAR, street_chamber, "51440305MJL000001X", date(2016, 1, 5))
    register.award_four_good(REGISTRAR, street_chamber, 2020, "city")
    register.designate_key_focus(REGISTRAR, d.members["m1"], ["tax", "assets"])
    register.record_organizational_life(REGISTRAR, d.branches["b3"], "lecture", date(2020, 4, 1), 9)
    try:
        yield Filed(register, d, street_chamber)
    finally:
        register.close()
