"""Double submits make one record; a uniqueness race is a duplicate, never a 500 (issue #15)."""

from __future__ import annotations

import re

import sqlalchemy as sa

from factcheck.models import Article, Claim, Event, Review, User
from tests.support.web import csrf_token, login


def _count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _submit_key(html: str) -> str:
    match = re.search(r'name="submit_key" type="hidden" value="([0-9a-f]{32})"', html)
    assert match, "the form carries its own key"
    return match.group(1)


def _statement_form(page: str, article: Article) -> dict:
    """The claim form as a reviewer fills it to log "Ribuan ditangkap" as a statement."""
    return {
        "csrf_token": csrf_token(page),
        "submit_key": _submit_key(page),
        "exact": "Ribuan ditangkap",
        "kind": "statement",
        "event_id": str(article.event_id),
        "new_actor_kind": "person",
        "new_actor_party": "no",
        "modality": "count",
        "metric": "",
        "category": "",
        "qualifier": "",
        "stated_on": "2022-01-10",
        "proposition": "a statement",
    }


def test_a_double_submitted_claim_form_logs_one_claim(client, db, reference_imported):
    login(client, db)
    article = db.session.scalar(sa.select(Article))
    page = client.get(f"/articles/{article.id}/claims/new").get_data(as_text=True)
    data = _statement_form(page, article)
    before = _count(db, Claim)
    first = client.post(f"/articles/{article.id}/claims/new", data=data)
    second = client.post(f"/articles/{article.id}/claims/new", data=data)
    assert first.status_code == 302, re.findall(
        r"class=\"error\">([^<]*)", first.get_data(as_text=True)
    )
    assert second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert _count(db, Claim) == before + 1
    # A refused submit gives its key back: the corrected form is saved with the same key.
    page = client.get(f"/articles/{article.id}/claims/new").get_data(as_text=True)
    retry = {**data, "submit_key": _submit_key(page), "stated_on": "0022-01-10"}
    assert client.post(f"/articles/{article.id}/claims/new", data=retry).status_code == 400
    retry["stated_on"] = "2022-01-10"
    assert client.post(f"/articles/{article.id}/claims/new", data=retry).status_code == 302
    assert _count(db, Claim) == before + 2


def test_a_double_submitted_review_drafts_one_verdict(client, db, reference_imported):
    login(client, db)
    claim = db.session.scalar(sa.select(Claim))
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    data = {
        "csrf_token": csrf_token(page),
        "submit_key": _submit_key(page),
        "rating": "accurate",
        "rationale": "checked",
    }
    for _ in range(2):
        assert client.post(f"/claims/{claim.id}/reviews", data=data).status_code == 302
    assert _count(db, Review) == 1


def test_a_racing_new_account_is_a_form_error_not_a_500(client, db, monkeypatch):
    from factcheck.services import accounts
    from factcheck.web.admin import NewUserForm

    token = login(client, db, role="admin")
    # The other submit's row lands between this one's checks and its insert.
    monkeypatch.setattr(accounts, "find_account", lambda email: None)
    monkeypatch.setattr(NewUserForm, "validate_email", lambda self, field: None)
    response = client.post(
        "/admin/users", data={"csrf_token": token, "email": "admin@example.org", "role": "editor"}
    )
    assert response.status_code == 400
    assert "exists already" in response.get_data(as_text=True)
    assert _count(db, User) == 1


class _CheckMissesTheOtherRequest:
    """`sa` for services/events.py whose select finds nothing: the racing row is not visible yet."""

    def __getattr__(self, name):
        return getattr(sa, name)

    @staticmethod
    def select(*columns):
        return sa.select(*columns).where(sa.false())


def test_a_racing_event_slug_is_a_form_error_and_a_409(client, db, app, monkeypatch):
    from factcheck.services import events as event_service
    from factcheck.web.events import EventForm
    from tests.support import factories
    from tests.support.api import ApiClient, assert_problem

    token = login(client, db, role="editor")
    slug = db.session.scalar(sa.select(Event.slug)) or "taken-slug"
    if not db.session.scalar(sa.select(Event.id)):
        db.session.add(Event(slug=slug, title="Taken"))
        db.session.commit()
    monkeypatch.setattr(event_service, "sa", _CheckMissesTheOtherRequest())
    monkeypatch.setattr(EventForm, "validate_slug", lambda self, field: None)
    page = client.post("/events/new", data={"csrf_token": token, "title": "Twin", "slug": slug})
    assert page.status_code == 400 and slug in page.get_data(as_text=True)
    api = ApiClient(app.test_client(), factories.account(db, "editor", "api@example.org")[1])
    answer = api.post("/events", json={"title": "Twin", "slug": slug})
    assert_problem(answer, 409)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Event)) == 1


def test_a_racing_new_speaker_is_a_form_error_not_a_500(
    client, db, reference_imported, monkeypatch
):
    from factcheck.models import Actor
    from factcheck.services import sources
    from factcheck.web import claims as claim_views

    login(client, db)
    article = db.session.scalar(sa.select(Article))
    taken = db.session.scalar(sa.select(Actor.name).order_by(Actor.id))
    page = client.get(f"/articles/{article.id}/claims/new").get_data(as_text=True)
    # The other reviewer's speaker lands between this one's lookup and its insert.
    monkeypatch.setattr(sources, "find_actor", lambda name: None)
    monkeypatch.setattr(claim_views, "is_new_speaker", lambda name: True)
    before = (_count(db, Claim), _count(db, Actor))
    response = client.post(
        f"/articles/{article.id}/claims/new",
        data={**_statement_form(page, article), "new_actor": taken},
    )
    html = response.get_data(as_text=True)
    assert response.status_code in (400, 409, 422), html[:500]
    assert "added by someone else a moment ago" in html
    assert "Ribuan ditangkap" in html  # what was typed stays
    assert (_count(db, Claim), _count(db, Actor)) == before


def test_a_racing_article_text_is_a_form_error_not_a_500(
    client, db, reference_imported, monkeypatch
):
    from factcheck.services import articles as article_service

    login(client, db)
    stored = db.session.scalar(sa.select(Article))
    page = client.get("/articles/new").get_data(as_text=True)
    monkeypatch.setattr(article_service, "sa", _CheckMissesTheOtherRequest())
    response = client.post(
        "/articles/new",
        data={
            "csrf_token": csrf_token(page),
            "text": stored.text,
            "title": "The same text, pasted twice at once",
            "new_outlet": "Another outlet",
            "language": "id",
            "utc_offset": "+07:00",
            "event_id": str(stored.event_id),
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400, html[:500]
    assert "stored a moment ago" in html and "pasted twice at once" in html
    assert _count(db, Article) == 1


def test_a_long_rationale_is_kept_whole_and_the_page_cuts_nothing(client, db, reference_imported):
    login(client, db)
    claim = db.session.scalar(sa.select(Claim))
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    textarea = re.search(r'<textarea[^>]*name="rationale"[^>]*>', page).group(0)
    assert "maxlength" not in textarea  # a browser would cut a long paste without a word
    rationale = "Checked against three sources. " * 700  # about 22,000 characters
    data = {
        "csrf_token": csrf_token(page),
        "submit_key": _submit_key(page),
        "rating": "accurate",
        "rationale": rationale,
    }
    assert client.post(f"/claims/{claim.id}/reviews", data=data).status_code == 302
    assert db.session.scalar(sa.select(Review.rationale)) == rationale.replace("\r\n", "\n")
