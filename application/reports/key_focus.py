"""The key-focus list (重点关注对象) with the criteria that put each enterprise on it."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from application.reports.common import Documents, ReportName, by_name


def key_focus_report(view: Documents, on: date) -> dict[str, Any]:
    """Enterprises singled out for attention (重点关注对象) on ``on``, with the criteria that put each on the list."""
    members = by_name(m for m in view.all("member") if m["key_focus_criteria"])
    return {
        "report": ReportName.KEY_FOCUS.value,
        "on": on.isoformat(),
        "total": len(members),
        "by_criterion": dict(sorted(Counter(c for m in members for c in m["key_focus_criteria"]).items())),
        "members": [
            {
                "member_id": m["id"],
                "name": m["name"],
                "credit_code": m["credit_code"],
                "street": m["street"],
                "industry": m["industry"],
                "criteria": m["key_focus_criteria"],
            }
            for m in members
        ],
    }
