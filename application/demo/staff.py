"""The register's staff as the demo plays them: every change is one of the Register's commands, asked by a
registrar or an assessor with a request id and a reason, inside the load's batch."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from application.base import Recorded
from application.batch import Batch
from application.context import CommandContext
from application.demo import names
from application.register import Register

A = TypeVar("A")
COMMIT_EVERY = 4000


class Staff:
    """Asks the Register's commands; the batch stores their events every few thousand, and counts them."""

    def __init__(self, register: Register, seed: int, batch: Batch, progress: Callable[[int], None]) -> None:
        self.register = register
        self.seed = seed
        self.batch = batch
        self.progress = progress
        self._requests = random.Random(f"ficledger-demo-requests-{seed}")
        self._reported = 0

    def context(self, role: str, reason: str) -> CommandContext:
        people = names.REGISTRARS if role == "registrar" else names.ASSESSORS
        request = uuid.UUID(int=self._requests.getrandbits(128), version=4)
        return CommandContext(self._requests.choice(people), role, str(request), reason)

    def ask(
        self, command: Callable[..., Recorded[A]], reason: str, *args: Any, role: str = "registrar", **kw: Any
    ) -> A:
        """Run one of the Register's commands as a member of staff in ``role``, giving ``reason``; its new state."""
        aggregate = command(self.context(role, reason), *args, **kw).aggregate
        if self.batch.pending >= COMMIT_EVERY:
            self.commit()
        return aggregate

    def commit(self) -> None:
        """Store what the batch holds and report every event stored since the last report, including those the
        batch stored on its own (before a command that reads the log)."""
        self.batch.commit()
        self.progress(self.batch.stored - self._reported)
        self._reported = self.batch.stored
