"""One public page per published verdict, carrying exactly its ClaimReview; editors correct it in place
(a visible, dated note; dateModified) or withdraw it (the page says so; the markup goes); a withdrawn
claim takes its verdict with it; the history keeps every state; reports link to the pages."""

from __future__ import annotations

import json
import re

import extruct
import pytest
import sqlalchemy as sa

from factcheck.models import Change, Claim, PublishedVerdict, Report
from factcheck.services import claims as claim_service
from factcheck.services import reports
from factcheck.services import reviews as review_service
from tests.support import factories
from tests.support.web import csrf_token, login


def _claim(db, key: str) -> Claim:
    return db.session.scalar(sa.select(Claim).where(Claim.source_key == key))


def _published(db, key: str, rating: str = "inaccurate") -> PublishedVerdict:
    editor = factories.user(db, "chief@example.org", "editor", password=None)
    claim = _claim(db, key)
    review = review_service.draft_review(claim, rating, "Video shows shots fired.", [], editor.id)
    review_service.publish_review(review, user_id=editor.id)
    return db.session.scalar(
        sa.select(PublishedVerdict).where(PublishedVerdict.claim_id == claim.id)
    )


def _published_without_page(db, claim: Claim):
    """A verdict as an older version stored it: published, with no page."""
    from factcheck.models import Review
    from factcheck.models.types import utcnow

    editor = factories.user(db, "chief@example.org", "editor", password=None)
    review = Review(
        claim_id=claim.id,
        rating="inaccurate",
        rationale="Video shows shots fired.",
        evidence_links=[],
        reviewer_id=editor.id,
        published=True,
        published_at=utcnow(),
    )
    db.session.add(review)
    db.session.commit()
    return review


def claim_reviews_on(html: str, url: str) -> list[dict]:
    """What a consumer of structured data finds on the page (extruct, JSON-LD and microdata)."""
    found = extruct.extract(html, base_url=url, syntaxes=["json-ld", "microdata", "rdfa"])
    items = found["json-ld"] + found["microdata"]
    return [i for i in items if i.get("@type") == "ClaimReview"]


def test_a_verdict_page_carries_exactly_its_claim_review(app, db, reference_imported):
    verdict = _published(db, "no-fire-on-peaceful")
    anonymous = app.test_client()
    page = anonymous.get(f"/fact-checks/{verdict.slug}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    found = claim_reviews_on(html, f"http://127.0.0.1:5000/fact-checks/{verdict.slug}")
    jsonld = anonymous.get(f"/fact-checks/{verdict.slug}.jsonld")
    assert jsonld.mimetype == "application/ld+json"
    assert found == [json.loads(jsonld.get_data(as_text=True))]
    review = found[0]
    assert review["url"].endswith(f"/fact-checks/{verdict.slug}")
    # The denial is reviewed in Tokayev's words, never as "security forces fired on …".
    assert "Security forces fired" not in review["claimReviewed"]
    assert review["claimReviewed"].startswith(
        "Kassym-Jomart Tokayev denied: “tidak pernah menembak"
    )
    assert "Verdict: Inaccurate" in html and "@example.org" not in html


@pytest.mark.parametrize("url", ["http://[zz]/", "javascript:alert(1)"])
def test_an_article_address_no_reader_can_open_is_shown_unlinked(app, db, reference_imported, url):
    """Articles keep whatever address they were stored with; the public page links only web pages
    (and one Python cannot even split, "[zz]", is no reason to fail the page)."""
    verdict = _published(db, "no-fire-on-peaceful")
    verdict.claim.article.url = url
    db.session.commit()
    page = app.test_client().get(f"/fact-checks/{verdict.slug}")
    assert page.status_code == 200
    assert f'href="{url}"' not in page.get_data(as_text=True)


def test_reports_link_to_the_pages_rather_than_repeat_the_markup(app, db, reference_imported):
    verdict = _published(db, "no-fire-on-peaceful")
    event_id = verdict.claim.event_id
    report = reports.generate_report(event_id, formats=["html", "jsonld"])
    html = reports.file_of(report, "html")[0].decode()
    assert claim_reviews_on(html, "http://127.0.0.1:5000/reports/x/v1") == []
    assert f"/fact-checks/{verdict.slug}" in html
    (doc,) = json.loads(reports.file_of(report, "jsonld")[0])
    # The report's JSON-LD names the page's one review (marked as a draft's until published).
    assert doc == {**verdict.claim_review, "creativeWorkStatus": "Draft"}


def test_an_editor_corrects_in_place_with_a_visible_note(app, db, reference_imported):
    verdict = _published(db, "no-fire-on-peaceful")
    before = verdict.claim_review
    editor = app.test_client()
    login(editor, db, "editor")
    form = editor.get(f"/fact-checks/{verdict.slug}").get_data(as_text=True)
    # The corrected rating has no default: the empty choice is the selected one.
    assert re.search(r'<option selected value="">', form), "no rating may be preselected"
    token = csrf_token(form)
    typed = {"csrf_token": token, "rationale": "New footage.", "note": ""}
    refused = editor.post(f"/fact-checks/{verdict.slug}/correct", data=typed)
    assert refused.status_code == 422 and "New footage." in refused.get_data(as_text=True)
    done = editor.post(
        f"/fact-checks/{verdict.slug}/correct",
        data={**typed, "rating": "misleading", "note": "The video was from another city."},
    )
    assert done.status_code == 302
    anonymous = app.test_client()
    html = anonymous.get(f"/fact-checks/{verdict.slug}").get_data(as_text=True)
    (review,) = claim_reviews_on(html, "http://127.0.0.1:5000/")
    assert review["reviewRating"]["alternateName"] == "Misleading"
    assert review["dateModified"] and review["datePublished"] == before["datePublished"]
    assert review["url"] == before["url"]
    assert "The video was from another city." in html and "Corrections" in html
    db.session.expire_all()
    states = db.session.scalars(
        sa.select(Change.action)
        .where(Change.entity_type == "published_verdict", Change.entity_id == verdict.id)
        .order_by(Change.id)
    ).all()
    assert states == ["publish", "update"]


def test_only_editors_correct_and_every_form_needs_its_token(app, db, reference_imported):
    verdict = _published(db, "no-fire-on-peaceful")
    reviewer = app.test_client()
    token = login(reviewer, db, "reviewer")
    data = {"csrf_token": token, "rating": "accurate", "rationale": "x", "note": "x"}
    assert reviewer.post(f"/fact-checks/{verdict.slug}/correct", data=data).status_code == 403
    assert reviewer.post(f"/fact-checks/{verdict.slug}/withdraw", data=data).status_code == 403
    editor = app.test_client()
    login(editor, db, "editor")
    no_token = {k: v for k, v in data.items() if k != "csrf_token"}
    assert editor.post(f"/fact-checks/{verdict.slug}/withdraw", data=no_token).status_code in (
        400,
        422,
    )
    db.session.expire_all()
    assert db.session.get(PublishedVerdict, verdict.id).status == "published"


def _withdrawn_by_an_editor(app, db):
    """A published verdict an editor has just withdrawn: (the verdict, the editor's client, its
    CSRF token)."""
    verdict = _published(db, "no-fire-on-peaceful")
    editor = app.test_client()
    token = login(editor, db, "editor")
    done = editor.post(
        f"/fact-checks/{verdict.slug}/withdraw",
        data={"csrf_token": token, "note": "Rated on a mistranslation."},
    )
    assert done.status_code == 302
    return verdict, editor, token


def test_a_withdrawal_removes_the_markup_and_says_so(app, db, reference_imported):
    verdict, editor, token = _withdrawn_by_an_editor(app, db)
    anonymous = app.test_client()
    page = anonymous.get(f"/fact-checks/{verdict.slug}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "This verdict was withdrawn" in html
    assert "Rated on a mistranslation." in html
    assert claim_reviews_on(html, "http://127.0.0.1:5000/") == []
    gone = anonymous.get(f"/fact-checks/{verdict.slug}.jsonld")
    assert (gone.status_code, gone.mimetype) == (410, "application/ld+json")
    assert gone.get_json(force=True)["withdrawn"] is True  # JSON for a machine, not a page
    report = reports.generate_report(verdict.claim.event_id, formats=["jsonld"])
    assert json.loads(reports.file_of(report, "jsonld")[0]) == []

    # Posted again, or "corrected", the page stays down and says why; only a new verdict for
    # the claim puts it back.
    again = editor.post(
        f"/fact-checks/{verdict.slug}/withdraw", data={"csrf_token": token, "note": "Twice."}
    )
    assert again.status_code == 409 and "This verdict is withdrawn already." in again.text
    corrected = editor.post(
        f"/fact-checks/{verdict.slug}/correct",
        data={"csrf_token": token, "rating": "accurate", "rationale": "R.", "note": "Fixed."},
    )
    assert corrected.status_code == 409
    assert "publish a new verdict for the claim to put it back" in corrected.text
    db.session.expire_all()
    verdict = db.session.get(PublishedVerdict, verdict.id)
    assert verdict.status == "withdrawn" and verdict.claim_review is None
    assert [fix["note"] for fix in verdict.corrections] == []
    editor_id = factories.user(db, "second@example.org", "editor", password=None).id
    review = review_service.draft_review(verdict.claim, "misleading", "Re-rated.", [], editor_id)
    review_service.publish_review(review, user_id=editor_id)
    db.session.expire_all()
    assert db.session.get(PublishedVerdict, verdict.id).status == "published"


@pytest.mark.parametrize("action", ["correct", "withdraw"])
def test_a_form_left_blank_on_a_withdrawn_page_says_why_above_it(
    app, db, reference_imported, action
):
    """A withdrawn page shows no form: one posted with a blank note answered 422 with its errors
    beside a form the page does not show, so the editor saw nothing."""
    verdict, editor, token = _withdrawn_by_an_editor(app, db)
    blank = {"csrf_token": token, "rating": "accurate", "rationale": "R.", "note": ""}
    refused = editor.post(f"/fact-checks/{verdict.slug}/{action}", data=blank)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409, page[:3000]
    assert "publish a new verdict for the claim to put it back" in page
    assert "This verdict was withdrawn" in page  # the page as it is, with the reason above it
    db.session.expire_all()
    verdict = db.session.get(PublishedVerdict, verdict.id)
    assert verdict.status == "withdrawn" and verdict.corrections == []


def test_a_refused_withdrawal_keeps_the_note_that_was_typed(app, db, reference_imported):
    """It redirected and lost the note, saying only "say why in the note"."""
    verdict = _published(db, "no-fire-on-peaceful")
    editor = app.test_client()
    token = login(editor, db, "editor")
    long_note = "Rated on a mistranslation. " * 80  # 2,160 characters: over the 2,000
    refused = editor.post(
        f"/fact-checks/{verdict.slug}/withdraw", data={"csrf_token": token, "note": long_note}
    )
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert f'value="{long_note}"' in page
    assert "Field cannot be longer than 2000 characters." in page
    empty = editor.post(f"/fact-checks/{verdict.slug}/withdraw", data={"csrf_token": token})
    assert empty.status_code == 422 and "This field is required." in empty.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(PublishedVerdict, verdict.id).status == "published"


def test_a_long_verdict_can_be_corrected_as_its_form_is_served(app, db, reference_imported):
    """The correction form took 20,000 characters of rationale where a draft takes 100,000:
    a longer verdict's form, sent back as served, was refused."""
    verdict = _published(db, "no-fire-on-peaceful")
    verdict.review.rationale = "A long rationale. " * 2700  # 48,600 characters
    db.session.commit()
    editor = app.test_client()
    token = login(editor, db, "editor")
    page = editor.get(f"/fact-checks/{verdict.slug}").get_data(as_text=True)
    assert 'maxlength="20000"' not in page
    done = editor.post(
        f"/fact-checks/{verdict.slug}/correct",
        data={
            "csrf_token": token,
            "rating": "accurate",
            "rationale": verdict.review.rationale,
            "note": "Rating corrected.",
        },
    )
    assert done.status_code == 302


def test_a_withdrawn_claim_takes_its_verdict_with_it(app, db, reference_imported):
    verdict = _published(db, "no-fire-on-peaceful")
    claim_service.withdraw_claim(verdict.claim, user_id=None)
    db.session.expire_all()
    verdict = db.session.get(PublishedVerdict, verdict.id)
    assert verdict.status == "withdrawn" and verdict.claim_review is None
    html = app.test_client().get(f"/fact-checks/{verdict.slug}").get_data(as_text=True)
    assert "The claim itself was withdrawn." in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Report)) == 0


def test_a_withdrawn_article_takes_its_claims_verdicts_with_it(app, db, reference_imported):
    from factcheck.services import articles

    verdict = _published(db, "no-fire-on-peaceful")
    articles.withdraw_article(verdict.claim.article, user_id=None)
    db.session.expire_all()
    verdict = db.session.get(PublishedVerdict, verdict.id)
    assert verdict.status == "withdrawn" and verdict.claim_review is None
    html = app.test_client().get(f"/fact-checks/{verdict.slug}").get_data(as_text=True)
    assert "The article itself was withdrawn." in html
    assert claim_reviews_on(html, f"http://127.0.0.1:5000/fact-checks/{verdict.slug}") == []
    # A correction posted to the page does not bring the verdict back while the article is down.
    editor = app.test_client()
    login(editor, db, "editor")
    typed = {
        "csrf_token": csrf_token(editor.get(f"/fact-checks/{verdict.slug}").get_data(as_text=True)),
        "rating": "misleading",
        "rationale": "New footage.",
        "note": "The video was from another city.",
    }
    refused = editor.post(f"/fact-checks/{verdict.slug}/correct", data=typed)
    answer = refused.get_data(as_text=True)
    assert refused.status_code == 409 and "The article of claim" in answer
    assert "is withdrawn: restore it to give the claim a verdict" in answer
    assert "This verdict was withdrawn" in answer  # the page as it is, with the reason above it
    db.session.expire_all()
    verdict = db.session.get(PublishedVerdict, verdict.id)
    assert verdict.status == "withdrawn" and verdict.claim_review is None


def test_pages_with_corrections_round_trip_through_export(
    app, db, cli, reference_imported, tmp_path
):
    from factcheck.services import published_verdicts
    from tests.integration.test_backup import _empty_database, _export

    verdict = _published(db, "no-fire-on-peaceful")
    published_verdicts.correct_verdict(verdict, "misleading", "Footage.", "Re-rated.", user_id=None)
    first = _export(cli, tmp_path, "first.json")
    assert json.loads(first)["published_verdicts"][0]["corrections"][0]["note"] == "Re-rated."
    _empty_database(app, db, tmp_path)
    restored = cli.invoke(args=["factcheck", "restore", str(tmp_path / "first.json")])
    assert restored.exit_code == 0, restored.output
    assert _export(cli, tmp_path, "second.json") == first


def test_public_pages_name_people_by_the_display_name_an_admin_gave(app, db, reference_imported):
    admin = app.test_client()
    login(admin, db, "admin")
    verdict = _published(db, "no-fire-on-peaceful")
    editor = verdict.review.reviewer
    page = app.test_client().get(f"/fact-checks/{verdict.slug}").get_data(as_text=True)
    assert "Reviewed by a factcheck editor" in page  # no name given yet: the role
    users = admin.get("/admin/users").get_data(as_text=True)
    prefix = f"u{editor.id}-"
    answer = admin.post(
        f"/admin/users/{editor.id}",
        data={
            "csrf_token": csrf_token(users),
            prefix + "csrf_token": csrf_token(users),
            prefix + "display_name": "  Dewi   Lestari ",
            prefix + "role": "editor",
            prefix + "active": "1",
        },
    )
    assert answer.status_code == 302
    page = app.test_client().get(f"/fact-checks/{verdict.slug}").get_data(as_text=True)
    assert "Reviewed by Dewi Lestari" in page and "chief@example.org" not in page
    db.session.expire_all()
    report = reports.generate_report(verdict.claim.event_id, formats=["html"], user_id=editor.id)
    html = reports.file_of(report, "html")[0].decode()
    assert "by Dewi Lestari" in html and "@example.org" not in html


def test_verdicts_published_before_pages_existed_get_theirs_once(app, db, cli, reference_imported):
    claim = _claim(db, "no-fire-on-peaceful")
    old = _published_without_page(db, claim)
    first = cli.invoke(args=["factcheck", "fact-check-pages"])
    assert first.exit_code == 0 and "Opened 1 fact-check page(s)." in first.output
    verdict = db.session.scalar(sa.select(PublishedVerdict))
    assert (verdict.claim_id, verdict.review_id, verdict.status) == (claim.id, old.id, "published")
    page = app.test_client().get(f"/fact-checks/{verdict.slug}").get_data(as_text=True)
    assert len(claim_reviews_on(page, f"http://127.0.0.1:5000/fact-checks/{verdict.slug}")) == 1
    again = cli.invoke(args=["factcheck", "fact-check-pages"])
    assert "Opened 0 fact-check page(s)." in again.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PublishedVerdict)) == 1


def test_no_page_is_opened_for_a_verdict_whose_article_is_withdrawn(
    app, db, cli, reference_imported
):
    from factcheck.services import articles

    claim = _claim(db, "no-fire-on-peaceful")
    articles.withdraw_article(claim.article, user_id=None)
    _published_without_page(db, claim)
    opened = cli.invoke(args=["factcheck", "fact-check-pages"])
    assert opened.exit_code == 0 and "Opened 0 fact-check page(s)." in opened.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PublishedVerdict)) == 0


def test_a_rationale_keeps_its_paragraphs_on_the_page_and_in_the_report(
    app, db, reference_imported
):
    editor = factories.user(db, "chief@example.org", "editor", password=None)
    claim = _claim(db, "no-fire-on-peaceful")
    written = "Video shows shots fired.\n\nThree witnesses confirm it."
    review = review_service.draft_review(claim, "inaccurate", written, [], editor.id)
    review_service.publish_review(review, user_id=editor.id)
    verdict = db.session.scalar(sa.select(PublishedVerdict))
    page = app.test_client().get(f"/fact-checks/{verdict.slug}").get_data(as_text=True)
    assert f'<div class="rationale">{written}</div>' in page
    assert ".rationale { white-space: pre-line; }" in app.test_client().get(
        "/static/app.css"
    ).get_data(as_text=True)
    report = reports.generate_report(claim.event_id, formats=["html"])
    html = reports.file_of(report, "html")[0].decode()
    assert f'<span class="rationale">{written}</span>' in html
    assert ".rationale { white-space: pre-line; }" in html  # the report's own stylesheet


def test_the_claim_page_leads_to_its_public_page_where_the_verdict_is_corrected(
    app, db, reference_imported
):
    verdict = _published(db, "no-fire-on-peaceful")
    editor, reviewer = app.test_client(), app.test_client()
    login(editor, db, "editor")
    login(reviewer, db, "reviewer")
    link = f'<a href="/fact-checks/{verdict.slug}">The public fact-check page</a>'
    page = editor.get(f"/claims/{verdict.claim_id}").get_data(as_text=True)
    assert link in page and "correct or withdraw the published verdict there" in page
    seen = reviewer.get(f"/claims/{verdict.claim_id}").get_data(as_text=True)
    assert link in seen and "correct or withdraw" not in seen  # editors only


def test_a_verdict_reads_in_the_readers_language(app, db, reference_imported):
    verdict = _published(db, "no-fire-on-peaceful", rating="mostly accurate")
    reader = app.test_client()
    page = reader.get(f"/fact-checks/{verdict.slug}", headers={"Accept-Language": "id"}).get_data(
        as_text=True
    )
    assert "<strong>Putusan: Sebagian besar akurat</strong>" in page
    assert "seorang editor factcheck" in page  # who reviewed it, without a display name
    # The structured data stays in schema.org's words, whoever reads the page.
    (review,) = claim_reviews_on(page, "http://127.0.0.1:5000/")
    assert review["reviewRating"]["alternateName"] == "Mostly accurate"
    editor = app.test_client()
    login(editor, db, "editor")
    claim_page = editor.get(
        f"/claims/{verdict.claim_id}", headers={"Accept-Language": "id"}
    ).get_data(as_text=True)
    assert "<strong>sebagian besar akurat</strong>" in claim_page
