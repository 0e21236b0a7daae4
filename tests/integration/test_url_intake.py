"""Add an article from its URL, against a local HTTP server serving a saved page and its failures.

The fetch job runs inline (routed by name); the server is real, on 127.0.0.1,
which the FETCH_ALLOW_PRIVATE setting lets the fetcher reach, as in no deployment.
"""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sqlalchemy as sa

from factcheck.models import Article, Event, Fetch
from factcheck.services import dispatch, url_intake
from tests.support.jobs import on_job
from tests.support.web import login

PAGE = (Path(__file__).parents[1] / "pages" / "banjir-demak.html").read_bytes()
CAP = 50_000


class SavedPages(BaseHTTPRequestHandler):
    """A news site, as the fetcher meets them: a page, a redirect, a 404, too much, a PDF, a loop."""

    def do_GET(self):  # noqa: N802 - the http.server hook's name
        routes = {
            "/banjir-demak.html": (200, "text/html; charset=utf-8", PAGE),
            "/missing": (404, "text/html", b"<h1>Not found</h1>"),
            "/report.pdf": (200, "application/pdf", b"%PDF-1.4 not an article"),
            "/notes.txt": (200, "text/plain; charset=utf-8", b"Banjir: 4 orang meninggal."),
        }
        odd_charsets = {"/idna": "idna", "/undefined": "undefined", "/base64": "base64"}
        hostile_redirects = {
            "/to-script": "javascript:alert(1)",
            "/to-mail": "mailto:desk@example.org",
            "/to-brackets": "http://[zz]/",
            "/to-bad-host": "http://exa_mple..com:99999/",
            "/to-bad-punycode": "http://xn--a.example/",  # no name: "a" decodes to U+0080
        }
        if self.path in ("/moved", "/loop"):
            self.send_response(302)
            self.send_header("Location", "/banjir-demak.html" if self.path == "/moved" else "/loop")
            self.end_headers()
        elif self.path in hostile_redirects:
            self.send_response(302)
            self.send_header("Location", hostile_redirects[self.path])
            self.end_headers()
        elif self.path in odd_charsets:  # a charset Python knows but cannot decode a page with
            body = b"Banjir: 4 orang meninggal."
            self.send_response(200)
            self.send_header("Content-Type", f"text/plain; charset={odd_charsets[self.path]}")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/drip":  # each byte in time, the whole page never
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(100):
                try:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                except OSError:  # the fetcher gave up: as it should
                    break
                time.sleep(0.2)
            self.close_connection = True
        elif self.path == "/silent":  # takes the request and says nothing for a while
            time.sleep(1.5)
            self.close_connection = True
        elif self.path == "/slow-headers":  # the headers themselves come in line by line
            self.send_response(200)
            for number in range(10):
                self.send_header(f"X-Line-{number}", "x")
                self.flush_headers()
                time.sleep(0.3)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")
        elif self.path == "/huge":  # no Content-Length: only reading tells the size
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<p>" + b"x" * (CAP * 2) + b"</p>")
            self.close_connection = True
        else:
            status, kind, body = routes.get(self.path, (404, "text/plain", b"no"))
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), SavedPages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def event(app, db, monkeypatch):
    on_job(monkeypatch, dispatch.FETCH_ARTICLE, url_intake.run_fetch)
    on_job(monkeypatch, dispatch.ANALYSE_ARTICLE, lambda *ids: None)
    monkeypatch.setitem(app.config, "FETCH_ALLOW_PRIVATE", True)
    monkeypatch.setitem(app.config, "FETCH_MAX_BYTES", CAP)
    found = Event(slug="2024-demak-floods", title="Demak floods 2024")
    db.session.add(found)
    db.session.commit()
    return found


@pytest.fixture
def token(client, db):
    return login(client, db)


def _ask(client, token, event, url, **typed):
    form = {"csrf_token": token, "url": url, "language": "id", "event_id": str(event.id)}
    return client.post("/articles/from-url", data=form | typed)


def test_a_page_is_fetched_stored_and_kept_as_evidence(client, db, token, site, event):
    asked = _ask(client, token, event, f"{site}/moved", utc_offset="+07:00")
    assert asked.status_code == 302 and "/articles/fetches/" in asked.location
    shown = client.get(asked.location)
    assert shown.status_code == 302  # fetched already: on to the article
    article = db.session.scalar(sa.select(Article))
    assert shown.location.endswith(f"/articles/{article.id}")
    assert article.title.startswith("Banjir Demak: BPBD catat 4 orang meninggal")
    assert article.outlet.name == "Warta Pesisir"  # the site name the page gives
    assert "21.000 warga masih mengungsi" in article.text and "Beranda" not in article.text
    assert article.url == f"{site}/moved" and article.event_id == event.id
    assert article.published_utc_offset == 7 * 60  # the page's date, in the offset typed
    fetch = db.session.scalar(sa.select(Fetch))
    assert fetch.final_url == f"{site}/banjir-demak.html" and fetch.page_date.startswith(
        "2024-03-19"
    )
    page = client.get(f"/articles/{article.id}").text
    assert fetch.sha256 in page and f"/articles/fetches/{fetch.id}/snapshot" in page
    evidence = client.get(f"/articles/fetches/{fetch.id}/snapshot")
    assert evidence.data == PAGE and hashlib.sha256(evidence.data).hexdigest() == fetch.sha256
    assert evidence.mimetype == "application/octet-stream"  # a hostile page never runs here
    assert evidence.headers["Content-Disposition"].startswith("attachment")


def test_with_no_offset_typed_the_pages_date_is_read_in_the_outlets_country(
    client, db, token, site, event
):
    """The page names its site, a stored Indonesian outlet: its undated-zone date is WIB."""
    from factcheck.models import Outlet

    db.session.add(Outlet(name="Warta Pesisir", kind="news site", country="Indonesia"))
    db.session.commit()
    _ask(client, token, event, f"{site}/banjir-demak.html")
    article = db.session.scalar(sa.select(Article))
    assert article.outlet.name == "Warta Pesisir" and article.published_utc_offset == 7 * 60


def test_a_new_outlets_country_typed_gives_the_pages_date_its_zone(client, db, token, site, event):
    _ask(
        client,
        token,
        event,
        f"{site}/banjir-demak.html",
        new_outlet="Warta Baru",
        new_outlet_country="Indonesia",
    )
    article = db.session.scalar(sa.select(Article))
    assert (article.outlet.name, article.outlet.country) == ("Warta Baru", "Indonesia")
    assert article.published_utc_offset == 7 * 60


def test_what_was_typed_wins_over_what_the_page_says(client, db, token, site, event):
    _ask(client, token, event, f"{site}/banjir-demak.html", title="Floods", new_outlet="Warta")
    article = db.session.scalar(sa.select(Article))
    assert (article.title, article.outlet.name) == ("Floods", "Warta")


def test_plain_text_pages_are_stored_as_they_are(client, db, token, site, event):
    _ask(client, token, event, f"{site}/notes.txt")
    article = db.session.scalar(sa.select(Article))
    assert article.text == "Banjir: 4 orang meninggal." and article.outlet.name == "127.0.0.1"


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("/missing", "the server answered 404 Not Found"),
        ("/report.pdf", "the page is application/pdf, not HTML or text"),
        ("/huge", f"the page is larger than {CAP:,} bytes"),
        ("/loop", "more than 5 redirects"),
        ("/to-script", "redirects to something that is not a web address"),
        ("/to-mail", "redirects to something that is not a web address"),
        ("/to-brackets", "Invalid URL in location header"),
        ("/to-bad-host", "the address has an invalid port"),
        ("/to-bad-punycode", "the page redirects to an address whose host is not a valid name"),
    ],
)
def test_a_failed_fetch_says_why_and_keeps_what_was_typed(
    client, db, token, site, event, path, why
):
    asked = _ask(
        client,
        token,
        event,
        f"{site}{path}",
        title="Typed title",
        new_outlet="Typed outlet",
        published_at="2024-03-21 09:30",
        utc_offset="+07:00",
    )
    page = client.get(asked.location)
    assert page.status_code == 200 and why in page.text
    assert 'value="Typed title"' in page.text and 'value="Typed outlet"' in page.text
    assert 'value="2024-03-21T09:30"' in page.text and 'value="+07:00"' in page.text
    assert f'value="{site}{path}"' in page.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0


def test_private_addresses_are_refused_unless_allowed(app, client, db, token, site, event):
    app.config["FETCH_ALLOW_PRIVATE"] = False
    page = client.get(_ask(client, token, event, f"{site}/banjir-demak.html").location).text
    assert "an address on this machine or a private network" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("file:///etc/passwd", "only http:// and https://"),
        ("", "give the address"),
        ("http://[zz]/", "host is not a valid name or IP address"),
        ("http://xn--a.example/", "host is not a valid name or IP address"),
        ("http://news.xn--ls8h.example/", "host is not a valid name or IP address"),
        ("http://\u2603.example/", "host is not a valid name or IP address"),
    ],
)
def test_an_address_that_cannot_be_fetched_is_refused_at_the_form(
    client, db, token, event, url, why
):
    refused = _ask(client, token, event, url, title="Kept")
    assert refused.status_code == 400 and why in refused.text and 'value="Kept"' in refused.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Fetch)) == 0


@pytest.mark.parametrize("path", ["/idna", "/undefined", "/base64"])
def test_a_page_in_a_charset_that_decodes_nothing_is_read_as_utf8(
    client, db, token, site, event, path
):
    """Codecs that exist but do not turn bytes into text fall back, as an unknown name does."""
    asked = _ask(client, token, event, f"{site}{path}")
    assert client.get(asked.location).status_code == 302  # fetched: on to the article
    article = db.session.scalar(sa.select(Article))
    assert article.text == "Banjir: 4 orang meninggal."


def test_the_same_page_twice_is_refused_as_a_duplicate(client, db, token, site, event):
    _ask(client, token, event, f"{site}/banjir-demak.html")
    again = client.get(_ask(client, token, event, f"{site}/moved").location).text
    assert "this exact text is stored already, as article" in again
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 1


def test_a_job_delivered_twice_stores_one_article(client, db, token, site, event):
    _ask(client, token, event, f"{site}/banjir-demak.html")
    url_intake.run_fetch(db.session.scalar(sa.select(Fetch.id)))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 1


def test_a_page_that_drips_in_is_cut_off_at_the_whole_fetchs_time(
    app, client, db, token, site, event
):
    """Each byte arrives well within the per-read timeout; the whole fetch still ends, long
    before the twenty seconds the page would take (it would then be stored)."""
    app.config["FETCH_TOTAL_SECONDS"] = 1
    page = client.get(_ask(client, token, event, f"{site}/drip", title="Kept").location).text
    assert "the page took longer than 1 s to arrive" in page and 'value="Kept"' in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0


def test_a_server_that_does_not_answer_is_given_up_after_the_per_read_timeout(
    app, client, db, token, site, event
):
    app.config["FETCH_TIMEOUT_SECONDS"] = 0.5
    page = client.get(_ask(client, token, event, f"{site}/silent", title="Kept").location).text
    assert "the server did not answer within 0.5 s" in page and 'value="Kept"' in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0


def test_the_fetch_connects_to_the_address_it_checked_not_a_second_answer(
    app, client, db, token, site, event, monkeypatch
):
    """DNS rebinding: the name answers the checked address once and then another. The fetch
    goes to the checked one (a second lookup would go to 192.0.2.1, where nothing answers),
    and the server still sees the name the reviewer gave."""
    real = socket.getaddrinfo
    answers = iter(["127.0.0.1"])
    seen_hosts = []

    def rebinding(host, *args, **kwargs):
        if host != "news.example":
            return real(host, *args, **kwargs)
        address = next(answers, "192.0.2.1")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, 0))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    original = SavedPages.do_GET

    def note_host(handler):
        seen_hosts.append(handler.headers["Host"])
        original(handler)

    monkeypatch.setattr(SavedPages, "do_GET", note_host)
    app.config["FETCH_TIMEOUT_SECONDS"] = 2
    port = site.rsplit(":", 1)[1]
    _ask(client, token, event, f"http://news.example:{port}/notes.txt")
    article = db.session.scalar(sa.select(Article))
    assert article is not None, client.get("/articles/").text
    assert article.text == "Banjir: 4 orang meninggal." and article.outlet.name == "news.example"
    assert seen_hosts == [f"news.example:{port}"]


def test_headers_sent_line_by_line_are_cut_off_at_the_whole_fetchs_time(
    app, client, db, token, site, event
):
    app.config["FETCH_TOTAL_SECONDS"] = 1
    page = client.get(_ask(client, token, event, f"{site}/slow-headers").location).text
    assert "the page took longer than 1 s to arrive" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0


def _resolving(monkeypatch, names: dict[str, list[str]]) -> None:
    """A resolver that answers these names with these addresses (others as the system does)."""
    real = socket.getaddrinfo

    def answer(host, *args, **kwargs):
        if host not in names:
            return real(host, *args, **kwargs)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, 0)) for a in names[host]]

    monkeypatch.setattr(socket, "getaddrinfo", answer)


def test_a_host_in_another_script_and_a_dead_first_address_are_fetched(
    client, db, token, site, event, monkeypatch
):
    """berita with an accent goes out in its IDNA form; its first address refuses the
    connection (nothing listens on 127.0.0.2), so the next one checked is tried."""
    seen_hosts = []
    original = SavedPages.do_GET

    def note_host(handler):
        seen_hosts.append(handler.headers["Host"])
        original(handler)

    monkeypatch.setattr(SavedPages, "do_GET", note_host)
    _resolving(monkeypatch, {"bérita.example": ["127.0.0.2", "127.0.0.1"]})
    port = site.rsplit(":", 1)[1]
    _ask(client, token, event, f"http://bérita.example:{port}/notes.txt")
    article = db.session.scalar(sa.select(Article))
    assert article is not None, client.get("/articles/").text
    assert article.text == "Banjir: 4 orang meninggal."
    assert seen_hosts == [f"xn--brita-bsa.example:{port}"]


def test_a_failed_fetchs_reason_reads_in_the_readers_language(client, db, token, site, event):
    asked = _ask(client, token, event, f"{site}/huge")
    page = client.get(asked.location, headers={"Accept-Language": "id"}).text
    assert "halaman itu lebih besar dari 50.000 bita" in page  # its figure as the reader writes it
    fetch = db.session.scalar(sa.select(Fetch))
    assert fetch.error == f"the page is larger than {CAP:,} bytes"  # the English, for the API
    fetch.error_words = None  # as a fetch failed before its words were kept
    db.session.commit()
    page = client.get(asked.location, headers={"Accept-Language": "id"}).text
    assert f"the page is larger than {CAP:,} bytes" in page


def test_a_redirect_to_a_host_that_is_no_name_fails_the_fetch_and_says_why(
    client, db, token, site, event
):
    """httpx cannot read the redirect's host (its punycode decodes to no name): the fetch is
    failed, not left queued by a job that crashed."""
    asked = _ask(client, token, event, f"{site}/to-bad-punycode", title="Kept")
    fetch = db.session.scalar(sa.select(Fetch))
    assert fetch.status == "failed"
    assert fetch.error == "the page redirects to an address whose host is not a valid name"
    page = client.get(asked.location, headers={"Accept-Language": "id"}).text
    assert "halaman itu mengalihkan ke alamat yang host-nya bukan nama yang sah" in page
    assert 'value="Kept"' in page


def test_a_queued_fetch_of_a_host_that_is_no_name_fails_with_the_reason(db, event):
    """A fetch asked for before the form checked hosts, or by any other path, still ends."""
    queued = Fetch(url="http://xn--a.example/", typed={}, status="queued")
    db.session.add(queued)
    db.session.commit()
    url_intake.run_fetch(queued.id)
    fetch = db.session.get(Fetch, queued.id)
    assert fetch.status == "failed"
    assert fetch.error == "the address's host is not a valid name or IP address"
