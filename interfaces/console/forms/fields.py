"""A form's fields: what each asks for, and how the text a browser sends becomes a value or a Chinese refusal."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from domain.errors import InvalidValue
from domain.member import checked_credit_code, member_id
from interfaces.console.dates import parse_day
from interfaces.console.labels import options
from interfaces.messages import chinese_invalid

KINDS = (
    "text",
    "textarea",
    "date",
    "int",
    "year",
    "select",
    "checkboxes",
    "bool",
    "record",
    "credit_codes",
    "grade",
)
"""``bool`` a select of 是/否; ``record`` a select of records (its choices given by the page); ``credit_codes``
member enterprises named by their credit codes, one or more; ``grade`` a select of the grades of the year's round
(given by the page; the command checks the grade against the round's set)."""
GRADE_CODE = re.compile(r"[a-z][a-z0-9_]{0,31}")
YES_NO = [("yes", "是"), ("no", "否")]
SEPARATORS = re.compile(r"[\s、，,；;]+")


class FieldError(ValueError):
    """A field's text that cannot be read as its kind of value; the message is Chinese."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Field:
    """One field: its name (the command's parameter), Chinese title, kind, and for choices their vocabulary.

    ``suggest`` names a document field whose known values a text field offers as suggestions (streets)."""

    name: str
    title: str
    kind: str = "text"
    required: bool = True
    vocabulary: str | None = None
    blank: str = "请选择"
    hint: str = ""
    max_length: int | None = None
    suggest: str | None = None
    records: str | None = None
    """For a ``record`` field, the kind of record it names (chamber, branch, objection)."""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"field {self.name}: kind must be one of {', '.join(KINDS)}")

    @property
    def choices(self) -> list[tuple[str, str]]:
        if self.kind == "bool":
            return YES_NO
        return options(self.vocabulary) if self.vocabulary else []

    def parse(self, given: Sequence[str]) -> Any:
        """The value of this field from the texts a form sent for it; FieldError with a Chinese message."""
        if self.kind == "checkboxes":
            allowed = {code for code, _ in self.choices}
            chosen = [v for v in given if v]
            if any(v not in allowed for v in chosen):
                raise FieldError(self.name, "请从列出的选项中选择")
            if self.required and not chosen:
                raise FieldError(self.name, "至少选择一项")
            return chosen
        text = (given[-1] if given else "").strip()
        if not text:
            if self.required:
                raise FieldError(self.name, "请选择" if self.kind == "select" else "必须填写")
            return None
        if self.max_length is not None and len(text) > self.max_length:
            raise FieldError(self.name, f"不能超过{self.max_length}个字")
        if self.kind == "date":
            try:
                return parse_day(text)
            except ValueError:
                raise FieldError(self.name, "请填写日期，例如 2020-01-05") from None
        if self.kind in ("int", "year"):
            try:
                number = int(text)
            except ValueError:
                raise FieldError(self.name, "请填写整数") from None
            if self.kind == "year" and not 1949 <= number <= 2200:
                raise FieldError(self.name, "请填写四位年份，例如 2021")
            return number
        if self.kind in ("select", "bool") and text not in {code for code, _ in self.choices}:
            raise FieldError(self.name, "请从列出的选项中选择")
        if self.kind == "grade" and not GRADE_CODE.fullmatch(text):
            raise FieldError(self.name, "请从列出的选项中选择")
        if self.kind == "bool":
            return text == "yes"
        if self.kind == "record":
            try:
                return UUID(text)
            except ValueError:
                raise FieldError(self.name, "请从列出的选项中选择") from None
        if self.kind == "credit_codes":
            return self._members(text)
        return text

    def _members(self, text: str) -> list[UUID]:
        found = []
        for code in (c for c in SEPARATORS.split(text) if c):
            try:
                found.append(member_id(checked_credit_code(code)))
            except InvalidValue as error:
                raise FieldError(self.name, f"{code}：{chinese_invalid(error.message)}") from None
        return found
