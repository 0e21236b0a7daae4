"""The API refuses hostile bodies with a 4xx problem, never a 500 or a raw database error (issue #15)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from factcheck.models import Article, Event
from tests.support.api import assert_problem


def test_an_overlong_html_title_is_cut_to_the_column(api_as, db, reference_imported):
    event = db.session.scalar(sa.select(Event))
    html = (
        "<html><head><title>"
        + "T" * 3000
        + "</title></head><body><article><p>"
        + "Fourteen people were killed in the city on Monday, officials said. " * 5
        + "</p></article></body></html>"
    )
    response = api_as("reviewer").post(
        "/articles",
        json={"html": html, "outlet": "Example", "language": "en", "event_id": event.id},
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    assert len(response.get_json()["title"]) == 1000


@pytest.mark.parametrize(
    "body",
    ['{"a":' * 10_000 + "1" + "}" * 10_000, '{"article_id": ' + "9" * 5000 + "}"],
)
def test_hostile_json_bodies_are_a_4xx_problem(api, db, body):
    response = api.post("/claims", data=body, headers={"Content-Type": "application/json"})
    assert 400 <= response.status_code < 500
    assert_problem(response, response.status_code)


def test_api_refuses_a_year_0022_claim(api, db, reference_imported):
    article = db.session.scalar(sa.select(Article))
    response = api.post(
        "/claims",
        json={
            "article_id": article.id,
            "exact": "Tokayev",
            "kind": "statement",
            "stated_on": "0022-01-10",
        },
    )
    assert_problem(response, 422, "between 1900 and 2100")


def test_api_article_text_is_stored_with_lf(api, db, reference_imported):
    event = db.session.scalar(sa.select(Event))
    body = {
        "text": "Fourteen were killed\r\r\nin the city\r\non Monday.",
        "outlet": "Example",
        "language": "en",
        "event_id": event.id,
        "title": "CR",
    }
    response = api.post("/articles", json=body)
    assert response.status_code == 201, response.get_data(as_text=True)
    stored = db.session.get(Article, response.get_json()["id"])
    assert stored.text == "Fourteen were killed\n\nin the city\non Monday."
    assert_problem(api.post("/articles", json={**body, "text": "a\x00b"}), 422, "NUL")
    # Judged as stored: 1.08 million characters sent as CRLF are 0.96 million stored (LF).
    long = api.post("/articles", json={**body, "text": "Banjir.\r\n" * 120_000})
    assert long.status_code == 201, long.get_data(as_text=True)[:500]
    assert len(db.session.get(Article, long.get_json()["id"]).text) == 960_000
    too_long = {**body, "text": "Banjir.\n" * 130_000}  # 1.04 million, LF already
    assert_problem(api.post("/articles", json=too_long), 422, "longer than 1,000,000 characters")


def test_an_outlet_named_by_spaces_is_refused_and_nothing_stored(api_as, db):
    from factcheck.models import Outlet

    event = Event(slug="e", title="E")
    db.session.add(event)
    db.session.commit()
    response = api_as("reviewer").post(
        "/articles",
        json={"text": "Sebanyak 12 orang tewas.", "outlet": "   ", "language": "id"}
        | {"event_id": event.id},
    )
    body = assert_problem(response, 422)
    assert "outlet" in body["detail"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Outlet)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0
