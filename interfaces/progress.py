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


class PlainProgress:
    """Writes a line at each tenth of a known total (every ten seconds without one), and a summary line at the end."""

    def __init__(self, desc: str, total: int | None, stream: TextIO) -> None:
        self.desc = desc
        self.total = total
        self.stream = stream
        self.done = 0
        self.started = self.shown_at = time.monotonic()
        self.shown_step = 0

    def update(self, count: int = 1) -> None:
        self.done += count
        if self.total:
            step = min(STEPS, self.done * STEPS // self.total)
            if step > self.shown_step:
                self.shown_step = step
                self.write(f"{self.done:,} / {self.total:,} 个事件 ({step * 100 // STEPS}%)")
        elif time.monotonic() - self.shown_at >= EVERY_SECONDS:
            self.shown_at = time.monotonic()
            self.write(f"{self.done:,} 个事件 (events)")

    def finish(self) -> None:
        seconds = time.monotonic() - self.started
        self.write(f"完成，{self.done:,} 个事件，{seconds:.1f} 秒 (done: {self.done:,} events in {seconds:.1f} s)")

    def write(self, text: str) -> None:
        print(f"{self.desc}：{text}", file=self.stream, flush=True)


@contextmanager
def progress(desc: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A function to call with each number of events done: a bar on a terminal, else plain lines and a summary."""
    stream = sys.stderr
    if stream.isatty():
        with tqdm(total=total, desc=desc, unit=" events", leave=False, file=stream) as bar:
            yield bar.update
        return
    plain = PlainProgress(desc, total, stream)
    yield plain.update
    plain.finish()
