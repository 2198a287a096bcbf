"""Chinese names of the register's codes as the console shows them: grades, kinds, statuses, events and fields.

The words are the domain's (``domain.labelled`` enums, ``domain.vocabulary``); only the words of the console itself
(the roles of keys, the kinds of record) are kept here.
"""

from __future__ import annotations

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


def options(vocabulary: str) -> list[tuple[str, str]]:
    """Every code of ``vocabulary`` with its Chinese name, in the domain's order: the choices of a select."""
    enum = ENUMS.get(vocabulary)
    return list(enum.labels().items()) if enum is not None else list(WORDS.get(vocabulary, {}).items())
