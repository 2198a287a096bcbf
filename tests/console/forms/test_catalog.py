"""The forms' fields are derived from their commands' parameters and named by the one vocabulary."""

from __future__ import annotations

import inspect
from datetime import date
from uuid import UUID

from application.register import Register
from domain.vocabulary import FIELDS
from interfaces.console.forms.catalog import FORMS, derived_fields
from interfaces.console.labels import options


def test_every_form_asks_each_parameter_of_its_command_a_person_fills_in() -> None:
    for spec in FORMS:
        parameters = [
            p for p in inspect.signature(getattr(Register, spec.command)).parameters if p not in ("self", "ctx")
        ]
        asked = parameters[0 if spec.creates else 1 :]
        left_out = {name for name, given in spec.given.items() if given is None}
        wanted = {p for p in asked if p not in ("ident", "expected_version")} - left_out
        assert wanted <= {f.name for f in spec.fields}, spec.action
        assert spec.fields[-1].name == "reason", spec.action


def test_a_parameter_added_to_a_command_appears_in_its_form_named_by_the_vocabulary() -> None:
    def command(
        ctx: object, ident: UUID, elected_on: date, grade: str, attendance: int, term_ends_on: date | None = None
    ) -> None:
        """A command of a record, as the Register's are written."""

    fields = derived_fields(command, "branch", {}, {}, on_record=True)
    shown = [(f.name, f.title, f.kind, f.required) for f in fields]
    assert shown == [
        ("elected_on", FIELDS["elected_on"], "date", True),
        ("grade", FIELDS["grade"], "grade", True),
        ("attendance", FIELDS["attendance"], "int", True),
        ("term_ends_on", FIELDS["term_ends_on"], "date", False),
        ("reason", "备注（理由）", "textarea", False),
    ]
    assert fields[1].choices == options("grade"), "the default set, where the page gives no round's grades"


def test_codes_are_offered_by_their_chinese_labels() -> None:
    found = {(spec.action, f.name): f for spec in FORMS for f in spec.fields}
    assert found[("branch.organizational-life", "activity")].choices == options("activity")
    assert found[("chamber.new", "kind")].choices == options("chamber_kind")
    assert found[("member.leave", "reason")].choices == options("leave_reason")
    assert found[("branch.record-structure", "has_committee")].choices == [("yes", "是"), ("no", "否")]
    assert found[("member.join-chamber", "chamber_id")].title == "商会"
