"""In Chromium: the event page follows a whole rebuild's progress, and says while its plan still
counts the groups (the total grows step by step until the plan is complete)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from factcheck.extensions import db
from factcheck.models import Job
from factcheck.models.types import utcnow
from tests.system.browser.pages import timeline_as_reviewer

pytestmark = pytest.mark.system

EVENT = "/events/2023-turkey-syria-earthquakes"


def test_the_progress_line_says_the_total_still_grows_until_the_plan_is_complete(stack, page):
    base = timeline_as_reviewer(page, stack)
    # A whole rebuild whose planner has done its first step; nobody runs it here.
    job = Job(kind="rebuild", status="running", done=0, total=12, planned_through=1)
    db.session.add(job)
    db.session.commit()
    page.goto(base + EVENT)
    progress = page.locator("#job-progress")
    assert progress.inner_text() == "Rebuild running: 0/12 (still counting)"

    # The plan goes on and completes while the page is open: the page's poll follows it.
    job.done, job.total = 5, 40
    db.session.commit()
    expect(progress).to_have_text("Rebuild running: 5/40 (still counting)", timeout=15_000)
    job.done, job.planned_at = 9, utcnow()
    db.session.commit()
    expect(progress).to_have_text("Rebuild running: 9/40", timeout=15_000)
