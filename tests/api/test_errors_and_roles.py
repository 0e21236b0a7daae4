"""Every 4xx is problem+json with a detail; the web app's roles apply; a token has a rate limit."""

from __future__ import annotations

import sqlalchemy as sa

from tests.support.api import ApiClient, assert_problem
from tests.support.factories import account
from tests.support.paths import REFERENCE_TEXT


def test_problem_documents_for_each_client_error(api, db, reference_imported):
    from factcheck.models import Article, Claim, Event

    article = db.session.scalar(sa.select(Article))
    bad_json = api.post("/claims", data="{not json", headers={"Content-Type": "application/json"})
    assert_problem(bad_json, 400, "json")
    assert_problem(api.get("/claims/999999"), 404, "no claim 999999")
    assert_problem(api.get("/no-such-thing"), 404)
    wrong_method = api.open("DELETE", "/claims/1")
    assert_problem(wrong_method, 405)
    assert "PATCH" in wrong_method.headers["Allow"]
    body = assert_problem(
        api.post("/events", json={"title": "x", "slug": "Not A Slug", "extra": 1}), 422, "slug"
    )
    assert set(body["errors"]["json"]) == {"slug", "extra"}
    event = db.session.scalar(sa.select(Event))
    assert_problem(
        api.post("/events", json={"title": "Again", "slug": event.slug}), 409, event.slug
    )
    same_text = {
        "text": REFERENCE_TEXT.read_text(encoding="utf-8"),
        "outlet_id": article.outlet_id,
        "language": "id",
        "event_id": event.id,
    }
    assert_problem(api.post("/articles", json=same_text), 409, "stored already")
    claims = db.session.scalars(sa.select(Claim.id).order_by(Claim.id).limit(2)).all()
    link = {"source_id": claims[0], "target_id": claims[1], "type": "corroborates"}
    assert api.post("/relations", json=link).status_code == 201
    assert_problem(api.post("/relations", json=link), 409, "already")


def test_web_pages_keep_their_html_errors(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404 and response.mimetype == "text/html"


def test_an_oversized_body_answers_413_problem_not_the_web_page(api, app, client):
    too_big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = api.post("/articles", json={"text": too_big})
    assert_problem(response, 413)
    page = client.post("/articles/new", data={"text": too_big})
    assert page.status_code == 413 and page.mimetype == "text/html"  # the web keeps its page


def test_reviewers_draft_editors_publish(api_as, db, cli, reference_imported):
    from factcheck.models import Claim, Conflict, Event
    from factcheck.services.reports import generate_report

    cli.invoke(args=["factcheck", "reconcile", "--inline"])
    reviewer, editor = api_as("reviewer"), api_as("editor")
    claim_id = db.session.scalar(sa.select(Claim.id).where(Claim.source_key == "detained-8000"))
    drafted = reviewer.post(
        "/reviews",
        json={
            "claim_id": claim_id,
            "rating": "mostly accurate",
            "rationale": "Ministry figure",
            "evidence_links": ["https://example.org/a"],
        },
    )
    assert drafted.status_code == 201, drafted.get_data(as_text=True)
    review = drafted.get_json()
    assert (review["published"], review["rating_value"]) == (False, 4)
    assert_problem(reviewer.post(f"/reviews/{review['id']}/publish"), 403, "reviewer", "publish")
    published = editor.post(f"/reviews/{review['id']}/publish")
    assert published.status_code == 200 and published.get_json()["published"] is True
    assert_problem(editor.post(f"/reviews/{review['id']}/publish"), 409, "published already")

    event_id = db.session.scalar(sa.select(Event.id))
    report = generate_report(event_id, formats=["json"])
    assert_problem(reviewer.post(f"/reports/{report.id}/publish"), 403, "publish")
    assert reviewer.get(f"/reports/{report.id}").get_json()["status"] == "draft"
    assert editor.post(f"/reports/{report.id}/publish").get_json()["status"] == "published"
    file = reviewer.get(f"/reports/{report.id}/files/json")
    assert file.status_code == 200 and file.mimetype == "application/json"

    conflict = db.session.scalar(sa.select(Conflict).where(Conflict.status == "open"))
    close = {"status": "dismissed", "note": "the ministry is the only source there is"}
    assert_problem(reviewer.post(f"/conflicts/{conflict.id}/close", json=close), 403, "resolve")
    closed = editor.post(f"/conflicts/{conflict.id}/close", json=close)
    assert closed.status_code == 200 and closed.get_json()["status"] == "dismissed"
    assert_problem(editor.post(f"/conflicts/{conflict.id}/close", json=close), 409)
    assert_problem(
        reviewer.post("/reports", json={"event_id": event_id, "formats": ["docx"]}), 422, "formats"
    )


def test_rate_limit_per_token_answers_429(app, db):
    app.config["API_RATE_LIMIT"] = "3 per minute"
    first = ApiClient(app.test_client(), account(db, "reviewer")[1])
    other = ApiClient(app.test_client(), account(db, "editor")[1])
    for left in (2, 1, 0):
        answered = first.get("/jobs")
        assert answered.status_code == 200 and answered.headers["X-RateLimit-Remaining"] == str(
            left
        )
    limited = first.get("/claims")  # one count across every view of the API
    body = assert_problem(limited, 429, "Too many requests", "3 per 1 minute")
    assert int(limited.headers["Retry-After"]) > 0 and body["instance"] == "/api/v1/claims"
    assert other.get("/jobs").status_code == 200  # another token has its own count


def test_a_lost_database_or_queue_answers_503_problem(api, db, monkeypatch, reference_imported):
    from kombu.exceptions import OperationalError as QueueUnreachable

    from factcheck.models import Event, Job
    from factcheck.services import dispatch, tokens

    event_id = db.session.scalar(sa.select(Event.id))

    def queue_down(*args, **kwargs):
        raise QueueUnreachable("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(dispatch, "send", queue_down)
    response = api.post(f"/events/{event_id}/rebuild")
    assert_problem(response, 503, "job queue", "what was saved is kept")
    assert (
        int(response.headers["Retry-After"]) >= 30
    )  # ours, or the rate window's end if later (Flask-Limiter)
    assert (
        db.session.scalar(sa.select(sa.func.count()).select_from(Job)) == 1
    )  # the job row was saved

    def database_down(presented):
        raise sa.exc.OperationalError(
            "SELECT 1", {}, Exception("server closed the connection unexpectedly")
        )

    monkeypatch.setattr(tokens, "find_active", database_down)
    assert_problem(api.get("/claims"), 503, "database")
