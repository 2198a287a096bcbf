"""The register's projection, on the library's ``Projection`` class: events in, documents and tracking out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection

from application.projections.documents import FOLDS, apply
from application.projections.views import DocumentView


class RegisterProjection(Projection[Any]):
    """Folds events into one document per aggregate. ``process_batch`` writes a whole batch and the tracking record
    of its last event in one transaction; ``process_event`` is the library's one-event form of the same."""

    name = "register_view"

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        self.process_batch([domain_event], tracking)

    def process_batch(self, events: Sequence[Any], tracking: Tracking) -> None:
        view: DocumentView = self.view
        touched = {str(e.originator_id) for e in events if type(e).__qualname__ in FOLDS}
        docs = view.load(touched) if touched else {}
        changed = {ident for ident in (apply(docs, e) for e in events) if ident is not None}
        view.save({ident: docs[ident] for ident in changed}, tracking)
