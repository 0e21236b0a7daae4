"""In Chromium: an editor publishes a report version and the public HTML report opens without an account."""

from __future__ import annotations

import re

from factcheck.extensions import db
from tests.support.factories import user
from tests.support.paths import REFERENCE_TEXT
from tests.system.browser.pages import log_in, shot


def test_editor_publishes_and_anyone_opens_the_html_report(stack, browser):
    base, app = stack
    from factcheck.services.reports import generate_report

    runner = app.test_cli_runner()
    assert runner.invoke(args=["factcheck", "import", str(REFERENCE_TEXT)]).exit_code == 0
    generate_report(1, formats=["html", "pdf"])  # what the background job runs
    user(db, "editor@example.org", "editor")
    editor = browser.new_context().new_page()
    log_in(editor, base, "editor@example.org")
    editor.goto(f"{base}/events/2022-kazakhstan-unrest")
    editor.get_by_role("link", name="Publish v1…").click()  # a confirmation page, not one click
    editor.get_by_label(re.compile("I have read this version")).check()
    shot(editor, "report-publish-confirmation")
    editor.get_by_role("button", name="Publish").click()
    editor.get_by_text(re.compile("Published version 1")).wait_for()

    public = browser.new_context().new_page()  # no account
    public.goto(f"{base}/reports/2022-kazakhstan-unrest/v1")
    text = public.locator("body").inner_text()
    assert "technical error" in text
    assert "calendar mismatch" in text and "2024-11-29" in text  # the finding, in words
    assert "killed / total: low 42, best 42, high 99" in text
    assert public.locator("del, s", has_text="lebih dari 164 orang tewas").count() >= 1
    shot(public, "report-html-public")
    pdf = public.request.get(f"{base}/reports/2022-kazakhstan-unrest/v1.pdf")
    assert (
        pdf.status == 200
        and pdf.headers["content-type"] == "application/pdf"
        and pdf.body()[:5] == b"%PDF-"
    )


def test_a_generated_report_appears_in_the_list_without_a_reload(stack, browser):
    base, app = stack
    runner = app.test_cli_runner()
    assert runner.invoke(args=["factcheck", "import", str(REFERENCE_TEXT)]).exit_code == 0
    user(db, "editor@example.org", "editor")
    editor = browser.new_context().new_page()
    log_in(editor, base, "editor@example.org")
    editor.goto(f"{base}/events/2022-kazakhstan-unrest")
    assert "No report yet." in editor.content()
    editor.get_by_role("button", name="Generate a new report version").click()
    editor.wait_for_url(re.compile(r".*/events/2022-kazakhstan-unrest#reports-h$"))
    editor.evaluate("window.__notReloaded = true")
    # The worker renders every format; the page polls and swaps the list in when it is done.
    editor.get_by_role("cell", name="v1", exact=True).wait_for(timeout=120_000)
    assert editor.evaluate("window.__notReloaded") is True
    assert editor.get_by_role("link", name="Publish v1…").is_visible()
    shot(editor, "report-list-live")
