"""An API client sees whether the assistant has read an article yet, instead of guessing from an
empty suggestions list (docs/api.md said the two looked the same)."""

from __future__ import annotations

from factcheck.models import Event
from factcheck.services import intake
from tests.support.jobs import on_job


def test_an_article_says_queued_then_done_and_how_much_was_read(app, api_as, db, monkeypatch):
    on_job(monkeypatch, "tasks.intake.analyse_article", lambda article_id: None)
    db.session.add(Event(slug="2024-demak-floods", title="Demak floods"))
    db.session.commit()
    app.config["SUGGEST_MAX_CHARS"] = 60
    api = api_as("reviewer")
    text = "Polisi: 14 orang tewas di Demak.\nBPBD: 3 orang hilang di Karanganyar.\n"
    created = api.post(
        "/articles", json={"text": text, "language": "id", "outlet": "Warta", "event_id": 1}
    )
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert (body["suggestions_status"], body["suggestions"]) == ("queued", [])
    intake.analyse_article(body["id"])
    body = api.get(f"/articles/{body['id']}").get_json()
    assert body["suggestions_status"] == "done" and body["suggestions_error"] is None
    assert body["suggestions_read_chars"] == text.index("\nBPBD")
    assert [s["exact"] for s in body["suggestions"]] == ["14 orang tewas"]
