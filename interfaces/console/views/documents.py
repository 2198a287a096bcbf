"""The documents a page reads: the live view, caught up with the log, each kind read once per page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from application.projections.documents import Doc
from application.projections.kept import KeptDocuments
from application.projections.runner import ViewAhead, ViewNotCurrent, ViewRunner
from application.register import Register
from application.scope import in_scope_doc
from domain.scope import Scope


class ViewsBehind(RuntimeError):
    """The views did not catch up with the log in time, or (``ahead``) stand on positions the log no longer holds;
    the page would leave out recorded facts, or show facts the log no longer has."""

    def __init__(self, message: str, *, ahead: bool = False) -> None:
        super().__init__(message)
        self.ahead = ahead


class Snapshot:
    """The live view as one page reads it: every document of a kind, read once and kept for the page; with a
    ``scope``, only the documents in it (and every round's)."""

    def __init__(self, view: Any, scope: Scope | None = None) -> None:
        self.view = view
        self.scope = scope
        self._kinds: dict[str, list[Doc]] = {}
        self._position = view.position()

    def all(self, kind: str) -> list[Doc]:
        if kind not in self._kinds:
            self._kinds[kind] = [d for d in self.view.all(kind) if in_scope_doc(self.scope, d)]
        return self._kinds[kind]

    def position(self) -> int:
        return self._position

    def load(self, ids: Iterable[str]) -> dict[str, Doc]:
        wanted = [i for i in ids if i]
        found = self.view.load(wanted) if wanted else {}
        return {i: d for i, d in found.items() if in_scope_doc(self.scope, d)}

    def names(self, ids: Iterable[str]) -> dict[str, str]:
        """The names of the records with these ids (members, chambers or organizations)."""
        return {ident: doc.get("name", ident) for ident, doc in self.load(ids).items()}


def snapshot(
    register: Register, runner: ViewRunner, scope: Scope | None = None, kept: KeptDocuments | None = None
) -> Snapshot:
    """The live view once it holds every event recorded so far, as ``scope`` sees it (while the store refuses
    writes: the view as stored with the events it lacks folded on top, in memory); with ``kept``, its documents
    as kept in memory at that position."""
    end = register.recorder.max_notification_id()
    try:
        view = runner.readable(end)
        if kept is not None:
            view = kept.at(view, end or 0)
    except ViewAhead as error:
        raise ViewsBehind(str(error), ahead=True) from None
    except ViewNotCurrent:
        raise ViewsBehind("the views are behind the log") from None
    return Snapshot(view, scope)
