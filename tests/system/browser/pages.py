"""Driving Chromium through the app's pages: logging in as a person does, and screenshots to look at."""

from __future__ import annotations

from tests.support.factories import PASSWORD
from tests.support.paths import ROOT

ARTIFACTS = ROOT / "test-artifacts"


def log_in(page, base: str, email: str) -> None:
    page.goto(base + "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/")


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
