"""Usable with the keyboard, a label on every field, and nothing wider than a phone's screen."""

from __future__ import annotations

from factcheck.extensions import db
from tests.support.factories import PASSWORD, user
from tests.support.paths import REFERENCE_TEXT
from tests.system.browser.pages import shot

UNLABELLED = """() => Array.from(document.querySelectorAll(
  'input:not([type=hidden]):not([type=submit]), select, textarea'))
  .filter((el) => el.labels.length === 0 && !el.getAttribute('aria-label'))
  .map((el) => el.name || el.id)"""
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def test_keyboard_login_labels_and_narrow_screens(stack, browser):
    base, app = stack
    assert (
        app.test_cli_runner().invoke(args=["factcheck", "import", str(REFERENCE_TEXT)]).exit_code
        == 0
    )
    assert app.test_cli_runner().invoke(args=["factcheck", "reconcile", "--inline"]).exit_code == 0
    user(db, "reviewer@example.org", "reviewer")
    page = browser.new_context(viewport={"width": 375, "height": 800}).new_page()

    page.goto(base + "/auth/login")
    page.keyboard.press("Tab")  # the skip link comes first
    page.keyboard.press("Tab")  # the brand
    page.keyboard.press("Tab")  # the header's two language buttons (English, Bahasa Indonesia)
    assert page.evaluate("document.activeElement.name") == "locale"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "email"
    page.keyboard.type("reviewer@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/")

    for path in (
        "/articles/1",
        "/articles/new",
        "/articles/1/claims/new?start=0&end=6",
        "/claims/6",
        "/claims/6/edit",
        "/events/2022-kazakhstan-unrest",
        "/search/?q=tewas",
        "/events/new",
    ):
        page.goto(base + path)
        assert page.evaluate(UNLABELLED) == [], path
        assert page.evaluate(OVERFLOW) <= 1, f"{path} is wider than a 375 px screen"
    shot(page, "narrow-event-page")
