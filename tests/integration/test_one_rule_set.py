"""One rule set: each split the issue names is gone, proved through the doors a user takes.

- the configured widths of "nearly"/"approximately" give one interval from the
  web form, the API, `factcheck import` and an accepted suggestion;
- accepting a suggested retraction through "edit first" creates its `retracts` link;
- withdrawing an article makes search and the event page agree.

Every test runs on SQLite and on PostgreSQL (the `database_url` fixture).
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from factcheck.models import Article, Claim, Event, Relation, SuggestedClaim
from factcheck.services import intake
from tests.support.factories import account as make_account
from tests.support.jobs import on_job
from tests.support.paths import REFERENCE_TEXT
from tests.support.web import login

WIDE = {"nearly": 0.5, "approx_low": 0.8, "approx_high": 1.3}


@pytest.fixture
def wide_app(database_url, monkeypatch):
    """The app with non-default widths; reconciliation jobs are not sent."""
    from factcheck.app import create_app
    from factcheck.extensions import db

    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": True,
            "QUALIFIER_WIDTHS": WIDE,
        }
    )
    on_job(monkeypatch, "tasks.reconcile.reconcile_group", lambda *a: None)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def _interval(claim: Claim) -> tuple:
    return (claim.lower, claim.upper, claim.point)


def test_configured_widths_give_one_interval_on_every_path(wide_app):
    from factcheck.extensions import db

    result = wide_app.test_cli_runner().invoke(args=["factcheck", "import", str(REFERENCE_TEXT)])
    assert result.exit_code == 0, result.output
    imported = db.session.scalar(sa.select(Claim).filter_by(source_key="detained-8000"))
    article = imported.article
    expected = (4000, 8000, 8000)  # nearly 8000 with nearly = 0.5
    assert _interval(imported) == expected

    client = wide_app.test_client()
    token = login(client, db)
    quote, start = imported.exact, imported.anchor_start
    form = {
        "csrf_token": token,
        "exact": quote,
        "start": str(start),
        "kind": "quantity",
        "event_id": str(article.event_id),
        "stated_on": "2022-01-10",
        "metric": "detained",
        "category": "total",
        "qualifier": "nearly",
        "modality": "count",
        "value": "8000",
    }
    response = client.post(f"/articles/{article.id}/claims/new", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    by_form = db.session.get(Claim, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert _interval(by_form) == expected

    _, secret = make_account(db, "reviewer", "widths-api@example.org")
    body = {
        "article_id": article.id,
        "kind": "quantity",
        "exact": quote,
        "start": start,
        "metric": "detained",
        "category": "total",
        "qualifier": "nearly",
        "value": 8000,
    }
    headers = {"Authorization": f"Bearer {secret}"}
    created = client.post("/api/v1/claims", json=body, headers=headers)
    assert created.status_code == 201, created.get_data(as_text=True)
    assert (created.get_json()["lower"], created.get_json()["upper"]) == (4000, 8000)
    about = client.post(
        "/api/v1/claims", json={**body, "qualifier": "approximately", "value": 100}, headers=headers
    )
    assert (about.get_json()["lower"], about.get_json()["upper"]) == (80, 130)
    form_about = client.post(
        f"/articles/{article.id}/claims/new",
        data={**form, "qualifier": "approximately", "value": "100"},
    )
    by_form_about = db.session.get(Claim, int(form_about.headers["Location"].rsplit("/", 1)[1]))
    assert _interval(by_form_about) == (80, 130, 100)

    intake.analyse_article(article.id)  # what the worker runs on intake
    suggestion = db.session.scalar(
        sa.select(SuggestedClaim).where(SuggestedClaim.exact.contains("8.000"))
    )
    assert (suggestion.data["lower"], suggestion.data["upper"]) == (4000, 8000)
    accepted = intake.accept(suggestion, user_id=None)
    assert _interval(accepted) == expected


def _store_reference(client, db) -> tuple[Article, str]:
    token = login(client, db)
    db.session.add(Event(slug="2022-kazakhstan-unrest", title="2022 Kazakhstan unrest"))
    db.session.commit()
    response = client.post(
        "/articles/new",
        data={
            "csrf_token": token,
            "text": REFERENCE_TEXT.read_text(encoding="utf-8"),
            "new_outlet": "voa-islam.com",
            "language": "id",
            "title": "Presiden Kazakhstan",
            "event_id": "1",
            "utc_offset": "+07:00",
            "published_at": "2022-01-11T22:25",
        },
    )
    assert response.status_code == 302
    article = db.session.scalar(sa.select(Article))
    intake.analyse_article(article.id)
    return article, token


def test_accepting_a_retraction_through_edit_first_creates_the_retracts_link(
    client, db, monkeypatch
):
    on_job(monkeypatch, "tasks.intake.analyse_article", lambda *a: None)
    on_job(monkeypatch, "tasks.reconcile.reconcile_group", lambda *a: None)
    article, token = _store_reference(client, db)
    suggestions = db.session.scalars(sa.select(SuggestedClaim)).all()
    figure = next(s for s in suggestions if s.kind == "quantity" and "164" in s.exact)
    retraction = next(s for s in suggestions if s.kind == "retraction")
    client.post(f"/suggestions/{figure.id}/accept", data={"csrf_token": token})

    page = client.get(f"/articles/{article.id}/claims/new?suggestion={retraction.id}")
    html = page.get_data(as_text=True)
    assert f'name="suggestion_id" type="hidden" value="{retraction.id}"' in html
    edited = {
        "csrf_token": token,
        "exact": retraction.exact,
        "start": str(retraction.anchor_start),
        "kind": "retraction",
        "event_id": str(article.event_id),
        "new_actor": "Kazakh Ministry of Health",  # the reviewer corrects the speaker
        "new_actor_kind": "government",
        "new_actor_party": "no",
        "stated_on": "2022-01-09",
        "suggestion_id": str(retraction.id),
        **{name: "" for name in ("metric", "category", "qualifier")},  # as a browser sends them
        "modality": "count",
    }
    response = client.post(f"/articles/{article.id}/claims/new", data=edited)
    assert response.status_code == 302, response.get_data(as_text=True)

    db.session.expire_all()
    accepted = db.session.get(SuggestedClaim, retraction.id)
    assert accepted.status == "accepted" and accepted.claim_id is not None
    claim = db.session.get(Claim, accepted.claim_id)
    assert claim.attributed_to.name == "Kazakh Ministry of Health"
    killed = db.session.get(Claim, db.session.get(SuggestedClaim, figure.id).claim_id)
    relation = db.session.scalar(sa.select(Relation).where(Relation.source_id == claim.id))
    assert (relation.type, relation.target_id) == ("retracts", killed.id)
    assert (killed.rank, killed.deprecated_reason) == ("deprecated", "retracted")


def _search_ids(client, query: str) -> set[int]:
    html = client.get(f"/search/?{query}").get_data(as_text=True)
    return {int(i) for i in re.findall(r'<a href="/claims/(\d+)">', html)}


def test_withdrawing_an_article_makes_search_and_the_event_page_agree(
    client, db, cli, reference_imported
):
    token = login(client, db)
    article_id = db.session.scalar(sa.select(Article.id))
    detained_id = db.session.scalar(sa.select(Claim.id).filter_by(source_key="detained-8000"))
    assert detained_id in _search_ids(client, "rank=normal")

    response = client.post(f"/articles/{article_id}/withdraw", data={"csrf_token": token})
    assert response.status_code == 302
    assert cli.invoke(args=["factcheck", "reconcile", "--inline"]).exit_code == 0

    db.session.expire_all()
    detained = db.session.get(Claim, detained_id)
    assert (detained.rank, detained.deprecated_reason) == ("deprecated", "withdrawn")
    event = client.get("/events/2022-kazakhstan-unrest").get_data(as_text=True)
    item = rf'<li class="(\w+)">(?:(?!</li>).)*#{detained_id}</a>(?:(?!</li>).)*</li>'
    figure = re.search(item, event, re.S)
    assert figure and figure.group(1) == "deprecated"
    assert "set aside: withdrawn" in figure.group(0)
    # Search reads the claim as the event page does: deprecated, withdrawn, out of the default list.
    assert detained_id not in _search_ids(client, "")
    assert detained_id not in _search_ids(client, "rank=normal&withdrawn=1")
    assert detained_id in _search_ids(client, "rank=deprecated&withdrawn=1")

    restore = client.post(f"/articles/{article_id}/restore", data={"csrf_token": token})
    assert restore.status_code == 302
    db.session.expire_all()
    assert db.session.get(Claim, detained_id).rank == "normal"
    assert detained_id in _search_ids(client, "rank=normal")
