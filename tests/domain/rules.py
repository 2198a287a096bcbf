"""Assertions for rejected commands: the rule or field they name, and that nothing was triggered."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from domain.errors import InvalidValue, RuleViolation


def rejects(aggregate: Any, command: Callable[[], object], rule: str) -> None:
    """``command`` breaks ``rule`` and leaves ``aggregate`` untouched (None: a command that would create one)."""
    before = (aggregate.version, len(aggregate.pending_events)) if aggregate is not None else None
    with pytest.raises(RuleViolation) as raised:
        command()
    assert raised.value.rule == rule
    if aggregate is not None:
        assert (aggregate.version, len(aggregate.pending_events)) == before


def invalid(aggregate: Any, command: Callable[[], object], field: str) -> None:
    """``command`` carries an invalid ``field`` and leaves ``aggregate`` untouched."""
    before = (aggregate.version, len(aggregate.pending_events)) if aggregate is not None else None
    with pytest.raises(InvalidValue) as raised:
        command()
    assert raised.value.field == field
    if aggregate is not None:
        assert (aggregate.version, len(aggregate.pending_events)) == before


def replayed(aggregate: Any) -> Any:
    """The aggregate rebuilt from its own events, as the repository would (its pending events are collected)."""
    events = aggregate.collect_events()
    rebuilt = None
    for event in events:
        rebuilt = event.mutate(rebuilt)
    return rebuilt
