"""An article's suggestions as a reviewer meets them: waiting, fifty to a page, decided in bulk."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from factcheck.models import Article, Claim, Event, SuggestedClaim, SuggestionRun
from factcheck.services import intake
from tests.support.jobs import on_job
from tests.support.web import login


def _lines(n: int) -> str:
    return "\n".join(f"Polisi mengatakan {i + 2} orang tewas di desa {i}." for i in range(n))


def _store(
    client, db, monkeypatch, text: str, *, analyse: bool = True, title: str = "Banjir"
) -> tuple[Article, str]:
    on_job(monkeypatch, "tasks.intake.analyse_article", lambda article_id: None)
    on_job(monkeypatch, "tasks.reconcile.reconcile_group", lambda *a: None)
    token = login(client, db)
    db.session.add(Event(slug="2024-demak-floods", title="Demak floods"))
    db.session.commit()
    response = client.post(
        "/articles/new",
        data={
            "csrf_token": token,
            "text": text,
            "new_outlet": "Warta",
            "language": "id",
            "title": title,
            "event_id": "1",
            "utc_offset": "+07:00",
        },
    )
    assert response.status_code == 302
    article = db.session.scalar(sa.select(Article))
    if analyse:
        intake.analyse_article(article.id)  # what the worker runs
    return article, token


def _pending(db) -> list[SuggestedClaim]:
    return db.session.scalars(
        sa.select(SuggestedClaim)
        .where(SuggestedClaim.status == "pending")
        .order_by(SuggestedClaim.anchor_start)
    ).all()


def test_the_page_waits_for_the_assistant_then_has_the_suggestions(client, db, monkeypatch):
    article, _ = _store(client, db, monkeypatch, _lines(3), analyse=False)
    html = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert "Finding suggestions…" in html and 'data-state="queued"' in html
    status = client.get(f"/articles/{article.id}/suggestions/status.json").get_json()
    assert status["status"] == "queued" and status["pending"] == 0

    intake.analyse_article(article.id)
    status = client.get(f"/articles/{article.id}/suggestions/status.json").get_json()
    assert status == {"status": "done", "error": None, "pending": 3}
    fragment = client.get(f"/articles/{article.id}/suggestions").get_data(as_text=True)
    assert "Suggested claims (3)" in fragment and "Finding suggestions" not in fragment
    assert fragment.count('name="suggestion"') == 3


def test_a_failed_assistant_says_so_on_the_page(client, db, monkeypatch):
    article, _ = _store(client, db, monkeypatch, _lines(3), analyse=False)

    def broken(*args, **kwargs):
        raise RuntimeError("the extractor tripped")

    monkeypatch.setattr(intake.extraction, "suggest", broken)
    with pytest.raises(RuntimeError):
        intake.analyse_article(article.id)
    status = client.get(f"/articles/{article.id}/suggestions/status.json").get_json()
    assert status["status"] == "failed" and "the extractor tripped" in status["error"]
    html = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert "could not read this article" in html and "the extractor tripped" in html
    assert db.session.get(SuggestionRun, article.id).status == "failed"


def test_suggestions_come_fifty_to_a_page(client, db, monkeypatch):
    article, _ = _store(client, db, monkeypatch, _lines(120))
    first = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert "Suggested claims (120)" in first
    assert first.count('name="suggestion"') == 50 and "Page 1 of 3 (1–50 of 120)" in first
    assert "Select all on this page" in first and "Accept selected" in first
    last = client.get(f"/articles/{article.id}?spage=3").get_data(as_text=True)
    assert last.count('name="suggestion"') == 20 and "Page 3 of 3" in last
    assert client.get(f"/articles/{article.id}?spage=x").status_code == 200
    # Deciding one on page 3 comes back to page 3.
    action = re.search(r'action="(/suggestions/\d+/reject\?spage=3)"', last).group(1)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', last).group(1)
    back = client.post(action, data={"csrf_token": token})
    assert back.location.endswith(f"/articles/{article.id}?spage=3#suggestions-h")


def test_accept_selected_takes_the_good_ones_and_names_the_refused(client, db, monkeypatch):
    article, token = _store(client, db, monkeypatch, _lines(6))
    pending = _pending(db)
    decided = pending[3]
    intake.reject(decided, user_id=None)  # someone else rejected this one meanwhile
    picked = [pending[0].id, pending[1].id, pending[2].id, decided.id]
    response = client.post(
        f"/articles/{article.id}/suggestions/decide",
        data={"csrf_token": token, "suggestion": picked, "accept": "Accept selected"},
    )
    assert response.status_code == 302
    assert f"selected={decided.id}" in response.location  # the refused one stays ticked
    claims = db.session.scalars(sa.select(Claim).order_by(Claim.anchor_start)).all()
    assert [c.exact for c in claims] == [s.exact for s in pending[:3]]
    assert [(c.anchor_start, c.anchor_end) for c in claims] == [
        (s.anchor_start, s.anchor_end) for s in pending[:3]
    ]
    html = client.get(response.location).get_data(as_text=True)
    assert "Accepted 3 suggestion(s)" in html
    assert f"suggestion {decided.id}: suggestion {decided.id} is rejected already" in html
    assert re.search(rf'value="{pending[4].id}"[^>]*>', html)
    assert "Suggested claims (2)" in html


def test_reject_selected_and_the_bad_inputs(client, db, monkeypatch):
    article, token = _store(client, db, monkeypatch, _lines(4))
    pending = _pending(db)
    url = f"/articles/{article.id}/suggestions/decide"
    nothing = client.post(url, data={"csrf_token": token, "reject": "Reject selected"})
    assert "select at least one suggestion" in client.get(nothing.location).get_data(as_text=True)
    hostile = client.post(
        url, data={"csrf_token": token, "suggestion": ["x", "99999999999"], "reject": "1"}
    )
    assert hostile.status_code == 302
    assert "Not done" in client.get(hostile.location).get_data(as_text=True)
    no_token = client.post(url, data={"suggestion": [pending[0].id], "reject": "1"})
    assert no_token.status_code in (302, 400)
    assert db.session.get(SuggestedClaim, pending[0].id).status == "pending"

    done = client.post(
        url,
        data={"csrf_token": token, "suggestion": [s.id for s in pending[:2]], "reject": "1"},
    )
    html = client.get(done.location).get_data(as_text=True)
    assert "Rejected 2 suggestion(s)." in html and "Suggested claims (2)" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Claim)) == 0


def test_a_visitor_not_logged_in_decides_nothing(client, db, monkeypatch):
    article, _ = _store(client, db, monkeypatch, _lines(2))
    client.get("/auth/logout")
    stranger = client.application.test_client()
    url = f"/articles/{article.id}/suggestions/decide"
    response = stranger.post(url, data={"suggestion": [s.id for s in _pending(db)], "accept": "1"})
    assert response.status_code in (302, 400)
    assert len(_pending(db)) == 2


def test_a_long_article_gets_suggestions_for_its_first_part(app, client, db, monkeypatch):
    app.config["SUGGEST_MAX_CHARS"] = 200
    text = _lines(20)
    article, _ = _store(client, db, monkeypatch, text)
    read = db.session.get(SuggestionRun, article.id).read_chars
    assert read <= 200 and text[read] == "\n"
    assert all(s.anchor_end <= read for s in _pending(db)) and len(_pending(db)) == 4
    html = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert f"suggestions cover its first {read} of {len(text)} characters" in html


def test_a_refused_suggestion_in_a_bulk_accept_leaves_nothing_of_its_own(client, db, monkeypatch):
    from factcheck.models import Actor

    article, token = _store(client, db, monkeypatch, _lines(3))
    pending = _pending(db)
    broken = pending[0]  # its quote no longer in the text; its speaker would be a new actor
    broken.exact = "kata yang tidak ada di artikel"
    broken.data = {**broken.data, "attributed_to": "Kapolres Yang Keliru"}
    db.session.commit()
    response = client.post(
        f"/articles/{article.id}/suggestions/decide",
        data={"csrf_token": token, "suggestion": [s.id for s in pending], "accept": "1"},
    )
    html = client.get(response.location).get_data(as_text=True)
    assert "Accepted 2 suggestion(s)" in html and f"suggestion {broken.id}: " in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Claim)) == 2
    assert db.session.scalar(sa.select(Actor).where(Actor.name == "Kapolres Yang Keliru")) is None
    assert db.session.get(SuggestedClaim, broken.id).status == "pending"


def test_a_pasted_article_without_a_title_takes_its_first_line(client, db, monkeypatch):
    text = "\n  Banjir Demak: dua orang meninggal  \nBPBD mencatat 8 orang hilang."
    article, _ = _store(client, db, monkeypatch, text, analyse=False, title="")
    assert article.title == "Banjir Demak: dua orang meninggal"


def test_a_refusal_of_many_keeps_as_many_ticks_as_an_address_holds():
    """500 refused ids made an address past gunicorn's 4,094-byte request line (414)."""
    from factcheck.web.article_suggestions import LONGEST_URL, _keeping

    back = "/articles/7?spage=2"
    many = _keeping(back, list(range(1_000_000, 1_000_500)))
    assert len(many) <= LONGEST_URL < 4094
    assert many.startswith(back + "&selected=1000000&selected=1000001")
    assert _keeping("/articles/7", [3, 5]) == "/articles/7?selected=3&selected=5"
    assert _keeping("/articles/7", []) == "/articles/7"
