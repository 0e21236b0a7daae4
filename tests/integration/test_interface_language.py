"""The interface in Indonesian: the account's language, else the browser's; no English left on the
main pages (what counts as English: tests/support/interface_language.py)."""

from __future__ import annotations

import html
import re

import sqlalchemy as sa

from factcheck.domain.reconciliation.sentence_parts import describe
from factcheck.models import Actor, Article, Claim, Outlet, Place, User
from tests.support import factories
from tests.support.interface_language import untranslated
from tests.support.web import csrf_token, log_in


def _reconciled(cli):
    assert cli.invoke(args=["factcheck", "reconcile", "--inline"]).exit_code == 0


def _indonesian_admin(db) -> User:
    admin = factories.user(db, role="admin")
    admin.locale = "id"
    db.session.commit()
    return admin


def test_an_indonesian_account_sees_no_english_on_the_main_pages(
    client, db, cli, reference_imported
):
    _reconciled(cli)
    _indonesian_admin(db)
    log_in(client, "admin@example.org")
    article = db.session.scalar(sa.select(Article))
    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "detained-8000"))
    records = {
        "actors": db.session.scalar(sa.select(Actor.id)),
        "outlets": db.session.scalar(sa.select(Outlet.id)),
        "places": db.session.scalar(sa.select(Place.id)),
    }
    pages = [
        "/",
        "/events/",
        "/events/2022-kazakhstan-unrest",
        "/events/2022-kazakhstan-unrest/reports-list",
        "/events/2022-kazakhstan-unrest/groups/killed/total",
        "/events/new",
        f"/articles/{article.id}",
        "/articles/new",
        "/articles/from-url",
        f"/articles/{article.id}/claims/new?start=10&end=20",
        f"/claims/{claim.id}",
        f"/claims/{claim.id}/edit",
        "/search/",
        "/search/?q=tewas&metric=killed",
        "/actors/",
        "/outlets/",
        "/places/",
        *(f"/{plural}/{rid}" for plural, rid in records.items() if rid),
        "/admin/users",
        "/account/tokens/",
        "/auth/password",
    ]
    left = {}
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        html = response.get_data(as_text=True)
        assert '<html lang="id">' in html or "<html" not in html, path
        if found := untranslated(html):
            left[path] = found
    assert not left, "\n".join(f"{path}: {found}" for path, runs in left.items() for found in runs)
    # Spot checks that the words are the domain's (DOMAIN.md) and figures follow the locale.
    event = client.get("/events/2022-kazakhstan-unrest").get_data(as_text=True)
    assert "Peristiwa" in event and "Laporan verifikasi" in event and "Konflik" in event
    assert (
        '<td class="best" data-label="Terbaik">8.000</td>' in event
    )  # Indonesian grouping: eight thousand


def test_the_browser_language_serves_a_visitor_who_is_not_signed_in(client):
    html = client.get(
        "/auth/login", headers={"Accept-Language": "id-ID,id;q=0.9,en;q=0.5"}
    ).get_data(as_text=True)
    assert '<html lang="id">' in html and "<h1>Masuk</h1>" in html and not untranslated(html)
    english = client.get("/auth/login", headers={"Accept-Language": "fr, en;q=0.5"}).get_data(
        as_text=True
    )
    assert '<html lang="en">' in english and "<h1>Log in</h1>" in english
    plain = client.get("/auth/login").get_data(as_text=True)
    assert '<html lang="en">' in plain  # no header: English


def test_the_header_switch_keeps_a_visitors_choice_in_a_cookie(client):
    token = csrf_token(client.get("/auth/login").get_data(as_text=True))
    response = client.post(
        "/auth/language", data={"locale": "id", "next": "/auth/login", "csrf_token": token}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/auth/login")
    html = client.get("/auth/login", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "<h1>Masuk</h1>" in html
    refused = client.post("/auth/language", data={"locale": "xx", "csrf_token": token})
    assert refused.status_code == 400


def test_the_account_language_wins_over_the_browser_and_is_chosen_on_the_account_page(client, db):
    factories.user(db)
    token = log_in(client, "reviewer@example.org")
    english = client.get("/auth/password", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Change your password" in english
    response = client.post("/auth/language", data={"locale": "id", "csrf_token": token})
    assert response.status_code == 302
    assert (
        db.session.scalar(sa.select(User.locale).where(User.email == "reviewer@example.org"))
        == "id"
    )
    page = client.get("/auth/password", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Ganti kata sandi Anda" in page and '<option selected value="id">' in page
    assert client.post("/auth/logout", data={"csrf_token": token}).status_code == 302
    after = client.get("/auth/login", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "<h1>Masuk</h1>" in after  # the choice stays with this browser (a cookie) after log-out


def test_an_admin_sets_an_accounts_language_on_the_users_page(client, db):
    factories.user(db, role="admin")
    other = factories.user(db, "dewi@example.org")
    token = log_in(client, "admin@example.org")
    prefix = f"u{other.id}-"
    response = client.post(
        f"/admin/users/{other.id}",
        data={
            "csrf_token": token,
            prefix + "csrf_token": token,
            prefix + "display_name": "Dewi",
            prefix + "role": "reviewer",
            prefix + "active": "1",
            prefix + "locale": "id",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, other.id).locale == "id"
    page = client.get("/admin/users").get_data(as_text=True)  # the choice is on the page
    assert re.search(rf'<select id="{prefix}locale" name="{prefix}locale">', page)
    assert re.search(rf'name="{prefix}locale">.*?<option selected value="id">', page, re.S)


def test_a_refused_change_of_an_account_shows_what_was_sent_and_why(client, db):
    """It redirected silently and lost what was typed."""
    factories.user(db, role="admin")
    other = factories.user(db, "dewi@example.org")
    token = log_in(client, "admin@example.org")
    prefix = f"u{other.id}-"
    sent = {
        "csrf_token": token,
        prefix + "csrf_token": token,
        prefix + "display_name": "D" * 201,
        prefix + "role": "overlord",
        prefix + "active": "1",
    }
    response = client.post(f"/admin/users/{other.id}", data=sent)
    assert response.status_code == 400
    page = html.unescape(response.get_data(as_text=True))
    assert f'value="{"D" * 201}"' in page
    assert "Field cannot be longer than 200 characters." in page
    assert "Role: Not a valid choice." in page
    db.session.expire_all()
    assert (db.session.get(User, other.id).display_name or "", other.role) == ("", "reviewer")


def test_suggestions_and_their_links_in_indonesian(client, db, monkeypatch):
    from tests.integration.test_suggested_links import _hatay_7_february, _store_day_7

    article, _token = _store_day_7(client, db, monkeypatch)
    earlier = _hatay_7_february(db)
    client.get("/events/")  # shows (and so clears) the English flash of the upload
    response = client.get(f"/articles/{article.id}", headers={"Accept-Language": "id"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert (
        f'Ini tampaknya koreksi atas <a href="/claims/{earlier.id}">klaim {earlier.id}</a>' in html
    )
    assert "Saran klaim" in html and not untranslated(html)


def test_the_catalogue_is_compiled_at_start_when_missing_or_older(tmp_path):
    import os
    import shutil

    from babel.messages.mofile import read_mo

    from factcheck.i18n import compile_catalogues
    from tests.support.interface_language import CATALOGUE

    folder = tmp_path / "id" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copyfile(CATALOGUE, folder / "messages.po")
    compile_catalogues(tmp_path)  # a fresh clone: no .mo yet
    with (folder / "messages.mo").open("rb") as mo:
        assert read_mo(mo)["Log in"].string == "Masuk"
    os.utime(folder / "messages.mo", (1, 1))  # older than the .po: compiled again
    compile_catalogues(tmp_path)
    assert (folder / "messages.mo").stat().st_mtime > 1


def test_form_errors_are_indonesian_too(client):
    """WTForms has no Indonesian of its own: its messages come from this project's catalogue."""
    page = client.get("/auth/login", headers={"Accept-Language": "id"}).get_data(as_text=True)
    response = client.post(
        "/auth/login",
        data={"email": "", "password": "", "csrf_token": csrf_token(page)},
        headers={"Accept-Language": "id"},
    )
    html = response.get_data(as_text=True)
    assert "Kolom ini wajib diisi." in html and not untranslated(html)
    english = client.post(
        "/auth/login",
        data={"email": "x", "password": "", "csrf_token": csrf_token(page)},
        headers={"Accept-Language": "en"},
    ).get_data(as_text=True)
    assert "This field is required." in english and "Invalid email address." in english


def test_what_a_service_refuses_is_said_in_indonesian_too(client, db, reference_imported):
    """A refusal from the services (an article without text, an address that cannot be fetched,
    a quote not in the text) reaches an Indonesian reviewer in Indonesian, with its values, and
    an English one in English."""
    import html as html_text

    from factcheck.models import Event

    _indonesian_admin(db)
    token = log_in(client, "admin@example.org")
    event_id = db.session.scalar(sa.select(Event.id))
    typed = {"csrf_token": token, "language": "id", "event_id": str(event_id)}
    typed |= {"new_outlet": "Warta", "title": "Judul"}
    no_text = client.post("/articles/new", data=typed | {"text": "  "}).get_data(as_text=True)
    assert "tempelkan teks artikel atau unggah berkas" in no_text and not untranslated(no_text)
    ftp = client.post("/articles/from-url", data=typed | {"url": "ftp://example.org/a"})
    assert "hanya alamat http:// dan https:// yang dapat diambil" in ftp.get_data(as_text=True)

    article = db.session.scalar(sa.select(Article))
    form = {"csrf_token": token, "kind": "statement", "event_id": str(event_id)}
    form |= {"attributed_to_id": "", "stated_on": "2022-01-11", "proposition": "x"}
    absent = client.post(
        f"/articles/{article.id}/claims/new", data=form | {"exact": "tidak ada di teks"}
    )
    page = html_text.unescape(absent.get_data(as_text=True))
    assert 'kutipan "tidak ada di teks" tidak ada dalam teks artikel' in page, page[-3000:]

    db.session.get(User, 1).locale = "en"
    db.session.commit()
    english = client.post("/articles/new", data=typed | {"text": "  "}).get_data(as_text=True)
    assert "paste the article text or upload a file" in english


def test_a_failed_fetch_and_a_refused_suggestion_say_why_in_indonesian(
    client, db, reference_imported
):
    """Reasons stored or gathered before a page is drawn (a fetch's, a bulk decision's) are
    said in the page's language when it has them."""
    from factcheck.models import Fetch

    _indonesian_admin(db)
    token = log_in(client, "admin@example.org")
    fetch = Fetch(
        url="https://example.org/a", status="failed", error="no article text found in the HTML"
    )
    db.session.add(fetch)
    db.session.commit()
    page = client.get(f"/articles/fetches/{fetch.id}").get_data(as_text=True)
    assert "tidak ada teks artikel dalam HTML" in page

    article = db.session.scalar(sa.select(Article))
    decided = client.post(
        f"/articles/{article.id}/suggestions/decide",
        data={"csrf_token": token, "suggestion": ["999999"], "reject": "1"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "bukan saran untuk artikel ini" in decided, decided[:3000]


def test_the_input_guard_speaks_indonesian_on_a_form(client, db, reference_imported):
    """The rules every entry path shares (a bell in a title, a year 0022) refuse in the page's
    language on a form; the API and the importer keep the same English words."""
    from factcheck.domain.input_rules import check_text
    from factcheck.models import Event

    _indonesian_admin(db)
    token = log_in(client, "admin@example.org")
    typed = {
        "csrf_token": token,
        "language": "id",
        "event_id": str(db.session.scalar(sa.select(Event.id))),
    }
    typed |= {"new_outlet": "Warta", "text": "Dua orang tewas."}
    page = client.post(
        "/articles/new", data=typed | {"title": "Judul\x07", "published_at": "0022-03-21"}
    ).get_data(as_text=True)
    assert "Teks tidak boleh memuat karakter kendali atau jeda baris." in page
    assert "Isi tanggal antara 1900 dan 2100 (bukan 0022-03-21" in page
    assert check_text("x\x07", multiline=False) == (
        "Text may not contain control characters or line breaks."
    )


def test_account_refusals_and_notices_are_indonesian_too(client, db):
    """The password page, the users page and an admin's own account: what the account service
    refuses, and the notice of an account added, reach an Indonesian admin in Indonesian."""
    admin = _indonesian_admin(db)
    token = log_in(client, "admin@example.org")
    wrong = client.post(
        "/auth/password",
        data={
            "csrf_token": token,
            "current": "not the password",
            "new": "a new long password",
            "confirm": "a new long password",
        },
    ).get_data(as_text=True)
    assert "Kata sandi saat ini tidak benar." in wrong and not untranslated(wrong)

    added = client.post(
        "/admin/users", data={"csrf_token": token, "email": "dewi@example.org", "role": "reviewer"}
    ).get_data(as_text=True)
    assert "dewi@example.org ditambahkan sebagai" in added and not untranslated(added)

    prefix = f"u{admin.id}-"
    own = client.post(
        f"/admin/users/{admin.id}",
        data={
            "csrf_token": token,
            prefix + "csrf_token": token,
            prefix + "role": "reviewer",
            prefix + "active": "1",
        },
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Anda tidak dapat menurunkan peran atau menonaktifkan akun Anda sendiri" in own


def _an_english_and_an_indonesian_reviewer(app, client, db, cli):
    """The reference case reconciled; `client` logged in as an English reviewer, and a second
    client, returned, as an Indonesian one with the same role."""
    _reconciled(cli)
    factories.user(db)
    factories.user(db, "dewi@example.org").locale = "id"
    db.session.commit()
    log_in(client, "reviewer@example.org")
    other = app.test_client()
    log_in(other, "dewi@example.org")
    return other


def _read_by_both(app, client, db, cli, path: str) -> tuple[str, str]:
    """The page as the English reviewer reads it, then (second) as the Indonesian one does."""
    other = _an_english_and_an_indonesian_reviewer(app, client, db, cli)
    return client.get(path).get_data(as_text=True), other.get(path).get_data(as_text=True)


def test_the_results_section_is_shown_in_each_readers_language(
    app, client, db, cli, reference_imported
):
    # The section is rendered once per change of its data and kept: an English reader's copy
    # must not be what an Indonesian reader with the same role gets next.
    english, indonesian = _read_by_both(app, client, db, cli, "/events/2022-kazakhstan-unrest")
    assert '<td class="best" data-label="Best">8,000</td>' in english
    assert '<td class="best" data-label="Terbaik">8.000</td>' in indonesian
    assert ">8,000</td>" not in indonesian


def test_how_the_numbers_were_reached_reads_in_the_readers_language(
    app, client, db, cli, reference_imported
):
    path = "/events/2022-kazakhstan-unrest/groups/killed/total"
    english, page = _read_by_both(app, client, db, cli, path)
    english, indonesian = html.unescape(english), html.unescape(page)
    assert "low = 42: the larger of the lowest reliable lower bound, 12 from claim" in english
    assert "terendah = 42: yang lebih besar dari batas bawah terendah" in indonesian
    assert "dikesampingkan (dicabut oleh klaim" in indonesian  # the retraction, in its words
    assert "aparat keamanan 16 (klaim" in indonesian  # a category of the vocabulary, too
    assert "Tingkat lemah: hanya satu asal (TRT" in indonesian
    assert "low = 42" not in indonesian and not untranslated(page)
    # Each step is labelled by its rule in the reader's words, not the engine's code.
    assert "<strong>terendah</strong>: terendah = 42" in indonesian
    assert (
        "<strong>hitungan berjalan</strong>:" in indonesian
        or "<strong>asal</strong>:" in indonesian
    )
    assert "<strong>low</strong>" not in indonesian and "<strong>low</strong>: low = 42" in english


DETAINED = "/events/2022-kazakhstan-unrest/groups/detained/total"


def test_figures_inside_the_steps_are_written_as_the_reader_writes_numbers(
    app, client, db, cli, reference_imported
):
    # The English steps keep the engine's words ("7200", as the API gives them); an
    # Indonesian reader groups thousands with a point, as the tables beside them do.
    english, indonesian = map(html.unescape, _read_by_both(app, client, db, cli, DETAINED))
    assert "low = 7200: the lowest reliable lower bound, 7200 from claim 11." in english
    assert "terendah = 7.200: batas bawah terendah yang dapat diandalkan, 7.200 dari" in indonesian
    assert "klaim 11 memberi 8.000 (" in indonesian and "7200" not in indonesian
    assert "hampir 8.000 [7.200; 8.000]" in indonesian  # the claim's own figure, too


def test_a_groups_flags_and_grade_read_in_the_readers_language(
    app, client, db, cli, reference_imported
):
    english, page = _read_by_both(app, client, db, cli, DETAINED)
    english, indonesian = html.unescape(english), html.unescape(page)
    assert ">only a party to the event gives this figure</td>" in english
    assert 'title="weak: one source, or vague wording only"' in english
    assert ">hanya pihak dalam peristiwa yang memberikan angka ini</td>" in indonesian
    assert 'title="lemah: satu sumber saja, atau hanya kata-kata yang samar"' in indonesian
    assert not untranslated(page)


def test_a_fraction_inside_a_step_is_written_with_the_readers_decimal_comma(app):
    # "2668.5" would read to an Indonesian as two thousand six hundred and sixty-eight
    # thousand five hundred: a point groups thousands there, a comma starts the fraction,
    # and so a semicolon parts an interval's bounds.
    card = (
        3,
        "approximately",
        2668.5,
        2400.0,
        None,
        2668.5,
        None,
        "BNPB",
        "official non-party",
        "2024-05-02",
    )
    assert "approximately 2668.5 → [2400, ∞), point 2668.5;" in describe(card)
    indonesian = _described_in_indonesian(app, card)
    assert "sekitar 2.668,5 → [2.400; ∞), angka titik 2.668,5;" in indonesian


def test_a_figure_the_readers_locale_cannot_write_is_shown_as_the_engine_wrote_it(app):
    card = (4, None, None, 12.0, float("inf"), None, None, "BNPB", "partisan", "2024-05-02")
    assert "[12; ∞]" in _described_in_indonesian(app, card)


def _described_in_indonesian(app, card) -> str:
    """A figure's words in a step, as the Indonesian pages show them."""
    from flask_babel import force_locale

    from factcheck.web.filters import step_words

    with app.test_request_context(), force_locale("id"):
        return step_words(describe(card))


def test_each_groups_plain_summary_reads_in_the_readers_language(
    app, client, db, cli, reference_imported
):
    """The paragraph that opens a group on the event page: its sentence, its figures (with
    the reader's thousands), who counted, what was withdrawn, its grade and what to check."""
    english, page = _read_by_both(app, client, db, cli, "/events/2022-kazakhstan-unrest")
    summaries = {}
    for name, text in (("en", english), ("id", page)):
        text = html.unescape(text)
        killed = text[text.index('id="group-killed-total"') :]
        detained = text[text.index('id="group-detained-total"') :]
        officers = text[text.index('id="group-killed-security-forces"') :]
        summaries[name] = [
            re.search(r'<p class="summary">([^<]*)</p>', part).group(1)
            for part in (killed, detained, officers)
        ]
    (killed, detained, officers), (tewas, ditahan, aparat) = summaries["en"], summaries["id"]
    assert officers.startswith("16 people (security forces) were killed, by the count of ")
    assert aparat.startswith("16 orang (aparat keamanan) tewas, menurut hitungan ")
    assert killed.startswith("Between 42 and 99 (most likely 42) people were killed, worked out")
    assert tewas.startswith(
        "Antara 42 dan 99 (kemungkinan besar 42) orang tewas, diperoleh dari hitungan "
        "Kazakh officials (unnamed) dan TRT; angka 164 (Ministry of Information of Kazakhstan) "
        "dicabut oleh sumbernya"
    )
    assert tewas.endswith(". Tingkat: lemah: satu sumber saja, atau hanya kata-kata yang samar.")
    assert "8,000" in detained and "8.000" in ditahan and "orang ditahan" in ditahan
    assert detained.endswith(" To check: only a party to the event gives this figure.")
    assert ditahan.endswith(
        " Perlu diperiksa: hanya pihak dalam peristiwa yang memberikan angka ini."
    )
    assert not untranslated(page)


def test_a_summary_without_a_grade_or_a_named_source_is_indonesian_too(app):
    from flask_babel import force_locale

    from factcheck.domain.report_words import group_summary
    from factcheck.web.form_messages import say

    group = {"metric": "injured", "category": "civilians", "low": 1200, "best": 1200}
    group |= {"high": 1500, "grade": None, "claims_used": [1, 2], "claims_set_aside": []}
    claims = {1: {"kind": "quantity", "point": 1200}, 2: {"kind": "quantity", "point": 900}}
    summary = group_summary(group, claims)
    assert summary == (
        "Between 1,200 and 1,500 (most likely 1,200) people (civilians) were injured, by the "
        "count of a source. Grade: not graded."
    )
    with app.test_request_context(), force_locale("id"):
        assert say(summary) == (
            "Antara 1.200 dan 1.500 (kemungkinan besar 1.200) orang (warga sipil) luka-luka, "
            "menurut hitungan sebuah sumber. Tingkat: belum dinilai."
        )


def test_a_conflicts_detail_reads_in_the_readers_language(app, client, db, cli, reference_imported):
    """The sentence under each conflict: written again from its structured form for an
    Indonesian reader; the English reader (and the API, and reports) get the stored text."""
    from factcheck.models import Conflict

    english, page = map(
        html.unescape, _read_by_both(app, client, db, cli, "/events/2022-kazakhstan-unrest")
    )
    stale = db.session.scalar(sa.select(Conflict).where(Conflict.kind == "stale"))
    assert stale.detail_words[0] == "stale"
    assert f"<p>{stale.detail}</p>" in english
    assert stale.detail.startswith("The event is open but its newest claim (claims 6, 8, 9 and 10")
    assert (
        "<p>Peristiwa masih terbuka, tetapi klaim terbarunya (klaim 6, 8, 9 dan 10, 2022-01-11)"
        in page
    )
    assert "The event is open" not in page and not untranslated(page)


def test_an_articles_metadata_findings_read_in_the_readers_language(app, client, db, monkeypatch):
    """Findings the extractor made: written again from their words for an Indonesian reader;
    the English reader (and the API, reports) get the stored text; one stored before findings
    kept their words stays as stored."""
    from tests.integration.test_intake import _store_reference

    article, _ = _store_reference(client, db, monkeypatch)
    db.session.refresh(article)
    found = {f["kind"]: f for f in article.findings}
    calendar = found["calendar_mismatch"]
    assert calendar["words"][0] == "calendar_mismatch"
    older = {k: v for k, v in found["republished_from"].items() if k != "words"}
    article.findings = [older if f["kind"] == "republished_from" else f for f in article.findings]
    db.session.commit()
    factories.user(db, "dewi@example.org").locale = "id"
    db.session.commit()
    english = html.unescape(client.get(f"/articles/{article.id}").get_data(as_text=True))
    other = app.test_client()
    log_in(other, "dewi@example.org")
    page = html.unescape(other.get(f"/articles/{article.id}").get_data(as_text=True))
    assert f"<strong>calendar mismatch</strong>: {calendar['detail']}</li>" in english
    assert calendar["detail"].startswith('The header pairs "27 Jumadil Awwal 1446 H"')
    assert (
        '<strong>kalender tidak cocok</strong>: Kepala berita memasangkan "27 Jumadil Awwal 1446 H"'
        " (= 2024-11-29, hari Jumat, Umm al-Qura)" in page
    )
    assert "keduanya berselisih" in page and "sesuai dengan tanggal Masehi" in page
    assert "terbaca sebagai 3.952 dalam notasi" in page  # the reader's thousands separator
    assert "The header pairs" not in page
    assert f"<strong>diterbitkan ulang dari</strong>: {older['detail']}</li>" in page
    assert not untranslated(page.replace(older["detail"], ""))
    from factcheck.services.reports.snapshot_rows import articles

    reported = articles(article.event_id, {article.id})[0]["findings"]
    assert [f["detail"] for f in reported] == [f["detail"] for f in article.findings]
    assert not any("words" in f for f in reported)  # a report's findings: the import format's


def test_findings_a_restored_backup_holds_never_break_the_article_page(
    app, client, db, monkeypatch
):
    """Words no version wrote, rows that are not findings, an empty detail: the page shows what
    is stored (they were 500s, in Indonesian and in English), never the catalogue's header."""
    from tests.integration.test_intake import _store_reference

    article, _ = _store_reference(client, db, monkeypatch)
    article.findings = [
        {"kind": "view_count", "detail": "D-abc", "words": ["view_count", ["x", "abc", "id"]]},
        {"kind": "view_count", "detail": "D-huge", "words": ["view_count", ["x", 10**30, "id"]]},
        {"kind": "language", "detail": "", "words": ["language", ["id", "p", True]]},
        {"kind": ["not", "a", "code"], "detail": "D-list"},
        "not a finding",
        {"kind": "language", "detail": "D-half", "words": ["language", ["id", 0.5, True]]},
    ]
    db.session.commit()
    factories.user(db, "dewi@example.org").locale = "id"
    db.session.commit()
    other = app.test_client()
    log_in(other, "dewi@example.org")
    for reader in (client, other):
        response = reader.get(f"/articles/{article.id}")
        assert response.status_code == 200
        page = html.unescape(response.get_data(as_text=True))
        assert "D-abc" in page and "D-list" in page and "not a finding" in page
        assert "Project-Id-Version" not in page
    assert "terdeteksi 'id' (p=0,50)" in page  # two decimals, with the reader's decimal comma
    assert "D-huge" in page or "1.000.000.000.000.000.000.000.000.000" in page


def test_analysing_an_article_again_gives_its_older_findings_their_words(client, db, monkeypatch):
    from factcheck.services import intake
    from tests.integration.test_intake import _store_reference

    article, _ = _store_reference(client, db, monkeypatch)
    db.session.refresh(article)
    before = list(article.findings)
    article.findings = [{k: v for k, v in f.items() if k != "words"} for f in before]
    db.session.commit()
    intake.analyse_article(article.id)
    db.session.refresh(article)
    assert article.findings == before  # the same findings, each with its words again


def test_why_a_figure_was_set_aside_reads_in_the_readers_language(app):
    """The engine stores its reasons as English phrases naming claims; pages say them anew."""
    from factcheck.web.terms import aside

    stored = [
        "superseded by claim 21",
        "overtaken by claim 7, 2022-01-11",
        "republished copy of claim 3",
        "retracted",
        "partisan figure far outside the others",
        "overtaken by the sum of its parts, 2023-02-12",
    ]
    with app.test_request_context(headers={"Accept-Language": "id"}):
        assert [aside(r) for r in stored] == [
            "digantikan oleh klaim 21",
            "dilampaui oleh klaim 7, 11 Jan 2022",
            "salinan terbitan ulang klaim 3",
            "dicabut",
            "angka pihak dalam peristiwa yang jauh di luar angka lain",
            "dilampaui oleh jumlah bagian-bagiannya, 12 Feb 2023",
        ]
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert [aside(r) for r in stored] == [*stored[:3], "retracted", *stored[4:]]


def test_error_pages_speak_the_readers_language(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "id"
    missing = client.get("/no-such-page")
    text = missing.get_data(as_text=True)
    assert missing.status_code == 404 and "was not found on the server" not in text
    assert "Tidak ada apa pun di alamat ini" in text
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert "There is nothing at this address" in client.get("/no-such-page").get_data(as_text=True)


def test_a_history_reads_as_words_not_as_stored_columns(app):
    from factcheck.web.terms import field_label, history_value

    with app.test_request_context(headers={"Accept-Language": "id"}):
        assert field_label("attributed_to_id") == "pembicara"
        assert [history_value(v) for v in (None, True, False)] == ["—", "ya", "tidak"]
        assert history_value("dismiss") != "dismiss"  # an outcome's code, in words
        assert history_value("2026-12-05T01:43:16.437300Z") == "5 Des 2026 01.43.16 UTC"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert field_label("attributed_to_id") == "speaker" and field_label("value") == "value"
        assert history_value("2026-12-05T08:43:16+07:00") == "2026-12-05 01:43 UTC"
        assert history_value(["a", "b"]) == "a, b" and history_value(9) == "9"
