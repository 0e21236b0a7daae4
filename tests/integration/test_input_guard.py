"""One input guard for every entry path (issue #15): no 500 and no half-saved claim from hostile input."""

from __future__ import annotations

import io
from datetime import date

import pytest
import sqlalchemy as sa

from factcheck.models import Article, Claim, Event
from tests.support.web import csrf_token, login


def _claims(db) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Claim))


def _claim_form(article, token: str, **changes) -> dict:
    data = {
        "csrf_token": token,
        "exact": "Ribuan ditangkap",
        "kind": "statement",
        "event_id": str(article.event_id),
        "new_actor_kind": "person",
        "new_actor_party": "no",
        "modality": "count",
        "metric": "",
        "category": "",
        "qualifier": "",
        "stated_on": "2022-01-10",
        "proposition": "a statement",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"suggestion_id": "abc"}, "malformed number"),
        ({"version": "1.5"}, "malformed number"),
        ({"stated_on": "0022-01-10"}, "between 1900 and 2100"),
        ({"proposition": "a\x07b"}, "control characters"),
        (
            {"kind": "quantity", "metric": "killed", "category": "total", "qualifier": "exact"}
            | {"value": "sNaN"},
            "finite",
        ),
        (
            {"kind": "quantity", "metric": "killed", "category": "total", "qualifier": "exact"}
            | {"value": "NaN"},
            "finite",
        ),
        (
            {"kind": "quantity", "metric": "killed", "category": "total", "qualifier": "exact"}
            | {"value": "1e30"},
            "At most",
        ),
        ({"start": "9" * 400}, "whole number up to"),
        ({"start": "99999999999"}, "whole number up to"),
        ({"new_actor": "line\nbreak"}, "line breaks"),
        ({"cites_id": "abc"}, "Not a valid choice"),
        ({"cites_id": "1e309"}, "Not a valid choice"),
    ],
)
def test_tampered_or_hostile_claim_form_is_a_form_error_and_saves_nothing(
    client, db, reference_imported, changes, message
):
    token = login(client, db)
    article = db.session.scalar(sa.select(Article))
    before = _claims(db)
    response = client.post(
        f"/articles/{article.id}/claims/new", data=_claim_form(article, token, **changes)
    )
    assert response.status_code == 400, response.status_code
    assert message in response.get_data(as_text=True)
    assert _claims(db) == before


def test_an_id_sent_as_spaces_is_none_chosen(client, db, reference_imported):
    """A choice or a hidden id of spaces: nothing chosen, as an empty one (it was a 500)."""
    token = login(client, db)
    article = db.session.scalar(sa.select(Article))
    blank = {"cites_id": "   ", "attributed_to_id": " ", "suggestion_id": "\t", "version": "  "}
    response = client.post(
        f"/articles/{article.id}/claims/new", data=_claim_form(article, token, **blank)
    )
    assert response.status_code == 302
    claim = db.session.scalar(sa.select(Claim).order_by(Claim.id.desc()))
    assert (claim.proposition, claim.cites_id, claim.attributed_to_id) == (
        "a statement",
        None,
        None,
    )
    edit = _claim_form(article, token, **blank) | {"proposition": "edited"}
    unknown = client.post(f"/claims/{claim.id}/edit", data=edit)  # which version: none given
    assert unknown.status_code == 409 and "edited" in unknown.get_data(as_text=True)
    edited = client.post(f"/claims/{claim.id}/edit", data=edit | {"version": str(claim.version)})
    assert edited.status_code == 302
    db.session.refresh(claim)
    assert (claim.proposition, claim.attributed_to_id) == ("edited", None)

    article_form = {
        "csrf_token": token,
        "text": "Some article text.",
        "title": "Spaces for ids",
        "language": "en",
        "event_id": str(article.event_id),
        "utc_offset": "+00:00",
        "published_at": "2022-01-11T22:25",
    }
    no_outlet = client.post("/articles/new", data=article_form | {"outlet_id": "   "})
    assert no_outlet.status_code == 400
    assert 'value="Spaces for ids"' in no_outlet.get_data(as_text=True)  # what was typed stays
    stored = client.post(
        "/articles/new",
        data=article_form | {"outlet_id": str(article.outlet_id), "republished_from_id": "  "},
    )
    assert stored.status_code == 302
    copy = db.session.scalar(sa.select(Article).where(Article.title == "Spaces for ids"))
    assert copy.republished_from_outlet_id is None
    for field in ("outlet_id", "republished_from_id"):
        by_url = client.post(
            "/articles/from-url",
            data={"csrf_token": token, "url": "http://127.0.0.1:9/x", field: "   "},
        )
        assert by_url.status_code == 400, field


def test_a_new_speaker_of_spaces_is_no_new_speaker(client, db, reference_imported):
    """It made an actor called "" (and every later blank speaker a misleading refusal)."""
    from factcheck.models import Actor

    token = login(client, db)
    article = db.session.scalar(sa.select(Article))
    actors = db.session.scalar(sa.select(sa.func.count()).select_from(Actor))
    for _ in range(2):
        response = client.post(
            f"/articles/{article.id}/claims/new",
            data=_claim_form(article, token, new_actor="   "),
        )
        assert response.status_code == 302
        claim = db.session.scalar(sa.select(Claim).order_by(Claim.id.desc()))
        assert claim.attributed_to_id is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Actor)) == actors
    typed = client.post(
        f"/articles/{article.id}/claims/new",
        data=_claim_form(article, token, new_actor="  Juru bicara  "),
    )
    assert typed.status_code == 302
    speaker = db.session.get(
        Actor, db.session.scalar(sa.select(sa.func.max(Claim.attributed_to_id)))
    )
    assert speaker.name == "Juru bicara"


def test_a_proposition_as_long_as_the_api_takes_can_be_edited_on_the_web(
    client, db, reference_imported
):
    """The web form took 2,000 characters where the API and the import take 100,000: a claim
    stored there could not be edited here at all."""
    token = login(client, db)
    article = db.session.scalar(sa.select(Article))
    assert (
        client.post(
            f"/articles/{article.id}/claims/new", data=_claim_form(article, token)
        ).status_code
        == 302
    )
    claim = db.session.scalar(sa.select(Claim).order_by(Claim.id.desc()))
    claim.proposition = "Said at length. " * 300  # 4,800 characters, as the API stores them
    db.session.commit()
    form = client.get(f"/claims/{claim.id}/edit").get_data(as_text=True)
    assert 'maxlength="2000"' not in form
    edit = _claim_form(article, token, proposition=claim.proposition + "Edited.")
    response = client.post(f"/claims/{claim.id}/edit", data=edit | {"version": str(claim.version)})
    assert response.status_code == 302
    db.session.refresh(claim)
    assert claim.proposition.endswith("at length. Edited.")
    too_long = _claim_form(article, token, proposition="x" * 100_001)
    refused = client.post(
        f"/claims/{claim.id}/edit", data=too_long | {"version": str(claim.version)}
    )
    assert refused.status_code == 400
    assert "Field cannot be longer than 100000 characters." in refused.get_data(as_text=True)


def test_nul_anywhere_is_refused_with_400(client, db, reference_imported):
    token = login(client, db)
    article = db.session.scalar(sa.select(Article))
    assert client.get("/search/?q=a%00b").status_code == 400
    response = client.post(
        f"/articles/{article.id}/claims/new",
        data=_claim_form(article, token, proposition="a\x00b"),
    )
    assert response.status_code == 400
    assert "NUL" in response.get_data(as_text=True)


def test_bytes_that_are_not_utf8_are_refused_not_stored_as_text(client, db, reference_imported):
    token = login(client, db)
    article = db.session.scalar(sa.select(Article))
    claims = _claims(db)
    assert client.get("/search/?q=%C3%28").status_code == 400
    body = f"csrf_token={token}&exact=Ribuan+ditangkap&kind=statement&proposition=caf%E9"
    response = client.post(
        f"/articles/{article.id}/claims/new",
        data=body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "not UTF-8" in response.get_data(as_text=True)
    assert _claims(db) == claims
    # UTF-8 encoded the same way is text: "é" as %C3%A9 reaches the form, which shows it
    # again beside what else this short form lacks.
    fine = client.post(
        f"/articles/{article.id}/claims/new",
        data=body.replace("%E9", "%C3%A9"),
        content_type="application/x-www-form-urlencoded",
    )
    page = fine.get_data(as_text=True)
    assert "not UTF-8" not in page and "café</textarea>" in page
    api = client.get("/api/v1/claims?q=%FF")
    assert (api.status_code, api.mimetype) == (400, "application/problem+json")
    assert "not UTF-8" in api.get_json()["detail"]
    # An Indonesian reader is told in Indonesian.
    said = client.get("/search/?q=%C3%28", headers={"Accept-Language": "id"})
    assert "Kueri alamat ini bukan teks UTF-8." in said.get_data(as_text=True)


@pytest.mark.parametrize(
    "path",
    [
        "/claims/2147483648",
        "/articles/99999999999999999999999",
        "/reports/x/v2147483648",
        "/api/v1/claims/2147483648",
        "/events/a%00b",
        "/api/v1/claims/%D9%A3",  # "٣", Arabic-Indic three: claim 3 answers at /claims/3 only
        "/claims/%EF%BC%93",  # "３", a full-width three
    ],
)
def test_ids_past_the_integer_range_are_404(client, db, reference_imported, path):
    login(client, db)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("page", ["99999999999999999999", "-5", "abc", "9" * 400])
def test_a_huge_page_is_a_clear_answer(client, db, reference_imported, page):
    login(client, db)
    for path in ("/articles/", "/search/", "/sources/actors"):
        response = client.get(f"{path}?page={page}")
        assert response.status_code < 500, (path, response.status_code)


@pytest.mark.parametrize(
    "target",
    ["/%0d%0aX:1", "/%09/evil.example/phish", "//evil.example", "/\\evil.example", "https://x"],
)
def test_login_next_stays_on_this_site(client, db, target):
    from tests.support import factories

    factories.user(db, role="reviewer")
    token = csrf_token(client.get("/auth/login").get_data(as_text=True))
    response = client.post(
        f"/auth/login?next={target}",
        data={"email": "reviewer@example.org", "password": factories.PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def _upload(client, db, raw: bytes, **fields):
    """An article uploaded as a .txt file on the article form, with the reference's event."""
    token = login(client, db)
    event = db.session.scalar(sa.select(Event))
    return client.post(
        "/articles/new",
        data={
            "csrf_token": token,
            "new_outlet": "Example",
            "language": "en",
            "event_id": str(event.id),
            "upload": (io.BytesIO(raw), "a.txt"),
            **fields,
        },
        content_type="multipart/form-data",
    )


def test_crlf_upload_is_stored_with_lf(client, db, reference_imported):
    response = _upload(client, db, b"14 killed\r\n\r\nin the city\r\r\nand 3 more.", title="CRLF")
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    article = db.session.scalar(sa.select(Article).where(Article.title == "CRLF"))
    assert article.text == "14 killed\n\nin the city\n\nand 3 more."


def test_a_byte_order_mark_is_no_character_of_an_uploaded_or_imported_article(
    client, db, cli, tmp_path, reference_imported
):
    """Notepad's BOM became the first character of the stored text and of the title."""
    response = _upload(client, db, "\ufeffFlood toll rises\n\n14 killed.".encode())
    assert response.status_code == 302
    article = db.session.scalar(sa.select(Article).order_by(Article.id.desc()))
    assert (article.title, article.text) == ("Flood toll rises", "Flood toll rises\n\n14 killed.")

    from factcheck.domain.annotation import read_text

    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffTeks berita.\n".encode())
    assert read_text(path) == "Teks berita.\n"


@pytest.mark.parametrize("typed", ["++07:00", "+-07:00", "-+03:30", "+٠٧:٠٠"])
def test_an_offset_has_one_sign_and_ascii_digits(typed):
    from wtforms import ValidationError

    from factcheck.web.forms import parse_offset

    with pytest.raises(ValidationError):
        parse_offset(typed)
    assert parse_offset("-03:30").utcoffset(None).total_seconds() == -(3 * 3600 + 1800)


def test_the_cli_refuses_an_empty_event_and_a_token_name_with_control_characters(
    cli, db, reference_imported
):
    from tests.support import factories

    empty = cli.invoke(args=["factcheck", "reconcile", "--event", "", "--inline"])
    assert empty.exit_code == 1 and "No event with slug ''" in empty.output  # not every event
    for seconds in ("nan", "inf", "-1"):  # nan would wait for a worker forever
        waited = cli.invoke(args=["factcheck", "reconcile", "--wait", "--no-worker-after", seconds])
        assert waited.exit_code == 2 and "give a number of seconds, 0 or more" in waited.output
    factories.user(db, "script@example.org")
    named = cli.invoke(
        args=["factcheck", "token", "create", "script@example.org", "--name", "a\x07b"]
    )
    assert named.exit_code == 1 and "control characters" in named.output


def test_a_stored_year_0022_claim_does_not_break_reports_or_charts(
    client, db, cli, reference_imported
):
    claim = db.session.scalar(sa.select(Claim).where(Claim.kind == "quantity").order_by(Claim.id))
    claim.stated_on = date(22, 1, 10)  # as an older version let it be stored
    event_id = claim.event_id
    db.session.commit()
    assert cli.invoke(args=["factcheck", "reconcile", "--inline"]).exit_code == 0
    event = db.session.get(Event, event_id)
    login(client, db)
    assert client.get(f"/events/{event.slug}").status_code == 200
    for fmt in ("html", "pdf"):
        result = cli.invoke(
            args=["factcheck", "report", event.slug, "--format", fmt, "-o", f"/tmp/r-{fmt}"]
        )
        assert result.exit_code == 0, result.output


def test_form_fields_sent_as_bytes_that_are_not_utf8_are_refused_in_multipart_too(
    client, db, reference_imported
):
    """The upload form is multipart: a field of Latin-1 bytes used to be stored with U+FFFD."""
    token = login(client, db)
    event = db.session.scalar(sa.select(Event))
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Article))

    def post(title: bytes, upload: bytes = b""):
        fields = {
            "csrf_token": token.encode(),
            "new_outlet": b"Example",
            "language": b"en",
            "event_id": str(event.id).encode(),
            "title": title,
            "text": "14 killed, said the caf\u00e9 owner (\ufffd typed).".encode(),
        }
        body = b"".join(
            b'--B\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
            % (name.encode(), value)
            for name, value in fields.items()
        )
        if upload:
            body += (
                b'--B\r\nContent-Disposition: form-data; name="upload"; filename="a.txt"\r\n'
                b"Content-Type: text/plain\r\n\r\n%s\r\n" % upload
            )
        return client.post(
            "/articles/new",
            data=body + b"--B--\r\n",
            content_type="multipart/form-data; boundary=B",
        )

    refused = post(b"caf\xe9")
    assert refused.status_code == 400 and "not UTF-8" in refused.get_data(as_text=True)
    # A file's own U+FFFD does not hide the field's bad byte (they were counted over the body).
    masked = post(b"caf\xe9", upload="14 killed \ufffd".encode())
    assert masked.status_code == 400 and "not UTF-8" in masked.get_data(as_text=True)
    assert before == db.session.scalar(sa.select(sa.func.count()).select_from(Article))
    stored = post("caf\u00e9 \ufffd".encode())  # UTF-8, a typed replacement character too
    assert stored.status_code == 302, stored.get_data(as_text=True)[:2000]
    assert db.session.scalar(sa.select(Article.title).where(Article.title.like("caf%"))) == (
        "caf\u00e9 \ufffd"
    )


@pytest.mark.parametrize("path", ["/auth/login", "/articles/new", "/api/v1/articles"])
def test_a_multipart_part_that_names_no_field_is_a_400(client, path):
    """Werkzeug keeps such a part under the key None, which the text checks then tripped on."""
    body = b"--B\r\nContent-Disposition\r\n\r\nx\r\n--B--\r\n"
    response = client.post(path, data=body, content_type="multipart/form-data; boundary=B")
    assert response.status_code == 400
    assert "a field without a name" in response.get_data(as_text=True)


def _part(name: str, value: bytes, content_type: str = "") -> bytes:
    """One multipart/form-data part (boundary B), with a Content-Type header if given."""
    header = f"Content-Type: {content_type}\r\n" if content_type else ""
    return b'--B\r\nContent-Disposition: form-data; name="%s"\r\n%s\r\n%s\r\n' % (
        name.encode(),
        header.encode(),
        value,
    )


def _article_parts(client, db) -> bytes:
    """The article form's fields but title and text, logged in, as multipart parts."""
    token = login(client, db)
    event = db.session.scalar(sa.select(Event))
    usual = {"csrf_token": token, "new_outlet": "Example", "language": "en"}
    usual["event_id"] = str(event.id)
    return b"".join(_part(name, value.encode()) for name, value in usual.items())


def _post_multipart(client, body: bytes):
    """`body` posted to the article form as it is, as a client may craft it."""
    return client.post(
        "/articles/new", data=body + b"--B--\r\n", content_type="multipart/form-data; boundary=B"
    )


def _articles(db) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Article))


def test_a_latin1_field_read_in_werkzeugs_chunks_is_refused_too(client, db, reference_imported):
    """Werkzeug reads a form 64 KiB at a time: a boundary whose trailing blanks straddle a chunk's
    edge is, to it, part of the field. The guard read the body whole, found a part without a
    Content-Disposition there, gave up, and let the Latin-1 rest of the article's text be stored
    with U+FFFD."""
    before = _articles(db)
    fields = _article_parts(client, db) + _part("title", b"Chunked")
    text = b'--B\r\nContent-Disposition: form-data; name="text"\r\n\r\n'
    fake_boundary = b"\r\n--B" + b" " * 40 + b"\r\nNo-Disposition: x\r\n\r\ncaf\xe9\r\n"
    # The fake boundary's blanks begin 20 bytes before Werkzeug's first chunk (64 KiB) ends.
    pad = 64 * 1024 - 20 - len(b"\r\n--B") - len(fields + text)
    response = _post_multipart(client, fields + text + b"a" * pad + fake_boundary)
    assert response.status_code == 400, response.get_data(as_text=True)[:500]
    assert "not UTF-8" in response.get_data(as_text=True)
    assert _articles(db) == before


@pytest.mark.parametrize("limit", ["parts", "field size"])
def test_a_form_past_werkzeugs_limits_is_413_from_the_guard_too(
    app, client, db, reference_imported, limit
):
    """The guard read every part of any body: 5 MiB of tiny parts cost it seconds before
    Werkzeug's 413, and a Latin-1 byte past the limit answered 400 where Werkzeug says 413."""
    before = _articles(db)
    fields = _article_parts(client, db)
    if limit == "parts":
        fields += _part("x", b"") * app.config["MAX_FORM_PARTS"]
    else:
        app.config["MAX_FORM_MEMORY_SIZE"] = 1_000
        fields += _part("text", b"a" * 2_000)
    response = _post_multipart(client, fields + _part("title", b"caf\xe9"))
    assert response.status_code == 413, response.get_data(as_text=True)[:500]
    assert "larger than this site accepts" in response.get_data(as_text=True)
    assert _articles(db) == before


def test_five_mib_of_tiny_parts_is_413(app, client, db, reference_imported):
    body = _article_parts(client, db) + _part("x", b"") * (5 * 1024 * 1024 // 48)
    response = _post_multipart(client, body[: app.config["MAX_CONTENT_LENGTH"] - 100])
    assert response.status_code == 413


@pytest.mark.parametrize(
    "content_type, sent, stored",
    [
        # Werkzeug reads a part in the charset it names if that is ASCII, UTF-8 or Latin-1.
        ("text/plain; charset=us-ascii", "caf\u00e9".encode(), None),
        ("text/plain; charset=ascii", "caf\u00e9".encode(), None),
        ("text/plain; charset=iso-8859-1", b"caf\xe9", "caf\u00e9"),
        ("text/plain; charset=UTF-8", "caf\u00e9".encode(), "caf\u00e9"),
        # Any other charset it reads as UTF-8.
        ("text/plain; charset=windows-1252", b"caf\xe9", None),
        ("text/plain; charset=utf-16", "caf\u00e9".encode("utf-16"), None),
    ],
)
def test_a_field_in_the_charset_it_names_is_stored_as_sent_or_refused(
    client, db, reference_imported, content_type, sent, stored
):
    """Stored is exactly what the client sent, or the request is refused with a clear 400."""
    before = _articles(db)
    fields = _article_parts(client, db) + _part("text", b"14 killed.")
    response = _post_multipart(client, fields + _part("title", sent, content_type))
    if stored is None:
        assert response.status_code == 400, response.get_data(as_text=True)[:500]
        assert "title" in response.get_data(as_text=True)
        assert "is not" in response.get_data(as_text=True)
        assert _articles(db) == before
    else:
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        assert db.session.scalar(sa.select(Article.title).order_by(Article.id.desc())) == stored


def test_a_form_the_guard_cannot_read_is_checked_against_what_werkzeug_read(
    client, db, reference_imported, monkeypatch
):
    """Should the guard's reading ever fail where Werkzeug's does not, a U+FFFD that the body
    did not hold as typed text still refuses the form (it used to let it through)."""
    from werkzeug.sansio.multipart import MultipartDecoder

    class Failing(MultipartDecoder):
        def next_event(self):
            raise ValueError("the guard cannot read this form")

    monkeypatch.setattr("factcheck.input_guard.MultipartDecoder", Failing)
    before = _articles(db)
    fields = _article_parts(client, db) + _part("text", "14 killed \ufffd.".encode())
    refused = _post_multipart(client, fields + _part("title", b"caf\xe9"))
    assert refused.status_code == 400 and "not UTF-8" in refused.get_data(as_text=True)
    assert _articles(db) == before
    typed = _post_multipart(client, fields + _part("title", "caf\u00e9 \ufffd".encode()))
    assert typed.status_code == 302, typed.get_data(as_text=True)[:2000]
    assert db.session.scalar(sa.select(Article.title).order_by(Article.id.desc())) == (
        "caf\u00e9 \ufffd"
    )


def test_a_latin1_part_that_names_no_field_is_a_400(client):
    body = b"--B\r\nContent-Disposition\r\n\r\ncaf\xe9\r\n--B--\r\n"
    response = client.post(
        "/articles/new", data=body, content_type="multipart/form-data; boundary=B"
    )
    assert response.status_code == 400 and "not UTF-8" in response.get_data(as_text=True)
