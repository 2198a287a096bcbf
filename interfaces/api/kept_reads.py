"""Answers of current state and of reports, kept as the encoded bytes they were sent as.

A record's document changes only with its version, and with what else it is presented by (the day, for what falls
overdue; for an organization, the years whose round has closed): kept by record, version and those, it is answered
again without presenting or encoding it. A report is kept by its fingerprint, which covers all it says (position,
scope, day, content). Both are bounded in bytes, least recently asked first out (``PageCache``).

Each answer carries its ``ETag`` (a record's version, a report's fingerprint). A report answers 304 to an
``If-None-Match`` naming its fingerprint; a record answers 304 to one naming its version only when its document is
fixed by the version alone (a member): a chamber's or an organization's changes with the day without a new version.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

import orjson
from fastapi.responses import Response

from application.base import shared_reads
from application.register import Register
from application.scope import confined_to
from application.state import branch_state, chamber_state, member_state
from domain.scope import Scope
from interfaces.api.etags import names
from interfaces.api.kept_pages import KeptPage, PageCache

JSON = "application/json"
STATE_BUDGET = 16 * 1024 * 1024
"""Bytes of encoded record documents kept in one process: a few thousand records."""


@dataclass(frozen=True)
class Current:
    """How one kind of record is read as it stands now: ``load`` it, what besides its version its document depends
    on (``fixed_by``, empty when nothing), and ``present`` it given those."""

    kind: str
    load: Callable[[Register, UUID], Any]
    fixed_by: Callable[[Register, Any], tuple[Hashable, ...]]
    present: Callable[[Any, tuple[Any, ...]], dict[str, Any]]


MEMBER = Current("member", lambda app, i: app.get_member(i), lambda app, m: (), lambda m, _: member_state(m))
CHAMBER = Current(
    "chamber",
    lambda app, i: app.get_chamber(i),
    lambda app, c: (date.today(),),
    lambda c, by: chamber_state(c, on=by[0]),
)
BRANCH = Current(
    "branch",
    lambda app, i: app.get_branch(i),
    lambda app, b: (date.today(), frozenset(app.final_years(list(b.grades)))),
    lambda b, by: branch_state(b, set(by[1]), on=by[0]),
)
CURRENT = {"members": MEMBER, "chambers": CHAMBER, "branches": BRANCH}
"""Records read at ``/v1/<collection>/{id}``, by collection."""


def etag(version: int) -> str:
    return f'"{version}"'


def kept_state(
    states: PageCache, register: Register, current: Current, ident: UUID, scope: Scope | None
) -> tuple[KeptPage, bool]:
    """The record's document now, encoded (kept, or presented, encoded and kept), and whether its version alone
    fixes it. NotFound when there is none, or none in ``scope``."""
    with confined_to(scope), shared_reads():
        aggregate = current.load(register, ident)
        version = aggregate.version
        fixed_by = current.fixed_by(register, aggregate)
        key = (current.kind, ident, fixed_by)
        kept = states.get(key, version)
        if kept is None:
            kept = KeptPage(version, orjson.dumps(current.present(aggregate, fixed_by)), etag(version), (str(ident),))
            states.put(key, kept)
    return kept, not fixed_by


def state_answer(
    states: PageCache,
    register: Register,
    current: Current,
    ident: UUID,
    scope: Scope | None,
    if_none_match: str | None,
) -> Response:
    """A record as it stands now, with its version as the ``ETag`` (304 when ``If-None-Match`` names it and the
    version alone fixes the document)."""
    kept, by_version = kept_state(states, register, current, ident, scope)
    if by_version and names(if_none_match, kept.tag):
        return Response(status_code=304, headers={"ETag": kept.tag})
    return Response(kept.body, media_type=JSON, headers={"ETag": kept.tag})


def report_answer(bodies: PageCache, report: dict[str, Any], if_none_match: str | None) -> Response:
    """A report as JSON, its fingerprint as the ``ETag``; 304 when ``If-None-Match`` names it. The encoded report
    is kept by its fingerprint."""
    tag = f'"{report["fingerprint"]}"'
    if names(if_none_match, tag):
        return Response(status_code=304, headers={"ETag": tag})
    key = ("report", report["fingerprint"])
    kept = bodies.get(key, report["position"])
    if kept is None:
        kept = KeptPage(report["position"], orjson.dumps(report), tag, ())
        bodies.put(key, kept)
    return Response(kept.body, media_type=JSON, headers={"ETag": tag})
