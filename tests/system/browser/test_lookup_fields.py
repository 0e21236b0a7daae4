"""In Chromium: with more actors than a form lists, typing a speaker's name finds and chooses
it, and the claim is logged with that speaker (issue #13)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import Actor, Article, Claim
from tests.integration.test_conflict_decisions import SIDECAR, TEXT
from tests.support.factories import user as add_account
from tests.system.browser.pages import log_in, shot

pytestmark = pytest.mark.system


def test_typing_a_speakers_name_finds_one_the_form_did_not_list(stack, browser, tmp_path):
    base, app = stack
    (tmp_path / "wire-2024-05-06-clashes.en.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "wire-2024-05-06-clashes.claims.yaml").write_text(SIDECAR, encoding="utf-8")
    assert app.test_cli_runner().invoke(args=["factcheck", "import", str(tmp_path)]).exit_code == 0
    db.session.execute(
        sa.insert(Actor), [{"name": f"Spokesperson {n:04d}", "kind": "person"} for n in range(400)]
    )
    db.session.commit()
    article_id = db.session.scalar(sa.select(Article.id))
    add_account(db, "reviewer@example.org", "reviewer")
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, base, "reviewer@example.org")
    page.goto(f"{base}/articles/{article_id}/claims/new?start=0&end=7")
    said_by = page.locator("select#attributed_to_id")
    assert said_by.locator("option", has_text="Spokesperson 0399").count() == 0
    assert said_by.locator("option", has_text="Interior Ministry").count() == 1  # the event's own
    page.locator("input.lookup[aria-controls=attributed_to_id]").fill("Spokesperson 0399")
    page.wait_for_function(
        "() => document.querySelector('select#attributed_to_id').selectedOptions[0]"
        "?.textContent === 'Spokesperson 0399'"
    )
    shot(page, "lookup-speaker-found-by-typing")
    page.locator("select#kind").select_option("allegation")
    page.locator("#proposition").fill("Clashes happened.")
    page.locator("form.claim-form input[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/claims/\d+$"))
    db.session.expire_all()
    claim = db.session.scalar(sa.select(Claim).order_by(Claim.id.desc()))
    assert db.session.get(Actor, claim.attributed_to_id).name == "Spokesperson 0399"
