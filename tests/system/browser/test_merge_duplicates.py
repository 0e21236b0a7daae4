"""In Chromium: a reviewer finds AFAD suggested as the twin of "Disaster and Emergency Management
Authority"; an editor merges the two and the group counts one origin; an editor undoes it (§11)."""

from __future__ import annotations

import re
import time

import pytest

from factcheck.extensions import db
from tests.support.factories import user as add_account
from tests.system.browser.pages import log_in, shot

pytestmark = pytest.mark.system

DEMA = "Disaster and Emergency Management Authority"
GROUP = "/events/2023-quake/groups/killed/total"


def _world(app) -> tuple[int, int]:
    from tests.integration import names_world

    world = names_world.build()  # commits; the worker reconciles the groups it marked pending
    return world.dema.id, world.afad.id


def _wait_for_origins(page, base: str, words: str) -> None:
    """Reload the group page until the background job has counted the origins as `words` says."""
    deadline = time.monotonic() + 60
    while True:
        page.goto(base + GROUP)
        text = (
            page.locator("ol.explanation").inner_text()
            if page.locator("ol.explanation").count()
            else ""
        )
        if words in text:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"the group never said {words!r}: {text!r}")
        time.sleep(1)


def test_a_suggested_duplicate_is_merged_by_an_editor_and_undone(stack, browser):
    base, app = stack
    dema_id, afad_id = _world(app)
    add_account(db, "reviewer@example.org", "reviewer")
    add_account(db, "editor@example.org", "editor")

    reviewer = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(reviewer, base, "reviewer@example.org")
    reviewer.get_by_role("link", name="Sources").click()
    reviewer.get_by_role("link", name=DEMA).click()
    reviewer.wait_for_url(re.compile(rf".*/actors/{dema_id}$"))
    twins = reviewer.locator("ul.twins")
    assert "AFAD" in twins.inner_text() and "an editor can merge them" in twins.inner_text()
    assert twins.get_by_role("link", name="merge this into it").count() == 0
    _wait_for_origins(reviewer, base, "from 2 origins")
    reviewer.goto(f"{base}/actors/{dema_id}")
    shot(reviewer, "names-reviewer-sees-afad-suggested")

    editor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(editor, base, "editor@example.org")
    editor.goto(f"{base}/actors/{dema_id}")
    editor.locator("ul.twins").get_by_role("link", name="merge this into it").click()
    editor.wait_for_url(re.compile(rf".*/actors/{dema_id}/merge-into/{afad_id}$"))
    shot(editor, "names-editor-confirms-merge")
    editor.get_by_role("button", name=f"Merge {DEMA} into AFAD").click()
    editor.wait_for_url(re.compile(rf".*/actors/{afad_id}$"))
    assert f"Merged {DEMA} into AFAD" in editor.locator("p.flash").inner_text()
    assert DEMA in editor.locator("ul.aliases").inner_text()
    shot(editor, "names-editor-merged-into-afad")
    _wait_for_origins(editor, base, "from 1 origin,")
    shot(editor, "names-group-counts-one-origin")

    reviewer.goto(f"{base}/actors/")
    assert reviewer.get_by_role("link", name=DEMA, exact=True).count() == 0

    editor.goto(f"{base}/actors/{afad_id}")
    editor.get_by_role("button", name=re.compile(r"Undo merge \d+")).click()
    editor.wait_for_url(re.compile(rf".*/actors/{afad_id}$"))
    assert "Undid merge" in editor.locator("p.flash").inner_text()
    assert "undone" in editor.locator("#merges-h + table").inner_text()
    shot(editor, "names-editor-undid-merge")
    _wait_for_origins(editor, base, "from 2 origins")
    shot(editor, "names-group-counts-two-origins-again")
    reviewer.goto(f"{base}/actors/")
    assert reviewer.get_by_role("link", name=DEMA, exact=True).count() == 1
