"""How big a district to generate, and the size of the demo."""

from __future__ import annotations

from dataclasses import dataclass

from application.demo import names


@dataclass(frozen=True)
class Size:
    """Streets, chambers, member enterprises, Party organizations, and how many years are graded before the year
    the district stands in.

    ``life_density`` is the share of organizational-life records kept (1.0: every meeting a branch held); it thins
    the log for a benchmark without changing reviews or grades, which follow each branch's diligence."""

    streets: int = 4
    chambers: int = 7
    members: int = 300
    branches: int = 150
    years: int = 4
    life_density: float = 1.0

    def __post_init__(self) -> None:
        if not 1 <= self.streets <= len(names.STREETS):
            raise ValueError(f"streets must be from 1 to {len(names.STREETS)}")
        most = min(self.streets, self.chambers) + len(names.INDUSTRY_CHAMBERS) + len(names.HOMETOWNS)
        if not 1 <= self.chambers <= most:
            raise ValueError(f"chambers must be from 1 to {most}")
        if not 1 <= self.branches <= self.members:
            raise ValueError("branches must be from 1 to the number of members")
        if not 1 <= self.years <= 30:
            raise ValueError("years must be from 1 to 30")
        if not 0 < self.life_density <= 1:
            raise ValueError("life_density must be above 0 and at most 1")


DEMO = Size()
