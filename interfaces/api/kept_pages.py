"""List pages already answered, kept encoded by the view position they were read at.

The documents at a view position never change, so a page asked again (the same list, filters, cursor, limit, scope
and, for a filter judged on a day, the day) while the view stands on the position it was read at is answered with
the same bytes, without reading or encoding the documents again. Only the latest position of each page is kept, and
the least recently asked pages are let go once the kept bytes pass a budget: pages run from a few hundred bytes to
about a megabyte (500 documents), so a count of entries would bound nothing.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass

DEFAULT_BUDGET = 32 * 1024 * 1024
"""Bytes of encoded pages kept in one process: the first pages of every list under a few filters and scopes."""


@dataclass(frozen=True)
class KeptPage:
    """One page's answer as encoded at ``position``: its body, the ``ETag`` of that body and the records it names."""

    position: int
    body: bytes
    tag: str
    ids: tuple[str, ...]


def page_tag(body: bytes) -> str:
    """A strong ``ETag`` for a page's body: equal bodies get equal tags in every process and at every position."""
    return f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'


class PageCache:
    """Encoded list pages by all that shapes one, each with the view position it was read at; bounded by ``budget``
    bytes of bodies, least recently asked first out. A page larger than an eighth of the budget is not kept."""

    def __init__(self, budget: int = DEFAULT_BUDGET) -> None:
        self.budget = budget
        self.used = 0
        self._pages: OrderedDict[Hashable, KeptPage] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._pages)

    def get(self, key: Hashable, position: int) -> KeptPage | None:
        """The page kept under ``key`` if it was read at ``position``."""
        with self._lock:
            kept = self._pages.get(key)
            if kept is None or kept.position != position:
                return None
            self._pages.move_to_end(key)
            return kept

    def put(self, key: Hashable, page: KeptPage) -> None:
        """Keep ``page`` under ``key`` in place of any earlier position's, then let the oldest go past the budget."""
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self.used -= len(old.body)
            if len(page.body) * 8 > self.budget:
                return
            self._pages[key] = page
            self.used += len(page.body)
            while self.used > self.budget:
                _, gone = self._pages.popitem(last=False)
                self.used -= len(gone.body)
