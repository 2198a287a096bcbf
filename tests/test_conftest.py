"""The Hypothesis settings of the suite: a failing property names its values and its blob, and is kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

from tests.conftest import ROOT


def test_failing_examples_are_kept_in_the_ignored_hypothesis_folder() -> None:
    database = settings.default.database
    assert isinstance(database, DirectoryBasedExampleDatabase)
    assert database.path == ROOT / ".hypothesis" / "examples"
    assert ".hypothesis/" in (ROOT / ".gitignore").read_text().splitlines()


def test_properties_are_not_timed() -> None:
    assert settings.default.deadline is None


def test_a_failure_prints_its_values_and_the_blob_that_replays_it() -> None:
    @given(st.integers())
    @settings(database=None)
    def below_a_thousand(n: int) -> None:
        assert n < 1000

    with pytest.raises(AssertionError) as failure:
        below_a_thousand()
    notes = "\n".join(getattr(failure.value, "__notes__", []))
    assert "n=1000" in notes
    assert "@reproduce_failure(" in notes
