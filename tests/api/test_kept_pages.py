"""List pages kept by view position through HTTP: the same page twice is the same answer and tag, a matching
``If-None-Match`` is answered 304, any write (through the API or straight to the register) moves the page on, and
the kept pages stay within their byte budget."""

from __future__ import annotations

from interfaces.api.kept_pages import KeptPage, PageCache, page_tag
from tests.api.conftest import Api
from tests.api.scenario import member_body
from tests.factories import member


def test_the_same_page_twice_is_the_same_body_and_tag(api: Api) -> None:
    for n in range(1, 4):
        api.post("/v1/members", member_body(n), "registrar")
    first = api.get("/v1/members?limit=2", "reader")
    again = api.get("/v1/members?limit=2", "reader")
    assert first.status_code == again.status_code == 200
    assert first.content == again.content
    assert first.headers["etag"] == again.headers["etag"]
    assert first.headers["content-type"] == "application/json"
    assert len(first.json()["items"]) == 2
    assert api.client.app.state.pages.used > 0  # type: ignore[attr-defined]


def test_a_matching_if_none_match_is_answered_304_without_a_body(api: Api) -> None:
    api.post("/v1/members", member_body(1), "registrar")
    tag = api.get("/v1/members", "reader").headers["etag"]
    for asked in (tag, f"W/{tag}", f'"other", {tag}', "*"):
        answer = api.get("/v1/members", "reader", **{"If-None-Match": asked})
        assert answer.status_code == 304
        assert answer.content == b""
        assert answer.headers["etag"] == tag
    assert api.get("/v1/members", "reader", **{"If-None-Match": '"other"'}).status_code == 200


def test_a_write_moves_the_page_on_and_changes_its_tag(api: Api) -> None:
    created = api.post("/v1/members", member_body(1), "registrar").json()
    before = api.get("/v1/members", "reader")
    api.post(f"/v1/members/{created['id']}/suspend", {"reason": "x"}, "registrar")
    after = api.get("/v1/members", "reader", **{"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200
    assert after.json()["items"][0]["status"] == "suspended"
    assert after.headers["etag"] != before.headers["etag"]
    member(api.register, 2)
    written_past_the_api = api.get("/v1/members", "reader", **{"If-None-Match": after.headers["etag"]})
    assert written_past_the_api.status_code == 200
    assert len(written_past_the_api.json()["items"]) == 2


def test_a_page_unchanged_by_a_write_keeps_its_tag(api: Api) -> None:
    api.post("/v1/members", member_body(1, street="南山街道"), "registrar")
    path = "/v1/members?street=南山街道"
    tag = api.get(path, "reader").headers["etag"]
    api.post("/v1/members", member_body(2, street="粤海街道"), "registrar")
    assert api.get(path, "reader", **{"If-None-Match": tag}).status_code == 304


def test_the_kept_pages_stay_within_their_budget(api: Api) -> None:
    pages = PageCache(budget=4000)
    api.client.app.state.pages = pages  # type: ignore[attr-defined]
    for n in range(1, 6):
        api.post("/v1/members", member_body(n), "registrar")
    bodies = {}
    for limit in range(1, 30):
        answer = api.get(f"/v1/members?limit={limit}", "reader")
        assert answer.status_code == 200
        bodies[limit] = answer.content
        assert 0 < pages.used <= pages.budget
    assert 0 < len(pages) < 29
    assert api.get("/v1/members?limit=1", "reader").content == bodies[1]


def test_the_least_recently_asked_page_goes_first_and_an_oversized_one_is_not_kept() -> None:
    pages = PageCache(budget=800)
    for name in ("a", "b", "c", "d"):
        pages.put(name, KeptPage(1, b"x" * 100, page_tag(b"x" * 100), ()))
    assert pages.get("a", 1) is not None
    pages.put("e", KeptPage(1, b"y" * 100, page_tag(b"y" * 100), ()))
    pages.put("f", KeptPage(1, b"z" * 100, page_tag(b"z" * 100), ()))
    pages.put("g", KeptPage(1, b"w" * 100, page_tag(b"w" * 100), ()))
    pages.put("h", KeptPage(1, b"v" * 100, page_tag(b"v" * 100), ()))
    assert pages.used == 800
    pages.put("i", KeptPage(1, b"u" * 100, page_tag(b"u" * 100), ()))
    assert pages.get("b", 1) is None
    assert pages.get("a", 1) is not None
    assert pages.get("a", 2) is None
    pages.put("a", KeptPage(2, b"big" * 100, page_tag(b"big" * 100), ()))
    assert pages.get("a", 1) is None
    assert pages.get("a", 2) is None
    assert pages.used <= pages.budget
