"""What changed in a record between two of its versions, field by field, in Chinese."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.grade_set import set_of
from interfaces.console.labels import grade_label, label
from interfaces.console.views.values import shown

SKIPPED = {"id", "version", "created_at", "modified_at"}
GRADE_FIELDS = {"grade", "mapped_grade", "from_grade", "to_grade"}


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


def _grade_labels(state: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """The grades of the set each year's grade was given under (its basis's policy), code → label, by year: of an
    organization (a round's ``grades`` is its grade set, a list)."""
    grades = state.get("grades") or {}
    if not isinstance(grades, Mapping):
        return {}
    return {
        str(year): set_of((record.get("basis") or {}).get("policy")).labels()
        for year, record in grades.items()
        if isinstance(record, Mapping)
    }


def differences(
    kind: str, before: dict[str, Any], after: dict[str, Any], names: Mapping[str, str] | None = None
) -> list[Difference]:
    """The fields whose values differ between two states of one record, in the order of the later state; a grade is
    named by the set it was given under."""
    old, new = _flatten(before), _flatten(after)
    labels = {**_grade_labels(before), **_grade_labels(after)}

    def text(value: Any, path: tuple[str, ...]) -> str:
        field = path[-1] if path else ""
        if len(path) > 2 and path[0] == "grades" and field in GRADE_FIELDS and value is not None:
            return grade_label(value, labels.get(path[1]))
        return shown(value, field, kind, names)

    changed = []
    for path in [*new, *(p for p in old if p not in new)]:
        if old.get(path) != new.get(path):
            before = text(old.get(path), path) or "（无）"
            after = text(new.get(path), path) or "（无）"
            if before != after:
                changed.append(Difference(_title(path), before, after))
    return changed
