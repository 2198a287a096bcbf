"""Signing in with a key's token and signing out."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import Response

from interfaces.console.pages.common import (
    check_csrf,
    console,
    redirect,
    render,
    safe_next,
    session_of,
    signed_in,
)
from interfaces.console.session import COOKIE, LIFETIME, PATH, SIGN_IN_COOKIE, SIGN_IN_LIFETIME
from interfaces.console.views.records import PageProblem

router = APIRouter()
unknown = APIRouter()
"""Any other console path: a Chinese page saying so, after every route and the static files."""


def _form(request: Request, back: str, error: str = "", status: int = 200, notice: str = "") -> Response:
    token, cookie = console(request).sessions.sign_in_token()
    response = render(
        request,
        "sign_in.html",
        {"title": "登录", "next": back, "sign_in_csrf": token, "error": error, "notice": notice},
        status,
    )
    response.set_cookie(
        SIGN_IN_COOKIE,
        cookie,
        max_age=SIGN_IN_LIFETIME,
        path=PATH,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


@router.get("/console/sign-in")
def sign_in_page(request: Request, next: str = "/console/", signed_out: bool = False) -> Response:
    if session_of(request) is not None:
        return redirect(safe_next(next))
    return _form(request, safe_next(next), notice="您已退出。" if signed_out else "")


@router.post("/console/sign-in")
async def sign_in(request: Request) -> Response:
    """Exchange a token for a session cookie; each failure from an address makes its next attempt wait longer."""
    form = await request.form()
    back = safe_next(str(form.get("next") or ""))
    parts = console(request)
    if not parts.sessions.sign_in_token_valid(request.cookies.get(SIGN_IN_COOKIE), str(form.get("csrf_token") or "")):
        return _form(request, back, "登录页面已过期，请重新输入令牌后登录。", 403)
    address = request.client.host if request.client else "unknown"
    token = str(form.get("token") or "").strip()
    throttle = parts.throttle
    async with throttle.lock(address):
        await asyncio.sleep(throttle.delay(address))
        session = parts.sessions.sign_in(token) if token else None
        if session is None:
            failures = throttle.failed(address)
            wait = throttle.delay(address)
            return _form(
                request, back, f"令牌不正确，请核对后重试（已连续失败{failures}次，下次登录将等待{wait:g}秒）。", 401
            )
        throttle.succeeded(address)
    response = redirect(back)
    response.set_cookie(
        COOKIE,
        parts.sessions.dump(session),
        max_age=LIFETIME,
        path=PATH,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    response.delete_cookie(SIGN_IN_COOKIE, path=PATH)
    return response


@router.post("/console/sign-out")
async def sign_out(request: Request) -> Response:
    session = signed_in(request)
    check_csrf(session, await request.form())
    response = redirect("/console/sign-in?signed_out=true")
    response.delete_cookie(COOKIE, path=PATH, httponly=True, samesite="strict")
    return response


@unknown.get("/console/{rest:path}")
def not_found(request: Request, rest: str) -> Response:
    signed_in(request)
    raise PageProblem(404, "没有这个页面，请从菜单进入")
