"""Publishing a report through the API: an out-of-date draft takes saying so, as the web app asks."""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.models import Claim, Event
from factcheck.services import claims as claim_service
from factcheck.services.reports import generate_report
from tests.support.api import assert_problem


def test_an_out_of_date_draft_is_published_only_when_the_editor_says_so(
    api_as, db, reference_imported, monkeypatch
):
    from factcheck.services import dispatch

    monkeypatch.setattr(dispatch, "reconcile_groups", lambda groups: 0)  # no worker here
    editor = api_as("editor")
    report = generate_report(db.session.scalar(sa.select(Event.id)), formats=["json"])
    claim = db.session.scalar(sa.select(Claim).where(Claim.kind == "quantity"))
    claim_service.withdraw_claim(claim, user_id=None)  # the data moves on after the draft
    refused = editor.post(f"/reports/{report.id}/publish")
    assert_problem(refused, 409, "out of date", "out_of_date_ok=true")
    assert editor.get(f"/reports/{report.id}").get_json()["status"] == "draft"
    published = editor.post(f"/reports/{report.id}/publish?out_of_date_ok=true")
    assert published.status_code == 200 and published.get_json()["status"] == "published"
