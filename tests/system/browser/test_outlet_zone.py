"""In Chromium: picking an outlet shows, in the empty offset box, the zone of its country, the
default a time typed without an offset is read in (#13); a typed offset is left alone."""

from __future__ import annotations

import pytest

from factcheck.extensions import db
from factcheck.models import Event, Outlet
from tests.support.factories import user as add_account
from tests.system.browser.pages import log_in, shot

pytestmark = pytest.mark.system


def test_picking_an_outlet_shows_its_countrys_zone_as_the_default(stack, page):
    base, _app = stack
    db.session.add_all(
        [
            Event(slug="e", title="Floods"),
            Outlet(name="Kompas", kind="news site", country="Indonesia"),
            Outlet(name="Anadolu", kind="news agency", country="Turkey"),
            Outlet(name="Blog", kind="blog"),
        ]
    )
    db.session.commit()
    add_account(db, "reviewer@example.org", "reviewer")
    log_in(page, base, "reviewer@example.org")
    page.goto(f"{base}/articles/new")
    offset = page.locator("#utc_offset")
    page.locator("#outlet_id").select_option(label="Kompas")
    assert offset.get_attribute("placeholder") == (
        "+07:00: the time zone of the outlet's country (Asia/Jakarta)"
    )
    shot(page, "article-form-outlet-zone")
    page.locator("#outlet_id").select_option(label="Anadolu")
    assert offset.get_attribute("placeholder").startswith("+03:00:")
    page.locator("#outlet_id").select_option(label="Blog")  # no country: the plain hint
    assert offset.get_attribute("placeholder") == "the outlet's country"
    assert offset.input_value() == ""  # only a hint: nothing is typed for the reviewer
