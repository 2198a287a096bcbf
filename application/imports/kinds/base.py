"""What every kind of import shares: its columns, the key that finds a row's duplicate in the file, and recording a
row through the Register's commands, or finding it already recorded (unchanged), or refusing it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Hashable, Mapping
from typing import Any, ClassVar

from application.batch import Batch
from application.context import CommandContext
from application.imports import cells
from application.imports.columns import Column
from application.imports.outcome import RowRejected
from application.register import Register
from domain.labelled import Labelled
from domain.vocabulary import FIELDS


class ImportKind(ABC):
    """One kind of import (members, chambers, ...): ``name`` in URLs, ``title`` of its sheet, the ``role`` that may
    import it, its ``columns``, the ``key_fields`` two rows for the same record share, and the fields
    ``rule_fields`` names for the rules whose refusal names none."""

    name: ClassVar[str]
    title: ClassVar[str]
    role: ClassVar[str]
    columns: ClassVar[tuple[Column, ...]]
    key_fields: ClassVar[tuple[str, ...]]
    rule_fields: ClassVar[Mapping[str, str]] = {}

    def __init__(self, register: Register) -> None:
        self.register = register
        self.batch: Batch | None = None

    @classmethod
    def example(cls) -> dict[str, Any]:
        """The template's example row, by field."""
        return {column.field: column.example for column in cls.columns}

    @classmethod
    def key_field(cls) -> str:
        """The column a problem of the whole row is shown in."""
        return cls.key_fields[0]

    def prepare(self) -> None:
        """Read what the rows will be looked up in, before the import's batch opens (a scan of the log would store
        what a batch holds). Nothing, unless the kind looks rows up."""
        return

    @abstractmethod
    def key(self, values: dict[str, Any]) -> Hashable:
        """What two rows of the file that stand for the same record share: their ``key_fields``, as compared."""

    @abstractmethod
    def record(self, ctx: CommandContext, values: dict[str, Any]) -> bool:
        """Record the row through the Register's commands (True), or find it recorded as given (False, unchanged);
        ``RowRejected`` or the command's own refusal otherwise."""


def differences(
    registered: Mapping[str, Any], given: Mapping[str, Any], enums: Mapping[str, type[Labelled]] | None = None
) -> list[str]:
    """The fields whose registered value differs from the row's, each as ``名称为“…”`` (a code by its label)."""
    enums = enums or {}
    return [
        f"{FIELDS[field]}为“{_shown(registered[field], enums.get(field))}”"
        for field in given
        if field in registered and registered[field] != given[field]
    ]


def _shown(value: Any, enum: type[Labelled] | None) -> str:
    if isinstance(value, list):
        return "、".join(_shown(v, enum) for v in value)
    if value is None:
        return ""
    if enum is not None and str(value) in enum.labels():
        return enum(str(value)).label
    return cells.text(value)


def unchanged_or_refused(
    field: str,
    what: str,
    registered: Mapping[str, Any],
    given: Mapping[str, Any],
    enums: Mapping[str, type[Labelled]] | None = None,
) -> bool:
    """False (unchanged) when the row gives what is registered; ``RowRejected`` naming each difference otherwise."""
    changed = differences(registered, given, enums)
    if changed:
        raise RowRejected(field, f"{what}已在登记册中，登记的{'，'.join(changed)}，与本行不同")
    return False
