"""Reports in the web app: a reviewer generates, an editor publishes, the public reads; drafts need a login."""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.models import Claim, Report
from factcheck.services import claims as claim_service
from factcheck.services.reports import run_report_job
from tests.support.jobs import on_job
from tests.support.web import login

EVENT = "/events/2022-kazakhstan-unrest"


def test_generate_publish_read_and_freeze(app, db, cli, reference_imported, monkeypatch):
    on_job(
        monkeypatch,
        "tasks.reports.generate_report_task",
        lambda job_id, claim_id, formats: run_report_job(job_id, claim_id, ["html", "jsonld"]),
    )
    on_job(monkeypatch, "tasks.reconcile.reconcile_group", lambda *a: None)
    reviewer = app.test_client()
    token = login(reviewer, db, "reviewer")
    assert reviewer.post(f"{EVENT}/reports", data={"csrf_token": token}).status_code == 302
    report = db.session.scalar(sa.select(Report))
    assert (report.version, report.status) == (1, "draft")

    anonymous = app.test_client()
    draft = anonymous.get("/reports/2022-kazakhstan-unrest/v1")
    assert draft.status_code == 302 and "/auth/login" in draft.headers["Location"]
    assert reviewer.get("/reports/2022-kazakhstan-unrest/v1").status_code == 200
    assert (
        reviewer.post(f"/reports/{report.id}/publish", data={"csrf_token": token}).status_code
        == 403
    )

    editor = app.test_client()
    token = login(editor, db, "editor")
    assert "Publish v1" in editor.get(EVENT).get_data(as_text=True)
    assert (
        editor.post(
            f"/reports/{report.id}/publish", data={"csrf_token": token, "confirm": "y"}
        ).status_code
        == 302
    )
    page = anonymous.get("/reports/2022-kazakhstan-unrest/v1")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data()
    assert b"technical error" in html and b"lebih dari 164 orang tewas" in html
    assert (
        anonymous.get("/reports/2022-kazakhstan-unrest/v1.jsonld").mimetype == "application/ld+json"
    )
    assert anonymous.get("/reports/2022-kazakhstan-unrest/v9").status_code == 404
    assert "out of date" not in editor.get(EVENT).get_data(as_text=True)

    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "detained-8000"))
    claim_service.update_claim(claim, {"value": 7939}, expected_version=claim.version, user_id=None)
    assert anonymous.get("/reports/2022-kazakhstan-unrest/v1").get_data() == html
    assert "out of date: the data has changed since" in editor.get(EVENT).get_data(as_text=True)
