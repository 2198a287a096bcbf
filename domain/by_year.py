"""Records kept by year: a mapping whose keys are years as whole numbers, for an aggregate's state."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import Any, TypeVar

V = TypeVar("V")


class ByYear(MutableMapping[int, V]):
    """An aggregate's records by year (a whole number), in the order first recorded.

    Not a ``dict``: a snapshot stores it through its own transcoding as pairs of year and record, so its years
    read back as numbers (a stored ``dict``'s keys read back as text)."""

    def __init__(self, records: Mapping[int, V] | Iterable[tuple[int, V]] = ()) -> None:
        self._records: dict[int, V] = {}
        for year, record in records.items() if isinstance(records, Mapping) else records:
            self[year] = record

    def __getitem__(self, year: int) -> V:
        return self._records[year]

    def __setitem__(self, year: int, record: V) -> None:
        if not isinstance(year, int) or isinstance(year, bool):
            raise TypeError(f"a year is a whole number, not {year!r}")
        self._records[year] = record

    def __contains__(self, year: object) -> bool:
        return year in self._records

    def get(self, year: int, default: Any = None) -> Any:
        return self._records.get(year, default)

    def setdefault(self, year: int, default: Any = None) -> Any:
        if year not in self._records:
            self[year] = default
        return self._records[year]

    def __delitem__(self, year: int) -> None:
        del self._records[year]

    def __iter__(self) -> Iterator[int]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __repr__(self) -> str:
        return f"ByYear({self._records!r})"
