"""Conditional reads: whether a request's ``If-None-Match`` already names the answer's ``ETag`` (kept reports,
list pages and members answer 304 then)."""

from __future__ import annotations

from fastapi import Request


def names(asked: str | None, tag: str) -> bool:
    """Whether an ``If-None-Match`` value names ``tag`` (or ``*``), compared weakly as RFC 9110 asks for a GET."""
    if asked is None:
        return False
    named = {part.strip().removeprefix("W/") for part in asked.split(",")}
    return "*" in named or tag in named


def not_modified(request: Request, tag: str) -> bool:
    """Whether the request's ``If-None-Match`` names ``tag``."""
    return names(request.headers.get("if-none-match"), tag)
