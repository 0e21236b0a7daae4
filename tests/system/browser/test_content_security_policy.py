"""In Chromium, under the real headers: the app's own script works and nothing trips the policy,
a report page draws its styles and charts with no script, and an injected inline script is refused."""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.extensions import db
from tests.support.factories import user
from tests.support.paths import REFERENCE_TEXT
from tests.system.browser.pages import log_in, shot
from tests.system.browser.test_reviewer_flow import SELECT_QUOTE

INJECT = """() => {
  const s = document.createElement('script');
  s.textContent = 'window.__injected = "ran"';
  document.body.appendChild(s);
  return window.__injected || null;
}"""


def _violations(page) -> list[str]:
    messages: list[str] = []
    page.on(
        "console",
        lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return messages


def test_the_app_runs_under_its_policy_and_refuses_injected_script(stack, page):
    base, app = stack
    assert (
        app.test_cli_runner().invoke(args=["factcheck", "import", str(REFERENCE_TEXT)]).exit_code
        == 0
    )
    user(db, "reviewer@example.org", "reviewer")
    violations = _violations(page)
    log_in(page, base, "reviewer@example.org")
    page.goto(base + "/articles/1")
    page.evaluate(
        SELECT_QUOTE, "hampir 8.000 orang"
    )  # app.js (a 'self' script) turns the selection into a link
    assert "start=" in page.get_by_role(
        "link", name="Log a claim from the selection"
    ).get_attribute("href")
    page.goto(base + "/events/2022-kazakhstan-unrest")
    page.wait_for_load_state("networkidle")
    assert violations == [], violations  # the app needs nothing the policy forbids
    assert page.evaluate(INJECT) is None  # an inline script slipped into the page does not run
    assert any("script-src 'self'" in v for v in violations), violations


def test_a_report_page_draws_its_charts_without_any_script(stack, page):
    base, app = stack
    from factcheck.extensions import db
    from factcheck.models import Event, User
    from factcheck.services import reports

    assert (
        app.test_cli_runner().invoke(args=["factcheck", "import", str(REFERENCE_TEXT)]).exit_code
        == 0
    )
    user(db, "editor@example.org", "editor")
    editor = db.session.scalar(sa.select(User).filter_by(email="editor@example.org"))
    report = reports.generate_report(db.session.scalar(sa.select(Event.id)), formats=["html"])
    reports.publish_report(report.id, user_id=editor.id)
    violations = _violations(page)
    page.goto(base + "/reports/2022-kazakhstan-unrest/v1")  # public, no log-in
    charts = page.locator("img[src^='data:image/svg+xml']")
    assert charts.count() == 4
    assert all(
        charts.nth(i).evaluate("img => img.complete && img.naturalWidth > 0") for i in range(4)
    )
    # The inline stylesheet applies (the report's own font stack), under style-src 'unsafe-inline' only.
    assert "DejaVu Sans" in page.evaluate("getComputedStyle(document.documentElement).fontFamily")
    assert violations == [], violations
    assert page.evaluate(INJECT) is None
    shot(page, "report-under-csp")
