"""Figures as median and spread over repeated runs."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field


@dataclass
class Figure:
    """One measured quantity over repeated runs, with the goal it is held against."""

    name: str
    unit: str
    values: list[float] = field(default_factory=list)
    goal: str = ""
    higher_is_better: bool = True
    target: float | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.values) if self.values else float("nan")

    @property
    def spread(self) -> str:
        if len(self.values) < 2:
            return "single run"
        return f"{_fmt(min(self.values))}–{_fmt(max(self.values))}"

    @property
    def standing(self) -> str:
        """Whether the median meets ``target``, and if not, how far it is from it as a ratio."""
        if self.target is None or not self.values:
            return ""
        ratio = self.median / self.target
        if (ratio >= 1) if self.higher_is_better else (ratio <= 1):
            return "met"
        return f"not met: {ratio:.2f} of the goal" if self.higher_is_better else f"not met: {ratio:.1f}x the limit"

    def row(self) -> list[str]:
        return [
            self.name,
            f"{_fmt(self.median)} {self.unit}",
            self.spread,
            str(len(self.values)),
            self.goal,
            self.standing,
        ]


def _fmt(value: float) -> str:
    if value != value:
        return "n/a"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0–100) of the samples, by linear interpolation."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
