"""The reviewer's intake walk in Chromium (#13): add an article from a URL, watch its suggestions
arrive without a reload, accept three at once, then log claims by dragging the mouse over quotes
on an article stored with CRLF line ends and on one with emoji, and check the stored anchors.
The walk runs in English and in Indonesian: the reviewer account's language picks the interface,
and the Indonesian run checks that the words it meets are not the English ones.

The saved page is served by a local http.server; FACTCHECK_FETCH_ALLOW_PRIVATE (set by the
stack) lets the app fetch it. The worker is paused (SIGSTOP) to hold an article's suggestions
back while the page is open, so the test sees them arrive.
"""

from __future__ import annotations

import os
import re
import signal
import threading
from datetime import UTC, datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import Article, Claim, Event, Outlet, SuggestedClaim, text_sha256
from tests.support import factories
from tests.support.interface_language import untranslated
from tests.system.browser.pages import log_in, shot

PAGES = Path(__file__).parents[2] / "pages"
# The walk in each language of the interface, as the catalogue (messages.po) words it.
WORDS = {
    "en-GB": {
        "address": "Address of the article (http or https)",
        "event": "Event",
        "fetch": "Fetch and store the article",
        "suggested": "Suggested claims ({n})",
        "select": "Select suggestion {id}",
        "accept": "Accept selected",
        "accepted": "Accepted 3 suggestion(s)",
        "text": "Article text (pasted)",
        "new outlet": "…or a new outlet",
        "store": "Store the article",
        "finding": "Finding suggestions…",
        "select all": "Select all on this page",
        "reject": "Reject selected",
        "rejected": "Rejected 2 suggestion(s).",
        "log": "Log a claim from the selection",
        "quote": "Quote",
        "kind": "Kind",
        "metric": "Metric",
        "category": "Category",
        "qualifier": "Qualifier",
        "value": "Value (N)",
        "save": "Save the claim",
    },
    "id-ID": {
        "address": "Alamat artikel (http atau https)",
        "event": "Peristiwa",
        "fetch": "Ambil dan simpan artikel",
        "suggested": "Saran klaim ({n})",
        "select": "Pilih saran {id}",
        "accept": "Terima yang dipilih",
        "accepted": "3 saran diterima",
        "text": "Teks artikel (ditempel)",
        "new outlet": "…atau media baru",
        "store": "Simpan artikel",
        "finding": "Mencari saran…",
        "select all": "Pilih semua di halaman ini",
        "reject": "Tolak yang dipilih",
        "rejected": "2 saran ditolak.",
        "log": "Catat klaim dari pilihan",
        "quote": "Kutipan",
        "kind": "Jenis",
        "metric": "Metrik",
        "category": "Kategori",
        "qualifier": "Kualifikasi",
        "value": "Nilai (N)",
        "save": "Simpan klaim",
    },
}
# What a reader sees or hears on the page: its text, and the labels and button values that are
# not part of it.
SHOWN = """() => [document.body.innerText,
  ...Array.from(document.querySelectorAll('[aria-label]'), (e) => e.getAttribute('aria-label')),
  ...Array.from(document.querySelectorAll('input[type=submit]'), (e) => e.value)].join('\\n')"""
CRLF_TEXT = (
    "Banjir Demak\r\nBPBD: dua orang meninggal.\r\n"
    "Warga mengungsi ke masjid.\r\n"
    "Polisi: 14 orang tewas di Karanganyar.\r\n"
)
# Where the quote's first and last characters are drawn: the mouse drags between them.
QUOTE_EDGES = """(quote) => {
  const box = document.getElementById('article-text');
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  const nodes = []; let text = '';
  while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]); text += walker.currentNode.data; }
  const start = text.indexOf(quote);
  if (start < 0) throw new Error('quote not on the page: ' + quote);
  const at = (pos) => { for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= pos) return [nodes[i][0], pos - nodes[i][1]]; };
  const range = document.createRange();
  range.setStart(...at(start)); range.setEnd(...at(start + quote.length));
  box.scrollIntoView({ block: 'start' });
  const rects = range.getClientRects();
  const first = rects[0], last = rects[rects.length - 1];
  return [first.left + 1, first.top + first.height / 2, last.right - 1, last.top + last.height / 2];
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    """A news site on 127.0.0.1 serving tests/pages as saved."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(PAGES)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _in_the_language(page, language: str, *keys: str, **values) -> None:
    """The page is in the walk's language; in Indonesian, the English words of `keys` are not shown
    (so an interface falling back to English fails the walk), nor any other catalogue string."""
    assert page.locator("html").get_attribute("lang") == language[:2]
    if language == "en-GB":
        return
    shown = page.evaluate(SHOWN)
    for key in keys:
        english = WORDS["en-GB"][key].format(**values)
        assert english not in shown, f"{english!r} is in English on {page.url}"
    assert untranslated(page.content()) == [], page.url


def _drag(page, quote: str, past_the_text: bool = False) -> None:
    """Press on the quote's first character, drag to its last (or below the text), release."""
    x0, y0, x1, y1 = page.evaluate(QUOTE_EDGES, quote)
    if past_the_text:
        box = page.locator("#article-text").bounding_box()
        x1, y1 = box["x"] + box["width"] / 2, box["y"] + box["height"] + 40
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, steps=5)
    page.mouse.move(x1, y1, steps=5)
    page.mouse.up()


def _log_killed(page, language: str, value: str) -> int:
    """From the selection to a saved figure of people killed; the new claim's id."""
    words = WORDS[language]
    page.get_by_role("link", name=words["log"]).click()
    page.wait_for_url(re.compile(r".*/claims/new\?start=\d+&end=\d+"))
    fields = ("quote", "kind", "metric", "category", "qualifier", "value", "save")
    _in_the_language(page, language, *fields)
    quote = page.get_by_label(re.compile("^" + re.escape(words["quote"]))).input_value()
    page.get_by_label(words["kind"], exact=True).select_option("quantity")
    page.get_by_label(words["metric"], exact=True).select_option("killed")
    page.get_by_label(words["category"], exact=True).select_option("total")
    page.get_by_label(words["qualifier"], exact=True).select_option("exact")
    page.get_by_label(words["value"], exact=True).fill(value)
    page.get_by_role("button", name=words["save"]).click()
    page.wait_for_url(re.compile(r".*/claims/\d+$"))
    claim_id = int(page.url.rsplit("/", 1)[1])
    assert db.session.get(Claim, claim_id).exact == quote
    return claim_id


def _stored(claim_id: int) -> tuple[int, int, str]:
    db.session.expire_all()
    claim = db.session.get(Claim, claim_id)
    return claim.anchor_start, claim.anchor_end, claim.exact


@pytest.mark.parametrize("language", list(WORDS))
def test_the_intake_walk_from_a_url_to_exact_anchors(stack_with_worker, page, site, language):
    words = WORDS[language]
    base, app, worker = stack_with_worker
    # Signing in is in the browser's language; the rest in the account's.
    reviewer = factories.user(db, "reviewer@example.org", "reviewer")
    reviewer.locale = language[:2]
    db.session.commit()
    event = Event(slug="2024-kudus-floods", title="Kudus floods")
    db.session.add(event)
    db.session.commit()
    log_in(page, base, "reviewer@example.org")

    # Add from the URL; the fetch page refreshes itself until the article is stored.
    page.goto(base + "/articles/from-url")
    _in_the_language(page, language, "address", "event", "fetch")
    page.get_by_label(words["address"]).fill(site + "/banjir-kudus.html")
    page.get_by_label(words["event"]).select_option(str(event.id))
    page.get_by_role("button", name=words["fetch"]).click()
    page.wait_for_url(re.compile(r".*/articles/\d+$"), timeout=30_000)
    article_id = int(page.url.rsplit("/", 1)[1])
    page.get_by_text(words["suggested"].format(n=5)).wait_for(timeout=30_000)
    _in_the_language(page, language, "suggested", "accept", "reject", "select all", "log", n=5)
    shot(page, f"walk-01-fetched-with-suggestions-{language}")

    # Accept three at once.
    pending = db.session.scalars(
        sa.select(SuggestedClaim)
        .where(SuggestedClaim.article_id == article_id)
        .order_by(SuggestedClaim.anchor_start)
    ).all()
    _in_the_language(page, language, "select", id=pending[0].id)
    for s in pending[:3]:
        page.get_by_label(words["select"].format(id=s.id)).check()
    page.get_by_role("button", name=words["accept"]).click()
    page.get_by_text(words["accepted"]).wait_for()
    assert page.get_by_text(words["suggested"].format(n=2)).is_visible()
    _in_the_language(page, language, "accepted", "suggested", n=2)
    claims = db.session.scalars(
        sa.select(Claim).where(Claim.article_id == article_id).order_by(Claim.anchor_start)
    ).all()
    assert [(c.anchor_start, c.anchor_end, c.exact) for c in claims] == [
        (s.anchor_start, s.anchor_end, s.exact) for s in pending[:3]
    ]
    shot(page, f"walk-02-three-accepted-{language}")

    # A highlight opens its claim: clicked, or by the keyboard through the link that ends each
    # quote; a drag over words inside a highlight selects them and stays on the page.
    assert page.locator("#article-text mark.claim").count() == 3
    page.locator("#article-text a.claim-open").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/claims/{claims[0].id}")
    page.goto(f"{base}/articles/{article_id}")
    page.locator("#article-text mark.claim").nth(1).click()
    page.wait_for_url(f"{base}/claims/{claims[1].id}")
    page.goto(f"{base}/articles/{article_id}")
    _drag(page, "12 orang luka")
    page.wait_for_timeout(300)
    assert page.url == f"{base}/articles/{article_id}"
    assert page.get_by_text("“12 orang luka”").is_visible()

    # A pasted article while the worker is held: the page waits, then the suggestions arrive.
    os.kill(worker.proc.pid, signal.SIGSTOP)
    try:
        page.goto(base + "/articles/new")
        _in_the_language(page, language, "text", "new outlet", "event", "store")
        page.get_by_label(words["text"]).fill(
            "Polisi mengatakan 5 orang tewas di Jepara.\nBPBD mencatat 8 orang hilang."
        )
        page.get_by_label(words["new outlet"]).fill("Warta Jepara")
        page.get_by_label(words["event"]).select_option(str(event.id))
        page.get_by_role("button", name=words["store"]).click()
        page.wait_for_url(re.compile(r".*/articles/\d+$"))
        page.get_by_text(words["finding"]).wait_for()
        _in_the_language(page, language, "finding")
        page.evaluate("window.stillTheSamePage = true")
        shot(page, f"walk-03-finding-suggestions-{language}")
    finally:
        os.kill(worker.proc.pid, signal.SIGCONT)
    page.get_by_text(words["suggested"].format(n=2)).wait_for(timeout=30_000)
    assert page.evaluate("window.stillTheSamePage") is True  # no reload
    # The swapped-in section is in the page's language too.
    _in_the_language(page, language, "suggested", "select all", "accept", "reject", n=2)
    boxes = page.get_by_label(re.compile("^" + re.escape(words["select"].format(id=""))))
    assert boxes.count() == 2
    shot(page, f"walk-04-suggestions-arrived-{language}")
    page.get_by_label(words["select all"]).check()  # works on the swapped-in section
    assert boxes.evaluate_all("boxes => boxes.every(box => box.checked)")
    page.get_by_role("button", name=words["reject"]).click()
    page.get_by_text(words["rejected"]).wait_for()
    _in_the_language(page, language, "rejected")

    # Emoji before the quote (astral characters: two UTF-16 units each), dragged with the mouse.
    page.goto(f"{base}/articles/{article_id}")
    text = db.session.get(Article, article_id).text
    _drag(page, "9 orang tewas di Kecamatan Undaan")
    claim_id = _log_killed(page, language, "9")
    start = text.index("9 orang tewas di Kecamatan Undaan")
    assert _stored(claim_id) == (
        start,
        start + len("9 orang tewas di Kecamatan Undaan"),
        "9 orang tewas di Kecamatan Undaan",
    )
    shot(page, f"walk-05-emoji-claim-{language}")

    # CRLF line ends, as an older version stored a Windows upload.
    crlf = Article(
        outlet=db.session.scalar(sa.select(Outlet).limit(1)),
        event_id=event.id,
        title="Banjir Demak",
        language="id",
        text=CRLF_TEXT,
        sha256=text_sha256(CRLF_TEXT),
        published_at=datetime(2024, 3, 19, 7, tzinfo=UTC),
        published_utc_offset=420,
    )
    db.session.add(crlf)
    db.session.commit()
    page.goto(f"{base}/articles/{crlf.id}")
    _drag(page, "14 orang tewas")
    claim_id = _log_killed(page, language, "14")
    start = CRLF_TEXT.index("14 orang tewas")
    assert _stored(claim_id) == (start, start + len("14 orang tewas"), "14 orang tewas")

    # A drag that ends below the text takes the words up to the text's end, not an older selection.
    page.goto(f"{base}/articles/{crlf.id}")
    _drag(page, "dua orang meninggal")  # an earlier selection…
    _drag(page, "Warga mengungsi", past_the_text=True)  # …replaced by one that runs off the text
    page.get_by_role("link", name=words["log"]).click()
    page.wait_for_url(re.compile(r".*/claims/new\?start=\d+&end=\d+"))
    quote = page.get_by_label(re.compile("^" + re.escape(words["quote"]))).input_value()
    assert quote.replace("\r\n", "\n").rstrip() == (
        CRLF_TEXT[CRLF_TEXT.index("Warga mengungsi") :].replace("\r\n", "\n").rstrip()
    )
    shot(page, f"walk-06-drag-past-the-end-{language}")
