"""Application errors, beside the domain's RuleViolation and InvalidValue that pass through unchanged."""

from __future__ import annotations

from uuid import UUID

from domain.errors import DomainError, InvalidValue, RuleViolation

__all__ = ["ConcurrentWrite", "DomainError", "InvalidValue", "NotFound", "RuleViolation", "VersionMismatch"]


class NotFound(Exception):
    """No such member, chamber, branch or grading round (or not at that version or time)."""

    def __init__(self, kind: str, ident: UUID | str | int) -> None:
        super().__init__(f"no {kind} {ident}")
        self.kind = kind
        self.ident = ident


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
