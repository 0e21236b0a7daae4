"""In Chromium: an editor closes a value conflict by preferring a figure, and sees the group's
best and grade change once the worker has reconciled it (issue #13); then reopens it, taking
the decision back, and sees them return."""

from __future__ import annotations

import time

import pytest

from factcheck.extensions import db
from tests.integration.test_conflict_decisions import SIDECAR, TEXT
from tests.support.factories import user as add_account
from tests.system.browser.pages import log_in, shot

pytestmark = pytest.mark.system

GROUP = "#group-killed-total"
# The walk in each language of the interface: the account's language picks it.
WORDS = {
    "en-GB": {
        "contested": "contested",
        "prefer": "Prefer claim",
        "note": "Note (required)",
        "close": "Close conflict",
        "done": "resolved: preferred claim",
        "why": "preferred by a reviewer",
        "reopen": "Reopen: take this decision back",
        "reopen_note": "Why reopen (required)",
        "reopen_button": "Reopen conflict",
        "reopened": "is open again",
    },
    "id-ID": {
        "contested": "diperdebatkan",
        "prefer": "Utamakan klaim",
        "note": "Catatan (wajib)",
        "close": "Tutup konflik",
        "done": "diselesaikan: klaim",
        "why": "diutamakan oleh peninjau",  # the engine's steps in the reader's language
        "reopen": "Buka kembali: tarik kembali putusan ini",
        "reopen_note": "Alasan membuka kembali (wajib)",
        "reopen_button": "Buka kembali konflik",
        "reopened": "dibuka kembali",
    },
}


def _wait_for(page, url: str, check, what: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        page.goto(url)
        if check():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"the event page never showed {what}")
        time.sleep(1)


@pytest.mark.parametrize("language", list(WORDS))
def test_preferring_a_figure_changes_the_numbers_and_the_grade(stack, browser, tmp_path, language):
    words = WORDS[language]
    base, app = stack
    (tmp_path / "wire-2024-05-06-clashes.en.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "wire-2024-05-06-clashes.claims.yaml").write_text(SIDECAR, encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["factcheck", "import", str(tmp_path)])
    assert result.exit_code == 0, result.output
    reconciled = app.test_cli_runner().invoke(args=["factcheck", "reconcile", "--inline"])
    assert reconciled.exit_code == 0, reconciled.output
    editor = add_account(db, "editor@example.org", "editor")
    # Signing in is in the browser's language; the rest in the account's.
    editor.locale = language[:2]
    db.session.commit()
    page = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, base, "editor@example.org")
    event = f"{base}/events/river-clashes"
    group = page.locator(GROUP)
    _wait_for(
        page,
        event,
        lambda: group.count() and group.locator("td.grade").inner_text() == words["contested"],
        "the contested group",
    )
    assert group.locator("td.best").inner_text() == "40"
    card = page.locator("article.conflict.open").first
    assert "40" in card.locator("p.figure").nth(0).inner_text()
    assert "120" in card.locator("p.figure").nth(1).inner_text()
    shot(page, f"conflict-before-decision-{language}")
    card.get_by_label(words["prefer"], exact=False).nth(1).check()
    card.get_by_label(words["note"]).fill("The rights group named every victim.")
    card.get_by_role("button", name=words["close"]).click()
    page.wait_for_url(f"{event}#conflict-*")
    assert words["done"] in page.locator("p.flash").inner_text()
    _wait_for(
        page,
        event,
        lambda: group.locator("td.best").inner_text() == "120",
        "best 120 after the decision",
    )
    assert group.locator("td.grade").inner_text() != words["contested"]
    group.locator("details summary").first.click()
    assert words["why"] in group.locator("ol.explanation").inner_text()
    decided = page.locator("#conflicts-decided")
    assert decided.count() == 1
    assert (
        "The rights group named every victim."
        in page.locator("article.conflict.resolved").inner_text()
    )
    shot(page, f"conflict-after-preferring-a-figure-{language}")
    # A wrong decision is taken back: the conflict opens again and the numbers return.
    resolved = page.locator("article.conflict.resolved")
    resolved.locator("details.reopen summary", has_text=words["reopen"]).click()
    resolved.get_by_label(words["reopen_note"]).fill("The rights group counted the whole county.")
    resolved.get_by_role("button", name=words["reopen_button"]).click()
    page.wait_for_url(f"{event}#conflict-*")
    reopened = page.url.rsplit("#", 1)[1]
    assert words["reopened"] in page.locator("p.flash").inner_text()
    _wait_for(
        page,
        event,
        lambda: (
            group.locator("td.best").inner_text() == "40"
            and group.locator("td.grade").inner_text() == words["contested"]
        ),
        "best 40 and contested again after reopening",
    )
    assert page.locator(f"article#{reopened}").get_attribute("class") == "conflict open"
    shot(page, f"conflict-after-reopening-{language}")
