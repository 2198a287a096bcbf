"""Application errors, beside the domain's RuleViolation and InvalidValue that pass through unchanged."""

from __future__ import annotations

from uuid import UUID

from domain.errors import DomainError, InvalidValue, RuleViolation
from domain.scope import Scope

__all__ = [
    "ConcurrentWrite",
    "DatabaseFunctionsRefused",
    "DistrictOnly",
    "DomainError",
    "InvalidValue",
    "NotFound",
    "OutsideScope",
    "RuleViolation",
    "StoreConfigError",
    "VersionMismatch",
]


class NotFound(Exception):
    """No such member, chamber, branch or grading round (or not at that version or time)."""

    def __init__(self, kind: str, ident: UUID | str | int) -> None:
        super().__init__(f"no {kind} {ident}")
        self.kind = kind
        self.ident = ident


class OutsideScope(InvalidValue):
    """A command would record a record outside the caller's scope (a member joining in another street, an
    organization handed to another unit); nothing is recorded. ``rule`` is ``scope.outside``."""

    rule = "scope.outside"

    def __init__(self, scope: Scope, field: str, kind: str) -> None:
        records = {"member": "members", "chamber": "chambers", "branch": "organizations"}.get(kind, "records")
        super().__init__(field, f"a key scoped to {scope} records only {records} of that {scope.kind.value}")
        self.scope = scope
        self.kind = kind


class DistrictOnly(Exception):
    """A command or a read of the whole district, asked by a key confined to a scope. ``rule`` is
    ``scope.district_only``."""

    rule = "scope.district_only"

    def __init__(self, scope: Scope, what: str) -> None:
        super().__init__(f"{what} is the whole district's: a key scoped to {scope} may not use it")
        self.scope = scope
        self.what = what


class VersionMismatch(Exception):
    """The caller's expected version (``If-Match``) is not the aggregate's current version."""

    def __init__(self, expected: int, actual: int) -> None:
        super().__init__(f"expected version {expected}, the current version is {actual}")
        self.expected = expected
        self.actual = actual


class ConcurrentWrite(Exception):
    """Another writer recorded on the same aggregate first; nothing of this command was recorded."""

    def __init__(self) -> None:
        super().__init__("another command was recorded on this record at the same time; load it again and retry")


class StoreConfigError(ValueError):
    """The store cannot be used as configured (its database URL, or a library setting the register refuses)."""


class DatabaseFunctionsRefused(StoreConfigError):
    """``POSTGRES_ENABLE_DB_FUNCTIONS`` is on: the library would insert events through a stored function that
    writes neither the hash chain nor the idempotent answer, so the register refuses to open the store."""

    def __init__(self, variable: str, value: str) -> None:
        super().__init__(
            f"不能启用 {variable}={value}：经数据库函数写入的事件不进哈希链，也不写幂等应答，请删除此设置"
            f" (ficledger refuses {variable}: events inserted by the database function would skip the hash chain"
            " and the idempotent answer; unset it)"
        )
        self.variable = variable
        self.value = value
