"""Chinese names of the register's codes as the console shows them: grades, kinds, statuses, events and fields.

A grade is named by its round's set (``grade_label``, ``round_labels``); ``label("grade", ...)`` knows the default set.

The words are the domain's (``domain.labelled`` enums, ``domain.vocabulary``); only the words of the console itself
(the roles of keys, the kinds of record) are kept here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from domain.grade_set import MAX_GRADES, set_of
from domain.labelled import Labelled
from domain.rectification import HelperRole
from domain.values import (
    Activity,
    BranchKind,
    BranchStatus,
    ChamberKind,
    ChamberStatus,
    FourGoodLevel,
    Grade,
    KeyFocusCriterion,
    LeaveReason,
    ManagementBasis,
    MemberStatus,
    RectificationOutcome,
    RectificationStatus,
    RoundStatus,
    VetoFinding,
)
from domain.vocabulary import EVENTS, FIELDS

ENUMS: dict[str, type[Labelled]] = {
    "grade": Grade,
    "branch_kind": BranchKind,
    "chamber_kind": ChamberKind,
    "basis": ManagementBasis,
    "leave_reason": LeaveReason,
    "criterion": KeyFocusCriterion,
    "level": FourGoodLevel,
    "activity": Activity,
    "outcome": RectificationOutcome,
    "helper_role": HelperRole,
    "veto": VetoFinding,
    "member_status": MemberStatus,
    "chamber_status": ChamberStatus,
    "branch_status": BranchStatus,
    "round_status": RoundStatus,
    "rectification": RectificationStatus,
}

WORDS: dict[str, dict[str, str]] = {
    "field": FIELDS,
    "event": EVENTS,
    "grade": {"ungraded": FIELDS["ungraded"]},
    "role": {
        "registrar": "登记员",
        "assessor": "评定员",
        "auditor": "审计员",
        "reader": "查阅员",
        "admin": "管理员",
        "system": "系统",
    },
    "kind": {"member": "会员企业", "chamber": "商会", "branch": "党组织", "round": "年度分类定级"},
}


def label(vocabulary: str, code: object) -> str:
    """The Chinese name of ``code`` in ``vocabulary`` (``label("grade", "weak")`` is 软弱涣散), else the code."""
    if code is None or code == "":
        return ""
    enum = ENUMS.get(vocabulary)
    if enum is not None and str(code) in enum.labels():
        return enum(str(code)).label
    return WORDS.get(vocabulary, {}).get(str(code), str(code))


def grade_label(code: object, grades: Mapping[str, str] | None = None) -> str:
    """The Chinese name of a grade in its round's set (``grades``: code → label), else in the default set, else the
    code."""
    if grades and str(code) in grades:
        return grades[str(code)]
    return label("grade", code)


def grade_css(code: str, position: int) -> str:
    """The class a grade is drawn in: a grade of the default set (and the ungraded) in its own colour, any other in
    the colour of its place in its round's set, best first."""
    return f"grade-{code}" if code in {*Grade.labels(), "ungraded"} else f"grade-step-{min(position, MAX_GRADES - 1)}"


class Rounds(Protocol):
    """Whatever holds the rounds' documents (a snapshot of the views)."""

    def all(self, kind: str) -> Iterable[Mapping[str, Any]]: ...


def round_labels(view: Rounds) -> dict[int, dict[str, str]]:
    """The grades of each year's round, code → Chinese label, best first, as its recorded policy sets them."""
    return {doc["year"]: set_of(doc["policy"]).labels() for doc in view.all("round")}


def options(vocabulary: str) -> list[tuple[str, str]]:
    """Every code of ``vocabulary`` with its Chinese name, in the domain's order: the choices of a select."""
    enum = ENUMS.get(vocabulary)
    return list(enum.labels().items()) if enum is not None else list(WORDS.get(vocabulary, {}).items())
