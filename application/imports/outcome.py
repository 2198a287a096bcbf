"""What an import found: each row's outcome (accepted, unchanged or rejected) with its problems, and the result
document the API answers, the command line prints and the console shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from domain.labelled import Labelled


class RowRejected(Exception):
    """A row the import refuses by itself: a reference to a record that does not exist, a duplicate, or a record
    already in the register with other values. ``field`` is the column it concerns."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class RowStatus(Labelled):
    """What became of a row."""

    ACCEPTED = "accepted", "接受"
    UNCHANGED = "unchanged", "已在登记册中，未变化"
    REJECTED = "rejected", "拒绝"


@dataclass(frozen=True)
class RowProblem:
    """One problem of a row: the row's number in the sheet, the column's letter, the field and a Chinese message."""

    row: int
    column: str | None
    field: str | None
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "field": self.field, "message": self.message}


@dataclass
class RowOutcome:
    """A row's number in the sheet, its status and its problems."""

    row: int
    status: RowStatus
    problems: list[RowProblem] = field(default_factory=list)


@dataclass
class ImportResult:
    """The outcome of one import: its id, what it read, each row's outcome, and whether anything was recorded."""

    import_id: str
    kind: str
    file_sha256: str
    filename: str
    dry_run: bool
    sheet: str = ""
    outcomes: list[RowOutcome] = field(default_factory=list)
    recorded: bool = False
    position: int | None = None

    def count(self, status: RowStatus) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status is status)

    @property
    def problems(self) -> list[RowProblem]:
        return [problem for outcome in self.outcomes for problem in outcome.problems]

    @property
    def rejected(self) -> int:
        return self.count(RowStatus.REJECTED)

    def as_document(self) -> dict[str, Any]:
        """``{import_id, kind, file_sha256, dry_run, recorded, rows, accepted, unchanged, rejected, errors}``."""
        return {
            "import_id": self.import_id,
            "kind": self.kind,
            "file_sha256": self.file_sha256,
            "dry_run": self.dry_run,
            "recorded": self.recorded,
            "rows": len(self.outcomes),
            "accepted": self.count(RowStatus.ACCEPTED),
            "unchanged": self.count(RowStatus.UNCHANGED),
            "rejected": self.rejected,
            "errors": [problem.as_dict() for problem in self.problems],
        }
