"""Verifications of the chain run in a thread of their own, so that the auditor's page answers at once on a long
log and shows how far the walk has come; the same verification asked while one runs joins it."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from application.audit.verify import Verification, verify
from application.register import Register

KEPT = 20
log = logging.getLogger("ficledger.console")


@dataclass
class Job:
    """One verification: what it checks against, how far it has come, and its outcome once done."""

    ident: str
    anchor: tuple[int, str] | None
    total: int
    started: float = field(default_factory=time.perf_counter)
    checked: int = 0
    result: Verification | None = None
    failure: str | None = None
    seconds: float = 0.0
    finished_at: datetime | None = None
    done: threading.Event = field(default_factory=threading.Event)


class Verifications:
    """The verifications of one app: the running one for each anchor, and the last few outcomes."""

    def __init__(self) -> None:
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()

    def start(self, register: Register, anchor: tuple[int, str] | None) -> Job:
        """A verification of the whole log (against ``anchor`` if given): the one running for it, or a new one."""
        with self._lock:
            running = next((j for j in self._jobs.values() if j.anchor == anchor and not j.done.is_set()), None)
            if running is not None:
                return running
            job = Job(uuid.uuid4().hex, anchor, register.recorder.max_notification_id() or 0)
            self._jobs[job.ident] = job
            while len(self._jobs) > KEPT:
                self._jobs.popitem(last=False)
        threading.Thread(target=self._run, args=(register, job), name="ficledger-verify", daemon=True).start()
        return job

    def get(self, ident: str) -> Job | None:
        with self._lock:
            return self._jobs.get(ident)

    @staticmethod
    def _run(register: Register, job: Job) -> None:
        def progress(count: int) -> None:
            job.checked += count

        try:
            job.result = verify(register, job.anchor, progress)
        except Exception as error:  # the page says it failed; the log keeps the cause
            log.exception("verification failed")
            job.failure = type(error).__name__
        finally:
            job.seconds = time.perf_counter() - job.started
            job.finished_at = datetime.now(UTC)
            job.done.set()
