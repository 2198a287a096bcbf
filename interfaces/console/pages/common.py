"""What every console page shares: the console's state on the app, the signed-in session, role and CSRF checks,
the menu, and rendering with the security headers every page carries."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment

from application.projections.runner import ViewRunner
from application.register import Register
from application.scope import confined_to
from domain.scope import Scope
from interfaces.api.auth import Principal
from interfaces.console.access import ROUTES, Permissions
from interfaces.console.dates import today
from interfaces.console.forms.catalog import FORMS
from interfaces.console.labels import label
from interfaces.console.session import COOKIE, Session, Sessions, SignInThrottle, csrf_valid
from interfaces.console.views.documents import Snapshot, snapshot
from interfaces.console.views.records import PageProblem
from interfaces.scopes import Reach, reach, refused_to_scoped

HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class SignInRequired(Exception):
    """The page needs a signed-in session; the browser is sent to sign in and brought back."""

    def __init__(self, back: str) -> None:
        super().__init__(back)
        self.back = back


@dataclass
class Console:
    """The console's parts kept on the app: templates, sessions, the sign-in throttle and the permissions."""

    app: FastAPI
    env: Environment
    sessions: Sessions
    throttle: SignInThrottle = field(default_factory=SignInThrottle)
    _permissions: Permissions | None = None

    @property
    def permissions(self) -> Permissions:
        """Read off the API's routes on first use, once every router is in place."""
        if self._permissions is None:
            actions = {**ROUTES, **{f.action: f.api for f in FORMS}}
            self._permissions = Permissions.of(self.app, actions)
        return self._permissions


def console(request: Request) -> Console:
    return request.app.state.console


def register_of(request: Request) -> Register:
    return request.app.state.register


def documents(request: Request) -> Snapshot:
    """The live view as the signed-in key's scope sees it."""
    runner: ViewRunner = request.app.state.views
    return snapshot(register_of(request), runner, scope_of(request), request.app.state.kept_documents)


def scope_of(request: Request) -> Scope | None:
    """The scope of the signed-in key (None: the whole district)."""
    principal: Principal | None = getattr(request.state, "principal", None)
    return principal.scope if principal else None


def confined(request: Request) -> AbstractContextManager[None]:
    """The register's commands and queries inside this block reach only the signed-in key's scope."""
    return confined_to(scope_of(request))


def session_of(request: Request) -> Session | None:
    return console(request).sessions.load(request.cookies.get(COOKIE))


def signed_in(request: Request) -> Session:
    """The request's session; SignInRequired (a redirect to the sign-in page) without a valid one."""
    found = session_of(request)
    if found is None:
        back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInRequired(back)
    principal = found.principal
    request.state.principal = principal
    if principal.scope is not None and refused_to_scoped(request):
        raise PageProblem(403, f"本页面涉及全区的数据；限于“{principal.scope.label}”的密钥不能查看")
    return found


def roles_text(roles: frozenset[str]) -> str:
    return "、".join(label("role", r) for r in sorted(roles))


def allow(request: Request, session: Session, action: str) -> None:
    """PageProblem 403 unless the session's role may take ``action`` (the same roles as the API's route)."""
    permissions = console(request).permissions
    if not permissions.may(session.role, action):
        allowed = roles_text(permissions.roles.get(action, frozenset()))
        raise PageProblem(403, f"{label('role', session.role)}不能进行此操作；可以进行的角色：{allowed}")


def check_csrf(session: Session, form: Mapping[str, Any]) -> None:
    """PageProblem 403 unless the form carried the session's CSRF token."""
    if not csrf_valid(session, form.get("csrf_token")):
        raise PageProblem(403, "表单已失效（缺少或不符合安全校验码），请返回重新打开表单后再提交")


@dataclass(frozen=True)
class MenuItem:
    title: str
    href: str
    current: bool


MENU = [
    ("首页", "/console/", "read"),
    ("会员企业", "/console/members", "read"),
    ("商会", "/console/chambers", "read"),
    ("党组织", "/console/branches", "read"),
    ("定级工作", "/console/rounds", "read"),
    ("统计报表", "/console/reports", "report"),
    ("新会员入会", "/console/members/new", "member.new"),
    ("表格导入", "/console/imports", "import"),
    ("审计日志", "/console/audit", "audit"),
    ("访问记录", "/console/audit/access", "access"),
]


def _current(path: str, href: str) -> bool:
    if href == "/console/":
        return path in ("/console", "/console/")
    if path == "/console/members/new":
        return href == path
    return path == href or path.startswith(f"{href}/")


def menu(request: Request, session: Session) -> list[MenuItem]:
    """The menu entries the session's role (and scope) may open, the current one marked."""
    permissions = console(request).permissions
    path = request.url.path
    scoped = session.scope is not None
    shown = [
        (title, href)
        for title, href, action in MENU
        if permissions.may(session.role, action) and not (scoped and reach("GET", href) == Reach.DISTRICT)
    ]
    nearest = max((len(href) for _, href in shown if _current(path, href)), default=0)
    return [MenuItem(title, href, _current(path, href) and len(href) == nearest) for title, href in shown]


def secure(response: Response) -> Response:
    response.headers.update(HEADERS)
    return response


def render(
    request: Request, template: str, context: dict[str, Any], status: int = 200, session: Session | None = None
) -> HTMLResponse:
    """The page ``template`` filled with ``context`` and, for a signed-in session, the menu and CSRF token."""
    env = console(request).env
    base: dict[str, Any] = {"session": session, "menu": [], "csrf": "", "role": "", "scope": "", "today": today()}
    if session is not None:
        scope = session.principal.scope
        base.update(
            menu=menu(request, session),
            csrf=session.csrf,
            role=label("role", session.role),
            scope=scope.label if scope else "",
        )
    html = env.get_template(template).render({**base, **context})
    return secure(HTMLResponse(html, status_code=status))  # type: ignore[return-value]


def redirect(location: str) -> RedirectResponse:
    return secure(RedirectResponse(location, status_code=303))  # type: ignore[return-value]


def sign_in_location(back: str) -> str:
    return f"/console/sign-in?next={quote(back, safe='/')}"


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a console page, never another site."""
    if target and target.startswith("/console") and not target.startswith("//") and "\\" not in target:
        return target
    return "/console/"
