"""Records by year: keyed by the year as a whole number only, in the order first recorded."""

from __future__ import annotations

import copy

import pytest

from domain.by_year import ByYear


def test_records_by_year_are_keyed_by_whole_numbers_in_the_order_recorded() -> None:
    records: ByYear[str] = ByYear({2021: "b"})
    records[2019] = "a"
    assert list(records.items()) == [(2021, "b"), (2019, "a")]
    assert records == {2019: "a", 2021: "b"}
    assert records != {"2019": "a", "2021": "b"}
    assert "2019" not in records
    assert records.get(2020, "none") == "none"
    assert copy.deepcopy(records) == records
    del records[2021]
    assert records == ByYear([(2019, "a")])


@pytest.mark.parametrize("year", ["2020", 2020.0, True, None])
def test_a_year_is_a_whole_number(year: object) -> None:
    with pytest.raises(TypeError):
        ByYear()[year] = "a"  # type: ignore[index]
    with pytest.raises(TypeError):
        ByYear([(year, "a")])  # type: ignore[list-item]
