"""Domain exceptions: a command that breaks a rule, or a value that is not valid."""

from __future__ import annotations


class DomainError(Exception):
    """Base class of every rejection the domain makes."""


class RuleViolation(DomainError):
    """A command breaks a rule given the current state; nothing is recorded.

    ``rule`` is a stable dotted code (``member.already_active``) that clients can match on; ``chinese``, when
    given, says the same to a person in Chinese.
    """

    def __init__(self, rule: str, message: str, chinese: str | None = None) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.chinese = chinese


class InvalidValue(DomainError):
    """A command carries a value that can never be valid, whatever the state."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
