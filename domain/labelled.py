"""Codes that carry their Chinese labels: the one way every enumeration of the register says what a person reads."""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Labelled(StrEnum):
    """A code stored, sent and compared as its English value, and shown to a person as its Chinese label.

    Members are declared with their label beside them, ``ADVANCED = "advanced", "先进"``; each member equals its
    value (``Grade.ADVANCED == "advanced"``), so events and documents keep the plain strings they always held.
    """

    _label: str

    def __new__(cls, value: str, label: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        return member

    @property
    def label(self) -> str:
        """The Chinese name of the code: ``先进`` for ``advanced``."""
        return self._label

    @classmethod
    def labels(cls) -> dict[str, str]:
        """Every code of the enumeration with its Chinese name, in declaration order."""
        return {member.value: member.label for member in cls}
