"""The scope matrix: every route the app serves, API and console, asked by every role with a key of the whole
district, of a street and of a managing unit, about a record inside and a record outside that scope, through HTTP on
a real SQLite file (and a smaller set on PostgreSQL).

A route the app serves without a decision in ``interfaces/scopes.py``, or without a case here, fails
``test_every_route_has_a_scope_decision`` / ``test_every_route_has_a_case_in_the_matrix`` naming that route.

Commands on a record are sent with ``If-Match: "999"``: inside the scope they reach the record and stop at its
version (412), outside it they find nothing (404); so every role and scope is tried on the same records, and no
probe records anything. Every refused probe is checked to have recorded nothing.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from starlette.routing import Mount

from application.register import Register
from domain.scope import Scope
from domain.values import ChamberKind
from interfaces.api.app import create_app
from interfaces.api.auth import ROLES, ApiKeys, Principal, require
from interfaces.scopes import ROUTES
from tests.application.imports.sheets import MEMBER_HEADERS, csv_bytes
from tests.factories import credit_code, member
from tests.scoped import IN, NAMES, OUT, STREET, UNIT, UNIT_IN, UNIT_OUT, Two, build, ident

KEY_SCOPES: dict[str, Scope | None] = {"all": None, "street": STREET, "unit": UNIT}
SIDES = ("in", "out")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
STALE = {"If-Match": '"999"'}


@dataclass(frozen=True)
class Key:
    """One configured key: a role with the whole district, the street or the unit."""

    role: str
    reach: str

    @property
    def token(self) -> str:
        return f"{self.role}-{self.reach}-token-0123"

    @property
    def scope(self) -> Scope | None:
        return KEY_SCOPES[self.reach]

    def reaches(self, kind: str | None, side: str) -> bool:
        """Whether this key reaches the record of ``kind`` on ``side``."""
        scope = self.scope
        if scope is None or kind is None:
            return True
        street, unit = (IN, UNIT_IN) if side == "in" else (OUT, UNIT_OUT)
        return scope.covers(kind, street, unit)


KEYS = [Key(role, reach) for role in ROLES for reach in KEY_SCOPES]
CONFIGURED = ApiKeys.parse(
    ",".join(f"{k.role}:{k.role}-{k.reach}:{k.token}" + (f":{k.scope}" if k.scope else "") for k in KEYS)
)


@dataclass
class Probe:
    """One request."""

    method: str
    url: str
    json: Any = None
    data: dict[str, str] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes, str]] | None = None


@dataclass
class World:
    """The split district behind one app, an API client, and a console client signed in per key."""

    register: Register
    two: Two
    app: FastAPI
    client: TestClient
    consoles: dict[Key, TestClient] = field(default_factory=dict)
    counter: Iterator[int] = field(default_factory=lambda: itertools.count(100))
    years: Iterator[int] = field(default_factory=lambda: itertools.count(1950))

    def console(self, key: Key) -> TestClient:
        if key not in self.consoles:
            client = TestClient(self.app, raise_server_exceptions=False, follow_redirects=False)
            form = client.get("/console/sign-in")
            token = CSRF.search(form.text)
            assert token, form.text
            signed = client.post(
                "/console/sign-in",
                data={"token": key.token, "csrf_token": token.group(1), "next": "/console/"},
            )
            assert signed.status_code == 303, signed.text
            self.consoles[key] = client
        return self.consoles[key]

    def csrf(self, key: Key) -> str:
        found = CSRF.search(self.console(key).get("/console/").text)
        assert found
        return found.group(1)

    def position(self) -> int:
        return self.register.recorder.max_notification_id() or 0

    def host(self, street: str) -> str:
        """A new member of ``street`` hosting nothing, to found an organization in."""
        return str(member(self.register, next(self.counter), street))

    def send(self, key: Key, probe: Probe) -> httpx.Response:
        headers = dict(probe.headers)
        if probe.url.startswith("/console"):
            client = self.console(key)
            data = dict(probe.data) if probe.data is not None else None
            if data is not None and data.get("csrf_token") == "":
                data["csrf_token"] = self.csrf(key)
            return client.request(probe.method, probe.url, data=data, files=probe.files, headers=headers)
        headers["Authorization"] = f"Bearer {key.token}"
        return self.client.request(probe.method, probe.url, json=probe.json, files=probe.files, headers=headers)


@dataclass
class Answer:
    """One probe's answer, with what the key may do and reach."""

    key: Key
    side: str
    allowed: bool
    reaches: bool
    response: httpx.Response
    world: World

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def text(self) -> str:
        """The body as text; a workbook's cells, one a line."""
        if self.response.content[:2] == b"PK":
            book = load_workbook(io.BytesIO(self.response.content), read_only=True)
            cells = [str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row]
            return "\n".join(c for c in cells if c != "None")
        return self.response.text

    def problem(self) -> dict[str, Any]:
        assert self.response.headers["content-type"].startswith("application/problem+json"), self.response.text
        found: dict[str, Any] = self.response.json()
        return found

    def where(self) -> str:
        return f"{self.key.role} ({self.key.reach}) on the {self.side} record: {self.status} {self.response.text[:300]}"


Check = Callable[[Answer], None]


@dataclass(frozen=True)
class Case:
    """How to ask a route about the record on a side, the kind of that record, and what the answer must be."""

    kind: str | None
    probe: Callable[[World, str], Probe]
    check: Check
    action: str | None = None
    """The console action whose roles may open the page (API routes: the roles of their own dependency)."""


def refused_role(a: Answer) -> None:
    assert a.status == 403, a.where()
    if not a.response.url.path.startswith("/console"):
        assert a.problem()["type"] == "urn:ficledger:problem:forbidden", a.where()


def gated(check: Check) -> Check:
    """``check`` for the roles the route admits; 403 for the others."""

    def checked(a: Answer) -> None:
        if not a.allowed:
            refused_role(a)
        else:
            check(a)

    return checked


def status(inside: int, outside: int = 404) -> Check:
    """``inside`` when the key reaches the record, ``outside`` when it does not."""

    def check(a: Answer) -> None:
        assert a.status == (inside if a.reaches else outside), a.where()
        if a.status == 404 and not a.response.url.path.startswith("/console"):
            assert a.problem()["type"] == "urn:ficledger:problem:not-found", a.where()

    return gated(check)


def created(success: int, hosted: bool = False) -> Check:
    """``success`` when the new record lies in the key's scope, else 422 naming the rule or, for an organization
    (``hosted``), the host a unit's key cannot reach."""

    def check(a: Answer) -> None:
        unit_founding = hosted and a.key.reach == "unit"
        if a.reaches and not unit_founding:
            assert a.status == success, a.where()
            return
        assert a.status == 422, a.where()
        if not a.response.url.path.startswith("/console"):
            problem = a.problem()
            fields = {e["field"] for e in problem["errors"]}
            assert problem.get("rule") == "scope.outside" or fields == {"host_member_ids"}, a.where()

    return gated(check)


def district(success: int) -> Check:
    """The whole district's: 403 ``scope.district_only`` to a scoped key, ``success`` to the others."""

    def check(a: Answer) -> None:
        if a.key.scope is None:
            assert a.status == success, a.where()
            return
        assert a.status == 403, a.where()
        if not a.response.url.path.startswith("/console"):
            assert a.problem()["rule"] == "scope.district_only", a.where()
        else:
            assert "全区" in a.text, a.where()

    return gated(check)


def shows(kind: str) -> Check:
    """200, naming the record of ``kind`` on the probe's side exactly when the key reaches it; a report says its
    scope."""

    def check(a: Answer) -> None:
        assert a.status == 200, a.where()
        record = str(ident(a.world.two, kind, a.side))
        name = NAMES[kind][a.side]
        text = a.text
        named = record in text or name in text.splitlines() or f">{name}<" in text
        assert named == a.reaches, a.where()
        if not a.reaches:
            assert record not in text, a.where()
        if a.response.headers.get("content-type", "").startswith("application/json") and "fingerprint" in text:
            assert a.response.json().get("scope") == (str(a.key.scope) if a.key.scope else None), a.where()

    return gated(check)


def objection_on_show(a: Answer) -> None:
    assert a.status == 200, a.where()
    branch = str(ident(a.world.two, "branch", a.side))
    name = NAMES["branch"][a.side]
    assert (branch in a.text or name in a.text) == a.reaches, a.where()


def resolved(a: Answer) -> None:
    if a.reaches:
        assert a.status == 200 or a.problem().get("rule") == "grading_round.objection_already_resolved", a.where()
    else:
        assert a.problem().get("rule") == "grading_round.unknown_objection", a.where()


def fixed(expected: int) -> Check:
    """The same answer whoever asks about whatever: the route holds no record."""

    def check(a: Answer) -> None:
        assert a.status == expected, a.where()

    return check


def api(method: str, path: Callable[[World, str], str], body: Any = None, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    def probe(w: World, side: str) -> Probe:
        given = body(w, side) if callable(body) else body
        return Probe(method, path(w, side), json=given, headers=dict(headers or {}))

    return probe


def on(kind: str, suffix: str = "") -> Callable[[World, str], str]:
    plural = {"member": "members", "chamber": "chambers", "branch": "branches"}[kind]
    return lambda w, side: f"/v1/{plural}/{ident(w.two, kind, side)}{suffix}"


def at(path: str) -> Callable[[World, str], str]:
    return lambda w, side: path


def command(kind: str, verb: str, body: Any) -> Case:
    return Case(kind, api("POST", on(kind, f"/{verb}"), body, STALE), status(412))


def same_side(kind: str) -> Callable[[World, str], str]:
    return lambda w, side: str(ident(w.two, kind, side))


DAY = "2024-03-01"


def new_member(w: World, side: str) -> dict[str, Any]:
    n = next(w.counter)
    street = IN if side == "in" else OUT
    return {
        "credit_code": credit_code(n),
        "name": f"新会员{n}",
        "street": street,
        "industry": "制造业",
        "joined_on": DAY,
    }


def member_sheet(w: World, side: str) -> Probe:
    row = new_member(w, side)
    sheet = csv_bytes([MEMBER_HEADERS, [row[k] for k in ("credit_code", "name", "street", "industry", "joined_on")]])
    return Probe("POST", "/v1/imports/members", files={"file": ("名册.csv", sheet, "text/csv")})


def console_member_sheet(w: World, side: str) -> Probe:
    """A dry run of one member of the side's street in the console: 200 inside the scope, 422 outside it (the row
    refused as out of scope), nothing recorded either way."""
    sheet = member_sheet(w, side).files
    return Probe(
        "POST", "/console/imports", data={"kind": "members", "action": "dry-run", "csrf_token": ""}, files=sheet
    )


def chamber_sheet(w: World, side: str) -> Probe:
    row = new_chamber(w, side)
    kind = ChamberKind(row["kind"]).label
    sheet = csv_bytes([["名称", "类型", "街道", "成立日期"], [row["name"], kind, row["street"], row["established_on"]]])
    return Probe("POST", "/v1/imports/chambers", files={"file": ("商会.csv", sheet, "text/csv")})


def headerless_sheet(kind: str) -> Callable[[World, str], Probe]:
    """A sheet with no header the import knows: refused whole (422) to the roles that may import, whatever the
    scope, since it names no record."""
    sheet = csv_bytes([["无关的列"], ["x"]])
    return lambda w, side: Probe("POST", f"/v1/imports/{kind}", files={"file": ("表.csv", sheet, "text/csv")})


def imported(a: Answer) -> None:
    """201 when the sheet's one member lies in the key's scope, else 422 with the row refused as outside it."""
    if not a.allowed:
        refused_role(a)
        return
    if a.reaches:
        assert a.status == 201, a.where()
        return
    assert a.status == 422, a.where()
    assert any("范围" in e["message"] for e in a.problem()["errors"]), a.where()


def new_chamber(w: World, side: str) -> dict[str, Any]:
    street = IN if side == "in" else OUT
    return {"name": f"新商会{next(w.counter)}", "kind": "industry", "street": street, "established_on": DAY}


def new_branch(w: World, side: str) -> dict[str, Any]:
    street, unit = (IN, UNIT_IN) if side == "in" else (OUT, UNIT_OUT)
    return {
        "name": f"新党支部{next(w.counter)}",
        "kind": "branch",
        "host_member_ids": [w.host(IN)],
        "street": street,
        "managing_unit": unit,
        "management_basis": "territorial",
        "founded_on": DAY,
        "full_members": 3,
    }


def listing(kind: str, path: str) -> Case:
    return Case(kind, api("GET", lambda w, side: f"{path}?q={NAMES[kind][side]}"), shows(kind))


def report(kind: str, path: str) -> Case:
    return Case(kind, api("GET", at(path)), shows(kind))


def none(path: str, expected: int = 200) -> Case:
    return Case(None, api("GET", at(path)), fixed(expected))


def page(kind: str, path: Callable[[World, str], str], check: Check, action: str = "read") -> Case:
    return Case(kind, lambda w, side: Probe("GET", path(w, side)), check, action)


def console_on(kind: str, suffix: str = "") -> Callable[[World, str], str]:
    plural = {"member": "members", "chamber": "chambers", "branch": "branches"}[kind]
    return lambda w, side: f"/console/{plural}/{ident(w.two, kind, side)}{suffix}"


def round_changes(w: World, side: str) -> str:
    return f"/console/rounds/2023/changes?before=1&after={w.register.get_round(2023).version}"


def console_join(w: World, side: str) -> Probe:
    body = {k: str(v) for k, v in new_member(w, side).items()}
    return Probe("POST", "/console/members/new", data={**body, "reason": "入会", "csrf_token": ""})


def console_life(w: World, side: str) -> Probe:
    data = {
        "activity": "lecture",
        "held_on": DAY,
        "attendance": "5",
        "reason": "记录",
        "expected_version": "999",
        "csrf_token": "",
    }
    return Probe("POST", f"/console/branches/{ident(w.two, 'branch', side)}/organizational-life", data=data)


def console_stale(kind: str, form: str, data: dict[str, str]) -> Callable[[World, str], Probe]:
    """A console form sent on the record of a side from a page of version 999: 422 asking to reload inside the
    scope, 404 outside it, nothing recorded."""

    def probe(w: World, side: str) -> Probe:
        sent = {**data, "expected_version": "999", "csrf_token": ""}
        return Probe("POST", console_on(kind, f"/{form}")(w, side), data=sent)

    return probe


def console_establish(w: World, side: str) -> Probe:
    body = {**new_chamber(w, side), "csrf_token": ""}
    return Probe("POST", "/console/chambers/new", data=body)


def console_found(w: World, side: str) -> Probe:
    n = next(w.counter)
    member(w.register, n, IN)
    body = {k: str(v) for k, v in new_branch(w, side).items() if k != "host_member_ids"}
    return Probe("POST", "/console/branches/new", data={**body, "host_member_ids": credit_code(n), "csrf_token": ""})


def console_open_round(w: World, side: str) -> Probe:
    return Probe("POST", "/console/rounds/new", data={"year": str(next(w.years)), "csrf_token": ""})


def console_objection(w: World, side: str) -> Probe:
    data = {"branch_id": str(ident(w.two, "branch", side)), "text": "异议", "expected_version": "999"}
    return Probe("POST", "/console/rounds/2023/raise-objection", data={**data, "csrf_token": ""})


def objection(w: World, side: str) -> dict[str, Any]:
    return {"objection_id": str(ident(w.two, "objection", side)), "resolution": "已核实"}


CASES: dict[tuple[str, str], Case] = {
    ("GET", "/healthz"): none("/healthz"),
    ("GET", "/openapi.json"): none("/openapi.json"),
    ("GET", "/docs"): none("/docs"),
    ("GET", "/docs/oauth2-redirect"): none("/docs/oauth2-redirect"),
    ("GET", "/redoc"): none("/redoc"),
    ("*", "/docs-assets"): none("/docs-assets/swagger-ui.css"),
    ("POST", "/v1/members"): Case("member", api("POST", at("/v1/members"), new_member), created(201)),
    ("GET", "/v1/members/{member_id}"): Case("member", api("GET", on("member")), status(200)),
    ("POST", "/v1/members/{member_id}/amend"): command(
        "member", "amend", {"changes": {"industry": "软件"}, "reason": "变更"}
    ),
    ("POST", "/v1/members/{member_id}/correct-joined-on"): command(
        "member", "correct-joined-on", {"joined_on": "2019-01-01", "reason": "更正"}
    ),
    ("POST", "/v1/members/{member_id}/correct-left-on"): command(
        "member", "correct-left-on", {"on": "2019-01-01", "reason": "更正"}
    ),
    ("POST", "/v1/members/{member_id}/correct-chamber-day"): command(
        "member",
        "correct-chamber-day",
        lambda w, s: {"chamber_id": same_side("chamber")(w, s), "joined_on": DAY, "reason": "更正"},
    ),
    ("POST", "/v1/members/{member_id}/join-chamber"): command(
        "member", "join-chamber", lambda w, s: {"chamber_id": same_side("chamber")(w, s), "on": DAY}
    ),
    ("POST", "/v1/members/{member_id}/leave-chamber"): command(
        "member", "leave-chamber", lambda w, s: {"chamber_id": same_side("chamber")(w, s), "on": DAY}
    ),
    ("POST", "/v1/members/{member_id}/designate-key-focus"): command(
        "member", "designate-key-focus", {"criteria": ["assets"]}
    ),
    ("POST", "/v1/members/{member_id}/revoke-key-focus"): command("member", "revoke-key-focus", {"reason": "复核"}),
    ("POST", "/v1/members/{member_id}/report-party-members"): command(
        "member", "report-party-members", {"full_members": 6, "probationary_members": 1, "on": DAY}
    ),
    ("POST", "/v1/members/{member_id}/suspend"): command("member", "suspend", {"reason": "暂停"}),
    ("POST", "/v1/members/{member_id}/reinstate"): command("member", "reinstate", {"reason": "恢复"}),
    ("POST", "/v1/members/{member_id}/record-san-you"): command(
        "member", "record-san-you", {"fixed_premises": True, "employees": 12, "real_business": True, "on": DAY}
    ),
    ("POST", "/v1/members/{member_id}/leave"): command("member", "leave", {"on": DAY, "reason": "withdrew"}),
    ("GET", "/v1/members/{member_id}/history"): Case("member", api("GET", on("member", "/history")), status(200)),
    ("POST", "/v1/chambers"): Case("chamber", api("POST", at("/v1/chambers"), new_chamber), created(201)),
    ("GET", "/v1/chambers/{chamber_id}"): Case("chamber", api("GET", on("chamber")), status(200)),
    ("POST", "/v1/chambers/{chamber_id}/register"): command(
        "chamber", "register", {"certificate_no": "51440305MJL000001X", "on": DAY}
    ),
    ("POST", "/v1/chambers/{chamber_id}/hang-fic-plaque"): command("chamber", "hang-fic-plaque", {"on": DAY}),
    ("POST", "/v1/chambers/{chamber_id}/renew-term"): command(
        "chamber", "renew-term", {"term": 1, "starts_on": DAY, "ends_on": "2029-02-28", "president": "张会长"}
    ),
    ("POST", "/v1/chambers/{chamber_id}/postpone-term"): command(
        "chamber",
        "postpone-term",
        {"postponed_to": "2021-06-30", "approved_by": "区工商联", "approved_on": "2020-11-01"},
    ),
    ("POST", "/v1/chambers/{chamber_id}/award-four-good"): command(
        "chamber", "award-four-good", {"year": 2023, "level": "district"}
    ),
    ("POST", "/v1/chambers/{chamber_id}/revoke-four-good"): command(
        "chamber",
        "revoke-four-good",
        {"year": 2021, "level": "district", "on": DAY, "reason": "年检不合格"},
    ),
    ("POST", "/v1/chambers/{chamber_id}/designate-demonstration-site"): command(
        "chamber", "designate-demonstration-site", {"year": 2023}
    ),
    ("POST", "/v1/chambers/{chamber_id}/rename"): command("chamber", "rename", {"name": "更名商会", "reason": "更名"}),
    ("POST", "/v1/chambers/{chamber_id}/correct-established-on"): command(
        "chamber", "correct-established-on", {"established_on": "2019-01-01", "reason": "更正"}
    ),
    ("POST", "/v1/chambers/{chamber_id}/correct-four-good-years"): command(
        "chamber", "correct-four-good-years", {"year": 2021, "level": "district", "to_year": 2022, "reason": "更正"}
    ),
    ("POST", "/v1/chambers/{chamber_id}/correct-demonstration-site-year"): command(
        "chamber", "correct-demonstration-site-year", {"year": 2021, "to_year": 2022, "reason": "更正"}
    ),
    ("POST", "/v1/chambers/{chamber_id}/dissolve"): command("chamber", "dissolve", {"on": DAY, "reason": "解散"}),
    ("GET", "/v1/chambers/{chamber_id}/history"): Case("chamber", api("GET", on("chamber", "/history")), status(200)),
    ("POST", "/v1/branches"): Case("branch", api("POST", at("/v1/branches"), new_branch), created(201, hosted=True)),
    ("GET", "/v1/branches/{branch_id}"): Case("branch", api("GET", on("branch")), status(200)),
    ("POST", "/v1/branches/{branch_id}/transfer-management"): command(
        "branch",
        "transfer-management",
        {"managing_unit": "区非公党委", "basis": "industry", "on": DAY, "reason": "调整"},
    ),
    ("POST", "/v1/branches/{branch_id}/report-party-members"): command(
        "branch", "report-party-members", {"full_members": 7, "probationary_members": 1, "on": DAY}
    ),
    ("POST", "/v1/branches/{branch_id}/record-structure"): command(
        "branch", "record-structure", {"has_committee": False, "has_party_groups": True, "on": DAY}
    ),
    ("POST", "/v1/branches/{branch_id}/record-election"): command("branch", "record-election", {"elected_on": DAY}),
    ("POST", "/v1/branches/{branch_id}/postpone-election"): command(
        "branch",
        "postpone-election",
        {"postponed_to": "2023-04-30", "approved_by": "区非公党委", "approved_on": "2022-03-01"},
    ),
    ("POST", "/v1/branches/{branch_id}/correct-election"): command(
        "branch", "correct-election", {"elected_on": DAY, "to_elected_on": "2024-03-02", "reason": "更正"}
    ),
    ("POST", "/v1/branches/{branch_id}/correct-transfer"): command(
        "branch", "correct-transfer", {"on": DAY, "to_on": "2024-03-02", "reason": "更正"}
    ),
    ("POST", "/v1/branches/{branch_id}/record-organizational-life"): command(
        "branch", "record-organizational-life", {"activity": "lecture", "held_on": DAY, "attendance": 5}
    ),
    ("POST", "/v1/branches/{branch_id}/dissolve"): command("branch", "dissolve", {"on": DAY, "reason": "撤销"}),
    ("POST", "/v1/branches/{branch_id}/merge"): command(
        "branch", "merge", lambda w, s: {"branch_id": str(w.two.branch_in), "on": DAY}
    ),
    ("POST", "/v1/branches/{branch_id}/review"): command(
        "branch",
        "review",
        {"year": 2024, "score": 88, "veto_findings": [], "reviewed_on": "2025-01-06", "reviewer": "评议组"},
    ),
    ("POST", "/v1/branches/{branch_id}/grade"): command("branch", "grade", {"year": 2023}),
    ("POST", "/v1/branches/{branch_id}/correct-grade"): command(
        "branch", "correct-grade", {"year": 2023, "grade": "average", "reason": "复核"}
    ),
    ("POST", "/v1/branches/{branch_id}/correct-founded-on"): command(
        "branch", "correct-founded-on", {"founded_on": "2019-01-01", "reason": "更正"}
    ),
    ("POST", "/v1/branches/{branch_id}/rename"): command(
        "branch", "rename", {"name": "新名称党支部", "reason": "更名"}
    ),
    ("POST", "/v1/branches/{branch_id}/void-meeting"): command(
        "branch", "void-meeting", {"activity": "lecture", "held_on": DAY, "reason": "误录"}
    ),
    ("POST", "/v1/branches/{branch_id}/correct-review"): command(
        "branch", "correct-review", {"year": 2023, "score": 71, "reason": "复核"}
    ),
    ("POST", "/v1/branches/{branch_id}/open-rectification"): command(
        "branch",
        "open-rectification",
        {
            "year": 2023,
            "measures": "整顿",
            "due_on": "2024-12-31",
            "opened_on": "2024-02-01",
            "helper": "王建国",
            "helper_role": "leader",
            "plan": "整顿方案",
        },
    ),
    ("POST", "/v1/branches/{branch_id}/close-rectification"): command(
        "branch", "close-rectification", {"on": DAY, "outcome": "rectified", "accepted_by": "赵立新"}
    ),
    ("POST", "/v1/branches/{branch_id}/correct-rectification"): command(
        "branch", "correct-rectification", {"year": 2023, "due_on": "2025-06-30", "reason": "期限录错"}
    ),
    ("GET", "/v1/branches/{branch_id}/history"): Case("branch", api("GET", on("branch", "/history")), status(200)),
    ("POST", "/v1/grading-rounds"): Case(
        None, api("POST", at("/v1/grading-rounds"), lambda w, s: {"year": next(w.years)}), district(201)
    ),
    ("GET", "/v1/grading-rounds/{year}"): Case("branch", api("GET", at("/v1/grading-rounds/2023")), objection_on_show),
    ("POST", "/v1/grading-rounds/{year}/start-publicity"): Case(
        None, api("POST", at("/v1/grading-rounds/2023/start-publicity"), {"starts_on": DAY}, STALE), district(412)
    ),
    ("POST", "/v1/grading-rounds/{year}/raise-objection"): Case(
        "branch",
        api(
            "POST",
            at("/v1/grading-rounds/2023/raise-objection"),
            lambda w, s: {"branch_id": same_side("branch")(w, s), "text": "异议", "raised_on": "2024-02-05"},
        ),
        status(200, 422),
    ),
    ("POST", "/v1/grading-rounds/{year}/resolve-objection"): Case(
        "branch", api("POST", at("/v1/grading-rounds/2023/resolve-objection"), objection), gated(resolved)
    ),
    ("POST", "/v1/grading-rounds/{year}/close"): Case(
        None, api("POST", at("/v1/grading-rounds/2023/close"), {"on": DAY}, STALE), district(412)
    ),
    ("GET", "/v1/grading-rounds/{year}/history"): Case(
        "branch", api("GET", at("/v1/grading-rounds/2023/history")), gated(objection_on_show)
    ),
    ("GET", "/v1/grading-rounds/{year}/publicity-notice"): report("branch", "/v1/grading-rounds/2023/publicity-notice"),
    ("GET", "/v1/members"): listing("member", "/v1/members"),
    ("POST", "/v1/imports/members"): Case("member", member_sheet, imported),
    ("POST", "/v1/imports/chambers"): Case("chamber", chamber_sheet, imported),
    **{
        ("POST", f"/v1/imports/{kind}"): Case(None, headerless_sheet(kind), gated(fixed(422)))
        for kind in ("branches", "organizational-life", "reviews")
    },
    ("GET", "/v1/imports/templates/{kind}.xlsx"): none("/v1/imports/templates/members.xlsx"),
    ("GET", "/v1/chambers"): listing("chamber", "/v1/chambers"),
    ("GET", "/v1/branches"): listing("branch", "/v1/branches"),
    **{
        ("GET", f"/v1/reports/{name}{ending}"): report(kind, f"/v1/reports/{path}{ending}")
        for name, path, kind in [
            ("classification/{year}", "classification/2023", "branch"),
            ("coverage", "coverage", "member"),
            ("chambers", "chambers", "chamber"),
            ("organizational-life/{year}", "organizational-life/2023", "branch"),
            ("key-focus", "key-focus", "member"),
        ]
        for ending in ("", ".csv", ".xlsx")
    },
    ("GET", "/v1/audit/events"): Case(None, api("GET", at("/v1/audit/events")), district(200)),
    ("GET", "/v1/audit/verify"): Case(None, api("GET", at("/v1/audit/verify")), district(200)),
    ("GET", "/v1/audit/access"): Case(None, api("GET", at("/v1/audit/access")), district(200)),
    ("GET", "/console/sign-in"): Case(None, lambda w, s: Probe("GET", "/console/sign-in"), fixed(303)),
    ("POST", "/console/sign-in"): Case(None, lambda w, s: Probe("POST", "/console/sign-in", data={}), fixed(403)),
    ("POST", "/console/sign-out"): Case(None, lambda w, s: Probe("POST", "/console/sign-out", data={}), fixed(403)),
    ("GET", "/console"): Case(None, lambda w, s: Probe("GET", "/console"), fixed(303)),
    ("GET", "/console/"): page(None, at("/console/"), gated(fixed(200))),  # type: ignore[arg-type]
    ("GET", "/console/rounds"): page(None, at("/console/rounds"), gated(fixed(200))),  # type: ignore[arg-type]
    **{
        ("GET", f"/console/{plural}"): page(
            kind, lambda w, s, p=plural, k=kind: f"/console/{p}?q={NAMES[k][s]}", shows(kind)
        )
        for kind, plural in [("member", "members"), ("chamber", "chambers"), ("branch", "branches")]
    },
    **{
        ("GET", f"/console/{plural}.xlsx"): page(kind, at(f"/console/{plural}.xlsx"), shows(kind))
        for kind, plural in [("member", "members"), ("chamber", "chambers"), ("branch", "branches")]
    },
    ("GET", "/console/members/new"): page(None, at("/console/members/new"), gated(fixed(200)), "member.new"),  # type: ignore[arg-type]
    ("POST", "/console/members/new"): Case("member", console_join, created(303), "member.new"),
    **{
        ("GET", f"/console/{plural}/{{key}}"): page(kind, console_on(kind), status(200))
        for kind, plural in [("member", "members"), ("chamber", "chambers"), ("branch", "branches")]
    },
    **{
        ("GET", f"/console/{plural}/{{key}}/changes"): page(
            kind, console_on(kind, "/changes?before=1&after=1"), status(200), "history"
        )
        for kind, plural in [("member", "members"), ("chamber", "chambers"), ("branch", "branches")]
    },
    ("GET", "/console/rounds/{key}"): page("branch", at("/console/rounds/2023"), gated(objection_on_show)),
    ("GET", "/console/rounds/{key}/changes"): page("branch", round_changes, gated(objection_on_show), "history"),
    ("GET", "/console/chambers/new"): page(None, at("/console/chambers/new"), gated(fixed(200)), "chamber.new"),  # type: ignore[arg-type]
    ("POST", "/console/chambers/new"): Case("chamber", console_establish, created(303), "chamber.new"),
    ("GET", "/console/branches/new"): page(None, at("/console/branches/new"), gated(fixed(200)), "branch.new"),  # type: ignore[arg-type]
    ("POST", "/console/branches/new"): Case("branch", console_found, created(303, hosted=True), "branch.new"),
    ("GET", "/console/rounds/new"): page(None, at("/console/rounds/new"), district(200), "round.new"),  # type: ignore[arg-type]
    ("POST", "/console/rounds/new"): Case(None, console_open_round, district(303), "round.new"),
    ("GET", "/console/members/{key}/{name}"): page(
        "member", console_on("member", "/suspend"), status(200), "member.suspend"
    ),
    ("POST", "/console/members/{key}/{name}"): Case(
        "member", console_stale("member", "suspend", {"reason": "停产"}), status(422), "member.suspend"
    ),
    ("GET", "/console/chambers/{key}/{name}"): page(
        "chamber", console_on("chamber", "/hang-fic-plaque"), status(200), "chamber.hang-fic-plaque"
    ),
    ("POST", "/console/chambers/{key}/{name}"): Case(
        "chamber", console_stale("chamber", "hang-fic-plaque", {"on": DAY}), status(422), "chamber.hang-fic-plaque"
    ),
    ("GET", "/console/rounds/{key}/{name}"): page(
        None,  # type: ignore[arg-type]
        at("/console/rounds/2023/raise-objection"),
        gated(fixed(200)),
        "round.raise-objection",
    ),
    ("POST", "/console/rounds/{key}/{name}"): Case(None, console_objection, gated(fixed(422)), "round.raise-objection"),
    ("GET", "/console/branches/{key}/{name}"): page(
        "branch", console_on("branch", "/organizational-life"), status(200), "branch.organizational-life"
    ),
    ("POST", "/console/branches/{key}/{name}"): Case("branch", console_life, status(422), "branch.organizational-life"),
    ("GET", "/console/reports"): page(None, at("/console/reports"), gated(fixed(200)), "report"),  # type: ignore[arg-type]
    ("GET", "/console/reports/{name}"): page(
        "branch", at("/console/reports/classification?year=2023"), shows("branch"), "report"
    ),
    ("GET", "/console/reports/{name}.xlsx"): page(
        "branch", at("/console/reports/classification.xlsx?year=2023"), shows("branch"), "report"
    ),
    ("GET", "/console/audit"): page(None, at("/console/audit"), district(200), "audit"),  # type: ignore[arg-type]
    ("GET", "/console/audit/verify"): page(None, at("/console/audit/verify?run=1"), district(200), "audit"),  # type: ignore[arg-type]
    ("GET", "/console/audit/export"): page(None, at("/console/audit/export"), district(200), "audit"),  # type: ignore[arg-type]
    ("GET", "/console/audit/access"): page(None, at("/console/audit/access"), district(200), "access"),  # type: ignore[arg-type]
    ("GET", "/console/imports"): page(None, at("/console/imports"), gated(fixed(200)), "import"),  # type: ignore[arg-type]
    ("POST", "/console/imports"): Case("member", console_member_sheet, created(200), "import.members"),
    ("GET", "/console/imports/{kind}.xlsx"): page(None, at("/console/imports/members.xlsx"), gated(fixed(200))),  # type: ignore[arg-type]
    ("*", "/console/static"): Case(None, lambda w, s: Probe("GET", "/console/static/console.css"), fixed(200)),
    ("GET", "/console/{rest:path}"): Case(None, lambda w, s: Probe("GET", "/console/no-such-page"), fixed(404)),
}
"""The matrix's case for every route, by the route's method (``*`` for a mounted folder) and path."""


def served(app: FastAPI) -> list[tuple[str, str]]:
    """Every route of the app as (method, path), mounted folders as ``*``."""
    found: list[tuple[str, str]] = []

    def walk(routes: Iterable[Any]) -> None:
        for route in routes:
            if hasattr(route, "original_router"):
                walk(route.original_router.routes)
            elif isinstance(route, Mount):
                found.append(("*", route.path))
            else:
                found.extend((method, route.path) for method in sorted(route.methods - {"HEAD"}))

    walk(app.router.routes)
    return found


def roles_of(app: FastAPI, route_key: tuple[str, str], case: Case) -> frozenset[str]:
    """The roles the route admits: the console action's, or the API route's dependency's (all without one)."""
    if case.action is not None:
        return app.state.console.permissions.roles[case.action]
    method, path = route_key

    def dependency_roles(dependant: Any) -> frozenset[str] | None:
        if getattr(dependant.call, "allowed_roles", None):
            return frozenset(dependant.call.allowed_roles)
        for child in dependant.dependencies:
            found = dependency_roles(child)
            if found:
                return found
        return None

    def walk(routes: Iterable[Any]) -> Iterator[APIRoute]:
        for route in routes:
            if hasattr(route, "original_router"):
                yield from walk(route.original_router.routes)
            elif isinstance(route, APIRoute):
                yield route

    for route in walk(app.router.routes):
        if route.path == path and method in route.methods:
            return dependency_roles(route.dependant) or frozenset(ROLES)
    return frozenset(ROLES)


def world_on(url: str) -> Iterator[World]:
    register = Register({"FICLEDGER_DATABASE_URL": url})
    two = build(register)
    app = create_app(register, CONFIGURED)
    try:
        with TestClient(app, raise_server_exceptions=False, follow_redirects=False) as client:
            yield World(register, two, app, client)
    finally:
        register.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    path: Path = tmp_path_factory.mktemp("scopes") / "district.sqlite3"
    yield from world_on(f"sqlite:///{path}")


def ask(world: World, route_key: tuple[str, str], keys: Iterable[Key]) -> None:
    """Every key about both sides of the route's case, each answer checked, each refusal shown to record
    nothing."""
    case = CASES[route_key]
    roles = roles_of(world.app, route_key, case)
    for key, side in itertools.product(keys, SIDES):
        probe = case.probe(world, side)
        before = world.position()
        response = world.send(key, probe)
        answer = Answer(key, side, key.role in roles, key.reaches(case.kind, side), response, world)
        case.check(answer)
        if answer.status >= 400:
            assert world.position() == before, f"{answer.where()} recorded something"


def undecided(app: FastAPI) -> list[str]:
    """The routes the app serves without a scope decision, as ``METHOD path``."""
    return [f"{m} {p}" for m, p in served(app) if (m, p) not in ROUTES]


def test_every_route_has_a_scope_decision(world: World) -> None:
    missing = undecided(world.app)
    assert not missing, "these routes have no scope decision; add each to ROUTES in interfaces/scopes.py: " + ", ".join(
        missing
    )
    stale = [f"{m} {p}" for m, p in ROUTES if (m, p) not in served(world.app)]
    assert not stale, "interfaces/scopes.py decides routes the app does not serve: " + ", ".join(stale)


def test_every_route_has_a_case_in_the_matrix(world: World) -> None:
    missing = [f"{m} {p}" for m, p in served(world.app) if (m, p) not in CASES]
    assert not missing, (
        "these routes have no case in the scope matrix; add each to CASES in tests/interfaces/test_scopes.py: "
        + ", ".join(missing)
    )
    assert sorted(CASES) == sorted(ROUTES)


@pytest.mark.parametrize("route_key", list(CASES), ids=[f"{m} {p}" for m, p in CASES])
def test_every_role_and_scope_on_a_record_inside_and_outside(world: World, route_key: tuple[str, str]) -> None:
    ask(world, route_key, KEYS)


SMALLER = [
    ("POST", "/v1/members"),
    ("GET", "/v1/members/{member_id}"),
    ("POST", "/v1/members/{member_id}/amend"),
    ("POST", "/v1/branches/{branch_id}/transfer-management"),
    ("GET", "/v1/branches/{branch_id}/history"),
    ("POST", "/v1/grading-rounds/{year}/raise-objection"),
    ("GET", "/v1/grading-rounds/{year}"),
    ("GET", "/v1/branches"),
    ("GET", "/v1/reports/classification/{year}"),
    ("GET", "/v1/reports/coverage.csv"),
    ("GET", "/v1/audit/events"),
    ("GET", "/console/branches/{key}"),
    ("GET", "/console/members"),
    ("GET", "/console/reports/{name}"),
    ("GET", "/console/audit"),
]


@pytest.mark.postgres
def test_a_smaller_set_on_postgresql(postgres_url: str) -> None:
    keys = [k for k in KEYS if k.role in ("registrar", "auditor", "admin")]
    for world in world_on(postgres_url):
        for route_key in SMALLER:
            ask(world, route_key, keys)


def test_a_new_route_without_a_decision_is_named_and_refuses_scoped_keys(sqlite_url: str) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    app = create_app(register, CONFIGURED)
    extra = APIRouter()

    @extra.post("/v1/letters/{kind}")
    def send_letter(kind: str, _: Annotated[Principal, Depends(require("registrar"))]) -> dict[str, str]:
        return {"kind": kind}

    app.include_router(extra)
    try:
        assert undecided(app) == ["POST /v1/letters/{kind}"]
        with TestClient(app, raise_server_exceptions=False) as client:
            answers = {
                key.reach: client.post("/v1/letters/members", headers={"Authorization": f"Bearer {key.token}"})
                for key in KEYS
                if key.role == "registrar"
            }
    finally:
        register.close()
    assert answers["all"].status_code == 200
    for reach in ("street", "unit"):
        assert answers[reach].status_code == 403
        assert answers[reach].json()["rule"] == "scope.district_only"
