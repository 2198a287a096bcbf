"""A typed client generated from the app's own /openapi.json by openapi-python-client: it generates without a
warning, and runs a whole grading scenario through HTTP, problems included, as typed models."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient

from application.register import Register
from interfaces.api.app import create_app
from tests.api.conftest import KEYS, TOKENS
from tests.factories import credit_code

PACKAGE = "ficledger_client"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ModuleType, str]]:
    """The client package generated into a fresh folder, and what the generator printed."""
    folder = tmp_path_factory.mktemp("client")
    register = Register({"FICLEDGER_DATABASE_URL": "sqlite:///:memory:"})
    try:
        document = create_app(register, KEYS).openapi()
    finally:
        register.close()
    (folder / "openapi.json").write_text(json.dumps(document))
    (folder / "config.yaml").write_text("post_hooks: []\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(folder / "openapi.json"),
            "--output-path",
            str(folder / PACKAGE),
            "--config",
            str(folder / "config.yaml"),
            "--meta",
            "none",
            "--fail-on-warning",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(PACKAGE), output
    finally:
        sys.path.remove(str(folder))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def _part(package: ModuleType, name: str) -> Any:
    return importlib.import_module(f"{package.__name__}.{name}")


def test_the_client_generates_without_a_warning(generated: tuple[ModuleType, str]) -> None:
    _, output = generated
    assert "warning" not in output.lower(), output
    assert "Unable to" not in output, output


def test_the_generated_client_runs_a_grading_scenario(generated: tuple[ModuleType, str], register: Register) -> None:
    package, _ = generated
    models = _part(package, "models")
    join_member = _part(package, "api.members.join_member")
    suspend_member = _part(package, "api.members.suspend_member")
    establish_chamber = _part(package, "api.chambers.establish_chamber")
    found_branch = _part(package, "api.branches.found_branch")
    review_branch = _part(package, "api.branches.review_branch")
    grade_branch = _part(package, "api.branches.grade_branch")
    open_round = _part(package, "api.grading_rounds.open_round")
    get_classification_report = _part(package, "api.reports.get_classification_report")
    list_members = _part(package, "api.lists.list_members")
    list_branches = _part(package, "api.lists.list_branches")
    record_election = _part(package, "api.branches.record_election")
    get_organizational_life_report = _part(package, "api.reports.get_organizational_life_report")

    def client(http: TestClient, role: str) -> Any:
        typed = package.AuthenticatedClient(base_url="http://testserver", token=TOKENS[role])
        http.headers["Authorization"] = f"Bearer {TOKENS[role]}"
        return typed.set_httpx_client(http)

    app = create_app(register, KEYS)
    with TestClient(app) as registrar_http, TestClient(app) as assessor_http:
        registrar = client(registrar_http, "registrar")
        assessor = client(assessor_http, "assessor")

        joined = join_member.sync_detailed(
            client=registrar,
            body=models.JoinMember(
                credit_code=credit_code(1),
                name="深圳市南山精密制造有限公司",
                street="南山街道",
                industry="制造业",
                joined_on=date(2019, 3, 1),
            ),
        )
        member = joined.parsed
        assert isinstance(member, models.MemberState)
        assert member.status == models.MemberStatus.ACTIVE
        assert joined.headers["location"] == f"/v1/members/{member.id}"
        assert joined.headers["etag"] == '"1"'

        chamber = establish_chamber.sync(
            client=registrar,
            body=models.EstablishChamber(
                name="南山街道商会", kind=models.ChamberKind.STREET, street="南山街道", established_on=date(2015, 6, 1)
            ),
        )
        assert isinstance(chamber, models.ChamberState)

        branch = found_branch.sync(
            client=registrar,
            body=models.FoundBranch(
                name="深圳市南山精密制造有限公司党支部",
                kind=models.BranchKind.BRANCH,
                street="南山街道",
                managing_unit="区非公党委",
                management_basis=models.ManagementBasis.TERRITORIAL,
                founded_on=date(2019, 5, 1),
                full_members=5,
                probationary_members=1,
                host_member_ids=[member.id],
            ),
        )
        assert isinstance(branch, models.BranchState)
        assert (branch.full_members, branch.probationary_members, branch.has_committee) == (5, 1, False)
        assert branch.current_term.ends_on == date(2022, 4, 30)

        overdue = list_branches.sync(client=registrar, overdue_for_election=True)
        assert isinstance(overdue, models.BranchPage)
        assert [b.id for b in overdue.items] == [branch.id]
        elected = record_election.sync(
            branch.id, client=registrar, body=models.RecordElection(elected_on=date.today() - timedelta(days=10))
        )
        assert isinstance(elected, models.BranchState)
        assert elected.overdue_for_election is False
        assert list_branches.sync(client=registrar, overdue_for_election=True).items == []
        life = get_organizational_life_report.sync(2020, client=registrar)
        assert isinstance(life, models.OrganizationalLifeReport)
        assert life.rows[0].activities["committee_meeting"].compliance == models.Compliance.NOT_APPLICABLE

        opened = open_round.sync(client=assessor, body=models.OpenRound(year=2020))
        assert isinstance(opened, models.RoundState)
        assert opened.status == models.RoundStatus.OPEN
        assert [(g.code, g.label, g.min_score) for g in opened.grades] == [
            ("advanced", "先进", 90),
            ("average", "一般", 70),
            ("weak", "软弱涣散", 0),
        ]

        reviewed = review_branch.sync(
            branch.id,
            client=assessor,
            body=models.ReviewBranch(
                year=2020, score=93, reviewed_on=date(2021, 1, 10), reviewer="区非公党委考核组", summary="述职评议"
            ),
            if_match='"2"',
        )
        assert isinstance(reviewed, models.BranchState)
        assert reviewed.reviews["2020"].score == 93

        outside = grade_branch.sync_detailed(
            branch.id, client=assessor, body=models.GradeBranch(year=2020, grade="excellent", override_reason="优秀")
        )
        assert outside.status_code == 422
        assert isinstance(outside.parsed, models.ValidationProblemDetails)
        assert [e.field for e in outside.parsed.errors] == ["grade"]

        graded = grade_branch.sync(branch.id, client=assessor, body=models.GradeBranch(year=2020))
        assert isinstance(graded, models.BranchState)
        assert graded.grades["2020"].grade == opened.grades[0].code == "advanced"

        report = get_classification_report.sync(2020, client=assessor)
        assert isinstance(report, models.ClassificationReport)
        assert report.labels["advanced"] == "先进"
        assert (report.totals["advanced"], report.totals["weak"], report.totals.total) == (1, 0, 1)
        assert report.shares["advanced"] == 1.0
        assert report.status == models.GradeStanding.PROVISIONAL
        assert report.fingerprint.startswith("sha256:")

        page = list_members.sync(client=registrar, q="精密")
        assert isinstance(page, models.MemberPage)
        assert [m.id for m in page.items] == [member.id]

        again = open_round.sync_detailed(client=assessor, body=models.OpenRound(year=2020))
        assert again.status_code == 409
        assert isinstance(again.parsed, models.ProblemDetails)
        assert again.parsed.rule == "grading_round.already_open"

        stale = suspend_member.sync_detailed(
            member.id, client=registrar, body=models.Reasoned(reason="欠费"), if_match='"9"'
        )
        assert stale.status_code == 412
        assert isinstance(stale.parsed, models.ProblemDetails)

        refused = suspend_member.sync_detailed(member.id, client=registrar, body=models.Reasoned(reason="   "))
        assert refused.status_code == 422
        assert isinstance(refused.parsed, models.ValidationProblemDetails)
        assert [e.field for e in refused.parsed.errors] == ["reason"]


def test_a_review_sent_and_a_review_answered_are_two_models(generated: tuple[ModuleType, str]) -> None:
    package, _ = generated
    assert (Path(package.__file__).parent / "models" / "branch_state.py").exists()
    assert (Path(package.__file__).parent / "models" / "branch_review.py").exists()
    assert (Path(package.__file__).parent / "models" / "review_branch.py").exists()
