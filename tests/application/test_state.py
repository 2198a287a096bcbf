"""The JSON state documents the API and the console present: a Party organization's records keep the shape API
clients read (years as text keys, records as plain objects, dates as ISO text), whatever the aggregate holds."""

from __future__ import annotations

import json

from application.register import Register
from application.state import branch_state
from tests.factories import branch_with_records


def test_a_branch_document_keeps_the_shape_of_its_records(register: Register) -> None:
    ident = branch_with_records(register)
    document = json.loads(json.dumps(branch_state(register.get_branch(ident), {2019})))
    assert document["transfers"] == [
        {"managing_unit": "南山街道党工委", "basis": "territorial", "on": "2019-05-01", "reason": "属地管理"}
    ]
    assert document["organizational_life"] == {"2020": {"lecture": 1}, "2021": {"theme_day": 1}}
    assert document["reviews"] == {
        "2019": {
            "score": 92,
            "veto_findings": [],
            "reviewed_on": "2020-01-10",
            "reviewer": "考核组",
            "summary": "",
            "corrections": [],
        },
        "2020": {
            "score": 70,
            "veto_findings": ["组织生活不正常"],
            "reviewed_on": "2021-01-10",
            "reviewer": "考核组",
            "summary": "良好",
            "corrections": [
                {
                    "from_score": 70,
                    "to_score": 70,
                    "from_veto_findings": [],
                    "to_veto_findings": ["组织生活不正常"],
                    "reason": "漏计扣分项",
                    "from_reviewed_on": None,
                    "to_reviewed_on": None,
                }
            ],
        },
    }
    grades = document["grades"]
    assert list(grades) == ["2019", "2020"]
    assert {year: list(grade) for year, grade in grades.items()} == {
        year: ["grade", "basis", "override_reason", "corrections", "final"] for year in grades
    }
    assert [(g["grade"], g["basis"]["mapped_grade"], g["final"]) for g in grades.values()] == [
        ("average", "advanced", True),
        ("weak", "weak", False),
    ]
    assert grades["2019"]["corrections"] == [{"from_grade": "advanced", "to_grade": "average", "reason": "复核"}]
    assert document["rectifications"] == [
        {
            "year": 2020,
            "measures": "健全制度",
            "due_on": "2021-06-30",
            "opened_on": "2021-01-31",
            "helper": "王建国",
            "helper_role": "leader",
            "plan": "整顿方案",
            "closed_on": "2021-06-01",
            "outcome": "rectified",
            "accepting_unit": "南山街道党工委",
            "accepted_by": "赵立新",
            "corrections": [],
        }
    ]
