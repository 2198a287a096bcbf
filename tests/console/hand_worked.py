"""The hand-worked district of the report tests with its live view, for the console's view functions."""

from __future__ import annotations

from dataclasses import dataclass

from application.projections.runner import ViewRunner
from application.register import Register
from interfaces.console.views.documents import Snapshot, snapshot
from tests.application.reports.scenario import District


@dataclass
class Built:
    register: Register
    district: District
    runner: ViewRunner

    def snapshot(self) -> Snapshot:
        return snapshot(self.register, self.runner)
