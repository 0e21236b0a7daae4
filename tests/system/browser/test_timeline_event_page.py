"""In Chromium: the timeline case's event page shows its groups as a tree by place, whole area
first, and each group's band chart over time (DOMAIN.md §9-§10)."""

from __future__ import annotations

import time

import pytest

from tests.system.browser.pages import ARTIFACTS, shot, timeline_as_reviewer

pytestmark = pytest.mark.system

EVENT = "/events/2023-turkey-syria-earthquakes"


def test_the_event_page_shows_the_place_tree_and_the_band_over_time(stack, page):
    base = timeline_as_reviewer(page, stack, reconciled=True)
    page.goto(base + EVENT)
    headings = page.locator("section.groups article.group h3").all_inner_texts()
    killed = [h for h in headings if h.startswith("killed — total")]
    # The whole area first, then each country followed by the places inside it.
    assert killed == [
        "killed — total · whole area",
        "killed — total · Syria",
        "killed — total · Syria › government-held Syria",
        "killed — total · Syria › northwest Syria",
        "killed — total · Turkey",
        "killed — total · Turkey › Hatay",
    ]
    whole = page.locator("article.group.place-depth-0").first
    assert "46,970" in whole.locator("td.best").inner_text()
    hatay = page.locator("article.group.place-depth-2", has_text="Hatay")
    assert "1,370" in hatay.locator("td.best").inner_text()
    # Nested places are drawn indented under the place that holds them.
    left = page.evaluate(
        "[...document.querySelectorAll('article.group')].map(a => a.getBoundingClientRect().left)"
    )
    assert max(left) > min(left)
    chart = whole.locator("img.timeline")
    chart.scroll_into_view_if_needed()
    deadline = time.monotonic() + 30
    while not page.evaluate(
        "(img) => img.complete && img.naturalWidth > 0", chart.element_handle()
    ):
        assert time.monotonic() < deadline, "the band chart never loaded"
        time.sleep(0.2)
    svg = page.request.get(base + chart.get_attribute("src")).text()
    assert "low–high as it stood" in svg and "overtaken" in svg
    shot(page, "timeline-event-page-place-tree")
    chart.screenshot(path=str(ARTIFACTS / "timeline-band-chart.png"))
