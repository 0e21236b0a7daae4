"""In Chromium set to Indonesian: a visitor gets the login page in Indonesian, a reviewer walks the main
pages and finds no English interface string; the header's switch turns an English page Indonesian.
Screenshots of each page go to test-artifacts/ (id-*.png)."""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.extensions import db
from tests.support.factories import PASSWORD, user
from tests.support.interface_language import untranslated
from tests.support.paths import REFERENCE_TEXT
from tests.system.browser.pages import shot


def _indonesian(page, name: str) -> None:
    assert page.locator("html").get_attribute("lang") == "id", name
    assert untranslated(page.content()) == [], name
    shot(page, f"id-{name}")


def test_the_main_pages_in_indonesian(stack, browser):
    base, app = stack
    from factcheck.models import Actor, Article, Claim, Outlet, Place

    runner = app.test_cli_runner()
    assert runner.invoke(args=["factcheck", "import", str(REFERENCE_TEXT)]).exit_code == 0
    assert runner.invoke(args=["factcheck", "reconcile", "--inline"]).exit_code == 0
    user(db, "editor@example.org", "editor")
    article = db.session.scalar(sa.select(Article.id))
    claim = db.session.scalar(sa.select(Claim.id).where(Claim.source_key == "detained-8000"))
    records = {
        "actors": db.session.scalar(sa.select(Actor.id)),
        "outlets": db.session.scalar(sa.select(Outlet.id)),
        "places": db.session.scalar(sa.select(Place.id)),
    }

    # The browser asks for Indonesian (Accept-Language: id-ID): the visitor is answered in it.
    page = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(20_000)
    page.goto(base + "/auth/login")
    assert page.get_by_role("heading", level=1).inner_text() == "Masuk"
    _indonesian(page, "login")
    page.get_by_label("Email").fill("editor@example.org")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(base + "/")

    walk = {
        "articles": "/",
        "events": "/events/",
        "event": "/events/2022-kazakhstan-unrest",
        "article": f"/articles/{article}",
        "claim": f"/claims/{claim}",
        "claim-form": f"/articles/{article}/claims/new?start=10&end=20",
        "search": "/search/?q=tewas",
        "actors": "/actors/",
        "outlets": "/outlets/",
        "places": "/places/",
        **{f"{plural}-one": f"/{plural}/{rid}" for plural, rid in records.items() if rid},
        "account": "/auth/password",
    }
    for name, path in walk.items():
        page.goto(base + path)
        _indonesian(page, name)
    page.goto(base + "/events/2022-kazakhstan-unrest")
    nav = page.get_by_role("navigation", name="Utama")
    for word in ("Artikel", "Peristiwa", "Cari klaim", "Sumber"):
        assert nav.get_by_role("link", name=word, exact=True).is_visible()
    assert page.get_by_role("heading", name="Laporan verifikasi").is_visible()
    assert (
        "8.000" in page.locator("#results").inner_text()
    )  # figures as Indonesian readers write them


def test_the_header_switch_turns_a_visitors_pages_indonesian(stack, browser):
    base, _app = stack
    page = browser.new_context(locale="en-GB").new_page()
    page.set_default_timeout(20_000)
    page.goto(base + "/auth/login")
    assert page.get_by_role("heading", level=1).inner_text() == "Log in"
    page.get_by_role("button", name="Bahasa Indonesia").click()
    page.wait_for_url(base + "/auth/login")
    assert page.get_by_role("heading", level=1).inner_text() == "Masuk"
    shot(page, "id-login-after-switch")
    page.get_by_role("button", name="English").click()
    page.wait_for_url(base + "/auth/login")
    assert page.get_by_role("heading", level=1).inner_text() == "Log in"
