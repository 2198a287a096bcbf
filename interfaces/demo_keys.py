"""The demo's API keys and what to do with them: a token per role and requests ready to paste."""

from __future__ import annotations

import json

from domain.credit_code import check_character
from interfaces.api.auth import ApiKeys
from interfaces.demo.size import Size

EXAMPLE_CODE_BODY = "91440305MA5G7K2P1"


def demo_keys() -> ApiKeys:
    """The keys of FICLEDGER_API_KEYS when it is set (ValueError when it is not valid), else a random token per
    role."""
    return ApiKeys.from_env() or ApiKeys.generate()


def base_url(host: str, port: int) -> str:
    """Where a browser or curl on this machine reaches a server listening on ``host``."""
    shown = "127.0.0.1" if host in ("", "0.0.0.0", "::") else host
    return f"http://[{shown}]:{port}" if ":" in shown else f"http://{shown}:{port}"


def welcome(host: str, port: int, keys: ApiKeys, size: Size) -> str:
    """The URL, the OpenAPI docs, a token per role and a request for each role to try."""
    url = base_url(host, port)
    lines = [
        "",
        f"ficledger serves {url}",
        f"  OpenAPI docs: {url}/docs",
        "  Tokens (send Authorization: Bearer <token>):",
        *(f"    {key.role:<10} {key.name:<20} {key.token}" for key in keys.keys),
        f"  The district's records run to {size.stands_on.isoformat()} (the {size.last_year} grades are still in "
        "publicity); reports judge what is overdue as of today.",
        "  Try:",
    ]
    member = {
        "credit_code": EXAMPLE_CODE_BODY + check_character(EXAMPLE_CODE_BODY),
        "name": "深圳市示例数据科技有限公司",
        "street": "粤海街道",
        "industry": "软件和信息服务",
        "joined_on": size.stands_on.isoformat(),
    }
    examples = [
        ("reader", f"{url}/v1/reports/classification/{size.last_year - 1}"),
        ("assessor", f"{url}/v1/grading-rounds/{size.last_year}"),
        ("auditor", f"{url}/v1/audit/verify"),
        (
            "registrar",
            "-X POST -H 'Content-Type: application/json' "
            f"-d '{json.dumps(member, ensure_ascii=False)}' {url}/v1/members",
        ),
    ]
    tokens = {key.role: key.token for key in reversed(keys.keys)}
    for role, request in examples:
        token = tokens.get(role) or tokens.get("admin")
        if token:
            lines.append(f"    curl -H 'Authorization: Bearer {token}' {request}")
    return "\n".join(lines)
