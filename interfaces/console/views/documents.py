"""The documents a page reads: the live view, caught up with the log, each kind read once per page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from application.projections.documents import Doc
from application.projections.runner import ViewAhead, ViewNotCurrent, ViewRunner
from application.register import Register


class ViewsBehind(RuntimeError):
    """The views did not catch up with the log in time, or (``ahead``) stand on positions the log no longer holds;
    the page would leave out recorded facts, or show facts the log no longer has."""

    def __init__(self, message: str, *, ahead: bool = False) -> None:
        super().__init__(message)
        self.ahead = ahead


class Snapshot:
    """The live view as one page reads it: every document of a kind, read once and kept for the page."""

    def __init__(self, view: Any) -> None:
        self.view = view
        self._kinds: dict[str, list[Doc]] = {}
        self._position = view.position()

    def all(self, kind: str) -> list[Doc]:
        if kind not in self._kinds:
            self._kinds[kind] = self.view.all(kind)
        return self._kinds[kind]

    def position(self) -> int:
        return self._position

    def load(self, ids: Iterable[str]) -> dict[str, Doc]:
        wanted = [i for i in ids if i]
        return self.view.load(wanted) if wanted else {}

    def names(self, ids: Iterable[str]) -> dict[str, str]:
        """The names of the records with these ids (members, chambers or organizations)."""
        return {ident: doc.get("name", ident) for ident, doc in self.load(ids).items()}


def snapshot(register: Register, runner: ViewRunner) -> Snapshot:
    """The live view once it holds every event recorded so far (while the store refuses writes: the view as stored
    with the events it lacks folded on top, in memory)."""
    try:
        view = runner.readable(register.recorder.max_notification_id())
    except ViewAhead as error:
        raise ViewsBehind(str(error), ahead=True) from None
    except ViewNotCurrent:
        raise ViewsBehind("the views are behind the log") from None
    return Snapshot(view)
