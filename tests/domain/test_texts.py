"""Texts: no control characters, no invisible ones, something visible when required, and names compared in NFKC,
case folded, without spaces or invisible characters."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain import checks, texts
from domain.branch import PartyBranch
from domain.chamber import chamber_name_id
from domain.errors import InvalidValue
from domain.values import GradingPolicy
from tests.domain.test_branch import found, reviewed

CONTROL = ["\x00", "\x07", "\x1b", "\x7f", "\x80", "\x85", "\x9b", "\x9f", "\ud800"]
INVISIBLE = [
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\ufeff",  # byte order mark
    "\u00ad",  # soft hyphen
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u202a",  # left-to-right embedding
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u2069",  # pop directional isolate
    "\u061c",  # Arabic letter mark
    "\u3164",  # Hangul filler
    "\U000e0041",  # tag letter A
]


def _refused(value: str, rule: str, *, required: bool = True) -> None:
    with pytest.raises(InvalidValue) as raised:
        checks.text(value, "reason", required=required)
    assert (raised.value.field, getattr(raised.value, "rule", None)) == ("reason", rule)


@pytest.mark.parametrize("character", CONTROL)
def test_control_characters_are_refused(character: str) -> None:
    _refused(f"整改{character}到位", "text.control")
    _refused(character, "text.control", required=False)


@pytest.mark.parametrize("character", INVISIBLE)
def test_invisible_characters_are_refused(character: str) -> None:
    _refused(f"南山{character}商会", "text.invisible")
    _refused(character, "text.invisible", required=False)


def _judged_by_character(value: str, *, required: bool) -> texts.TextFault | None:
    if any(texts.is_control(c) for c in value):
        return texts.CONTROL
    if any(texts.is_invisible(c) for c in value):
        return texts.INVISIBLE
    if required and not any(texts.is_visible(c) for c in value):
        return texts.EMPTY
    return None


SAMPLES = [*CONTROL, *INVISIBLE, "\t", "\n", " ", "\u3000", "\u2028", "\u0301", "\u20dd", "\ufe0f", "\u2800", "企"]


@given(
    st.text(st.one_of(st.characters(), st.sampled_from(SAMPLES)), max_size=12),
    st.booleans(),
)
def test_a_text_is_judged_as_its_characters_one_by_one_would_judge_it(value: str, required: bool) -> None:
    assert texts.fault(value, required=required) == _judged_by_character(value, required=required)


@pytest.mark.parametrize("value", ["", "   ", "\u3000", "\t\n", "\u0301"])
def test_a_required_text_needs_something_visible(value: str) -> None:
    _refused(value, "text.empty")


def test_a_zero_width_reason_is_refused_for_an_override_and_a_correction() -> None:
    branch = found()
    reviewed(branch, score=95)
    override = lambda: branch.grade(2020, GradingPolicy(), uuid4(), "average", "\u200b")  # noqa: E731
    _refused_on(branch, override, "text.invisible")
    branch.grade(2020, GradingPolicy(), uuid4())
    _refused_on(branch, lambda: branch.correct_grade(2020, "weak", "\u200b"), "text.invisible")
    _refused_on(branch, lambda: branch.correct_grade(2020, "weak", "\u202e理由"), "text.invisible")
    branch.correct_grade(2020, "weak", "复核发现问题")
    assert branch.grade_for(2020) == "weak"


def _refused_on(branch: PartyBranch, command: Callable[[], object], rule: str) -> None:
    before = (branch.version, len(branch.pending_events))
    with pytest.raises(InvalidValue) as raised:
        command()
    assert getattr(raised.value, "rule", None) == rule
    assert (branch.version, len(branch.pending_events)) == before


def test_plain_texts_are_kept_as_written() -> None:
    written = "南山街道“四好”商会（2021—2022）\n第一行\t第二列 ABC-1 ①"
    assert checks.text(f"  {written}  ", "reason") == written
    assert checks.text("", "summary", required=False) == ""
    assert checks.text(None, "summary", required=False) == ""
    assert checks.day(date(2020, 1, 1), "on") == date(2020, 1, 1)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("ＡＢＣ商会（深圳）", "ABC商会(深圳)"),
        ("ABC 商会(深圳)", "abc商会(深圳)"),
        ("ABC\u3000商会（深圳）", "abc商会(深圳)"),
        ("ABC\u200b商会(深圳)", "ABC商会(深圳)"),
        ("ＳＴＲＡＳＳＥ商会", "strasse商会"),
    ],
)
def test_chamber_names_compare_in_nfkc_without_case_spaces_or_invisible_characters(one: str, other: str) -> None:
    assert texts.name_key(one) == texts.name_key(other)
    assert chamber_name_id(one) == chamber_name_id(other)


def test_different_names_stay_different() -> None:
    assert chamber_name_id("南山商会") != chamber_name_id("南山区商会")
    assert chamber_name_id("ABC商会(深圳)") != chamber_name_id("ABC商会(广州)")


def test_the_schema_pattern_refuses_no_more_than_the_check() -> None:
    """Every character the API's JSON Schema refuses, the check refuses too (the check refuses some more)."""
    refused_by_pattern = re.compile(texts.character_class().replace("[^", "[", 1))
    for code in range(0x10000):
        character = chr(code)
        if refused_by_pattern.match(character):
            assert texts.fault(character, required=False) is not None, hex(code)
