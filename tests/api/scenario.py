"""Request bodies for a small district, sent through the API."""

from __future__ import annotations

from typing import Any

from tests.factories import credit_code


def member_body(n: int = 1, **overrides: Any) -> dict[str, Any]:
    return {
        "credit_code": credit_code(n),
        "name": f"深圳市南山企业{n}有限公司",
        "street": "南山街道",
        "industry": "制造业",
        "joined_on": "2019-03-01",
        **overrides,
    }


def chamber_body(name: str = "南山街道商会", **overrides: Any) -> dict[str, Any]:
    return {"name": name, "kind": "street", "street": "南山街道", "established_on": "2015-06-01", **overrides}


def branch_body(hosts: list[str], **overrides: Any) -> dict[str, Any]:
    return {
        "name": "南山企业党支部",
        "kind": "branch" if len(hosts) == 1 else "joint_branch",
        "host_member_ids": hosts,
        "street": "南山街道",
        "managing_unit": "区非公党委",
        "management_basis": "territorial",
        "founded_on": "2019-05-01",
        "full_members": 5,
        **overrides,
    }


def review_body(year: int = 2020, score: int = 85, **overrides: Any) -> dict[str, Any]:
    return {
        "year": year,
        "score": score,
        "veto_findings": [],
        "reviewed_on": f"{year + 1}-01-10",
        "reviewer": "区非公党委考核组",
        "summary": "述职评议",
        **overrides,
    }
