"""As a reviewer would, in Chromium: upload the reference article, log figures from selections,
log the retraction, and watch the event page update after the background job."""

from __future__ import annotations

import re

from factcheck.extensions import db
from tests.support.factories import user
from tests.support.paths import REFERENCE_TEXT
from tests.system.browser.pages import log_in, shot

SELECT_QUOTE = """(quote) => {
  const box = document.getElementById('article-text');
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  const nodes = []; let text = '';
  while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]); text += walker.currentNode.data; }
  const start = text.indexOf(quote);
  if (start < 0) throw new Error('quote not on the page: ' + quote);
  const at = (pos) => { for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= pos) return [nodes[i][0], pos - nodes[i][1]]; };
  const range = document.createRange();
  range.setStart(...at(start)); range.setEnd(...at(start + quote.length));
  const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
  box.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
}"""


def _log_figure(page, quote: str, fields: dict[str, str], selects: dict[str, str]) -> int:
    page.wait_for_url(re.compile(r".*/articles/\d+$"))  # the article page, scripts loaded
    page.evaluate(SELECT_QUOTE, quote)
    page.get_by_role("link", name="Log a claim from the selection").click()
    page.wait_for_url(re.compile(r".*/claims/new\?start=\d+&end=\d+"))
    assert page.get_by_label("Quote (exactly as in the article)").input_value() == quote
    for label, value in selects.items():
        page.get_by_label(label, exact=True).select_option(value)
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Save the claim").click()
    page.wait_for_url(re.compile(r".*/claims/\d+$"))
    return int(page.url.rsplit("/", 1)[1])


def test_reviewer_logs_figures_and_the_retraction_and_sees_the_event_update(stack, page):
    base, app = stack
    user(db, "reviewer@example.org", "reviewer")
    log_in(page, base, "reviewer@example.org")

    page.get_by_role("link", name="Events").click()
    page.get_by_role("link", name="Add an event").click()
    page.get_by_label("Title").fill("2022 Kazakhstan unrest")
    page.get_by_label("Short name for links (letters, digits, hyphens)").fill(
        "2022-kazakhstan-unrest"
    )
    page.get_by_label("Place").fill("Kazakhstan")
    page.get_by_role("button", name="Add the event").click()

    page.get_by_role("link", name="Add an article").click()
    page.get_by_label("…or upload a .txt or .html file").set_input_files(str(REFERENCE_TEXT))
    page.get_by_label("Title", exact=True).fill(
        "Presiden Kazakhstan Klaim Negaranya Kalahkan Upaya Kudeta"
    )
    page.get_by_label("…or a new outlet").fill("voa-islam.com")
    page.get_by_label("Language").select_option("id")
    page.get_by_label("Published (local time)").fill("2022-01-11T22:25")
    page.get_by_label("UTC offset of that time").fill("+07:00")
    shot(page, "01-article-form")
    page.get_by_role("button", name="Store the article").click()
    page.wait_for_url(re.compile(r".*/articles/\d+$"))
    assert "Stored article" in page.content()
    shot(page, "02-article-stored")

    detained = _log_figure(
        page,
        "hampir 8.000 orang telah ditahan",
        fields={
            "…or a new speaker": "Ministry of Internal Affairs of Kazakhstan",
            "Stated on": "2022-01-10",
            "Value (N)": "8000",
        },
        selects={
            "Kind": "quantity",
            "New speaker's kind": "government",
            "Is the new speaker a party to the event?": "yes",
            "Metric": "detained",
            "Category": "total",
            "Qualifier": "nearly",
        },
    )
    assert "[7,200, 8,000]" in page.content()
    shot(page, "03-detained-logged")

    page.get_by_role("link", name=re.compile("Presiden Kazakhstan")).first.click()
    killed = _log_figure(
        page,
        "lebih dari 164 orang tewas",
        fields={
            "…or a new speaker": "Ministry of Information of Kazakhstan",
            "Stated on": "2022-01-08",
            "Value (N)": "164",
        },
        selects={
            "Kind": "quantity",
            "New speaker's kind": "government",
            "Is the new speaker a party to the event?": "yes",
            "Metric": "killed",
            "Category": "total",
            "Qualifier": "more_than",
        },
    )
    # A second tab watches the event page while the retraction is logged in the first.
    watcher = page.context.new_page()
    watcher.goto(f"{base}/events/2022-kazakhstan-unrest")
    watcher.locator("#group-killed-total td.best", has_text="165").wait_for()
    watcher.evaluate("window.__notReloaded = true")
    shot(watcher, "05-event-page-before-retraction")

    page.get_by_role("link", name=re.compile("Presiden Kazakhstan")).first.click()
    retraction = _log_figure(
        page,
        "kementerian informasi mencabut pernyataan yang mengatakan lebih dari 164 orang tewas",
        fields={
            "Stated on": "2022-01-09",
            "Proposition (for allegations, denials, statements)": "The 164 figure was a technical error",
        },
        selects={"Kind": "retraction", "Said by": "Ministry of Information of Kazakhstan"},
    )
    # The target is found by searching the event's claims, not by typing its id.
    page.get_by_label(re.compile("^Find the claim it relates to")).fill("164")
    page.get_by_role("button", name="Search").click()
    page.get_by_label("This claim…").select_option("retracts")
    page.get_by_role("radio", name=re.compile(f"^Claim {killed}:")).check()
    page.get_by_label("Note (why; e.g. “technical error”)").fill("technical error")
    page.get_by_role("button", name="Link").click()
    if "Not linked yet" in page.content():  # dated before the figure as the article reports it
        assert "it cannot retract what was not said yet" in page.content()
        assert page.get_by_label("Note (why; e.g. “technical error”)").input_value() == (
            "technical error"
        )
        page.get_by_role("radio", name=re.compile(f"^Claim {killed}:")).check()
        page.get_by_label("Link anyway, because… (only when asked)").fill(
            "the 164 was posted before the retraction"
        )
        page.get_by_role("button", name="Link").click()
    assert f"Claim {retraction} retracts claim {killed}" in page.content()
    shot(page, "04-retraction-linked")

    # The worker reconciles in the background; the watching page swaps the new results in by itself.
    results = watcher.locator("#results")
    struck = results.locator(
        "#group-killed-total li.deprecated s", has_text="lebih dari 164 orang tewas"
    )
    struck.wait_for()
    # The claim's rank changes as the link is stored, its group's answer when the worker has
    # reconciled it: the page may swap in the one before the other, so wait for the answer.
    results.locator("#group-killed-total td.grade", has_text="discounted").wait_for()
    assert watcher.evaluate("window.__notReloaded") is True
    assert "retracted" in results.locator("#group-killed-total").inner_text()
    detained_row = results.locator("#group-detained-total table.estimate tbody tr")
    assert detained_row.locator("td.low").inner_text() == "7,200"
    assert detained_row.locator("td.high").inner_text() == "8,000"
    shot(watcher, "06-event-page-after-job")
    assert detained and retraction
