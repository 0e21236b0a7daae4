"""The web forms a reviewer and an editor fill in: an article uploaded and a claim logged from a selection,
an invalid form kept and explained, a verdict drafted and published, a stale edit, a conflict resolved."""

from __future__ import annotations

import io

import sqlalchemy as sa

from factcheck.models import Article, Claim, Event, Review
from factcheck.services import claims as claim_service
from tests.support.jobs import on_job
from tests.support.paths import REFERENCE_TEXT
from tests.support.web import csrf_token, login


def _reconciled(cli):
    assert cli.invoke(args=["factcheck", "reconcile", "--inline"]).exit_code == 0


def test_upload_an_article_and_log_a_claim_from_a_selection(
    client, db, reference_imported, monkeypatch
):
    sent = []
    on_job(monkeypatch, "tasks.reconcile.reconcile_group", lambda *a: sent.append(a))
    token = login(client, db)
    event_id = db.session.scalar(sa.select(Event.id))
    raw = REFERENCE_TEXT.read_bytes() + b"\nA copy, as some outlets print it."
    response = client.post(
        "/articles/new",
        data={
            "csrf_token": token,
            "upload": (io.BytesIO(raw), "copy.txt"),
            "new_outlet": "Copy Daily",
            "language": "id",
            "title": "A copy",
            "event_id": str(event_id),
            "utc_offset": "+07:00",
            "published_at": "2022-01-12T08:00",
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    article = db.session.scalar(sa.select(Article).where(Article.title == "A copy"))
    assert (
        article.text == raw.decode()
        and article.published_local.isoformat() == "2022-01-12T08:00:00+07:00"
    )
    quote = "hampir 8.000 orang telah ditahan"
    start = article.text.index(quote)
    form = client.get(
        f"/articles/{article.id}/claims/new?start={start}&end={start + len(quote)}"
    ).get_data(as_text=True)
    assert quote in form
    response = client.post(
        f"/articles/{article.id}/claims/new",
        data={
            "csrf_token": csrf_token(form),
            "exact": quote,
            "start": str(start),
            "kind": "quantity",
            "event_id": str(event_id),
            "new_actor": "Ministry of Internal Affairs of Kazakhstan",
            "new_actor_kind": "government",
            "new_actor_party": "yes",
            "stated_on": "2022-01-10",
            "metric": "detained",
            "category": "total",
            "qualifier": "nearly",
            "modality": "count",
            "value": "8000",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    claim = db.session.scalar(sa.select(Claim).where(Claim.article_id == article.id))
    assert (claim.exact, claim.anchor_start, claim.lower, claim.upper, claim.point) == (
        quote,
        start,
        7200,
        8000,
        8000,
    )
    assert claim.attributed_to.name == "Ministry of Internal Affairs of Kazakhstan"
    assert sent == [(event_id, "detained", "total")]


def test_an_invalid_claim_form_keeps_what_was_typed_and_says_what_is_wrong(
    client, db, reference_imported
):
    token = login(client, db)
    article = db.session.scalar(sa.select(Article))
    response = client.post(
        f"/articles/{article.id}/claims/new",
        data={
            "csrf_token": token,
            "exact": "a quote that is not there",
            "kind": "quantity",
            "event_id": str(article.event_id),
            "stated_on": "2022-01-10",
            "metric": "killed",
            "category": "total",
            "qualifier": "range",
            "lower": "50",
            "upper": "10",
            "category_label": "warga sipil",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Upper (10) is below lower (50)." in html
    assert "a quote that is not there</textarea>" in html and 'value="warga sipil"' in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Claim)) == 11


def test_a_quote_missing_from_the_text_is_refused_beside_the_quote(client, db, reference_imported):
    token = login(client, db)
    article = db.session.scalar(sa.select(Article))
    response = client.post(
        f"/articles/{article.id}/claims/new",
        data={
            "csrf_token": token,
            "exact": "Tokayev membantah",
            "kind": "statement",
            "event_id": str(article.event_id),
            "stated_on": "2022-01-10",
        },
    )
    assert response.status_code == 400
    assert "is not in the article text" in response.get_data(as_text=True)


def test_reviewer_drafts_but_cannot_publish_and_editor_publishes(app, db, reference_imported):
    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "coup"))
    reviewer = app.test_client()
    token = login(reviewer, db, "reviewer")
    reviewer.post(
        f"/claims/{claim.id}/reviews",
        data={
            "csrf_token": token,
            "rating": "unverifiable",
            "rationale": "No independent evidence of a coup.",
        },
    )
    review = db.session.scalar(sa.select(Review))
    assert review.published is False
    assert (
        reviewer.post(f"/reviews/{review.id}/publish", data={"csrf_token": token}).status_code
        == 403
    )
    page = reviewer.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Publish verdict" not in page
    editor = app.test_client()
    token = login(editor, db, "editor")
    assert "Publish verdict" in editor.get(f"/claims/{claim.id}").get_data(as_text=True)
    # One click is not enough: publishing puts the newsroom's name to it, so the editor says so.
    unconfirmed = editor.post(
        f"/reviews/{review.id}/publish", data={"csrf_token": token}, follow_redirects=True
    )
    assert "not published: tick the box to confirm" in unconfirmed.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Review, review.id).published is False
    assert (
        editor.post(
            f"/reviews/{review.id}/publish", data={"csrf_token": token, "confirm": "y"}
        ).status_code
        == 302
    )
    db.session.expire_all()
    assert db.session.get(Review, review.id).published is True


def test_stale_edit_shows_their_version_and_keeps_mine(client, db, reference_imported, monkeypatch):
    on_job(monkeypatch, "tasks.reconcile.reconcile_group", lambda *a: None)
    token = login(client, db)
    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "detained-8000"))
    form = client.get(f"/claims/{claim.id}/edit").get_data(as_text=True)
    assert 'name="version" type="hidden" value="1"' in form
    from factcheck.services import claims as claim_service

    claim_service.update_claim(
        claim, {"place": "Almaty"}, expected_version=1, user_id=None
    )  # someone else, first
    response = client.post(
        f"/claims/{claim.id}/edit",
        data={
            "csrf_token": token,
            "version": "1",
            "kind": "quantity",
            "event_id": str(claim.event_id),
            "attributed_to_id": str(claim.attributed_to_id),
            "stated_on": "2022-01-10",
            "metric": "detained",
            "category": "total",
            "qualifier": "nearly",
            "modality": "count",
            "value": "7939",
            "place": "Astana",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert (
        "Someone else saved this claim first" in html
        and "Almaty" in html
        and 'value="Astana"' in html
    )
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).value == 8000


def test_conflicts_need_an_editor_and_a_note(app, db, cli, reference_imported):
    from factcheck.models import Conflict

    _reconciled(cli)
    conflict = db.session.scalar(sa.select(Conflict).where(Conflict.status == "open"))
    reviewer = app.test_client()
    token = login(reviewer, db, "reviewer")
    url = f"/events/2022-kazakhstan-unrest/conflicts/{conflict.id}"
    assert (
        reviewer.post(
            url, data={"csrf_token": token, "status": "resolved", "note": "x"}
        ).status_code
        == 403
    )
    editor = app.test_client()
    token = login(editor, db, "editor")
    editor.post(url, data={"csrf_token": token, "status": "dismissed", "note": ""})
    db.session.expire_all()
    assert db.session.get(Conflict, conflict.id).status == "open"
    editor.post(
        url,
        data={
            "csrf_token": token,
            "status": "dismissed",
            "note": "Officials are the only source so far.",
        },
    )
    db.session.expire_all()
    assert db.session.get(Conflict, conflict.id).status == "dismissed"
    assert "Officials are the only source so far." in editor.get(
        "/events/2022-kazakhstan-unrest"
    ).get_data(as_text=True)


def test_evidence_that_is_no_web_address_is_a_form_error_that_keeps_the_draft(
    client, db, reference_imported
):
    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "coup"))
    token = login(client, db)
    typed = {
        "csrf_token": token,
        "rating": "unverifiable",
        "rationale": "No independent evidence of a coup.",
        "evidence": "https://example.org/ok\njavascript:alert(1)",
    }
    refused = client.post(f"/claims/{claim.id}/reviews", data=typed)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and db.session.scalar(sa.select(Review)) is None
    assert "“javascript:alert(1)” is not a web address" in page
    brackets = client.post(f"/claims/{claim.id}/reviews", data=typed | {"evidence": "http://[zz]/"})
    assert brackets.status_code == 422 and "“http://[zz]/” is not a web address" in brackets.text
    assert "No independent evidence of a coup.</textarea>" in page  # what was typed, kept
    claim_service.withdraw_claim(claim, user_id=None)
    withdrawn = client.post(f"/claims/{claim.id}/reviews", data=typed | {"evidence": ""})
    assert withdrawn.status_code == 422 and f"claim {claim.id} is withdrawn" in withdrawn.text
    assert "No independent evidence of a coup.</textarea>" in withdrawn.text
    claim_service.restore_claim(claim, user_id=None)
    saved = client.post(f"/claims/{claim.id}/reviews", data=typed | {"evidence": "https://a.org/x"})
    assert saved.status_code == 302
    assert db.session.scalar(sa.select(Review)).evidence_links == ["https://a.org/x"]
