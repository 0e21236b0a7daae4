"""A claim's translation over the API: given on create, changed on update, the quote untouched."""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.models import Article


def test_the_api_takes_and_gives_a_translation(api, db, reference_imported):
    article = db.session.scalar(sa.select(Article))
    created = api.post(
        "/claims",
        json={
            "article_id": article.id,
            "kind": "statement",
            "exact": "Ribuan ditangkap",
            "translation": "Thousands arrested",
        },
    )
    assert created.status_code == 201, created.get_data(as_text=True)
    body = created.get_json()
    assert (
        body["translation"] == "Thousands arrested"
        and body["anchor"]["exact"] == "Ribuan ditangkap"
    )
    edited = api.patch(
        f"/claims/{body['id']}",
        json={"translation": "Thousands were arrested"},
        headers={"If-Match": created.headers["ETag"]},
    )
    assert (
        edited.status_code == 200 and edited.get_json()["translation"] == "Thousands were arrested"
    )
