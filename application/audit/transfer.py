"""Export of the whole log with its chain as JSON Lines, and import of such a file into an empty store.

The file holds a header line, one line per event (position, originator, version, topic, the state byte for byte as
the chain covers it, and its link) and a trailer with the count and the head. Import checks the whole chain before
writing anything, then writes every event at its original position, so the imported store verifies with the same
head and gives the same report for every ``as_of``.

A sealed store exports its states in clear (opened with its key), and an import seals them with the importing
store's key: the file moves a log between stores with different keys, or none, which is how a key is rotated. The
file then holds personal data in clear, and is to be kept as carefully as the key.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from itertools import zip_longest
from pathlib import Path
from typing import IO, Any
from uuid import UUID

from eventsourcing.persistence import Notification

from application.audit.verify import events_until, links_until, log_end
from application.base import RegisterBase
from application.store.chain import GENESIS, link
from application.store.recorders import ChainedRecorder
from application.store.sealing import SealBroken

FORMAT = "ficledger-log"
BATCH = 2000


class ImportRefused(Exception):
    """The file cannot be imported: its chain does not verify, it is malformed, or the store is not empty."""


class LogAltered(Exception):
    """The stored log does not verify at ``position``, so it is not exported."""

    def __init__(self, position: int) -> None:
        super().__init__(f"日志在位置 {position} 被改动过 (the stored log was altered at position {position})")
        self.position = position


def _state_fields(state: bytes) -> dict[str, str]:
    try:
        text = state.decode("utf-8")
    except UnicodeDecodeError:
        return {"state_b64": base64.b64encode(state).decode("ascii")}
    return {"state": text}


def export_log(register: RegisterBase, out: IO[str], progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Write the log as it stands when the export starts to ``out``; the trailer (count and head) is returned too.
    Each link is recomputed as it is written: at the first that does not match, ``LogAltered``."""
    recorder: ChainedRecorder = register.recorder  # type: ignore[assignment]
    out.write(json.dumps({"format": FORMAT, "version": 1}) + "\n")
    count, head = 0, None
    stop = log_end(recorder)
    previous = GENESIS
    for event, entry in zip_longest(events_until(recorder, stop), links_until(recorder, stop)):
        if event is None or entry is None or event.id != entry[0]:
            raise LogAltered(min(entry[0] if event is None else event.id, event.id if entry is None else entry[0]))
        try:
            state = register.sealing.open(event.state)
        except SealBroken:
            raise LogAltered(event.id) from None
        chained = link(previous, event.id, event.originator_id, event.originator_version, event.topic, state)
        if chained != entry[1]:
            raise LogAltered(event.id)
        previous = chained
        line = {
            "position": event.id,
            "originator_id": str(UUID(str(event.originator_id))),
            "originator_version": event.originator_version,
            "topic": event.topic,
            **_state_fields(state),
            "link": chained,
        }
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        count, head = count + 1, chained
        if progress:
            progress(1)
    trailer = {"count": count, "head": head}
    out.write(json.dumps({"trailer": trailer}) + "\n")
    return trailer


def _read(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError:
                raise ImportRefused(f"line {number} is not JSON") from None


def _notification(number: int, line: dict[str, Any]) -> Notification:
    try:
        state = line["state"].encode("utf-8") if "state" in line else base64.b64decode(line["state_b64"])
        return Notification(
            id=int(line["position"]),
            originator_id=UUID(line["originator_id"]),
            originator_version=int(line["originator_version"]),
            topic=str(line["topic"]),
            state=state,
        )
    except (KeyError, ValueError, TypeError) as error:
        raise ImportRefused(f"line {number} is not an event: {error}") from None


def _entries(path: Path) -> Iterator[tuple[Notification, str]]:
    """The file's events with their links, each link checked against the one before; refuses on any mismatch."""
    previous, count, trailer, last_position = GENESIS, 0, None, 0
    for number, line in _read(path):
        if number == 1:
            if line.get("format") != FORMAT:
                raise ImportRefused("not a ficledger log export")
            continue
        if "trailer" in line:
            trailer = line["trailer"]
            continue
        if trailer is not None:
            raise ImportRefused(f"line {number} follows the trailer")
        event = _notification(number, line)
        if event.id <= last_position:
            raise ImportRefused(f"line {number}: positions must increase")
        expected = link(previous, event.id, event.originator_id, event.originator_version, event.topic, event.state)
        if expected != line.get("link"):
            raise ImportRefused(f"the chain does not verify at position {event.id} (line {number})")
        previous, count, last_position = expected, count + 1, event.id
        yield event, expected
    if trailer is None:
        raise ImportRefused("the file has no trailer: it was cut short")
    if trailer.get("count") != count or trailer.get("head") != (previous if count else None):
        raise ImportRefused("the trailer's count or head does not match the events")


def import_log(register: RegisterBase, path: Path, progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Import ``path`` into an empty store: checked whole first, then written at the original positions."""
    recorder: ChainedRecorder = register.recorder  # type: ignore[assignment]
    if recorder.max_notification_id():
        raise ImportRefused("the store is not empty: import only into a new store")
    count, head = 0, None
    for _ in _entries(path):
        count += 1
    batch: list[Notification] = []
    links: list[str] = []
    for event, chained in _entries(path):
        batch.append(event)
        links.append(chained)
        head = chained
        if len(batch) >= BATCH:
            recorder.insert_imported(batch, links)
            if progress:
                progress(len(batch))
            batch, links = [], []
    if batch:
        recorder.insert_imported(batch, links)
        if progress:
            progress(len(batch))
    return {"count": count, "head": head}
