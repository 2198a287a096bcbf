"""Cell values read as a clerk means them: Excel date cells and serial numbers, dates written ``2020/1/5`` or
``2020年1月5日``, full-width digits and letters, stray spaces. A value that cannot be read raises ``CellProblem``
with a Chinese message."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from openpyxl.utils.datetime import from_excel

from domain.labelled import Labelled
from domain.member import checked_credit_code

Reader = Callable[[Any], Any]

SPACES = re.compile(r"[\s\u3000\u00a0\ufeff]+")
CJK = r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
SPACE_BETWEEN_CJK = re.compile(rf"(?<={CJK}) (?={CJK})")
DAY = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
COMPACT_DAY = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
WHOLE = re.compile(r"^([+-]?\d+)(?:\.0*)?(?:人|名|个|次|分)?$")
SEPARATORS = re.compile(r"[、,，;；/\n]+")
SERIAL_DAYS = (1, 2_958_465)
"""The serial numbers Excel gives the days from 1900 to 9999, when a date cell lost its date format."""
DATE_HINT = "请写作 2020-01-05、2020/1/5 或 2020年1月5日"


class CellProblem(Exception):
    """A cell that cannot be read as its column asks; ``message`` says why, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_blank(value: Any) -> bool:
    """Nothing written in the cell, or only white space."""
    return value is None or (isinstance(value, str) and not SPACES.sub("", value))


def text(value: Any) -> str:
    """The cell as text: surrounding spaces dropped, runs of spaces (full-width ones too) made one, a space between
    two Chinese characters dropped; a number written as a number without its ``.0``."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return SPACE_BETWEEN_CJK.sub("", SPACES.sub(" ", str(value)).strip())


def folded(value: Any) -> str:
    """The cell as a code is written: full-width letters and digits as ASCII (NFKC), without any space."""
    return SPACES.sub("", unicodedata.normalize("NFKC", text(value)))


def day(value: Any) -> date:
    """A date: an Excel date cell, an Excel serial number, or text such as 2020-01-05, 2020/1/5, 2020.1.5,
    2020年1月5日 and 20200105, in full-width digits too."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = int(value) if float(value).is_integer() else None
        if number is not None and SERIAL_DAYS[0] <= number <= SERIAL_DAYS[1]:
            return from_excel(number).date()
        if number is None or not COMPACT_DAY.match(str(number)):
            raise CellProblem(f"无法识别的日期“{text(value)}”：{DATE_HINT}")
    written = unicodedata.normalize("NFKC", text(value))
    found = DAY.match(written) or COMPACT_DAY.match(written)
    if not found:
        raise CellProblem(f"无法识别的日期“{text(value)}”：{DATE_HINT}")
    return _calendar(*found.groups(), shown=text(value))


def _calendar(year: str, month: str, day_of_month: str, *, shown: str) -> date:
    try:
        return date(int(year), int(month), int(day_of_month))
    except ValueError:
        raise CellProblem(f"“{shown}”不是日历上的日期") from None


def whole(value: Any) -> int:
    """A whole number: a number cell, or text in full-width digits, with thousands separators or a unit (12人)."""
    if isinstance(value, bool):
        raise CellProblem(f"应为整数，现为“{text(value)}”")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellProblem(f"应为整数，现为“{text(value)}”")
    written = folded(value).replace(",", "")
    found = WHOLE.match(written)
    if not found:
        raise CellProblem(f"应为整数，现为“{text(value)}”")
    return int(found.group(1))


YES = frozenset({"是", "有", "设", "已设", "y", "yes", "true", "1", "√", "✓"})
NO = frozenset({"否", "无", "没有", "不设", "未设", "n", "no", "false", "0", "×", "✗"})


class YesNo:
    """Reads whether something holds: a TRUE/FALSE cell, or 是/否 (有/无, 设/不设, yes/no, 1/0, √/× alike)."""

    labels = ("是", "否")

    def __call__(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        written = _key(text(value))
        if written in YES:
            return True
        if written in NO:
            return False
        raise CellProblem(f"“{text(value)}”不是可选的值；请填“是”或“否”")


yes_no = YesNo()
"""Whether something holds, read as ``YesNo`` reads it."""


def words(value: Any) -> list[str]:
    """Several values in one cell, separated by 、 , ， ; ； / or line breaks."""
    return [part for part in (text(p) for p in SEPARATORS.split(str(value))) if part]


class Choice:
    """Reads a code of an enumeration given as its Chinese label (党支部) or its code (branch)."""

    def __init__(self, enum: type[Labelled]) -> None:
        self.enum = enum
        self.labels = tuple(enum.labels().values())
        self.by_name = {_key(member.label): member.value for member in enum}
        self.by_name.update({_key(member.value): member.value for member in enum})

    def __call__(self, value: Any) -> str:
        found = self.by_name.get(_key(text(value)))
        if found is None:
            raise CellProblem(f"“{text(value)}”不是可选的值；可选：{'、'.join(self.labels)}")
        return found


def choice(enum: type[Labelled]) -> Choice:
    """A code of ``enum`` given as its label or its code."""
    return Choice(enum)


def choices(enum: type[Labelled], *, others: bool = False) -> Reader:
    """Several codes of ``enum`` in one cell; with ``others``, a value that is not one of them is kept as written."""
    one = choice(enum)

    def read(value: Any) -> list[str]:
        chosen = []
        for part in words(value):
            try:
                chosen.append(one(part))
            except CellProblem:
                if not others:
                    raise
                chosen.append(part)
        return list(dict.fromkeys(chosen))

    return read


def _key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).replace(" ", "").lower()


def credit_code(value: Any) -> str:
    """A unified social credit code, full-width characters and spaces folded; ``InvalidValue`` (the domain's own
    check, its check character included) when it is not one."""
    return checked_credit_code(folded(value))


def credit_codes(value: Any) -> list[str]:
    """Several credit codes in one cell."""
    return list(dict.fromkeys(credit_code(part) for part in words(value)))
