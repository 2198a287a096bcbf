"""What every report shares: the documents it reads, grade labels, and the stamp that lets anyone reproduce it."""

from __future__ import annotations

import hashlib
from typing import Any, Protocol

import orjson

from application.projections.documents import Doc
from domain.values import GRADE_LABELS, Grade

GRADES = [g.value for g in Grade]
LABELS = {g.value: label for g, label in GRADE_LABELS.items()}


class Documents(Protocol):
    """A view read by reports: every document of a kind, and the last log position folded in."""

    def all(self, kind: str) -> list[Doc]: ...

    def position(self) -> int: ...


def fingerprint(report: dict[str, Any]) -> str:
    """``sha256:`` over the report's canonical JSON (sorted keys, no white space), without the fingerprint itself."""
    body = {k: v for k, v in report.items() if k != "fingerprint"}
    return "sha256:" + hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()


def stamp(report: dict[str, Any], position: int, chain_head: str | None) -> dict[str, Any]:
    report["position"] = position
    report["chain_head"] = chain_head
    report["fingerprint"] = fingerprint(report)
    return report


def active_on(doc: Doc, day: str, start_key: str = "founded_on", end_key: str = "ended_on") -> bool:
    """Whether an organization existed on ``day`` (ISO): founded by then and not yet ended."""
    return doc[start_key] <= day and (doc.get(end_key) is None or doc[end_key] > day)


def counts() -> dict[str, int]:
    return {"advanced": 0, "average": 0, "weak": 0, "ungraded": 0, "total": 0}
