"""What changed in a record between two of its versions, field by field, in Chinese."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from interfaces.console.labels import label
from interfaces.console.views.values import shown

SKIPPED = {"id", "version", "created_at", "modified_at"}


@dataclass(frozen=True)
class Difference:
    """One field that differs: where it sits (``分类定级 › 2020 › 等次``), before and after."""

    field: str
    before: str
    after: str


def _flatten(value: Any, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    if isinstance(value, dict) and value:
        flat: dict[tuple[str, ...], Any] = {}
        for key, inner in value.items():
            if not path and key in SKIPPED:
                continue
            flat.update(_flatten(inner, (*path, str(key))))
        return flat
    if isinstance(value, list) and value and any(isinstance(v, dict) for v in value):
        flat = {}
        for n, inner in enumerate(value, start=1):
            flat.update(_flatten(inner, (*path, f"第{n}项")))
        return flat
    return {path: value}


def _title(path: tuple[str, ...]) -> str:
    return " › ".join(label("field", part) for part in path)


def differences(
    kind: str, before: dict[str, Any], after: dict[str, Any], names: Mapping[str, str] | None = None
) -> list[Difference]:
    """The fields whose values differ between two states of one record, in the order of the later state."""
    old, new = _flatten(before), _flatten(after)
    changed = []
    for path in [*new, *(p for p in old if p not in new)]:
        if old.get(path) != new.get(path):
            field = path[-1] if path else ""
            before = shown(old.get(path), field, kind, names) or "（无）"
            after = shown(new.get(path), field, kind, names) or "（无）"
            if before != after:
                changed.append(Difference(_title(path), before, after))
    return changed
