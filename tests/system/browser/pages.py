"""Driving Chromium through the app's pages: logging in as a person does, and screenshots to look at."""

from __future__ import annotations

from tests.support.factories import PASSWORD
from tests.support.factories import user as add_account
from tests.support.paths import CORPUS, ROOT

ARTIFACTS = ROOT / "test-artifacts"


def log_in(page, base: str, email: str) -> None:
    page.goto(base + "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/")


def timeline_as_reviewer(page, stack, reconciled: bool = False) -> str:
    """The timeline case imported (and reconciled), a reviewer logged in; the server's base URL."""
    from factcheck.extensions import db

    base, app = stack
    runner = app.test_cli_runner()
    assert runner.invoke(args=["factcheck", "import", str(CORPUS / "timeline")]).exit_code == 0
    if reconciled:
        assert runner.invoke(args=["factcheck", "reconcile", "--inline"]).exit_code == 0
    add_account(db, "reviewer@example.org", "reviewer")
    log_in(page, base, "reviewer@example.org")
    return base


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
