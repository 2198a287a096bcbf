"""The event log as an auditor reads it (newest first, filtered by record, kind, who and day, each event with its
link in the hash chain), and the chain's verification in Chinese."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification
from eventsourcing.utils import get_topic

from application.audit.records import aggregate_type, event_record
from application.audit.verify import Verification
from application.register import Register
from application.store.recorders import ChainedRecorder
from domain.aggregates import Chamber, GradingRound, Member, PartyBranch
from interfaces.console.dates import BEIJING, moment
from interfaces.console.labels import label
from interfaces.console.views.documents import Snapshot

PAGE_SIZE = 50
WINDOW = 2000
SCAN_DECODED = 5_000
"""Positions a page reads at most when filtering by who or by day (each event it cannot pass over by its stored
bytes is opened) before it offers to look on."""
SCAN_SELECTED = 5_000
"""Positions a page lets the store sift by kind at most before it offers to look on."""
FEW_RECORDS = 200
"""A kind with at most this many records (rounds, chambers) is read record by record, through the index on each
record's events, instead of sifting the log."""
MARGIN = timedelta(minutes=2)
"""How far a recorded time may stray from log order (taken before the write lock): a day's events are looked for
this far beyond its positions, and each is judged by its own time."""


@dataclass(frozen=True)
class KindSpec:
    """A kind of record in the log: its aggregate, Chinese name and the console's path for its pages."""

    code: str
    aggregate: type[Any]
    title: str
    path: str


KINDS = {
    k.code: k
    for k in [
        KindSpec("member", Member, "会员企业", "members"),
        KindSpec("chamber", Chamber, "商会", "chambers"),
        KindSpec("branch", PartyBranch, "党组织", "branches"),
        KindSpec("round", GradingRound, "年度分类定级", "rounds"),
    ]
}
BY_AGGREGATE = {k.aggregate.__name__: k for k in KINDS.values()}


def _subclasses(cls: type[Any]) -> list[type[Any]]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def kind_topics(code: str) -> list[str]:
    """The stored topics of every event of a kind of record."""
    return sorted({get_topic(cls) for cls in _subclasses(KINDS[code].aggregate.Event)})


@dataclass(frozen=True)
class LogFilter:
    """What an auditor looks for: one record, a kind of record, part of a key's name, a day (Beijing time)."""

    record: UUID | None = None
    kind: str | None = None
    who: str = ""
    day: date | None = None

    @property
    def decoding(self) -> bool:
        """Whether each event must be opened to judge it (its key or its time are inside the stored event)."""
        return bool(self.who) or self.day is not None

    def query(self) -> dict[str, str]:
        chosen = {
            "record": str(self.record) if self.record else "",
            "kind": self.kind or "",
            "who": self.who,
            "day": self.day.isoformat() if self.day else "",
        }
        return {k: v for k, v in chosen.items() if v}


@dataclass(frozen=True)
class LogRow:
    """One event: where it stands in the log, what it did to which record, who recorded it, when and why, and its
    link in the hash chain."""

    position: int
    recorded: str
    kind: str
    record: str
    href: str | None
    version: int
    what: str
    actor: str
    role: str
    reason: str
    request_id: str
    import_id: str
    link: str


@dataclass
class LogPage:
    """A page of the log, newest first; ``older`` is where the next page starts, ``looked_to`` the position the
    search reached when it stopped before filling the page (it may look on from there)."""

    rows: list[LogRow]
    older: int | None
    looked_to: int | None
    end: int
    query: dict[str, str] = field(default_factory=dict)


def _recorded_at(register: Register, notification: Notification) -> datetime:
    return register.mapper.to_domain_event(notification).timestamp  # type: ignore[no-any-return]


def first_at_or_after(register: Register, moment_: datetime, end: int) -> int:
    """The first position whose event was recorded at or after ``moment_`` (``end + 1`` when none), by halving."""
    low, high = 1, end + 1
    while low < high:
        middle = (low + high) // 2
        found = register.recorder.select_notifications(middle, 1)
        if not found:
            high = middle
            continue
        if _recorded_at(register, found[0]) >= moment_:
            high = middle
        else:
            low = found[0].id + 1
    return low


def day_bounds(register: Register, chosen: date, end: int) -> tuple[int, int]:
    """The positions that may hold the events recorded on ``chosen`` (Beijing time), with a margin either side."""
    start = datetime.combine(chosen, time(0), BEIJING).astimezone(UTC)
    stop = start + timedelta(days=1)
    return first_at_or_after(register, start - MARGIN, end), first_at_or_after(register, stop + MARGIN, end) - 1


def _matches(record: dict[str, Any], chosen: LogFilter) -> bool:
    if chosen.who:
        actor = record["actor"]
        role = str(actor.get("role", ""))
        named = chosen.who.casefold() in str(actor.get("name", "")).casefold()
        if not named and chosen.who not in (role, label("role", role)):
            return False
    if chosen.day is not None:
        recorded = datetime.fromisoformat(str(record["recorded_at"]).replace("Z", "+00:00"))
        if recorded.astimezone(BEIJING).date() != chosen.day:
            return False
    return True


def _worth_opening(register: Register, chosen: LogFilter) -> Callable[[Notification], bool]:
    """A cheap test on an event's stored bytes that passes every event ``chosen`` may keep: in a store kept in
    clear an event names its key and its time in its bytes; in a sealed store every event must be opened."""
    if register.sealing.sealed or not chosen.decoding:
        return lambda _: True
    tests: list[Callable[[bytes], bool]] = []
    if chosen.who:
        roles = {label("role", r): r for r in ("registrar", "assessor", "auditor", "reader", "admin", "system")}
        role = f'"role":"{roles.get(chosen.who, chosen.who)}"'.encode()
        who = chosen.who.casefold().encode()
        tests.append(lambda state: role in state or who in state.lower())
    if chosen.day is not None:
        start = datetime.combine(chosen.day, time(0), BEIJING).astimezone(UTC)
        days = [f'"{m:%Y-%m-%d}T'.encode() for m in (start, start + timedelta(days=1))]
        tests.append(lambda state: any(d in state for d in days))
    return lambda n: all(test(n.state) for test in tests)


Found = list[tuple[Notification, dict[str, Any]]]


def _of_records(register: Register, records: list[UUID], chosen: LogFilter, low: int, high: int) -> Found:
    """Up to a page and one of the events of ``records`` from ``high`` down to ``low`` that ``chosen`` keeps."""
    events = [n for ident in records for n in register.recorder.select_positioned_events(ident) if low <= n.id <= high]
    found: Found = []
    for notification in sorted(events, key=lambda n: n.id, reverse=True):
        record = event_record(register, notification, with_aggregate=True)
        if _matches(record, chosen):
            found.append((notification, record))
            if len(found) > PAGE_SIZE:
                break
    return found


def _candidates(
    register: Register, snapshot: Snapshot, chosen: LogFilter, low: int, high: int
) -> tuple[Found, int | None]:
    """Up to a page and one of the events from ``high`` down to ``low`` that match, and where the search stopped
    when it ran out of its budget first (None: it read everything it had to)."""
    if chosen.record is not None:
        return _of_records(register, [chosen.record], chosen, low, high), None
    if chosen.kind is not None:
        docs = snapshot.view.all(chosen.kind)
        if len(docs) <= FEW_RECORDS:
            return _of_records(register, [UUID(d["id"]) for d in docs], chosen, low, high), None
    found: Found = []
    topics = kind_topics(chosen.kind) if chosen.kind else []
    worth = _worth_opening(register, chosen)
    budget = SCAN_DECODED if chosen.decoding else SCAN_SELECTED
    position, read = high, 0
    while position >= low and len(found) <= PAGE_SIZE:
        if read >= budget:
            return found, position
        start = max(low, position - WINDOW + 1)
        batch = register.recorder.select_notifications(start, WINDOW, stop=position, topics=topics)
        for notification in reversed(batch):
            if not chosen.decoding:
                found.append((notification, {}))
            elif worth(notification):
                record = event_record(register, notification, with_aggregate=True)
                if _matches(record, chosen):
                    found.append((notification, record))
            if len(found) > PAGE_SIZE:
                break
        read += position - start + 1
        position = start - 1
    return found, None


def _record_title(spec: KindSpec | None, doc: dict[str, Any] | None, ident: str) -> str:
    if doc is None:
        return ident
    if spec is not None and spec.code == "round":
        return f"{doc.get('year')}年度分类定级"
    return str(doc.get("name") or ident)


def _links(register: Register, shown: list[int]) -> dict[int, str]:
    """The chain link of each position shown: in one read when they lie together, else one by one."""
    if not shown:
        return {}
    recorder: ChainedRecorder = register.recorder  # type: ignore[assignment]
    first, last = min(shown), max(shown)
    if last - first < 4 * len(shown):
        return dict(recorder.select_links(first - 1, last - first + 1, last))
    return {p: link for p in shown for _, link in recorder.select_links(p - 1, 1, p)}


def log_page(register: Register, snapshot: Snapshot, chosen: LogFilter, before: int | None) -> LogPage:
    """The page of events before position ``before`` (the newest when None) that ``chosen`` keeps, newest first."""
    end = register.recorder.max_notification_id() or 0
    high = min(before - 1, end) if before else end
    low = 1
    if chosen.day is not None:
        first, last = day_bounds(register, chosen.day, end)
        low, high = max(low, first), min(high, last)
    found, looked_to = _candidates(register, snapshot, chosen, low, high) if high >= low else ([], None)
    shown = found[:PAGE_SIZE]
    records = [record or event_record(register, n, with_aggregate=True) for n, record in shown]
    docs = snapshot.view.load(list({r["aggregate_id"] for r in records})) if records else {}
    links = _links(register, [n.id for n, _ in shown])
    rows = []
    for (notification, _), record in zip(shown, records, strict=True):
        spec = BY_AGGREGATE.get(aggregate_type(notification.topic))
        ident = record["aggregate_id"]
        doc = docs.get(ident)
        key = str(doc["year"]) if spec is not None and spec.code == "round" and doc else ident
        actor = record.get("actor") or {}
        rows.append(
            LogRow(
                position=notification.id,
                recorded=moment(record["recorded_at"]),
                kind=spec.title if spec else aggregate_type(notification.topic),
                record=_record_title(spec, doc, ident),
                href=f"/console/{spec.path}/{key}?version={record['version']}" if spec and doc else None,
                version=record["version"],
                what=label("event", f"{aggregate_type(notification.topic)}.{record['type']}"),
                actor=str(actor.get("name") or ""),
                role=label("role", actor.get("role")),
                reason=record.get("reason") or "",
                request_id=record.get("request_id") or "",
                import_id=record.get("import_id") or "",
                link=links.get(notification.id, ""),
            )
        )
    older = shown[-1][0].id if len(found) > PAGE_SIZE else None
    return LogPage(rows, older, looked_to if older is None else None, end, chosen.query())


PROBLEMS = {
    "an event without its link": "这个位置有事件，却没有它在哈希链中的环节：事件是绕过系统插入的，或者它的环节被删除了",
    "a link without its event": "这个位置有哈希链环节，却没有事件：事件被删除了",
    "the stored event cannot be opened": "这个事件无法用本系统的密钥打开：被改动过，或是用其他密钥加密的",
    "the stored event or its link was altered": "这个事件或它的链环节被改动、替换或挪动过",
    "the chain does not pass through the published head": "哈希链不经过所给的链头：该位置之前的日志被改写过",
    "the published head's position is not in the log": "所给链头的位置已不在日志中：日志末尾被删除或重新编号",
}


@dataclass(frozen=True)
class Verdict:
    """A verification in Chinese: whether the chain holds, what was checked, and where it first breaks."""

    ok: bool
    headline: str
    detail: str
    checked: int
    head: str | None
    head_position: int | None
    first_bad_position: int | None
    seconds: float


def verdict(result: Verification, anchor: tuple[int, str] | None, seconds: float) -> Verdict:
    """The outcome of ``verify`` as an auditor reads it."""
    if result.ok:
        headline = "哈希链完整：日志自记录以来未被改动"
        detail = f"已核验 {result.checked} 个事件，链头位于第 {result.head_position or 0} 条"
        if anchor is not None:
            detail += f"；日志经过所给的链头（第 {anchor[0]} 条），该链头之前的记录与当时一致"
    else:
        headline = f"哈希链在第 {result.first_bad_position} 条处断开：日志被改动过"
        reason = next((text for key, text in PROBLEMS.items() if (result.problem or "").startswith(key)), "")
        checked = f"此前的 {result.checked} 个事件核验无误"
        detail = f"{reason}。{checked}" if reason else checked
    return Verdict(
        result.ok,
        headline,
        detail,
        result.checked,
        result.head,
        result.head_position,
        result.first_bad_position,
        seconds,
    )
