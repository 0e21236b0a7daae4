"""Selecting words in Chromium anchors the exact quote, on text stored with CRLF and with emoji.

The page shows the text after the HTML parser folded CRLF into LF; JavaScript counts
UTF-16 units. The claim form must still be prefilled with exactly the selected words.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from factcheck.extensions import db
from factcheck.models import Article, Event, Outlet, text_sha256
from tests.support import factories
from tests.system.browser.pages import log_in, shot

# As an older version stored it from a Windows upload: CRLF line ends, and emoji before the quote.
TEXT = (
    "Banjir Demak\r\nBPBD: dua orang meninggal.\r\n"
    "Warga 🙏🏽 mengungsi 👨\u200d👩\u200d👧 ke masjid.\r\n"
    "Polisi: 14 orang tewas di Karanganyar.\r\n"
)
SELECT = """([quote, past]) => {
  const text = document.getElementById("article-text");
  const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(quote);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    if (past) range.setEndAfter(document.querySelector("h2#claims-h") || text.nextElementSibling);
    else range.setEnd(node, at + quote.length);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    text.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
    return document.getElementById("log-selection").getAttribute("href");
  }
  return null;
}"""


def _article(app) -> int:
    with app.app_context():
        factories.user(db, "reviewer@example.org", "reviewer")
        event = Event(slug="2024-demak-floods", title="Demak floods")
        outlet = Outlet(name="Warta", kind="news site")
        article = Article(
            outlet=outlet,
            event=event,
            title="Banjir Demak",
            language="id",
            text=TEXT,
            sha256=text_sha256(TEXT),
            published_at=datetime(2024, 3, 19, 7, tzinfo=UTC),
            published_utc_offset=420,
        )
        db.session.add_all([event, outlet, article])
        db.session.commit()
        return article.id


def test_a_selection_after_crlf_lines_and_emoji_prefills_exactly_the_words(stack, page):
    base, app = stack
    article_id = _article(app)
    log_in(page, base, "reviewer@example.org")
    page.goto(f"{base}/articles/{article_id}")
    href = page.evaluate(SELECT, ["14 orang tewas", False])
    start = TEXT.index("14 orang tewas")
    assert href is not None and "start=" in href
    page_start = int(re.search(r"start=(\d+)", href).group(1))
    assert page_start < start  # the page counted no CRs: the server maps it back
    page.get_by_role("link", name="Log a claim from the selection").click()
    quote = page.get_by_label(re.compile("^Quote"))
    assert quote.input_value() == "14 orang tewas"
    assert page.get_by_label("Starts at character").input_value() == str(start)
    shot(page, "selection-crlf-emoji-prefilled")


def test_a_drag_past_the_end_of_the_text_takes_the_words_up_to_its_end(stack, page):
    base, app = stack
    article_id = _article(app)
    log_in(page, base, "reviewer@example.org")
    page.goto(f"{base}/articles/{article_id}")
    page.evaluate(SELECT, ["14 orang tewas", True])
    page.get_by_role("link", name="Log a claim from the selection").click()
    quote = page.get_by_label(re.compile("^Quote")).input_value()
    assert quote.startswith("14 orang tewas di Karanganyar.")
