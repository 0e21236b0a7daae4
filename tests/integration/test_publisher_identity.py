"""A report version freezes who publishes it and where; drafts say DRAFT in every format; publishing
asks for confirmation and warns when the draft is out of date; a verdict needs a second person when
the setting says so; public files name no account; Content-Type names its charset once."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from factcheck.models import Claim, Event, Report, Review
from factcheck.services import reports
from factcheck.services import reviews as review_service
from factcheck.services.claims import InvalidChange
from tests.support import factories
from tests.support.web import csrf_token, login

ALL = ["html", "pdf", "jsonld", "csv", "json"]


def _event_id(db) -> int:
    return db.session.scalar(sa.select(Event.id))


def _with_a_published_verdict(db) -> None:
    editor = factories.user(db, "chief@example.org", "editor", password=None)
    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "no-fire-on-peaceful"))
    review = review_service.draft_review(claim, "inaccurate", "Video.", [], editor.id)
    review_service.publish_review(review, user_id=editor.id)


def test_a_version_keeps_the_publisher_it_was_made_with(app, db, reference_imported):
    _with_a_published_verdict(db)
    app.config.update(FACTCHECK_PUBLISHER="Desk A", FACTCHECK_PUBLIC_URL="https://a.example")
    report = reports.generate_report(_event_id(db), formats=["html"])
    app.config.update(FACTCHECK_PUBLISHER="Desk B", FACTCHECK_PUBLIC_URL="https://b.example")
    html = reports.file_of(report, "html")[0].decode()
    (doc,) = json.loads(reports.file_of(report, "jsonld")[0])  # rendered now, from the snapshot
    assert doc["author"] == {"@type": "Organization", "name": "Desk A", "url": "https://a.example"}
    assert 'content="Desk A"' in html and "https://a.example/reports/" in html
    assert "b.example" not in html and "Desk B" not in html
    assert reports.public_url(report).startswith("https://a.example/")


def test_the_public_url_defaults_to_the_served_port(monkeypatch, tmp_path):
    from factcheck import config

    monkeypatch.delenv("FACTCHECK_PUBLIC_URL", raising=False)
    monkeypatch.setenv("PORT", "8123")
    assert config.load(tmp_path)["FACTCHECK_PUBLIC_URL"] == "http://127.0.0.1:8123"
    monkeypatch.setenv("FACTCHECK_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    assert config.load(tmp_path)["VERDICT_SECOND_PERSON"] is True
    monkeypatch.setenv("FACTCHECK_ENV", "development")
    assert config.load(tmp_path)["VERDICT_SECOND_PERSON"] is False


def test_a_draft_says_so_in_every_format_and_the_published_version_does_not(
    app, db, reference_imported
):
    _with_a_published_verdict(db)
    report = reports.generate_report(_event_id(db), formats=ALL)

    def files() -> dict[str, bytes]:
        return {fmt: reports.file_of(report, fmt)[0] for fmt in ALL}

    draft = files()
    assert b"DRAFT" in draft["html"] and "DRAFT" in "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(draft["pdf"])).pages[:1]
    )
    assert all(d["creativeWorkStatus"] == "Draft" for d in json.loads(draft["jsonld"]))
    rows = list(csv.DictReader(io.StringIO(draft["csv"].decode("utf-8-sig"))))
    assert rows and {r["report_status"] for r in rows} == {"DRAFT"}
    assert json.loads(draft["json"])["status"] == "DRAFT"
    editor = factories.user(db, "boss@example.org", "editor", password=None)
    reports.publish_report(report.id, user_id=editor.id)
    db.session.expire_all()
    report = db.session.get(Report, report.id)
    final = files()
    assert b"DRAFT" not in final["html"] and b"Draft" not in final["jsonld"]
    assert json.loads(final["json"])["status"] == "published"
    for text in (final["html"], final["jsonld"], final["json"], final["csv"]):
        assert b"@example.org" not in text  # no reviewer's or editor's address in public files


def test_publishing_asks_for_confirmation_and_warns_when_out_of_date(app, db, reference_imported):
    report = reports.generate_report(_event_id(db), formats=["html"])
    editor = app.test_client()
    login(editor, db, "editor")
    url = f"/reports/{report.id}/publish"
    page = editor.get(url).get_data(as_text=True)
    assert "I have read this version" in page and "out of date" not in page
    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "detained-8000"))
    claim.proposition = "changed since the draft"
    db.session.commit()
    page = editor.get(url).get_data(as_text=True)
    assert "This draft is out of date." in page
    unconfirmed = editor.post(url, data={"csrf_token": csrf_token(page)})
    assert unconfirmed.status_code == 422 and "Tick the box to confirm." in unconfirmed.get_data(
        as_text=True
    )
    db.session.expire_all()
    assert db.session.get(Report, report.id).status == "draft"
    done = editor.post(url, data={"csrf_token": csrf_token(page), "confirm": "y"})
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(Report, report.id).status == "published"
    served = app.test_client().get("/reports/2022-kazakhstan-unrest/v1")
    assert served.headers["Content-Type"] == "text/html; charset=utf-8"


def test_a_second_person_publishes_a_verdict_when_the_setting_says_so(app, db, reference_imported):
    app.config["VERDICT_SECOND_PERSON"] = True
    author = factories.user(db, "author@example.org", "editor", password=None)
    other = factories.user(db, "other@example.org", "editor", password=None)
    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "detained-8000"))
    review = review_service.draft_review(claim, "mixed", "Why.", [], author.id)
    with pytest.raises(InvalidChange, match="someone other than its author"):
        review_service.publish_review(review, user_id=author.id)
    db.session.rollback()
    review_service.publish_review(db.session.get(Review, review.id), user_id=other.id)
    assert db.session.get(Review, review.id).published


def test_a_verdict_has_no_default_rating(app, db, reference_imported):
    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "detained-8000"))
    reviewer = app.test_client()
    token = login(reviewer, db, "reviewer")
    form = reviewer.get(f"/claims/{claim.id}").get_data(as_text=True)
    # The first (and so the shown) choice is the empty one.
    assert re.search(r'<select[^>]*name="rating"[^>]*>\s*<option[^>]*value="">', form)
    refused = reviewer.post(
        f"/claims/{claim.id}/reviews",
        data={
            "csrf_token": token,
            "rationale": "No rating chosen.",
            "evidence": "https://example.org/source",
        },
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Review)) == 0
    # The claim's page again, with what was typed kept beside the error (it was lost).
    assert refused.status_code == 422
    page = html.unescape(refused.get_data(as_text=True))
    assert "Choose a verdict." in page
    assert "No rating chosen.</textarea>" in page and "https://example.org/source" in page
    too_long = reviewer.post(
        f"/claims/{claim.id}/reviews",
        data={"csrf_token": token, "rating": "accurate", "rationale": "x" * 100_001},
    )
    assert too_long.status_code == 422 and "x" * 100_001 in too_long.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Review)) == 0
