"""The columns of an import: one per parameter of the Register's command that records a row, named in Chinese by
the one vocabulary (``domain.vocabulary.FIELDS``), so that a field added to a command appears in its template and
is read from its sheet."""

from __future__ import annotations

import inspect
import re
import typing
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from application.imports import cells
from domain.vocabulary import FIELDS

NOT_COLUMNS = {"self", "ctx", "ident", "expected_version"}
NOTES = re.compile(r"[（(【\[].*?[)）】\]]")
MARKS = re.compile(r"[\s*＊:：]")


@dataclass(frozen=True)
class Column:
    """One column: the field it fills (a key of the vocabulary), how a cell is read, whether it must be filled, the
    template's example and what the explanation sheet says of it, other headers a clerk's own sheet may use, and
    the value of an optional cell left empty."""

    field: str
    read: cells.Reader = cells.text
    required: bool = True
    example: Any = ""
    explanation: str = ""
    aliases: tuple[str, ...] = ()
    blank: Any = None

    @property
    def header(self) -> str:
        """The column's Chinese header: the vocabulary's name of its field."""
        return FIELDS[self.field]

    def names(self) -> set[str]:
        """Every header that stands for this column, as ``header_key`` writes it."""
        return {header_key(name) for name in (self.header, *self.aliases)}


def header_key(value: Any) -> str:
    """A header as compared: without notes in brackets, marks of a required column, colons or any space."""
    written = unicodedata.normalize("NFKC", cells.text(value)) if not cells.is_blank(value) else ""
    return MARKS.sub("", NOTES.sub("", written))


READERS: dict[Any, tuple[cells.Reader, str]] = {
    str: (cells.text, "文字"),
    date: (cells.day, f"日期，{cells.DATE_HINT}"),
    int: (cells.whole, "整数"),
    bool: (cells.yes_no, "填“是”或“否”"),
    list[str]: (cells.words, "可填多项，用顿号（、）或逗号分隔"),
}
"""How a parameter of a plain type is read, and what the explanation sheet says of it."""


def columns_for(
    command: Callable[..., Any], given: Mapping[str, Column], rename: Mapping[str, str] | None = None
) -> tuple[Column, ...]:
    """The columns of ``command``'s parameters in their order: those ``given`` by field as given (a reference by
    name, a code by its label), the others read by their type; ``rename`` maps a parameter to the field its column
    fills (``ident`` of a Party organization is filled by ``branch_name``)."""
    rename = rename or {}
    hints = typing.get_type_hints(command)
    columns = []
    for name, parameter in inspect.signature(command).parameters.items():
        field = rename.get(name, name)
        if name in NOT_COLUMNS and field == name:
            continue
        required = parameter.default is inspect.Parameter.empty
        if field in given:
            columns.append(given[field])
            continue
        read, explanation = READERS.get(_plain(hints.get(name, str)), READERS[str])
        columns.append(Column(field, read, required, explanation=explanation))
    return tuple(columns)


def _plain(hint: Any) -> Any:
    """``str`` for ``str | None``: the type a cell is read as."""
    arguments = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in (typing.Union, type(str | None)) and len(arguments) == 1:
        return arguments[0]
    return hint
