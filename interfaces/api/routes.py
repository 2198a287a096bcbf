"""Command routes declared as data: ``POST /v1/<resource>/{id}/<verb>`` with its body model, roles and call."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from application.base import Recorded
from application.context import CommandContext
from application.register import Register
from interfaces.api.auth import Principal, require
from interfaces.api.commands import run_command
from interfaces.api.deps import get_register

Call = Callable[[Register, Any, Any, CommandContext, int | None], Recorded[Any]]
Presenter = Callable[[Register], Callable[[Any], dict[str, Any]]]


@dataclass(frozen=True)
class Command:
    """One verb: its body model, the register call it makes, and a summary for the OpenAPI document."""

    verb: str
    body: type[BaseModel]
    call: Call
    summary: str | None = None


def add_commands(
    router: APIRouter,
    state: type[BaseModel],
    key: str,
    roles: tuple[str, ...],
    present: Presenter,
    commands: list[Command],
    key_type: Any = UUID,
) -> None:
    """Add ``POST /{key}/<verb>`` to ``router`` for each command, each answering the new ``state`` with its ETag."""
    principal = Annotated[Principal, Depends(require(*roles))]
    app_dependency = Annotated[Register, Depends(get_register)]
    for command in commands:

        def endpoint(command: Command = command, **kwargs: Any) -> JSONResponse:
            app, body = kwargs["app"], kwargs["body"]
            return run_command(
                kwargs["request"],
                kwargs["principal"],
                body,
                lambda ctx, version: command.call(app, kwargs[key], body, ctx, version),
                present(app),
            )

        keyword = inspect.Parameter.KEYWORD_ONLY
        endpoint.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            [
                inspect.Parameter(key, keyword, annotation=key_type),
                inspect.Parameter("body", keyword, annotation=command.body),
                inspect.Parameter("request", keyword, annotation=Request),
                inspect.Parameter("principal", keyword, annotation=principal),
                inspect.Parameter("app", keyword, annotation=app_dependency),
            ]
        )
        endpoint.__name__ = command.verb.replace("-", "_")
        router.post(
            f"/{{{key}}}/{command.verb}",
            response_model=state,
            summary=command.summary,
            name=f"{router.prefix.rsplit('/', 1)[-1]}_{endpoint.__name__}",
        )(endpoint)
