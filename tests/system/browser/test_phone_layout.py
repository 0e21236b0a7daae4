"""In Chromium at a phone's width (390 px): the event page, the published report and a verdict page fit
the screen, and no figure is broken across lines. Screenshots (phone and desktop) go to test-artifacts/."""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.extensions import db
from tests.support.factories import user
from tests.support.paths import REFERENCE_TEXT
from tests.system.browser.pages import log_in, shot

PHONE = {"width": 390, "height": 844}
# Every element that shows a figure: each must sit on one line.
FIGURES = "td.low, td.best, td.high, td.num"


def _check(page, name: str) -> None:
    # Nothing makes the whole page scroll sideways (a wide table scrolls inside its own box).
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name}: the page is {width} px wide"
    broken = page.locator(FIGURES).evaluate_all(
        "els => els.filter(e => getComputedStyle(e).whiteSpace !== 'nowrap'"
        " && /\\d[\\s,.]\\d/.test(e.innerText)).map(e => e.innerText)"
    )
    assert broken == [], f"{name}: figures that may wrap: {broken}"
    # Nor is a group's estimate cut off inside its box: every cell is on the screen.
    cut = page.locator("table.estimate td").evaluate_all(
        "els => els.filter(e => e.getBoundingClientRect().right > window.innerWidth)"
        ".map(e => e.innerText)"
    )
    assert cut == [], f"{name}: estimate cells off the screen: {cut}"
    shot(page, name)


def test_event_page_report_and_verdict_page_on_a_phone(stack, browser):
    base, app = stack
    from factcheck.models import Claim, PublishedVerdict
    from factcheck.services import reports
    from factcheck.services import reviews as review_service

    runner = app.test_cli_runner()
    assert runner.invoke(args=["factcheck", "import", str(REFERENCE_TEXT)]).exit_code == 0
    editor = user(db, "editor@example.org", "editor")
    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "no-fire-on-peaceful"))
    claim.translation = "never fired and will never fire on peaceful demonstrators"
    db.session.commit()
    review = review_service.draft_review(claim, "inaccurate", "Footage shows shots.", [], editor.id)
    review_service.publish_review(review, user_id=editor.id)
    report = reports.generate_report(1, formats=["html"])
    reports.publish_report(report.id, user_id=editor.id)
    slug = db.session.scalar(sa.select(PublishedVerdict.slug))

    phone = browser.new_context(viewport=PHONE, device_scale_factor=2).new_page()
    log_in(phone, base, "editor@example.org")
    phone.goto(f"{base}/events/2022-kazakhstan-unrest")
    _check(phone, "phone-event-page")
    phone.set_extra_http_headers({"Accept-Language": "id"})  # longer headings: "Tertinggi"
    phone.goto(f"{base}/events/2022-kazakhstan-unrest")
    assert "lemah" in phone.locator("table.estimate").first.inner_text()  # in Indonesian
    _check(phone, "phone-event-page-id")
    phone.goto(f"{base}/events/2022-kazakhstan-unrest/groups/killed/total")
    _check(phone, "phone-group-page-id")
    phone.set_extra_http_headers({})
    public = browser.new_context(viewport=PHONE, device_scale_factor=2).new_page()
    public.goto(f"{base}/reports/2022-kazakhstan-unrest/v1")
    assert "8,000" in public.locator("body").inner_text()
    assert (
        "At least" in public.locator("body").inner_text()
        or "Between" in public.locator("body").inner_text()
    )  # the plain summary is there
    _check(public, "phone-report")
    public.goto(f"{base}/fact-checks/{slug}")
    assert "never fired and will never fire" in public.locator("body").inner_text()
    _check(public, "phone-verdict-page")
    desktop = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    desktop.goto(f"{base}/reports/2022-kazakhstan-unrest/v1")
    shot(desktop, "desktop-report")
    desktop.goto(f"{base}/fact-checks/{slug}")
    shot(desktop, "desktop-verdict-page")
