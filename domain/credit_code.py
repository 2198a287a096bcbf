"""The unified social credit code of GB 32100-2015 and its check character."""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


def check_character(first_17: str) -> str:
    """The check character for the first 17 characters of a code."""
    if len(first_17) != LENGTH - 1 or any(c not in ALPHABET for c in first_17):
        raise ValueError("expected 17 characters of the code alphabet")
    total = sum(ALPHABET.index(c) * w for c, w in zip(first_17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalize(code: str) -> str:
    """Upper-case the code and strip surrounding white space."""
    return code.strip().upper()


def problem(code: str) -> str | None:
    """Why ``code`` is not a valid credit code, or None when it is."""
    code = normalize(code)
    if len(code) != LENGTH:
        return f"must be {LENGTH} characters, got {len(code)}"
    bad = sorted({c for c in code if c not in ALPHABET})
    if bad:
        return f"contains characters outside the GB 32100 alphabet: {''.join(bad)}"
    if not code[2:8].isdigit():
        return "characters 3 to 8 must be the six-digit administrative division code"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"check character is {code[17]}, expected {expected}"
    return None


def is_valid(code: str) -> bool:
    """True when ``code`` is a well-formed credit code with the right check character."""
    return problem(code) is None
