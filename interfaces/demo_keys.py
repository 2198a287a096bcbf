"""The demo's API keys: kept with the receipt of the load in a file beside the store that only its owner may read,
so that the same store is served with the same tokens, and printed with requests ready to paste."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from application.demo.district import DistrictConflict, Receipt
from domain.credit_code import check_character
from interfaces.api.auth import ApiKeys

EXAMPLE_CODE_BODY = "91440305MA5G7K2P1"
OWNER_ONLY = 0o600
HASHED_ONLY = "（只配置了令牌的 sha256，不显示 / only its sha256 is configured）"


def file_beside(url: str) -> Path | None:
    """Where the demo keeps its keys for the store at ``url``: ``<file>.demo.json`` beside an SQLite file, and
    ``var/demo-<host>-<port>-<database>-<schema>.json`` under the working directory for PostgreSQL. None for an
    in-memory store, which is empty at every start."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(url[len("sqlite:///") :])
        return None if path == ":memory:" else Path(f"{path}.demo.json")
    schema = parse_qs(parts.query).get("schema", ["public"])[0]
    where = [parts.hostname or "127.0.0.1", str(parts.port or 5432), unquote(parts.path.lstrip("/")) or "postgres"]
    return Path("var") / re.sub(r"[^A-Za-z0-9._-]", "_", "-".join(["demo", *where, schema]) + ".json")


def conflict(where: str, error: DistrictConflict, path: Path | None) -> str:
    """What to say when the store holds something else than the demo district the command would serve."""
    marked = f"；完整载入的凭据在 {path} (a complete load is marked in {path})" if path else ""
    return (
        f"{where}：{error}；请载入到空的存储 (load the demo into an empty store: set FICLEDGER_DATABASE_URL, "
        f"or remove the file){marked}"
    )


@dataclass
class DemoFile:
    """The receipt of the demo's last complete load into a store, and the keys it was served with."""

    path: Path | None
    receipt: Receipt | None = None
    keys: ApiKeys | None = None

    @classmethod
    def beside(cls, url: str) -> DemoFile:
        """The file kept for the store at ``url``; empty when there is none or it cannot be read."""
        path = file_beside(url)
        if path is None or not path.is_file():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(path, Receipt.from_dict(data["receipt"]), ApiKeys.parse(data["keys"]))
        except (OSError, ValueError, KeyError, TypeError):
            return cls(path)

    def keep(self, receipt: Receipt, renew: bool) -> ApiKeys:
        """The keys to serve with: new ones for a new load (or when none were kept), written with its receipt."""
        if renew or self.keys is None or receipt != self.receipt:
            self.receipt, self.keys = receipt, ApiKeys.generate()
            self._write()
        elif self.path is not None:
            self.path.chmod(OWNER_ONLY)
        return self.keys

    def _write(self) -> None:
        if self.path is None or self.receipt is None or self.keys is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".partial")
        text = json.dumps({"receipt": self.receipt.as_dict(), "keys": self.keys.as_text()}, indent=2)
        handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_ONLY)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text + "\n")
        partial.chmod(OWNER_ONLY)
        partial.replace(self.path)


def base_url(host: str, port: int) -> str:
    """Where a browser or curl on this machine reaches a server listening on ``host``."""
    shown = "127.0.0.1" if host in ("", "0.0.0.0", "::") else host
    return f"http://[{shown}]:{port}" if ":" in shown else f"http://{shown}:{port}"


def welcome(host: str, port: int, keys: ApiKeys, stands_on: date) -> str:
    """The URL, the OpenAPI docs, a token per role and a request for each role to try."""
    url = base_url(host, port)
    graded = stands_on.year - 1
    lines = [
        "",
        f"ficledger serves {url}",
        f"  OpenAPI docs: {url}/docs",
        f"  Console (in a browser, sign in with a token below): {url}/console/",
        "  Tokens (send Authorization: Bearer <token>):",
        *(f"    {key.role:<10} {key.name:<20} {key.token or HASHED_ONLY}" for key in keys.keys),
        f"  演示区的记录截至 {stands_on.isoformat()}，{graded} 年度的分类定级在 {stands_on.year} 年进行；"
        "报告按查询当日判断逾期",
        f"  (the district's records run to {stands_on.isoformat()}; its {graded} grading round runs in "
        f"{stands_on.year}; reports judge what is overdue as of the day they are asked)",
        "  Try:",
    ]
    member = {
        "credit_code": EXAMPLE_CODE_BODY + check_character(EXAMPLE_CODE_BODY),
        "name": "深圳市示例数据科技有限公司",
        "street": "粤海街道",
        "industry": "软件和信息服务",
        "joined_on": stands_on.isoformat(),
    }
    examples = [
        ("reader", f"{url}/v1/reports/classification/{graded - 1}"),
        ("assessor", f"{url}/v1/grading-rounds/{graded}"),
        ("auditor", f"{url}/v1/audit/verify"),
        (
            "registrar",
            "-X POST -H 'Content-Type: application/json' "
            f"-d '{json.dumps(member, ensure_ascii=False)}' {url}/v1/members",
        ),
    ]
    tokens = {key.role: key.token for key in reversed(keys.keys) if key.token}
    for role, request in examples:
        token = tokens.get(role) or tokens.get("admin")
        if token:
            lines.append(f"    curl -H 'Authorization: Bearer {token}' {request}")
    return "\n".join(lines)
