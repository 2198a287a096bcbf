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
from domain.coverage import Coverage, coverage_of, enough_for_an_organization
from domain.values import MemberStatus


def coverage_report(view: Documents, on: date) -> dict[str, Any]:
    """Member enterprises with their own organization, covered by a joint branch, or with none, on ``on``; and
    those whose last report counts 3 or more full Party members (probationary ones do not count) without an
    organization of their own."""
    members = by_name(m for m in view.all("member") if m["status"] != MemberStatus.LEFT)
    hosted: dict[str, list[str]] = defaultdict(list)
    for branch in view.all("branch"):
        if branch_stood(branch, on):
            for member_id in branch["host_member_ids"]:
                hosted[member_id].append(branch["kind"])
    covered = {member_id: coverage_of(kinds) for member_id, kinds in hosted.items()}
    rows: dict[Coverage, list[dict[str, str]]] = {coverage: [] for coverage in Coverage}
    for member in members:
        rows[covered.get(member["id"], Coverage.NONE)].append(named(member))
    needing_own = [_needing(m) for m in members if _needs_own(m, covered.get(m["id"], Coverage.NONE))]
    counted = {coverage: len(named_rows) for coverage, named_rows in rows.items()}
    return _report(on, counted, rows[Coverage.NONE], needing_own)


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


def _report(
    on: date, counted: dict[Coverage, int], without: list[dict[str, str]], needing_own: list[dict[str, Any]]
) -> dict[str, Any]:
    total = sum(counted.values())
    own_count, joint_count = counted[Coverage.OWN_ORGANIZATION], counted[Coverage.JOINT_BRANCH]
    return {
        "report": ReportName.COVERAGE.value,
        "on": on.isoformat(),
        "members": total,
        Coverage.OWN_ORGANIZATION.value: own_count,
        Coverage.JOINT_BRANCH.value: joint_count,
        Coverage.NONE.value: counted[Coverage.NONE],
        "organization_coverage": round(own_count / total, 4) if total else 0.0,
        "work_coverage": round((own_count + joint_count) / total, 4) if total else 0.0,
        "without_organization": without,
        "three_or_more_party_members_without_own_branch": needing_own,
    }


def coverage_moved(
    report: dict[str, Any], view: Documents, changed: dict[str, Doc | None], in_scope: Callable[[Doc], bool]
) -> dict[str, Any] | None:
    """The coverage ``report`` (built on its day from the view before) moved to ``view`` (the whole view, not cut
    to the report's scope), the documents
    ``changed`` in between given as they were before; ``in_scope`` says whether a member's document lies in the
    report's scope. None when an organization changed: then it is built afresh."""
    if any(doc is not None and doc["type"] == "branch" for doc in changed.values()):
        return None
    now = view.load(changed)
    if any(doc["type"] == "branch" for doc in now.values()):
        return None
    members = [ident for ident in changed if (now.get(ident) or changed[ident] or {}).get("type") == "member"]
    hosted: dict[str, list[str]] = defaultdict(list)
    wanted = set(members)
    on = date.fromisoformat(report["on"])
    for branch in view.all("branch"):
        if branch_stood(branch, on):
            for member_id in branch["host_member_ids"]:
                if member_id in wanted:
                    hosted[member_id].append(branch["kind"])
    counted = {coverage: int(report[coverage.value]) for coverage in Coverage}
    without = list(report["without_organization"])
    needing_own = list(report["three_or_more_party_members_without_own_branch"])
    for ident in members:
        coverage = coverage_of(hosted[ident])
        for doc, step in ((changed[ident], -1), (now.get(ident), 1)):
            if doc is None or doc["status"] == MemberStatus.LEFT or not in_scope(doc):
                continue
            counted[coverage] += step
            if coverage == Coverage.NONE:
                _place(without, named(doc), itemgetter("name", "id"), step)
            if _needs_own(doc, coverage):
                _place(needing_own, _needing(doc), itemgetter("name", "member_id"), step)
    return _report(on, counted, without, needing_own)


def _place(rows: list[dict[str, Any]], row: dict[str, Any], key: Callable[[dict[str, Any]], Any], step: int) -> None:
    """Take ``row`` out of ``rows`` (kept in the order of ``key``), or put it in its place."""
    at = bisect_left(rows, key(row), key=key)
    if step < 0:
        del rows[at]
    else:
        rows.insert(at, row)
