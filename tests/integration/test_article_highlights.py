"""The article text as a reviewer reads it: highlights that are links, each claim drawn by its own
state, and a quote that would cut a character in two refused with a message."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import sqlalchemy as sa

from factcheck.domain.claim_rules import ClaimDraft
from factcheck.models import Article, Claim, Event, Outlet, text_sha256
from factcheck.services import claims as claim_service
from tests.support.jobs import on_job
from tests.support.web import login

TEXT = "Warga 👍🏽 mengungsi. Polisi: 14 orang tewas di Karanganyar, kata kapolres.\n"


def _article(db) -> Article:
    event = Event(slug="2024-demak-floods", title="Demak floods")
    article = Article(
        outlet=Outlet(name="Warta", kind="news site"),
        event=event,
        title="Banjir",
        language="id",
        text=TEXT,
        sha256=text_sha256(TEXT),
        published_at=datetime(2024, 3, 19, 7, tzinfo=UTC),
        published_utc_offset=420,
    )
    db.session.add(article)
    db.session.commit()
    return article


def _statement(article: Article, quote: str) -> Claim:
    draft = ClaimDraft(
        exact=quote,
        kind="statement",
        event_id=article.event_id,
        stated_on=date(2024, 3, 19),
        proposition=quote,
    )
    return claim_service.create_claim(article, draft, user_id=None)


def test_a_live_claim_overlapping_a_withdrawn_one_is_not_struck(client, db, monkeypatch):
    on_job(monkeypatch, "tasks.reconcile.reconcile_group", lambda *a: None)
    login(client, db)
    article = _article(db)
    live = _statement(article, "14 orang tewas di Karanganyar")
    withdrawn = _statement(article, "Polisi: 14 orang tewas")
    claim_service.withdraw_claim(withdrawn, user_id=None)
    html = client.get(f"/articles/{article.id}").get_data(as_text=True)
    runs = {
        text: (href, classes)
        for classes, href, text in re.findall(
            r'<mark class="([^"]+)" data-href="([^"]+)"[^>]*>([^<]+)</mark>', html
        )
    }
    # Only the withdrawn claim: struck, opens it. Shared: drawn as both, opens the live one.
    assert runs["Polisi: "] == (f"/claims/{withdrawn.id}", "claim deprecated")
    assert runs["14 orang tewas"] == (f"/claims/{live.id}", "claim mixed")
    assert runs[" di Karanganyar"] == (f"/claims/{live.id}", "claim")
    # Each claim's quote ends with a link of its own (for the keyboard), named by its own state.
    assert re.findall(r'<a class="claim-open" href="([^"]+)" aria-label="([^"]+)"></a>', html) == [
        (f"/claims/{withdrawn.id}", f"Open claim {withdrawn.id} (statement, withdrawn)"),
        (f"/claims/{live.id}", f"Open claim {live.id} (statement)"),
    ]
    assert "(withdrawn)" in html


def test_a_quote_that_cuts_a_character_in_two_is_refused_and_the_form_kept(client, db, monkeypatch):
    on_job(monkeypatch, "tasks.reconcile.reconcile_group", lambda *a: None)
    token = login(client, db)
    article = _article(db)
    # A selection that ended between 👍 and its skin tone, as a drag can.
    end = TEXT.index("🏽")
    page = client.get(f"/articles/{article.id}/claims/new?start=0&end={end}")
    assert page.status_code == 200
    response = client.post(
        f"/articles/{article.id}/claims/new",
        data={
            "csrf_token": token,
            "exact": TEXT[:end],
            "start": "0",
            "kind": "statement",
            "event_id": str(article.event_id),
            "new_actor_kind": "person",
            "new_actor_party": "no",
            "modality": "count",
            "stated_on": "2024-03-19",
            "proposition": "warga mengungsi, as I typed it",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "inside a character a reader sees as one" in html
    assert "warga mengungsi, as I typed it" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Claim)) == 0
