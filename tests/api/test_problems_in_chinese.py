"""The API's problems in Chinese with ``Accept-Language: zh-CN`` (and in English otherwise): the same ``type``,
``rule``, status and field names, a Chinese ``title``, ``detail`` and ``errors[].message``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from application.register import Register
from interfaces.api.app import create_app
from interfaces.api.auth import ApiKeys
from interfaces.messages import RULES
from tests.api.conftest import KEYS, TOKENS, Api, auth
from tests.api.scenario import branch_body, member_body
from tests.rule_codes import raised_rules

CHINESE = re.compile(r"[\u4e00-\u9fff]")
STREET_TOKEN = "street-registrar-token-0123"
STREET_ASSESSOR = "street-assessor-token-0123"
WITH_A_STREET = ApiKeys.parse(
    f"{KEYS.as_text()},registrar:street-clerk:{STREET_TOKEN}:street=招商街道,"
    f"assessor:street-assessor:{STREET_ASSESSOR}:street=招商街道"
)
TOKENS_TOO = {**TOKENS, "street": STREET_TOKEN, "street-assessor": STREET_ASSESSOR}
ZH = {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}
EN = {"Accept-Language": "en-US,en;q=0.9"}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Api, str, str]]:
    """A member and its organization behind the app, on a SQLite file of this module's own."""
    path = tmp_path_factory.mktemp("problems") / "district.sqlite3"
    register = Register({"FICLEDGER_DATABASE_URL": f"sqlite:///{path}"})
    try:
        with TestClient(create_app(register, WITH_A_STREET), raise_server_exceptions=False) as client:
            api = Api(client, register)
            member = api.post("/v1/members", member_body(1), "registrar").json()["id"]
            branch = api.post("/v1/branches", branch_body([member]), "registrar").json()["id"]
            yield api, member, branch
    finally:
        register.close()


def both(api: Api, method: str, path: str, role: str | None = "admin", body: Any = None, **headers: str) -> Any:
    """The same request in Chinese and in English, checked to record nothing, as their two problems."""
    answers = []
    for language in (ZH, EN):
        sent = {**({"Authorization": f"Bearer {TOKENS_TOO[role]}"} if role else {}), **language, **headers}
        before = api.position()
        response = api.client.request(method, path, json=body, headers=sent)
        assert response.headers["content-type"].startswith("application/problem+json"), response.text
        assert api.position() == before
        answers.append(response)
    zh, en = answers
    assert zh.status_code == en.status_code
    assert zh.json()["type"] == en.json()["type"]
    assert zh.json().get("rule") == en.json().get("rule")
    assert [e["field"] for e in zh.json().get("errors") or []] == [e["field"] for e in en.json().get("errors") or []]
    assert CHINESE.search(zh.json()["title"]), zh.json()
    assert CHINESE.search(zh.json()["detail"]), zh.json()
    assert not CHINESE.search(en.json()["title"])
    for error in zh.json().get("errors") or []:
        assert CHINESE.search(error["message"]), zh.json()
    return zh, en


def test_a_broken_rule_names_its_code_and_says_it_in_chinese(world: tuple[Api, str, str]) -> None:
    api, _, branch = world
    zh, en = both(api, "POST", f"/v1/branches/{branch}/grade", "assessor", {"year": 2020})
    assert zh.status_code == 409
    assert zh.json()["rule"] == "grade.requires_review"
    assert zh.json()["title"] == "与登记规则冲突"
    assert zh.json()["detail"] == "grade.requires_review：该年度尚未录入述职评议，定级须以评议为依据"
    assert en.json()["title"] == "Conflict with the register's rules"
    assert en.json()["detail"].startswith("grade.requires_review: ")


def test_a_rule_the_domain_words_itself_keeps_the_domains_chinese(world: tuple[Api, str, str]) -> None:
    api, _, branch = world
    body = {"has_committee": True, "has_party_groups": False, "on": "2020-01-01"}
    zh, _ = both(api, "POST", f"/v1/branches/{branch}/record-structure", "registrar", body)
    assert zh.json()["rule"] == "committee.too_few_full_members"
    assert "现有正式党员5人" in zh.json()["detail"]


def test_invalid_fields_are_named_with_chinese_messages(world: tuple[Api, str, str]) -> None:
    api, _, _ = world
    body = member_body(2, joined_on="2019-13-40", name="")
    del body["street"]
    zh, en = both(api, "POST", "/v1/members", "registrar", body)
    assert zh.status_code == 422
    messages = {e["field"]: e["message"] for e in zh.json()["errors"]}
    assert messages["street"] == "必须填写"
    assert messages["joined_on"] == "必须是日期，写作 YYYY-MM-DD"
    assert {e["field"] for e in en.json()["errors"]} == set(messages)


def test_an_invalid_value_the_domain_refuses_is_explained_in_chinese(world: tuple[Api, str, str]) -> None:
    api, _, _ = world
    zh, _ = both(api, "POST", "/v1/members", "registrar", member_body(3, credit_code="91440300MA5D00000X"))
    [error] = zh.json()["errors"]
    assert error["field"] == "credit_code"
    assert error["message"].startswith("校验码为")


def test_an_unknown_query_parameter_is_named_in_chinese(world: tuple[Api, str, str]) -> None:
    api, _, _ = world
    zh, _ = both(api, "GET", "/v1/members?colour=red")
    assert zh.json()["errors"] == [{"field": "colour", "message": "此地址不接受这个参数"}]


def test_an_unknown_record_is_404_in_chinese(world: tuple[Api, str, str]) -> None:
    api, _, _ = world
    zh, en = both(api, "GET", "/v1/members/6a1f4a0e-1111-4a55-9d6e-0000000000aa")
    assert zh.status_code == 404
    assert zh.json()["detail"].startswith("找不到该会员企业")
    assert en.json()["detail"].startswith("no member ")


def test_an_unknown_path_is_404_in_chinese(world: tuple[Api, str, str]) -> None:
    api, _, _ = world
    zh, _ = both(api, "GET", "/v1/no-such-thing")
    assert zh.json()["title"] == "找不到"


def test_a_stale_version_is_412_in_chinese(world: tuple[Api, str, str]) -> None:
    api, member, _ = world
    body = {"reason": "停产"}
    zh, _ = both(api, "POST", f"/v1/members/{member}/suspend", "registrar", body, **{"If-Match": '"99"'})
    assert zh.status_code == 412
    assert "第99版" in zh.json()["detail"]


def test_an_idempotency_key_reused_is_409_in_chinese(world: tuple[Api, str, str]) -> None:
    api, member, _ = world
    key = {"Idempotency-Key": "chinese-problems-1"}
    first = api.post(f"/v1/members/{member}/designate-key-focus", {"criteria": ["tax"]}, "registrar", **key)
    assert first.status_code == 200, first.text
    zh, _ = both(api, "POST", f"/v1/members/{member}/suspend", "registrar", {"reason": "另一个请求"}, **key)
    assert zh.status_code == 409
    assert zh.json()["rule"] == "idempotency.key_reused"
    assert "Idempotency-Key" in zh.json()["detail"]


def test_no_token_is_401_and_a_role_not_allowed_is_403_in_chinese(world: tuple[Api, str, str]) -> None:
    api, member, _ = world
    zh, _ = both(api, "GET", "/v1/members", None)
    assert zh.status_code == 401
    assert zh.json()["title"] == "需要身份验证"
    zh, _ = both(api, "POST", f"/v1/members/{member}/suspend", "reader", {"reason": "x"})
    assert zh.status_code == 403
    assert zh.json()["title"] == "无权进行此操作"


def test_a_scoped_key_outside_its_scope_or_on_the_districts_work_is_refused_in_chinese(
    world: tuple[Api, str, str],
) -> None:
    api, _, _ = world
    zh, _ = both(api, "POST", "/v1/members", "street", member_body(4))
    assert (zh.status_code, zh.json()["rule"]) == (422, "scope.outside")
    assert zh.json()["errors"][0]["field"] == "street"
    assert "招商街道" in zh.json()["errors"][0]["message"]
    zh, _ = both(api, "POST", "/v1/grading-rounds", "street-assessor", {"year": 2031})
    assert (zh.status_code, zh.json()["rule"]) == (403, "scope.district_only")
    assert "全区" in zh.json()["detail"]


def test_a_malformed_header_is_400_in_chinese(world: tuple[Api, str, str]) -> None:
    api, member, _ = world
    zh, _ = both(api, "POST", f"/v1/members/{member}/suspend", "registrar", {"reason": "x"}, **{"If-Match": "v1"})
    assert zh.status_code == 400
    assert zh.json()["detail"].startswith("If-Match")


def test_a_vanished_store_is_503_in_chinese(sqlite_url: str) -> None:
    register = Register({"FICLEDGER_DATABASE_URL": sqlite_url})
    try:
        with TestClient(create_app(register, KEYS), raise_server_exceptions=False) as client:
            api = Api(client, register)
            assert api.post("/v1/members", member_body(1), "registrar").status_code == 201
            path = Path(sqlite_url.removeprefix("sqlite:///"))
            for part in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                part.unlink(missing_ok=True)
            answers = [
                client.post("/v1/members", json=member_body(n), headers={**auth("registrar"), **language})
                for n, language in ((2, ZH), (3, EN))
            ]
    finally:
        register.close()
    zh, en = (a.json() for a in answers)
    assert [a.status_code for a in answers] == [503, 503]
    assert zh["type"] == en["type"] == "urn:ficledger:problem:store-vanished"
    assert zh["title"] == "服务暂不可用"
    assert zh["detail"].startswith("存储已不在原处")
    assert "(" not in zh["detail"]
    assert en["title"] == "Service unavailable"


@pytest.mark.parametrize(
    ("header", "chinese"),
    [("zh-CN", True), ("zh", True), ("zh-TW", True), ("en;q=0.5, zh-CN;q=0.9", True), ("en, zh", False), ("", False)],
)
def test_the_language_is_the_one_the_header_ranks_first(
    world: tuple[Api, str, str], header: str, chinese: bool
) -> None:
    api, _, _ = world
    response = api.client.get("/v1/members", headers={"Accept-Language": header})
    assert bool(CHINESE.search(response.json()["title"])) == chinese


def test_every_rule_the_domain_can_raise_has_a_chinese_message() -> None:
    codes = raised_rules()
    assert len(codes) > 50
    missing = sorted(codes - set(RULES))
    assert not missing, "add a Chinese message to interfaces/messages.py RULES for: " + ", ".join(missing)
    for code in codes:
        assert CHINESE.search(RULES[code]), code
