"""What every report shares: the documents it reads, its name, and the stamp that lets anyone reproduce it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from operator import itemgetter
from typing import Any, Protocol

import orjson

from application.projections.documents import Doc
from domain.branch import stood
from domain.labelled import Labelled


class ReportName(Labelled):
    """The reports, by the name each carries in its ``report`` field."""

    CLASSIFICATION = "classification", "年度分类定级"
    COVERAGE = "coverage", "两个覆盖"
    CHAMBERS = "chambers", "商会情况"
    ORGANIZATIONAL_LIFE = "organizational_life", "组织生活落实情况"
    KEY_FOCUS = "key_focus", "重点关注对象"
    PUBLICITY_NOTICE = "publicity_notice", "分类定级结果公示名单"


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


def as_date(iso: str | None) -> date | None:
    """A document's ISO date as a date, for asking the domain's rules."""
    return date.fromisoformat(iso) if iso is not None else None


def branch_stood(branch: Doc, first: date, last: date | None = None) -> bool:
    """Whether a branch document's organization stood on a day from ``first`` to ``last``, as the domain judges."""
    return stood(date.fromisoformat(branch["founded_on"]), as_date(branch["ended_on"]), first, last)


def named(doc: Doc) -> dict[str, str]:
    """An organization, member or chamber as a report lists it: ``{id, name}``, named as its document names it."""
    return {"id": doc["id"], "name": doc["name"]}


def by_name(docs: Iterable[Doc]) -> list[Doc]:
    """Documents in the order of names, then ids, as the lists go."""
    return sorted(docs, key=itemgetter("name", "id"))


def counts(codes: Iterable[str]) -> dict[str, int]:
    """A row of counts by each grade of a round's set (``codes``, best first), with the ungraded and the total."""
    return {**dict.fromkeys(codes, 0), "ungraded": 0, "total": 0}
