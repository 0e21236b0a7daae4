"""In Chromium: hostile article text stays inert; a reviewer cannot publish a verdict, an editor can."""

from __future__ import annotations

import re

import sqlalchemy as sa

from factcheck.extensions import db
from tests.support.factories import user
from tests.system.browser.pages import log_in, shot

HOSTILE = (
    "Breaking: <script>window.__xss = 'script ran'</script> officials said 12 were killed.\n"
    '<img src="x" onerror="window.__xss = \'onerror ran\'"> More than 40 were injured.\n'
    "<a href=\"javascript:window.__xss='link'\">click</a> <svg onload=\"window.__xss='svg'\"></svg>\n"
)


def _event(app) -> int:
    from factcheck.extensions import db
    from factcheck.models import Event

    event = Event(slug="test-event", title="Test event")
    db.session.add(event)
    db.session.commit()
    return event.id


def test_hostile_article_text_is_shown_as_inert_text(stack, page):
    base, app = stack
    _event(app)
    user(db, "reviewer@example.org", "reviewer")
    log_in(page, base, "reviewer@example.org")
    page.goto(base + "/articles/new")
    page.get_by_label("Article text (pasted)").fill(HOSTILE)
    page.get_by_label("Title", exact=True).fill("<img src=x onerror=\"window.__xss='title'\">")
    page.get_by_label("…or a new outlet").fill("<b>Outlet</b>")
    page.get_by_label("Language").select_option("en")
    page.get_by_role("button", name="Store the article").click()
    page.wait_for_url(re.compile(r".*/articles/\d+$"))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__xss") is None, "a script from the article ran"
    text = page.locator("#article-text").inner_text()
    assert (
        "<script>window.__xss = 'script ran'</script>" in text and 'onerror="window.__xss' in text
    )
    assert (
        page.locator(
            "#article-text script, #article-text img, #article-text svg, #article-text a"
        ).count()
        == 0
    )
    assert page.locator("h1").inner_text().startswith("<img src=x")
    page.goto(base + "/articles/")
    assert page.evaluate("window.__xss") is None
    shot(page, "xss-inert")


def test_a_reviewer_cannot_publish_a_verdict_and_an_editor_can(stack, browser):
    base, app = stack
    from factcheck.extensions import db
    from factcheck.models import Review
    from tests.support.paths import REFERENCE_TEXT

    assert (
        app.test_cli_runner().invoke(args=["factcheck", "import", str(REFERENCE_TEXT)]).exit_code
        == 0
    )
    user(db, "reviewer@example.org", "reviewer")
    user(db, "editor@example.org", "editor")
    claim_id = 1

    reviewer = browser.new_context().new_page()
    log_in(reviewer, base, "reviewer@example.org")
    reviewer.goto(f"{base}/claims/{claim_id}")
    reviewer.get_by_label("Verdict", exact=True).select_option("unverifiable")
    reviewer.get_by_label("Rationale").fill("No independent evidence of a coup attempt so far.")
    reviewer.get_by_role("button", name="Save the draft verdict").click()
    reviewer.get_by_text("Saved the draft verdict").wait_for()
    assert reviewer.get_by_role("button", name=re.compile("Publish verdict")).count() == 0
    review_id = db.session.scalar(sa.select(Review.id))
    # Even a hand-made request is refused: the server checks the role, not the page.
    token = reviewer.locator("input[name=csrf_token]").first.get_attribute("value")
    response = reviewer.request.post(
        f"{base}/reviews/{review_id}/publish", form={"csrf_token": token}
    )
    assert response.status == 403
    shot(reviewer, "reviewer-cannot-publish")

    editor = browser.new_context().new_page()
    log_in(editor, base, "editor@example.org")
    editor.goto(f"{base}/claims/{claim_id}")
    # The browser asks for the confirmation before sending anything; the server asks again.
    editor.get_by_role("button", name=f"Publish verdict {review_id}").click()
    assert editor.locator(f"#confirm-{review_id}:invalid").count() == 1
    editor.locator(f"#confirm-{review_id}").check()
    editor.get_by_role("button", name=f"Publish verdict {review_id}").click()
    editor.get_by_text(f"Published verdict {review_id}.").wait_for()
    assert "published" in editor.locator("article.review").inner_text()
    shot(editor, "editor-published")
    db.session.expire_all()
    assert db.session.get(Review, review_id).published is True
