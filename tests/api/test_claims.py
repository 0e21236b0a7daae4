"""Claims over the API: ETag and If-Match, lists page by page, the web search's filters, log, withdraw, restore."""

from __future__ import annotations

import sqlalchemy as sa
from werkzeug.datastructures import MultiDict

from tests.support.api import assert_problem


def _claim(db, source_key: str):
    from factcheck.models import Claim

    return db.session.scalar(sa.select(Claim).where(Claim.source_key == source_key))


def _changes(db) -> int:
    from factcheck.models import Change

    return db.session.scalar(sa.select(sa.func.count()).select_from(Change))


def test_show_carries_the_etag_of_the_version(api, db, reference_imported):
    claim = _claim(db, "detained-8000")
    response = api.get(f"/claims/{claim.id}")
    assert response.status_code == 200
    assert response.headers["ETag"] == f'"claim-{claim.id}-v{claim.version}"'
    body = response.get_json()
    assert body["version"] == claim.version and body["anchor"]["exact"] == claim.exact
    assert (body["lower"], body["upper"], body["point"]) == (7200, 8000, 8000)


def test_update_needs_if_match_and_a_stale_one_writes_nothing(api, db, reference_imported):
    claim = _claim(db, "detained-8000")
    url, etag, version = (
        f"/claims/{claim.id}",
        api.get(f"/claims/{claim.id}").headers["ETag"],
        claim.version,
    )
    before = _changes(db)

    assert_problem(api.patch(url, json={"value": 9000}), 428, "If-Match")
    assert_problem(api.patch(url, json={"value": 9000}, headers={"If-Match": "*"}), 428)
    assert_problem(
        api.patch(url, json={"value": 9000}, headers={"If-Match": '"claim-999-v1"'}), 412
    )

    saved = api.patch(url, json={"value": 9000}, headers={"If-Match": etag})
    assert saved.status_code == 200, saved.get_data(as_text=True)
    assert saved.headers["ETag"] == f'"claim-{claim.id}-v{version + 1}"' != etag
    assert (saved.get_json()["lower"], saved.get_json()["upper"]) == (
        8100,
        9000,
    )  # "nearly": the interval follows

    stale = api.patch(url, json={"value": 5}, headers={"If-Match": etag})
    assert_problem(stale, 412, "version", "nothing was written")
    db.session.expire_all()
    assert (_claim(db, "detained-8000").value, _claim(db, "detained-8000").version) == (
        9000,
        version + 1,
    )
    assert _changes(db) == before + 1  # the update; the four refused attempts left no trace
    history = api.get(f"/claims/{claim.id}/changes").get_json()["items"]
    assert [(c["action"], c["via"]) for c in history][:1] == [("update", "api")]


def test_update_refuses_a_broken_change_with_422_and_writes_nothing(api, db, reference_imported):
    claim = _claim(db, "detained-8000")
    etag, version = api.get(f"/claims/{claim.id}").headers["ETag"], claim.version
    for body, words in [
        ({"lower": 3}, ["lower/upper follow"]),
        ({"qualifier": "bogus"}, ["qualifier"]),
        ({"attributed_to_id": 999999}, ["attributed_to_id"]),
        ({}, ["at least one field"]),
        ({"place": "x\x00y"}, ["NUL"]),
        ({"value": -1}, ["value"]),
    ]:
        assert_problem(
            api.patch(f"/claims/{claim.id}", json=body, headers={"If-Match": etag}), 422, *words
        )
    db.session.expire_all()
    assert _claim(db, "detained-8000").version == version


def test_list_pages_through_every_claim_once_in_the_asked_order(api, db, reference_imported):
    from factcheck.models import Claim

    seen, page = [], 1
    while page:
        body = api.get(f"/claims?per_page=3&page={page}&sort=id&total=true").get_json()
        assert len(body["items"]) <= 3 and body["total"] == 11
        seen += [c["id"] for c in body["items"]]
        assert body["has_more"] == (body["next_page"] is not None)
        page = body["next_page"]
    assert seen == sorted(
        db.session.scalars(sa.select(Claim.id).where(Claim.withdrawn_at.is_(None)))
    )
    assert (
        api.get("/claims").get_json()["total"] is None
    )  # counting is asked for, not paid by default
    values = [c["value"] for c in api.get("/claims?sort=-value&per_page=100").get_json()["items"]]
    numbers = [v for v in values if v is not None]
    assert (
        numbers == sorted(numbers, reverse=True) and values[: len(numbers)] == numbers
    )  # nulls last, both databases
    assert_problem(api.get("/claims?sort=exact"), 422, "sort")
    assert_problem(api.get("/claims?per_page=1000"), 422, "per_page")


def test_list_filters_are_the_web_searchs(api, db, reference_imported):
    from factcheck.models import Actor, Event
    from factcheck.services.search import claim_query
    from factcheck.web.search import search_of

    actor = db.session.scalar(sa.select(Actor.id).where(Actor.name.like("%Tokayev%")))
    event = db.session.scalar(sa.select(Event.id))
    cases = [
        {"metric": "killed"},
        {"kind": "allegation"},
        {"q": "tewas"},
        {"actor": str(actor)},
        {"event": str(event), "metric": "detained"},
        {"rank": "deprecated"},
    ]
    for filters in cases:
        expected = {c.id for c in db.session.scalars(claim_query(search_of(MultiDict(filters))))}
        got = {
            c["id"]
            for c in api.get("/claims", query_string={**filters, "per_page": 100}).get_json()[
                "items"
            ]
        }
        assert got == expected and got, filters
    assert {c["metric"] for c in api.get("/claims?metric=killed").get_json()["items"]} == {"killed"}


def test_withdraw_hides_from_lists_restore_brings_back(api, db, reference_imported):
    claim = _claim(db, "killed-164")
    etag = api.get(f"/claims/{claim.id}").headers["ETag"]
    assert_problem(
        api.post(f"/claims/{claim.id}/withdraw", headers={"If-Match": '"claim-1-v99"'}), 412
    )
    gone = api.post(f"/claims/{claim.id}/withdraw", headers={"If-Match": etag})
    assert gone.status_code == 200 and gone.get_json()["withdrawn"] is True
    assert claim.id not in {c["id"] for c in api.get("/claims?per_page=100").get_json()["items"]}
    assert claim.id in {
        c["id"] for c in api.get("/claims?per_page=100&withdrawn=true").get_json()["items"]
    }
    assert_problem(api.post(f"/claims/{claim.id}/withdraw"), 409, "withdrawn already")
    back = api.post(f"/claims/{claim.id}/restore")
    assert back.status_code == 200 and back.get_json()["withdrawn"] is False
    assert back.headers["ETag"] != gone.headers["ETag"]


def test_log_a_claim_anchored_in_the_text(api, db, reference_imported):
    from factcheck.models import Article

    article = db.session.scalar(sa.select(Article))
    body = {"article_id": article.id, "kind": "statement", "exact": "Ribuan ditangkap"}
    created = api.post("/claims", json=body)
    assert created.status_code == 201, created.get_data(as_text=True)
    claim = created.get_json()
    assert created.headers["Location"].endswith(f"/api/v1/claims/{claim['id']}")
    assert created.headers["ETag"] == f'"claim-{claim["id"]}-v1"'
    assert (
        claim["stated_on"] == "2022-01-11" and claim["event_id"] == article.event_id
    )  # the article's date and event
    assert article.text[claim["anchor"]["start"] : claim["anchor"]["end"]] == "Ribuan ditangkap"
    assert_problem(
        api.post("/claims", json={**body, "exact": "not in the article"}),
        422,
        "is not in the article text",
    )
    assert_problem(api.post("/claims", json={**body, "kind": "quantity"}), 422, "metric")
    assert_problem(api.post("/claims", json={**body, "article_id": 99999}), 422, "article_id")
    figure = api.post(
        "/claims",
        json={
            "article_id": article.id,
            "kind": "quantity",
            "exact": "26",
            "start": 3331,
            "metric": "killed",
            "category": "armed assailants",
            "qualifier": "exact",
            "value": 26,
        },
    )
    assert figure.status_code == 201, figure.get_data(as_text=True)
    assert (
        figure.get_json()["lower"],
        figure.get_json()["point"],
        figure.get_json()["modality"],
    ) == (26, 26, "count")


EMOJI_TEXT = "Warga 👍🏽 mengungsi; 12 orang tewas, lalu 12 orang lagi."


def _emoji_article(db, slug: str) -> tuple[dict, int, int]:
    """An article with an emoji before its quote: (claim body, its start in code points, in UTF-16)."""
    from factcheck.models import Article, Event, Outlet, text_sha256

    article = Article(
        outlet=Outlet(name="Warta", kind="news site"),
        event=Event(slug=slug, title="Emoji"),
        title="t",
        language="id",
        text=EMOJI_TEXT,
        sha256=text_sha256(EMOJI_TEXT),
    )
    db.session.add(article)
    db.session.commit()
    second = EMOJI_TEXT.rindex("12 orang")
    body = {"article_id": article.id, "kind": "statement", "exact": "12 orang"}
    body["stated_on"] = "2024-03-19"
    return body, second, second + 2  # the thumb and its skin tone are two UTF-16 units each


def test_offsets_come_in_code_points_and_in_javascripts_utf16_units(api, db):
    text = EMOJI_TEXT
    body, second, units = _emoji_article(db, "emoji-event")
    created = api.post("/claims", json={**body, "utf16_start": units})
    assert created.status_code == 201, created.get_data(as_text=True)
    anchor = created.get_json()["anchor"]
    assert (anchor["start"], anchor["utf16_start"]) == (second, units)
    assert anchor["utf16_end"] - anchor["utf16_start"] == len("12 orang")
    inside = text.index("👍") + 1
    assert_problem(
        api.post("/claims", json={**body, "utf16_start": inside}), 422, "inside a character"
    )
    assert_problem(
        api.post("/claims", json={**body, "exact": "Warga 👍"}), 422, "inside a character"
    )


def test_a_browser_selection_logs_a_claim_by_its_utf16_start_and_end(api, db):
    """A JavaScript client sends the selection as it has it: UTF-16 start and end."""
    text = EMOJI_TEXT
    body, second, units = _emoji_article(db, "emoji-selection")

    both = api.post("/claims", json={**body, "utf16_start": units, "utf16_end": units + 8})
    assert both.status_code == 201, both.get_data(as_text=True)
    assert both.get_json()["anchor"]["start"] == second
    only_end = api.post("/claims", json={**body, "utf16_end": units + 8})
    assert only_end.status_code == 201, only_end.get_data(as_text=True)
    assert only_end.get_json()["anchor"]["start"] == second
    in_points = api.post("/claims", json={**body, "start": second, "end": second + 8})
    assert in_points.get_json()["anchor"]["utf16_end"] == units + 8

    # The selection is one word longer than the quote: neither is guessed right.
    assert_problem(
        api.post("/claims", json={**body, "utf16_start": units, "utf16_end": units + 14}),
        422,
        "not at",
    )
    assert_problem(
        api.post("/claims", json={**body, "start": second, "utf16_start": units + 1}),
        422,
        "different places",
    )
    inside = text.index("👍") + 1
    assert_problem(
        api.post("/claims", json={**body, "utf16_end": inside}), 422, "inside a character"
    )
    assert_problem(api.post("/claims", json={**body, "end": 3}), 422, "before the quote")


def test_a_withdrawn_article_or_claim_takes_no_new_claim_or_verdict(api, db, reference_imported):
    """Its claims count as withdrawn and lose their verdicts: adding to them would not show."""
    from factcheck.models import Article, Review

    article = db.session.scalar(sa.select(Article))
    assert api.post(f"/articles/{article.id}/withdraw").status_code == 200
    body = {"article_id": article.id, "kind": "statement", "exact": "Ribuan ditangkap"}
    assert_problem(api.post("/claims", json=body), 422, f"article {article.id} is withdrawn")
    claim = _claim(db, "coup")
    verdict = {"claim_id": claim.id, "rating": "misleading", "rationale": "No evidence."}
    assert_problem(api.post("/reviews", json=verdict), 422, "article of claim", "is withdrawn")
    api.post(f"/articles/{article.id}/restore")
    assert api.post(f"/claims/{claim.id}/withdraw").status_code == 200
    assert_problem(api.post("/reviews", json=verdict), 422, f"claim {claim.id} is withdrawn")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Review)) == 0
    assert api.post("/claims", json=body).status_code == 201  # restored: it takes claims again
