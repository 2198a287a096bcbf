"""Whose records a key reaches: a street (街道) or a managing unit (管理单位), the rule a scope applies to a record,
and how a scope is written (``street=招商街道``, ``unit=招商街道党工委``).

A street's scope holds the member enterprises, chambers and Party organizations of that street; a unit's scope
holds the Party organizations that unit manages. A record is judged by its street and managing unit as they stand
at the moment asked about; grading rounds are the district's and belong to no scope.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.labelled import Labelled

MAX_NAME = {"street": 100, "unit": 200}
"""The longest street and managing unit the domain records."""


class ScopeKind(Labelled):
    """What a scope is drawn around."""

    STREET = "street", "街道"
    UNIT = "unit", "管理单位"


SCOPED_RECORDS = ("member", "chamber", "branch")
"""The kinds of record a scope can hold; a grading round is the district's."""


@dataclass(frozen=True)
class Scope:
    """A street or a managing unit, by name."""

    kind: ScopeKind
    name: str

    @classmethod
    def parse(cls, text: str) -> Scope:
        """``street=招商街道`` or ``unit=招商街道党工委``; ValueError naming what is wrong."""
        kind, equals, name = text.partition("=")
        if not equals or kind not in ScopeKind.labels():
            raise ValueError(f"unknown scope {kind!r}: write street=<street> or unit=<managing unit>")
        name = name.strip()
        if not name or not name.isprintable() or len(name) > MAX_NAME[kind] or "," in name:
            raise ValueError(f"the scope's {kind} must be 1 to {MAX_NAME[kind]} printable characters without a comma")
        return cls(ScopeKind(kind), name)

    def __str__(self) -> str:
        return f"{self.kind.value}={self.name}"

    @property
    def label(self) -> str:
        """The scope as a person reads it: ``街道：招商街道``."""
        return f"{self.kind.label}：{self.name}"

    def covers(self, record: str, street: str | None, managing_unit: str | None = None) -> bool:
        """Whether a record of kind ``record`` (member, chamber, branch) with this street and managing unit lies in
        the scope."""
        if self.kind == ScopeKind.STREET:
            return record in SCOPED_RECORDS and street == self.name
        return record == "branch" and managing_unit == self.name

    def outside_field(self, record: str) -> str:
        """The field that puts a record of kind ``record`` inside or outside the scope."""
        return "managing_unit" if self.kind == ScopeKind.UNIT and record == "branch" else "street"
