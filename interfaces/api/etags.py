"""Conditional reads: whether a request's ``If-None-Match`` already names the answer's ``ETag`` (kept reports and
list pages answer 304 then)."""

from __future__ import annotations

from fastapi import Request


def not_modified(request: Request, tag: str) -> bool:
    """Whether ``If-None-Match`` names ``tag`` (or ``*``), compared weakly as RFC 9110 asks for a GET."""
    asked = request.headers.get("if-none-match")
    if asked is None:
        return False
    named = {part.strip().removeprefix("W/") for part in asked.split(",")}
    return "*" in named or tag in named
