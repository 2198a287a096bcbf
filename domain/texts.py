"""What a text the register records may hold: no control characters, no invisible ones, and, when it is required,
at least one character a person can see; and the form of a name that uniqueness compares.

One check serves every command that takes a text (``domain.checks.text``) and the API's request bodies, so a name,
a reason or a free text is refused the same way wherever it comes from: ``text.control`` for a control character
(C0 other than tab and line feed, DEL, C1, a lone surrogate), ``text.invisible`` for a character that shows
nothing yet changes the text (zero-width characters, bidirectional overrides, isolates and marks, the byte order
mark, soft hyphen, fillers), ``text.empty`` for a required text with nothing visible in it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from domain.errors import InvalidValue

ALLOWED_CONTROLS = "\t\n"

INVISIBLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian variation selectors and vowel separator
    (0x200B, 0x200F),  # zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
    (0x202A, 0x202E),  # bidirectional embeddings and overrides
    (0x2060, 0x2064),  # word joiner, invisible operators
    (0x2066, 0x206F),  # bidirectional isolates, deprecated format characters
    (0x2800, 0x2800),  # braille blank
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # zero-width no-break space (byte order mark)
    (0xFFA0, 0xFFA0),  # half-width Hangul filler
    (0xFFF9, 0xFFFB),  # interlinear annotation characters
    (0x1D173, 0x1D17A),  # musical format characters
    (0xE0000, 0xE007F),  # tag characters
    (0xE0100, 0xE01EF),  # variation selectors supplement
)
"""The invisible characters refused by name; any other format character (Unicode category Cf) is refused too."""

CONTROL_RANGES: tuple[tuple[int, int], ...] = ((0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F), (0xD800, 0xDFFF))
"""The control characters refused: C0 but tab and line feed, DEL, C1, and surrogates (never a character alone)."""


@dataclass(frozen=True)
class TextFault:
    """Why a text is refused: the rule's code, the message, and the Chinese for a person."""

    rule: str
    message: str
    chinese: str


CONTROL = TextFault("text.control", "must not contain control characters", "不能含有控制字符")
INVISIBLE = TextFault(
    "text.invisible",
    "must not contain invisible characters (zero-width, bidirectional controls, fillers)",
    "不能含有不可见字符（零宽字符、文字方向控制符等）",
)
EMPTY = TextFault("text.empty", "must not be empty", "必须填写")


class InvalidText(InvalidValue):
    """A text that holds a character the register refuses, or nothing visible; ``rule`` names which."""

    def __init__(self, field: str, fault: TextFault) -> None:
        super().__init__(field, fault.message)
        self.rule = fault.rule
        self.chinese = fault.chinese


def _within(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in ranges)


def is_control(character: str) -> bool:
    return character not in ALLOWED_CONTROLS and _within(ord(character), CONTROL_RANGES)


def is_invisible(character: str) -> bool:
    code = ord(character)
    return _within(code, INVISIBLE_RANGES) or (
        unicodedata.category(character) == "Cf" and not _within(code, CONTROL_RANGES)
    )


def is_visible(character: str) -> bool:
    """A character that shows something on its own: not white space, not a control, not invisible, not a mark."""
    return not (
        character.isspace()
        or is_control(character)
        or is_invisible(character)
        or unicodedata.category(character) in ("Mn", "Me")
    )


NAMED_INVISIBLE = re.compile("[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in INVISIBLE_RANGES) + "]")
"""Any character of ``INVISIBLE_RANGES``."""


def fault(value: str, *, required: bool = True) -> TextFault | None:
    """What is wrong with ``value`` as a text the register records, or None.

    A text that Python counts printable holds no control character (Unicode's Cc and Cs are not printable) and no
    format character (Cf); one that holds none of the invisible characters refused by name besides is judged
    without looking at each character (as almost every text is), the rest character by character."""
    if value.isprintable() and NAMED_INVISIBLE.search(value) is None:
        if required and not any(_shows(c) for c in value):
            return EMPTY
        return None
    if any(is_control(c) for c in value):
        return CONTROL
    if any(is_invisible(c) for c in value):
        return INVISIBLE
    if required and not any(is_visible(c) for c in value):
        return EMPTY
    return None


def _shows(character: str) -> bool:
    """``is_visible`` of a character known to be neither a control nor invisible."""
    return not (character.isspace() or unicodedata.category(character) in ("Mn", "Me"))


def checked(value: str, field: str, *, required: bool = True) -> str:
    """``value`` unchanged when it is a text the register records; else InvalidText naming ``field`` and the rule."""
    found = fault(value, required=required)
    if found is not None:
        raise InvalidText(field, found)
    return value


def character_class() -> str:
    """The characters a text may hold, as a regular expression's class (for the API's JSON Schema); the same
    check refuses every other format character besides, and those beyond the Basic Multilingual Plane."""
    refused = [r for r in CONTROL_RANGES + INVISIBLE_RANGES if r[1] < 0xD800 or 0xDFFF < r[0] <= 0xFFFF]
    parts = [f"\\u{low:04x}" if low == high else f"\\u{low:04x}-\\u{high:04x}" for low, high in refused]
    return "[^" + "".join(parts) + "]"


def name_key(name: str) -> str:
    """The form of a name that uniqueness compares: Unicode NFKC (full-width letters and brackets as their usual
    forms), case folded, without white space or invisible characters."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(c for c in folded if not (c.isspace() or is_invisible(c) or is_control(c)))
