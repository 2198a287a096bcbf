"""Every code the register records carries its Chinese label, and stays equal to the plain string it always was."""

from __future__ import annotations

import json

import pytest

from domain import values
from domain.coverage import Coverage
from domain.errors import InvalidValue
from domain.labelled import Labelled
from domain.values import BranchKind, Grade, MemberStatus, parse_enum

ENUMS = [
    member
    for member in vars(values).values()
    if isinstance(member, type) and issubclass(member, Labelled) and member is not Labelled
]


def test_every_enumeration_of_the_domain_is_labelled() -> None:
    assert {e.__name__ for e in ENUMS} >= {
        "ChamberKind",
        "ChamberStatus",
        "FourGoodLevel",
        "MemberStatus",
        "LeaveReason",
        "KeyFocusCriterion",
        "BranchKind",
        "BranchStatus",
        "ManagementBasis",
        "Activity",
        "VetoFinding",
        "Movement",
        "Grade",
        "GradeStanding",
        "RoundStatus",
        "RectificationStatus",
        "RectificationOutcome",
    }
    assert not [
        v
        for v in vars(values).values()
        if isinstance(v, type) and issubclass(v, values.StrEnum) and not issubclass(v, Labelled)
        if v is not values.StrEnum
    ]


@pytest.mark.parametrize("enum", [*ENUMS, Coverage], ids=lambda e: e.__name__)
def test_each_code_has_a_chinese_label_of_its_own(enum: type[Labelled]) -> None:
    labels = enum.labels()
    assert list(labels) == [m.value for m in enum]
    assert all(any("\u4e00" <= c <= "\u9fff" for c in label) for label in labels.values())
    assert len(set(labels.values())) == len(labels)


def test_a_code_is_its_plain_string_in_events_documents_and_json() -> None:
    assert Grade.ADVANCED == "advanced"
    assert Grade("advanced") is Grade.ADVANCED
    assert Grade.ADVANCED.label == "先进"
    assert f"{Grade.WEAK}" == "weak"
    assert json.dumps({"status": MemberStatus.LEFT}) == '{"status": "left"}'
    assert BranchKind.labels()["joint_committee"] == "街道商会联合党委"


def test_an_unknown_code_is_refused_naming_the_field_and_the_codes() -> None:
    assert parse_enum(BranchKind, "joint_branch", "kind") is BranchKind.JOINT_BRANCH
    with pytest.raises(InvalidValue) as raised:
        parse_enum(BranchKind, "cell", "kind")
    assert raised.value.field == "kind"
    assert "joint_committee" in raised.value.message
