"""The one place that decides whether a record lies in a key's scope, for the register's commands and queries, the
views' documents, the lists and the reports.

A caller confines what follows to a scope with ``confined_to(scope)`` (no scope: the whole district). Inside it the
register treats a member, chamber or organization outside the scope as if it did not exist (``NotFound``, or the
``InvalidValue`` a missing record named in a command gets), refuses to record a record that would end outside the
scope (``OutsideScope``) and refuses the district's own commands (``DistrictOnly``). Documents are cut with
``in_scope_doc``, ``ScopedDocuments`` and ``list_filters``; a grading round is the district's, and a scoped reader
sees only the objections raised about the organizations in its scope.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any
from uuid import UUID

from application.errors import DistrictOnly
from application.projections.documents import Doc
from domain.aggregates import Chamber, Member, PartyBranch
from domain.scope import Scope, ScopeKind

_current: ContextVar[Scope | None] = ContextVar("ficledger_scope", default=None)

KINDS: dict[type[Any], str] = {Member: "member", Chamber: "chamber", PartyBranch: "branch"}
"""The aggregates a scope can hold, by the kind of record each is."""


@contextmanager
def confined_to(scope: Scope | None) -> Iterator[None]:
    """The register's commands and queries inside this block reach only the records of ``scope`` (None: all)."""
    token = _current.set(scope)
    try:
        yield
    finally:
        _current.reset(token)


def current_scope() -> Scope | None:
    """The scope the running block is confined to; None for the whole district."""
    return _current.get()


def record_kind(aggregate: Any) -> str | None:
    """``member``, ``chamber`` or ``branch`` for an aggregate a scope can hold; None for the district's own."""
    return KINDS.get(type(aggregate))


def in_scope(scope: Scope | None, aggregate: Any) -> bool:
    """Whether an aggregate, as it stands, lies in ``scope``; everything does when there is no scope, and a
    grading round or a chamber name's claim always does."""
    kind = record_kind(aggregate)
    if scope is None or kind is None:
        return True
    return scope.covers(kind, getattr(aggregate, "street", None), getattr(aggregate, "managing_unit", None))


def in_scope_doc(scope: Scope | None, doc: Doc) -> bool:
    """Whether a view's document lies in ``scope``; a round's document always does."""
    if scope is None or doc.get("type") == "round":
        return True
    return scope.covers(doc["type"], doc.get("street"), doc.get("managing_unit"))


def require_district(what: str) -> None:
    """``DistrictOnly`` when the running block is confined to a scope."""
    scope = current_scope()
    if scope is not None:
        raise DistrictOnly(scope, what)


class ScopedDocuments:
    """A view as a scope sees it: the documents outside the scope left out, except the kinds in ``whole`` (read
    to judge the records in scope, never listed)."""

    def __init__(self, view: Any, scope: Scope, whole: Iterable[str] = ()) -> None:
        self.view = view
        self.scope = scope
        self.whole = frozenset(whole)

    def all(self, kind: str) -> list[Doc]:
        docs = self.view.all(kind)
        if kind in self.whole:
            return docs
        return [d for d in docs if in_scope_doc(self.scope, d)]

    def admits(self, doc: Doc) -> bool:
        """Whether ``doc`` lies in the scope (also a document of a kind read whole)."""
        return in_scope_doc(self.scope, doc)

    def position(self) -> int:
        return int(self.view.position())

    def load(self, ids: Iterable[str]) -> dict[str, Doc]:
        return {i: d for i, d in self.view.load(ids).items() if in_scope_doc(self.scope, d)}


def list_filters(scope: Scope | None, kind: str, filters: dict[str, Any]) -> dict[str, Any] | None:
    """A list's filters with the scope's added; None when nothing of ``kind`` can lie in the scope (a unit's
    scope holds no members or chambers) or a filter asks for another street or unit than the scope's."""
    if scope is None:
        return filters
    if scope.kind == ScopeKind.STREET:
        name, value = "street", scope.name
    elif kind == "branch":
        name, value = "managing_unit", scope.name
    else:
        return None
    if filters.get(name) not in (None, value):
        return None
    return {**filters, name: value}


def cut_objections(state: dict[str, Any], branch_in_scope: Callable[[str], bool]) -> dict[str, Any]:
    """A round's state with only the objections about organizations ``branch_in_scope`` admits."""
    return {**state, "objections": [o for o in state["objections"] if branch_in_scope(str(o["branch_id"]))]}


def round_as_seen(register: Any, state: dict[str, Any]) -> dict[str, Any]:
    """A round's state as the running block's scope sees it: whole for the district, else with only the
    objections about organizations ``register`` reaches in that scope."""
    if current_scope() is None:
        return state
    return cut_objections(state, lambda branch: register.reaches(PartyBranch, UUID(branch), "branch"))
