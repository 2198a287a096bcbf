"""Whether the log recorded events of some classes between two positions: what lets a value built from those
events alone (a report, a page's figures) stand for a later position as it is."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from eventsourcing.utils import get_topic

from application.base import RegisterBase


def topics_of(classes: Iterable[type[Any]]) -> tuple[str, ...]:
    """The stored topics of event ``classes``, in a stable order."""
    return tuple(sorted({get_topic(cls) for cls in classes}))


def unchanged(register: RegisterBase, start: int, end: int, topics: Iterable[str]) -> bool:
    """Whether no event of ``topics`` was recorded after position ``start`` up to ``end`` (``start`` <= ``end``)."""
    if start > end:
        return False
    if start == end:
        return True
    found = register.recorder.select_notifications(start, 1, stop=end, topics=tuple(topics), inclusive_of_start=False)
    return not found
