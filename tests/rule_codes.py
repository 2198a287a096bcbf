"""Every rule code the register can answer with, read from the source with ``ast``: the codes a ``RuleViolation`` is
raised with, the quota warnings, and the codes the other refusals carry (texts, the calendar, scopes, the API's
own), so the tests of the Chinese messages and of README hold them to the code."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from domain.values import BranchStatus

ROOT = Path(__file__).resolve().parents[1]
CARRIERS = {"RuleViolation", "TextFault", "QuotaWarning"}
"""The calls whose first argument is a rule code."""


def _trees(*folders: str) -> Iterator[tuple[Path, ast.Module]]:
    for folder in folders:
        for source in sorted((ROOT / folder).rglob("*.py")):
            yield source, ast.parse(source.read_text(encoding="utf-8"))


def _called(node: ast.Call) -> str:
    return node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")


def raised_rules() -> set[str]:
    """Every rule code a ``RuleViolation`` is raised with in the domain and the application, read from their
    source; a code made from a status (``branch.{self.status}``) stands for each status but ``active``, and the
    codes of a correction of a record's first day are those each ``BeginningDay`` names."""
    codes: set[str] = set()
    for source, tree in _trees("domain", "application"):
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            if _called(node) == "BeginningDay":
                codes |= {a.value for a in node.args[:2] if isinstance(a, ast.Constant)}
            if _called(node) != "RuleViolation":
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                codes.add(first.value)
            elif ast.unparse(first) in ("day.unchanged", "day.after_fact"):
                continue
            elif isinstance(first, ast.JoinedStr) and ast.unparse(first) == "f'branch.{self.status}'":
                codes |= {f"branch.{s.value}" for s in BranchStatus if s is not BranchStatus.ACTIVE}
            else:
                raise AssertionError(f"{source}:{node.lineno}: a rule code this test cannot read")
    return codes


def warned_rules() -> set[str]:
    """The codes of the quota warnings (``QuotaWarning``, ``domain/quotas.py``): warned of, never refused."""
    return {
        node.args[0].value
        for _, tree in _trees("domain")
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and _called(node) == "QuotaWarning"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


def produced_rules() -> set[str]:
    """Every code the source gives a refusal or a warning: ``raised_rules`` and ``warned_rules``, a text fault's, a
    ``RuleViolation`` subclass's (``super().__init__("calendar.year_unknown", ...)``), an error class's ``rule``
    attribute (``scope.outside``) and a problem's ``rule=`` (``concurrency.conflict``)."""
    codes = raised_rules() | warned_rules()
    for _, tree in _trees("domain", "application", "interfaces"):
        for node in ast.walk(tree):
            given: ast.expr | None = None
            if isinstance(node, ast.Call) and node.args and (_called(node) in CARRIERS or _super_init(node)):
                given = node.args[0]
            elif isinstance(node, ast.keyword) and node.arg == "rule":
                given = node.value
            elif isinstance(node, ast.ClassDef):
                for statement in node.body:
                    if isinstance(statement, ast.Assign) and [ast.unparse(t) for t in statement.targets] == ["rule"]:
                        codes |= _code(statement.value)
            if given is not None:
                codes |= _code(given)
    return codes


def _super_init(node: ast.Call) -> bool:
    return (
        _called(node) == "__init__"
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Call)
        and _called(node.func.value) == "super"
    )


def _code(node: ast.expr) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and "." in node.value:
        return {node.value}
    return set()
