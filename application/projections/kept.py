"""The live view's documents kept in memory at a log position, moved forward by folding the log's newer events.

A page that reads every member or organization would otherwise read and decode every document again after each
write. Here they are read once; a later position folds only the events recorded since into copies of the documents
those events change (the same ``apply`` the projector runs), so each position is a snapshot of its own that no
later write changes under a page still reading it.
"""

from __future__ import annotations

import copy
import gc
import threading
from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

from application.base import RegisterBase
from application.projections.documents import KINDS, TOPICS, Doc, apply
from application.projections.runner import SCAN, ViewNotCurrent

ATTEMPTS = 5
HISTORY = 2000
"""How many documents, as they stood before each of the latest moves, a view keeps to say what changed since."""


class KeptView:
    """Every document as the view held them at ``position``; read-only."""

    def __init__(
        self,
        docs: dict[str, Doc],
        position: int,
        kinds: dict[str, list[Doc]] | None = None,
        history: list[tuple[int, dict[str, Doc | None]]] | None = None,
    ) -> None:
        self.docs = docs
        self.last = position
        self._kinds: dict[str, list[Doc]] = kinds or {}
        self._history = history or []
        self._lock = threading.Lock()

    def position(self) -> int:
        return self.last

    def all(self, kind: str) -> list[Doc]:
        with self._lock:
            if kind not in self._kinds:
                self._kinds[kind] = sorted((d for d in self.docs.values() if d["type"] == kind), key=lambda d: d["id"])
            return self._kinds[kind]

    def load(self, ids: Iterable[str]) -> dict[str, Doc]:
        return {i: self.docs[i] for i in ids if i in self.docs}

    def changed_since(self, position: int) -> dict[str, Doc | None] | None:
        """The documents changed since the earlier ``position``, as they stood there (None: not yet recorded),
        when this view was moved forward from there by its latest moves; else None."""
        starts = [at for at, _ in self._history]
        if position not in starts:
            return None
        changed: dict[str, Doc | None] = {}
        for _, before in self._history[starts.index(position) :]:
            for ident, doc in before.items():
                changed.setdefault(ident, doc)
        return changed

    def moved(self, docs: dict[str, Doc], changed: set[str], position: int) -> KeptView:
        """The view at a later ``position`` whose documents are ``docs``, ``changed`` naming those that differ
        from this one's: the lists of kinds already read carry over, with the changed documents put in place; a
        kind that gained a document is listed afresh when first read."""
        with self._lock:
            listed = dict(self._kinds)
        gained: set[str] = set()
        replaced: dict[str, list[str]] = {}
        for ident in changed:
            if ident in self.docs:
                replaced.setdefault(self.docs[ident]["type"], []).append(ident)
            else:
                gained.add(docs[ident]["type"])
        kinds: dict[str, list[Doc]] = {}
        for kind, docs_of_kind in listed.items():
            if kind in gained:
                continue
            if kind in replaced:
                docs_of_kind = list(docs_of_kind)
                for ident in replaced[kind]:
                    docs_of_kind[bisect_left(docs_of_kind, ident, key=lambda d: d["id"])] = docs[ident]
            kinds[kind] = docs_of_kind
        history = [*self._history, (self.last, {ident: self.docs.get(ident) for ident in changed})]
        while history and sum(len(before) for _, before in history) > HISTORY:
            history.pop(0)
        return KeptView(docs, position, kinds, history)


class KeptDocuments:
    """The documents of one register's live view, kept across requests and moved forward position by position."""

    def __init__(self, register: RegisterBase) -> None:
        self.register = register
        self._kept: KeptView | None = None
        self._lock = threading.Lock()
        self.loads = 0

    def at(self, view: Any, end: int) -> KeptView:
        """The documents at the log's position ``end`` (or later), ``view`` being the live view once it holds
        ``end``: read whole from it the first time, then moved forward from the log."""
        with self._lock:
            kept = self._kept
            if kept is None or self._cut_below(kept, end):
                kept = self._read(view)
            if kept.position() < end:
                kept = self._folded(kept, end)
            self._kept = kept
            return kept

    def _cut_below(self, kept: KeptView, end: int) -> bool:
        """Whether the log no longer holds the kept position (its tail was removed): a later position asked for by
        another page is no such case, so the log's end is read again."""
        return kept.position() > end and (self.register.recorder.max_notification_id() or 0) < kept.position()

    def _read(self, view: Any) -> KeptView:
        """Every document of ``view``, read between two equal positions so that no batch landed in between. The
        documents live long: they are moved out of the cyclic collector's reach (``gc.freeze``), whose every full
        pass would otherwise walk them all (some 160 ms at district scale, in the middle of a request); they hold
        no cycles, so those let go later are still freed."""
        for _ in range(ATTEMPTS):
            before = view.position()
            docs = {d["id"]: d for kind in KINDS for d in view.all(kind)}
            if view.position() == before:
                self.loads += 1
                gc.freeze()
                return KeptView(docs, before)
        raise ViewNotCurrent("the view kept moving while it was read; try again shortly")

    def _folded(self, kept: KeptView, end: int) -> KeptView:
        docs = dict(kept.docs)
        copied: set[str] = set()
        start, mapper = kept.position(), self.register.mapper
        while start < end:
            read = self.register.recorder.select_notifications(start, SCAN, stop=end, inclusive_of_start=False)
            for notification in read:
                if notification.topic not in TOPICS:
                    continue
                event = mapper.to_domain_event(notification)
                ident = str(event.originator_id)
                if ident in docs and ident not in copied:
                    docs[ident] = copy.deepcopy(docs[ident])
                copied.add(ident)
                apply(docs, event)
            if len(read) < SCAN:
                break
            start = read[-1].id
        return kept.moved(docs, copied, end)
