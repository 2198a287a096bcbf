"""README's rule code section held to the code: it names every code the register raises, warns of or answers, each
once with its Chinese message, and no code the source no longer gives."""

from __future__ import annotations

import re

import pytest

from interfaces.messages import RULES
from tests.rule_codes import ROOT, produced_rules, raised_rules, warned_rules

ROW = re.compile(r"^\| `(?P<code>[a-z_]+\.[a-z_]+)` \| (?P<chinese>[^|]+?) \| (?P<when>[^|]+?) \|$", re.MULTILINE)


def _section() -> str:
    """README's ``#### Rule codes``, up to the next heading of its level or above."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"^#### Rule codes\n(?P<body>.*?)(?=^#{1,4} )", text, re.MULTILINE | re.DOTALL)
    assert found, "README.md has no '#### Rule codes' section"
    return found["body"]


@pytest.fixture(scope="module")
def rows() -> list[re.Match[str]]:
    return list(ROW.finditer(_section()))


@pytest.fixture(scope="module")
def named(rows: list[re.Match[str]]) -> set[str]:
    return {row["code"] for row in rows}


def test_the_section_names_every_rule_a_command_can_break(named: set[str]) -> None:
    raised = raised_rules()
    assert len(raised) > 50
    missing = sorted(raised - named)
    assert not missing, "add a row to README's Rule codes for: " + ", ".join(missing)


def test_the_section_names_the_quota_warnings(named: set[str]) -> None:
    assert warned_rules() == {"quota.advanced_over", "quota.weak_under"}
    assert warned_rules() <= named


def test_the_section_names_every_code_with_a_chinese_message(named: set[str]) -> None:
    missing = sorted(set(RULES) - named)
    assert not missing, "add a row to README's Rule codes for: " + ", ".join(missing)


def test_every_code_the_section_names_is_still_given_somewhere(named: set[str]) -> None:
    stale = sorted(named - produced_rules())
    assert not stale, "README's Rule codes names codes the source no longer gives: " + ", ".join(stale)


def test_each_code_has_one_row_with_its_chinese_message_and_when_it_applies(rows: list[re.Match[str]]) -> None:
    codes = [row["code"] for row in rows]
    assert sorted(code for code in set(codes) if codes.count(code) > 1) == []
    for row in rows:
        assert row["chinese"] == RULES[row["code"]], row["code"]
        assert re.search(r"[A-Za-z]", row["when"]), row["code"]
