"""The coverage report (两个覆盖): member enterprises with their own Party organization, a joint branch, or none."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from operator import itemgetter
from typing import Any

from application.projections.documents import Doc
from application.reports.common import Documents, ReportName, branch_stood, by_name, named
from application.scope import ScopedDocuments
from domain.coverage import Coverage, coverage_of, enough_for_an_organization, san_you_of
from domain.hosting import HostingPolicy
from domain.values import MemberStatus

BY_NAME = itemgetter("name", "id")
BY_MEMBER_NAME = itemgetter("name", "member_id")


def coverage_report(view: Documents, on: date) -> dict[str, Any]:
    """Member enterprises meeting "三有" (the denominator) with their own organization, covered by a joint branch,
    or with none, on ``on``; the other members (not meeting it, or not recorded) counted apart; and those whose last
    report counts 3 or more full Party members (probationary ones do not count) without an organization of their
    own; and the organizations (in the scope, when the view is cut to one) whose kind does not fit their full
    members (``size_flags``)."""
    members = by_name(m for m in view.all("member") if m["status"] != MemberStatus.LEFT)
    hosted: dict[str, list[str]] = defaultdict(list)
    standing = by_name(b for b in view.all("branch") if branch_stood(b, on))
    listed = view.admits if isinstance(view, ScopedDocuments) else None
    for branch in standing:
        for member_id in branch["host_member_ids"]:
            hosted[member_id].append(branch["kind"])
    covered = {member_id: coverage_of(kinds) for member_id, kinds in hosted.items()}
    tally = _Tally.empty(on)
    for member in members:
        tally.add(member, covered.get(member["id"], Coverage.NONE))
    return {**tally.report(), "size_flags": size_flags([b for b in standing if listed is None or listed(b)])}


def size_flags(branches: list[Doc], policy: HostingPolicy | None = None) -> list[dict[str, Any]]:
    """The organizations whose full members do not fit their kind (条例 Art. 4: a branch up to 50, a general branch
    below 100, a Party committee from 100), larger or smaller than it usually holds, with the kind they usually are:
    flags, never refusals."""
    policy = policy or HostingPolicy()
    flags = []
    for branch in branches:
        flag = policy.size_flag(branch["kind"], branch["full_members"])
        if flag is not None:
            suggested, mismatch = flag
            flags.append(
                {
                    "branch_id": branch["id"],
                    "name": branch["name"],
                    "kind": branch["kind"],
                    "full_members": branch["full_members"],
                    "suggested_kind": suggested,
                    "mismatch": mismatch.value,
                }
            )
    return flags


class _Tally:
    """What the report counts and lists, member by member; rows stay in the order of names."""

    def __init__(self, on: date, counted: dict[Coverage, int], apart: dict[Coverage, int], rows: dict[str, Any]):
        self.on, self.counted, self.apart = on, counted, apart
        self.members: int = rows["members"]
        self.not_recorded: int = rows["not_recorded"]
        self.without: list[dict[str, str]] = rows["without"]
        self.outside: list[dict[str, Any]] = rows["outside"]
        self.needing: list[dict[str, Any]] = rows["needing"]
        self.placing = False

    @classmethod
    def empty(cls, on: date) -> _Tally:
        rows = {"members": 0, "not_recorded": 0, "without": [], "outside": [], "needing": []}
        return cls(on, dict.fromkeys(Coverage, 0), dict.fromkeys(Coverage, 0), rows)

    @classmethod
    def of(cls, report: dict[str, Any]) -> _Tally:
        """The tally a built report holds, its lists copied, to be changed member by member in place."""
        outside = report["outside_san_you"]
        rows = {
            "members": report["members"],
            "not_recorded": outside["not_recorded"],
            "without": list(report["without_organization"]),
            "outside": list(outside["rows"]),
            "needing": list(report["three_or_more_party_members_without_own_branch"]),
        }
        counted = {coverage: int(report[coverage.value]) for coverage in Coverage}
        apart = {coverage: int(outside[coverage.value]) for coverage in Coverage}
        tally = cls(date.fromisoformat(report["on"]), counted, apart, rows)
        tally.placing = True
        return tally

    def add(self, member: Doc, coverage: Coverage, step: int = 1) -> None:
        """Count ``member`` (covered as ``coverage``) in, or with ``step`` -1 out."""
        self.members += step
        san_you = san_you_of(member["san_you_mark"])
        if san_you:
            self.counted[coverage] += step
            if coverage == Coverage.NONE:
                self._put(self.without, named(member), BY_NAME, step)
        else:
            self.apart[coverage] += step
            self.not_recorded += step if san_you is None else 0
            row = {"member_id": member["id"], "name": member["name"], "san_you": san_you, "coverage": coverage.value}
            self._put(self.outside, row, BY_MEMBER_NAME, step)
        if _needs_own(member, coverage):
            self._put(self.needing, _needing(member), BY_MEMBER_NAME, step)

    def _put(self, rows: list[dict[str, Any]], row: dict[str, Any], key: Callable[[Any], Any], step: int) -> None:
        if not self.placing:
            rows.append(row)
            return
        at = bisect_left(rows, key(row), key=key)
        if step < 0:
            del rows[at]
        else:
            rows.insert(at, row)

    def report(self) -> dict[str, Any]:
        total = sum(self.counted.values())
        own_count, joint_count = self.counted[Coverage.OWN_ORGANIZATION], self.counted[Coverage.JOINT_BRANCH]
        return {
            "report": ReportName.COVERAGE.value,
            "on": self.on.isoformat(),
            "members": self.members,
            "san_you_members": total,
            Coverage.OWN_ORGANIZATION.value: own_count,
            Coverage.JOINT_BRANCH.value: joint_count,
            Coverage.NONE.value: self.counted[Coverage.NONE],
            "organization_coverage": round(own_count / total, 4) if total else 0.0,
            "work_coverage": round((own_count + joint_count) / total, 4) if total else 0.0,
            "without_organization": self.without,
            "outside_san_you": {
                "members": sum(self.apart.values()),
                "not_recorded": self.not_recorded,
                **{coverage.value: count for coverage, count in self.apart.items()},
                "rows": self.outside,
            },
            "three_or_more_party_members_without_own_branch": self.needing,
        }


def _needs_own(member: Doc, coverage: Coverage) -> bool:
    reported = member["party_members"]
    return (
        bool(reported)
        and enough_for_an_organization(reported["full_members"])
        and coverage != Coverage.OWN_ORGANIZATION
    )


def _needing(member: Doc) -> dict[str, Any]:
    reported = member["party_members"]
    return {
        "member_id": member["id"],
        "name": member["name"],
        "street": member["street"],
        "full_members": reported["full_members"],
        "probationary_members": reported["probationary_members"],
        "party_members": reported["full_members"],
    }


def coverage_moved(
    report: dict[str, Any], view: Documents, changed: dict[str, Doc | None], in_scope: Callable[[Doc], bool]
) -> dict[str, Any] | None:
    """The coverage ``report`` (built on its day from the view before) moved to ``view`` (the whole view, not cut
    to the report's scope), the documents ``changed`` in between given as they were before; ``in_scope`` says
    whether a member's document lies in the report's scope. None when an organization changed: then it is built
    afresh."""
    if any(doc is not None and doc["type"] == "branch" for doc in changed.values()):
        return None
    now = view.load(changed)
    if any(doc["type"] == "branch" for doc in now.values()):
        return None
    members = {ident for ident in changed if (now.get(ident) or changed[ident] or {}).get("type") == "member"}
    tally = _Tally.of(report)
    hosted: dict[str, list[str]] = defaultdict(list)
    for branch in view.all("branch"):
        if branch_stood(branch, tally.on):
            for member_id in branch["host_member_ids"]:
                if member_id in members:
                    hosted[member_id].append(branch["kind"])
    for ident in members:
        coverage = coverage_of(hosted[ident])
        for doc, step in ((changed[ident], -1), (now.get(ident), 1)):
            if doc is not None and doc["status"] != MemberStatus.LEFT and in_scope(doc):
                tally.add(doc, coverage, step)
    return {**tally.report(), "size_flags": report["size_flags"]}
