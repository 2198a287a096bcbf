"""Progress of a long command on standard error: a tqdm bar on a terminal, plain lines when the output goes to a file
or a pipe (a log, a CI job), where a bar redrawn with carriage returns would be noise."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from tqdm import tqdm

STEPS = 10
EVERY_SECONDS = 10.0
EVENTS = ("个事件", "events")
ROWS = ("行", "rows")
"""What a command counts, in Chinese and in English."""


class PlainProgress:
    """Writes a line at each tenth of a known total (every ten seconds without one), and a summary line at the end."""

    def __init__(self, desc: str, total: int | None, stream: TextIO, unit: tuple[str, str] = EVENTS) -> None:
        self.desc = desc
        self.total = total
        self.stream = stream
        self.unit, self.unit_en = unit
        self.done = 0
        self.started = self.shown_at = time.monotonic()
        self.shown_step = 0

    def update(self, count: int = 1) -> None:
        self.done += count
        if self.total:
            step = min(STEPS, self.done * STEPS // self.total)
            if step > self.shown_step:
                self.shown_step = step
                self.write(f"{self.done:,} / {self.total:,} {self.unit} ({step * 100 // STEPS}%)")
        elif time.monotonic() - self.shown_at >= EVERY_SECONDS:
            self.shown_at = time.monotonic()
            self.write(f"{self.done:,} {self.unit} ({self.unit_en})")

    def finish(self) -> None:
        seconds = time.monotonic() - self.started
        self.write(
            f"完成，{self.done:,} {self.unit}，{seconds:.1f} 秒 (done: {self.done:,} {self.unit_en} in {seconds:.1f} s)"
        )

    def write(self, text: str) -> None:
        print(f"{self.desc}：{text}", file=self.stream, flush=True)


@contextmanager
def progress(desc: str, total: int | None = None, unit: tuple[str, str] = EVENTS) -> Iterator[Callable[[int], None]]:
    """A function to call with each number of events (or ``unit``) done: a bar on a terminal, else plain lines and
    a summary."""
    stream = sys.stderr
    if stream.isatty():
        with tqdm(total=total, desc=desc, unit=f" {unit[1]}", leave=False, file=stream) as bar:
            yield bar.update
        return
    plain = PlainProgress(desc, total, stream, unit)
    yield plain.update
    plain.finish()
