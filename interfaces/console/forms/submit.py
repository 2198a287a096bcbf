"""Sending a form: its texts read field by field, then the command; a refusal comes back in Chinese beside the field
it concerns, and nothing is recorded."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from application.base import Recorded
from application.context import CommandContext
from application.errors import ConcurrentWrite, DistrictOnly, DomainError, NotFound, VersionMismatch
from application.register import Register
from interfaces.console.forms.catalog import FormSpec
from interfaces.console.forms.fields import FieldError
from interfaces.console.messages import explain


@dataclass
class Outcome:
    """What became of a sent form: the recorded command, or the errors by field and for the form as a whole,
    with the texts as sent so that the form can be shown again."""

    texts: dict[str, list[str]]
    recorded: Recorded[Any] | None = None
    errors: dict[str, str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.recorded is not None


def submit(
    spec: FormSpec,
    register: Register,
    context: Callable[[str | None], CommandContext],
    key: UUID | int | str | None,
    sent: Mapping[str, Sequence[str]],
    expected_version: int | None,
) -> Outcome:
    """Read ``sent`` with the form's fields and send its command under the context ``context(reason)`` makes."""
    texts = {f.name: list(sent.get(f.name, [])) for f in spec.fields}
    outcome = Outcome(texts)
    values: dict[str, Any] = {}
    for item in spec.fields:
        try:
            values[item.name] = item.parse(texts[item.name])
        except FieldError as error:
            outcome.errors[item.name] = error.message
    if outcome.errors:
        return outcome
    names = {f.name for f in spec.fields}
    if isinstance(key, str):
        key = int(key) if spec.record == "round" else UUID(key)
    try:
        outcome.recorded = spec.send(register, context(values.get("reason")), key, values, expected_version)
    except (DomainError, NotFound, VersionMismatch, ConcurrentWrite, DistrictOnly) as error:
        explained = explain(error, values)
        rule = getattr(error, "rule", "")
        where = spec.rule_fields.get(rule, explained.field)
        days = [f.name for f in spec.fields if f.kind == "date"]
        if where not in names and rule.startswith("date.") and len(days) == 1:
            where = days[0]
        if where in names:
            outcome.errors[where] = explained.message
        else:
            outcome.general.append(explained.message)
    return outcome
