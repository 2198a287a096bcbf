"""What a key confined to a scope reaches on each route of the API and the console: one decision per route.

Whether one record lies in a scope is the application's rule (``application/scope.py``); this table says how each
route applies it. A route missing here refuses every scoped key (403 ``scope.district_only``) until it is given a
decision, and the route-matrix test names it.
"""

from __future__ import annotations

from enum import StrEnum

from starlette.requests import HTTPConnection


class Reach(StrEnum):
    """How a route meets a scope."""

    RECORD = "record"
    """One member, chamber or organization named in the path: outside the scope it is 404, as if it did not exist;
    a command that would leave it outside is 422 ``scope.outside``."""
    CREATE = "create"
    """Creates a record, which must lie in the scope (422 ``scope.outside``); records it names must too."""
    LIST = "list"
    """A list (or its download) holding only the records in the scope."""
    REPORT = "report"
    """A report (or its download, or the dashboard) counting and naming only the records in the scope, saying so."""
    ROUND = "round"
    """A grading round, the district's: read whole except for the objections about organizations outside the
    scope, which are left out; an objection is raised or resolved only about an organization in the scope."""
    DISTRICT = "district"
    """The whole district's (the whole log, its verification, the access log, a round's opening, publicity and
    closing): unscoped keys only, 403 ``scope.district_only`` to a scoped key."""
    NONE = "none"
    """Holds no record: health, documentation, signing in and out, static files, the console's unknown page."""


ROUTES: dict[tuple[str, str], Reach] = {
    ("GET", "/healthz"): Reach.NONE,
    ("GET", "/openapi.json"): Reach.NONE,
    ("GET", "/docs"): Reach.NONE,
    ("GET", "/docs/oauth2-redirect"): Reach.NONE,
    ("GET", "/redoc"): Reach.NONE,
    ("*", "/docs-assets"): Reach.NONE,
    ("POST", "/v1/members"): Reach.CREATE,
    ("GET", "/v1/members/{member_id}"): Reach.RECORD,
    ("POST", "/v1/members/{member_id}/amend"): Reach.RECORD,
    ("POST", "/v1/members/{member_id}/correct-joined-on"): Reach.RECORD,
    ("POST", "/v1/members/{member_id}/correct-left-on"): Reach.RECORD,
    ("POST", "/v1/members/{member_id}/correct-chamber-day"): Reach.RECORD,
    ("POST", "/v1/members/{member_id}/join-chamber"): Reach.RECORD,
    ("POST", "/v1/members/{member_id}/leave-chamber"): Reach.RECORD,
    ("POST", "/v1/members/{member_id}/designate-key-focus"): Reach.RECORD,
    ("POST", "/v1/members/{member_id}/revoke-key-focus"): Reach.RECORD,
    ("POST", "/v1/members/{member_id}/report-party-members"): Reach.RECORD,
    ("POST", "/v1/members/{member_id}/record-san-you"): Reach.RECORD,
    ("POST", "/v1/members/{member_id}/suspend"): Reach.RECORD,
    ("POST", "/v1/members/{member_id}/reinstate"): Reach.RECORD,
    ("POST", "/v1/members/{member_id}/leave"): Reach.RECORD,
    ("GET", "/v1/members/{member_id}/history"): Reach.RECORD,
    ("POST", "/v1/chambers"): Reach.CREATE,
    ("GET", "/v1/chambers/{chamber_id}"): Reach.RECORD,
    ("POST", "/v1/chambers/{chamber_id}/register"): Reach.RECORD,
    ("POST", "/v1/chambers/{chamber_id}/hang-fic-plaque"): Reach.RECORD,
    ("POST", "/v1/chambers/{chamber_id}/renew-term"): Reach.RECORD,
    ("POST", "/v1/chambers/{chamber_id}/postpone-term"): Reach.RECORD,
    ("POST", "/v1/chambers/{chamber_id}/award-four-good"): Reach.RECORD,
    ("POST", "/v1/chambers/{chamber_id}/revoke-four-good"): Reach.RECORD,
    ("POST", "/v1/chambers/{chamber_id}/designate-demonstration-site"): Reach.RECORD,
    ("POST", "/v1/chambers/{chamber_id}/rename"): Reach.RECORD,
    ("POST", "/v1/chambers/{chamber_id}/correct-established-on"): Reach.RECORD,
    ("POST", "/v1/chambers/{chamber_id}/correct-four-good-years"): Reach.RECORD,
    ("POST", "/v1/chambers/{chamber_id}/correct-demonstration-site-year"): Reach.RECORD,
    ("POST", "/v1/chambers/{chamber_id}/dissolve"): Reach.RECORD,
    ("GET", "/v1/chambers/{chamber_id}/history"): Reach.RECORD,
    ("POST", "/v1/branches"): Reach.CREATE,
    ("GET", "/v1/branches/{branch_id}"): Reach.RECORD,
    ("POST", "/v1/branches/{branch_id}/transfer-management"): Reach.RECORD,
    ("POST", "/v1/branches/{branch_id}/report-party-members"): Reach.RECORD,
    ("POST", "/v1/branches/{branch_id}/record-structure"): Reach.RECORD,
    ("POST", "/v1/branches/{branch_id}/record-election"): Reach.RECORD,
    ("POST", "/v1/branches/{branch_id}/postpone-election"): Reach.RECORD,
    ("POST", "/v1/branches/{branch_id}/correct-election"): Reach.RECORD,
    ("POST", "/v1/branches/{branch_id}/correct-transfer"): Reach.RECORD,
    ("POST", "/v1/branches/{branch_id}/record-organizational-life"): Reach.RECORD,
    ("POST", "/v1/branches/{branch_id}/void-meeting"): Reach.RECORD,
    ("POST", "/v1/branches/{branch_id}/rename"): Reach.RECORD,
    ("POST", "/v1/branches/{branch_id}/correct-founded-on"): Reach.RECORD,
    ("POST", "/v1/branches/{branch_id}/dissolve"): Reach.RECORD,
    ("POST", "/v1/branches/{branch_id}/merge"): Reach.RECORD,
    ("POST", "/v1/branches/{branch_id}/review"): Reach.RECORD,
    ("POST", "/v1/branches/{branch_id}/grade"): Reach.RECORD,
    ("POST", "/v1/branches/{branch_id}/correct-grade"): Reach.RECORD,
    ("POST", "/v1/branches/{branch_id}/correct-review"): Reach.RECORD,
    ("POST", "/v1/branches/{branch_id}/open-rectification"): Reach.RECORD,
    ("POST", "/v1/branches/{branch_id}/close-rectification"): Reach.RECORD,
    ("POST", "/v1/branches/{branch_id}/correct-rectification"): Reach.RECORD,
    ("GET", "/v1/branches/{branch_id}/history"): Reach.RECORD,
    ("POST", "/v1/grading-rounds"): Reach.DISTRICT,
    ("GET", "/v1/grading-rounds/{year}"): Reach.ROUND,
    ("POST", "/v1/grading-rounds/{year}/start-publicity"): Reach.DISTRICT,
    ("POST", "/v1/grading-rounds/{year}/raise-objection"): Reach.ROUND,
    ("POST", "/v1/grading-rounds/{year}/resolve-objection"): Reach.ROUND,
    ("POST", "/v1/grading-rounds/{year}/close"): Reach.DISTRICT,
    ("GET", "/v1/grading-rounds/{year}/history"): Reach.ROUND,
    ("GET", "/v1/grading-rounds/{year}/publicity-notice"): Reach.REPORT,
    ("POST", "/v1/imports/members"): Reach.CREATE,
    ("POST", "/v1/imports/chambers"): Reach.CREATE,
    ("POST", "/v1/imports/branches"): Reach.CREATE,
    ("POST", "/v1/imports/organizational-life"): Reach.CREATE,
    ("POST", "/v1/imports/reviews"): Reach.CREATE,
    ("GET", "/v1/imports/templates/{kind}.xlsx"): Reach.NONE,
    ("GET", "/v1/members"): Reach.LIST,
    ("GET", "/v1/chambers"): Reach.LIST,
    ("GET", "/v1/branches"): Reach.LIST,
    ("GET", "/v1/reports/classification/{year}"): Reach.REPORT,
    ("GET", "/v1/reports/classification/{year}.csv"): Reach.REPORT,
    ("GET", "/v1/reports/classification/{year}.xlsx"): Reach.REPORT,
    ("GET", "/v1/reports/coverage"): Reach.REPORT,
    ("GET", "/v1/reports/coverage.csv"): Reach.REPORT,
    ("GET", "/v1/reports/coverage.xlsx"): Reach.REPORT,
    ("GET", "/v1/reports/chambers"): Reach.REPORT,
    ("GET", "/v1/reports/chambers.csv"): Reach.REPORT,
    ("GET", "/v1/reports/chambers.xlsx"): Reach.REPORT,
    ("GET", "/v1/reports/organizational-life/{year}"): Reach.REPORT,
    ("GET", "/v1/reports/organizational-life/{year}.csv"): Reach.REPORT,
    ("GET", "/v1/reports/organizational-life/{year}.xlsx"): Reach.REPORT,
    ("GET", "/v1/reports/key-focus"): Reach.REPORT,
    ("GET", "/v1/reports/key-focus.csv"): Reach.REPORT,
    ("GET", "/v1/reports/key-focus.xlsx"): Reach.REPORT,
    ("GET", "/v1/audit/events"): Reach.DISTRICT,
    ("GET", "/v1/audit/verify"): Reach.DISTRICT,
    ("GET", "/v1/audit/access"): Reach.DISTRICT,
    ("GET", "/console/sign-in"): Reach.NONE,
    ("POST", "/console/sign-in"): Reach.NONE,
    ("POST", "/console/sign-out"): Reach.NONE,
    ("GET", "/console"): Reach.NONE,
    ("GET", "/console/"): Reach.REPORT,
    ("GET", "/console/rounds"): Reach.ROUND,
    ("GET", "/console/members"): Reach.LIST,
    ("GET", "/console/chambers"): Reach.LIST,
    ("GET", "/console/branches"): Reach.LIST,
    ("GET", "/console/members.xlsx"): Reach.LIST,
    ("GET", "/console/chambers.xlsx"): Reach.LIST,
    ("GET", "/console/branches.xlsx"): Reach.LIST,
    ("GET", "/console/members/new"): Reach.CREATE,
    ("POST", "/console/members/new"): Reach.CREATE,
    ("GET", "/console/members/{key}"): Reach.RECORD,
    ("GET", "/console/chambers/{key}"): Reach.RECORD,
    ("GET", "/console/branches/{key}"): Reach.RECORD,
    ("GET", "/console/rounds/{key}"): Reach.ROUND,
    ("GET", "/console/members/{key}/changes"): Reach.RECORD,
    ("GET", "/console/chambers/{key}/changes"): Reach.RECORD,
    ("GET", "/console/branches/{key}/changes"): Reach.RECORD,
    ("GET", "/console/rounds/{key}/changes"): Reach.ROUND,
    ("GET", "/console/chambers/new"): Reach.CREATE,
    ("POST", "/console/chambers/new"): Reach.CREATE,
    ("GET", "/console/branches/new"): Reach.CREATE,
    ("POST", "/console/branches/new"): Reach.CREATE,
    ("GET", "/console/rounds/new"): Reach.DISTRICT,
    ("POST", "/console/rounds/new"): Reach.DISTRICT,
    ("GET", "/console/members/{key}/{name}"): Reach.RECORD,
    ("POST", "/console/members/{key}/{name}"): Reach.RECORD,
    ("GET", "/console/chambers/{key}/{name}"): Reach.RECORD,
    ("POST", "/console/chambers/{key}/{name}"): Reach.RECORD,
    ("GET", "/console/branches/{key}/{name}"): Reach.RECORD,
    ("POST", "/console/branches/{key}/{name}"): Reach.RECORD,
    ("GET", "/console/rounds/{key}/{name}"): Reach.ROUND,
    ("POST", "/console/rounds/{key}/{name}"): Reach.ROUND,
    ("GET", "/console/reports"): Reach.REPORT,
    ("GET", "/console/reports/{name}"): Reach.REPORT,
    ("GET", "/console/reports/{name}.xlsx"): Reach.REPORT,
    ("GET", "/console/audit"): Reach.DISTRICT,
    ("GET", "/console/audit/verify"): Reach.DISTRICT,
    ("GET", "/console/audit/export"): Reach.DISTRICT,
    ("GET", "/console/audit/access"): Reach.DISTRICT,
    ("GET", "/console/imports"): Reach.NONE,
    ("POST", "/console/imports"): Reach.CREATE,
    ("GET", "/console/imports/{kind}.xlsx"): Reach.NONE,
    ("*", "/console/static"): Reach.NONE,
    ("GET", "/console/{rest:path}"): Reach.NONE,
}
"""Every route's decision, by method (``*`` for a mounted folder) and path as the app declares it."""


def reach(method: str, path: str) -> Reach | None:
    """The decision for a route, or None when it has none."""
    return ROUTES.get((method, path)) or ROUTES.get(("*", path))


def reach_of(connection: HTTPConnection) -> Reach | None:
    """The decision for the route a request was routed to; None for a route without one."""
    route = connection.scope.get("route")
    path = getattr(route, "path", None)
    if path is None:
        return None
    return reach(connection.scope.get("method", "GET"), path)


def refused_to_scoped(connection: HTTPConnection) -> bool:
    """Whether a key confined to a scope is refused this route: it is the whole district's, or undecided."""
    found = reach_of(connection)
    return found is None or found == Reach.DISTRICT
