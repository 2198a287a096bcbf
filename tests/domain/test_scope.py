"""A scope as a key writes it, and which records it holds: a street's members, chambers and organizations, or the
organizations a managing unit manages."""

from __future__ import annotations

import pytest

from domain.scope import Scope, ScopeKind


def test_a_street_and_a_unit_are_read_as_written() -> None:
    street = Scope.parse("street=招商街道")
    unit = Scope.parse("unit= 招商街道党工委 ")
    assert (street.kind, street.name) == (ScopeKind.STREET, "招商街道")
    assert (unit.kind, unit.name) == (ScopeKind.UNIT, "招商街道党工委")
    assert str(street) == "street=招商街道"
    assert Scope.parse(str(unit)) == unit
    assert street.label == "街道：招商街道"
    assert unit.label == "管理单位：招商街道党工委"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("district=南山区", "unknown scope 'district'"),
        ("street", "unknown scope 'street'"),
        ("Street=招商街道", "unknown scope"),
        ("street=", "1 to 100 printable characters"),
        ("street=  ", "1 to 100 printable characters"),
        ("street=招商\x07街道", "printable"),
        ("street=" + "街" * 101, "1 to 100"),
        ("unit=" + "委" * 201, "1 to 200"),
    ],
)
def test_a_scope_that_cannot_be_used_is_refused_naming_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Scope.parse(text)


def test_a_street_holds_its_members_chambers_and_organizations_only() -> None:
    street = Scope.parse("street=招商街道")
    for record in ("member", "chamber", "branch"):
        assert street.covers(record, "招商街道", "区非公党委")
        assert not street.covers(record, "蛇口街道", "招商街道党工委")
    assert not street.covers("round", "招商街道")


def test_a_unit_holds_the_organizations_it_manages_and_nothing_else() -> None:
    unit = Scope.parse("unit=招商街道党工委")
    assert unit.covers("branch", "蛇口街道", "招商街道党工委")
    assert not unit.covers("branch", "招商街道", "区非公党委")
    assert not unit.covers("member", "招商街道", "招商街道党工委")
    assert not unit.covers("chamber", "招商街道", "招商街道党工委")


def test_the_field_that_decides_is_named() -> None:
    assert Scope.parse("street=招商街道").outside_field("branch") == "street"
    assert Scope.parse("unit=招商街道党工委").outside_field("branch") == "managing_unit"
