"""The GB 32100-2015 check character, by example and by property."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from domain.credit_code import ALPHABET, check_character, is_valid, normalize, problem

bodies = st.text(alphabet=ALPHABET, min_size=17, max_size=17).map(lambda s: s[:2] + "440305" + s[8:])


def test_published_codes_check_out() -> None:
    assert is_valid("91350100M000100Y43")


def test_wrong_check_character_is_named() -> None:
    assert problem("91350100M000100Y44") == "check character is 4, expected 3"


def test_length_alphabet_and_region_are_checked() -> None:
    assert problem("91350100M000100Y4") == "must be 18 characters, got 17"
    assert "outside the GB 32100 alphabet: I" in (problem("9135010IM000100Y43") or "")
    assert "administrative division" in (problem("91AB0100M000100Y43") or "")


@given(bodies)
def test_any_body_with_its_check_character_is_valid(body: str) -> None:
    assert is_valid(body + check_character(body))


@given(bodies, st.integers(min_value=0, max_value=16), st.sampled_from(ALPHABET))
def test_changing_one_character_is_caught(body: str, index: int, replacement: str) -> None:
    code = body + check_character(body)
    changed = code[:index] + replacement + code[index + 1 :]
    if changed != code and changed[2:8].isdigit():
        assert not is_valid(changed)


@given(bodies)
def test_case_and_spacing_do_not_matter(body: str) -> None:
    code = body + check_character(body)
    assert is_valid(f"  {code.lower()} ")
    assert normalize(f" {code.lower()}") == code
