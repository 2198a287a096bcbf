"""The register's projection, on the library's ``Projection`` class: events in, documents and tracking out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection

from application.projections.documents import FOLDS, TOPICS, apply
from application.projections.views import DocumentView

Tracked = tuple[Any, Tracking]


class RegisterProjection(Projection[DocumentView]):
    """Folds events into one document per aggregate, each event exactly once however many projectors run.

    ``process_batch`` works inside the view's lock, in one transaction: it reads the position the view holds,
    folds only the events past it, and writes the documents with the tracking record of the batch's last
    position. ``process_event`` is the library's one-event form of the same."""

    name = "register_view"
    topics = tuple(sorted(TOPICS))

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        self.process_batch([(domain_event, tracking)], tracking)

    def process_batch(self, events: Sequence[Tracked], last: Tracking, after: int | None = None) -> int:
        """Fold ``events`` (each with the tracking of its log position) and advance the view to ``last``; the
        position the view holds afterwards. ``after`` is the position the batch was read from: when the view
        holds less than that (a rebuild moved it back), the batch does not join it and nothing is folded."""
        with self.view.locked() as batch:
            held = batch.position()
            if held >= last.notification_id or (after is not None and held < after):
                return held
            fresh = [event for event, tracking in events if tracking.notification_id > held]
            touched = {str(e.originator_id) for e in fresh if type(e) in FOLDS}
            docs = batch.load(touched) if touched else {}
            changed = {ident for ident in (apply(docs, e) for e in fresh) if ident is not None}
            batch.save({ident: docs[ident] for ident in changed}, last)
            return last.notification_id
