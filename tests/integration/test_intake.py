"""Intake: findings and suggested claims for a stored article; accept in one click, reject for good."""

from __future__ import annotations

import html

import sqlalchemy as sa

from factcheck.models import Article, Claim, Event, Relation, SuggestedClaim
from factcheck.services import intake
from factcheck.services.reconciling import reconcile_events
from tests.support import factories
from tests.support.jobs import on_job
from tests.support.paths import REFERENCE_TEXT
from tests.support.web import login


def _store_reference(client, db, monkeypatch) -> tuple[Article, str]:
    queued = []
    on_job(
        monkeypatch, "tasks.intake.analyse_article", lambda article_id: queued.append(article_id)
    )
    on_job(monkeypatch, "tasks.reconcile.reconcile_group", lambda *a: None)
    token = login(client, db)
    db.session.add(Event(slug="2022-kazakhstan-unrest", title="2022 Kazakhstan unrest"))
    db.session.commit()
    response = client.post(
        "/articles/new",
        data={
            "csrf_token": token,
            "text": REFERENCE_TEXT.read_text(encoding="utf-8"),
            "new_outlet": "voa-islam.com",
            "language": "id",
            "title": "Presiden Kazakhstan",
            "event_id": "1",
            "utc_offset": "+07:00",
            "published_at": "2022-01-11T22:25",
        },
    )
    assert response.status_code == 302
    article = db.session.scalar(sa.select(Article))
    assert queued == [article.id], "storing an article queues the assistant in the background"
    intake.analyse_article(article.id)  # what the worker runs
    return article, token


def test_findings_and_suggestions_for_the_reference_article(client, db, monkeypatch):
    article, _ = _store_reference(client, db, monkeypatch)
    db.session.refresh(article)
    kinds = {f["kind"]: f for f in article.findings}
    assert "2024-11-29" in kinds["calendar_mismatch"]["detail"]
    assert kinds["republished_from"]["value"] == "TRT"
    quantities = {
        s.exact for s in db.session.scalars(sa.select(SuggestedClaim).filter_by(kind="quantity"))
    }
    assert {
        "hampir 8.000 orang telah ditahan",
        "lebih dari 164 orang tewas",
        "puluhan orang yang tewas",
    } <= quantities
    html = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert "Suggested claims" in html and "calendar mismatch" in html


def test_accept_reject_and_rerun(client, db, monkeypatch):
    article, token = _store_reference(client, db, monkeypatch)
    suggestions = db.session.scalars(
        sa.select(SuggestedClaim).order_by(SuggestedClaim.anchor_start)
    ).all()
    figure = next(s for s in suggestions if s.kind == "quantity" and "164" in s.exact)
    retraction = next(s for s in suggestions if s.kind == "retraction")
    detained = next(s for s in suggestions if s.kind == "quantity" and "8.000" in s.exact)

    assert (
        client.post(f"/suggestions/{figure.id}/accept", data={"csrf_token": token}).status_code
        == 302
    )
    assert (
        client.post(f"/suggestions/{retraction.id}/accept", data={"csrf_token": token}).status_code
        == 302
    )
    assert (
        client.post(f"/suggestions/{detained.id}/reject", data={"csrf_token": token}).status_code
        == 302
    )
    db.session.expire_all()
    killed = db.session.get(Claim, db.session.get(SuggestedClaim, figure.id).claim_id)
    assert (killed.metric, killed.qualifier, killed.value, killed.lower) == (
        "killed",
        "more_than",
        164,
        165,
    )
    assert (killed.rank, killed.deprecated_reason) == ("deprecated", "retracted")
    relation = db.session.scalar(sa.select(Relation))
    assert relation.type == "retracts" and relation.target_id == killed.id

    before = db.session.scalar(sa.select(sa.func.count()).select_from(SuggestedClaim))
    intake.analyse_article(article.id)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SuggestedClaim)) == before
    assert db.session.get(SuggestedClaim, detained.id).status == "rejected"
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert (
        f"Reject suggestion {detained.id}" not in page
        and f"Accept suggestion {figure.id}" not in page
    )


def test_edit_a_suggestion_before_accepting(client, db, monkeypatch):
    article, _ = _store_reference(client, db, monkeypatch)
    detained = db.session.scalar(
        sa.select(SuggestedClaim).where(SuggestedClaim.exact.contains("8.000"))
    )
    form = client.get(f"/articles/{article.id}/claims/new?suggestion={detained.id}").get_data(
        as_text=True
    )
    assert (
        detained.exact in form
        and f'name="suggestion_id" type="hidden" value="{detained.id}"' in form
    )
    assert 'name="value" type="text" value="8,000"' in form  # as the page writes figures


def test_bad_uploads_are_refused_with_a_clear_error_and_store_nothing(client, db):
    import io

    token = login(client, db)
    db.session.add(Event(slug="e", title="E"))
    db.session.commit()
    cases = {
        "empty.txt": (b"", "the file is empty"),
        "latin1.txt": (
            "Kota Almaty – 12 tewas".encode("cp1252"),
            "not UTF-8 (byte 0x96 on line 1)",
        ),
        "notes.docx": (b"PK\x03\x04", "A .txt or .html file."),
        "blank.html": (
            b"<html><head><title>x</title></head><body> </body></html>",
            "no article text found in the HTML",
        ),
    }
    for name, (raw, message) in cases.items():
        response = client.post(
            "/articles/new",
            data={
                "csrf_token": token,
                "upload": (io.BytesIO(raw), name),
                "new_outlet": "Outlet",
                "language": "id",
                "event_id": "1",
                "utc_offset": "+07:00",
                "title": "kept title",
            },
            content_type="multipart/form-data",
        )
        html = response.get_data(as_text=True)
        assert response.status_code == 400, name
        assert message in html, (name, message)
        assert 'value="kept title"' in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0


def test_an_html_upload_keeps_the_main_text_title_and_date(client, db, monkeypatch):
    import io

    on_job(monkeypatch, "tasks.intake.analyse_article", lambda article_id: None)
    token = login(client, db)
    db.session.add(Event(slug="e", title="E"))
    db.session.commit()
    page = b"""<html><head><title>Almaty calm returns | Example News</title>
    <meta property="article:published_time" content="2022-01-11T10:00:00+06:00"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Almaty calm returns</h1>
    <p>The interior ministry said nearly 8,000 people had been detained for questioning across the country.</p>
    <p>Officials earlier said 26 armed criminals and 16 security officers had been killed in the unrest.</p>
    </article><footer>Copyright Example News</footer></body></html>"""
    response = client.post(
        "/articles/new",
        data={
            "csrf_token": token,
            "upload": (io.BytesIO(page), "almaty.html"),
            "new_outlet": "Example News",
            "language": "en",
            "event_id": "1",
            "utc_offset": "+00:00",
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    article = db.session.scalar(sa.select(Article))
    assert (
        "nearly 8,000 people had been detained" in article.text
        and "16 security officers" in article.text
    )
    assert "Copyright" not in article.text and "World" not in article.text
    assert article.title.startswith("Almaty calm returns")
    assert (
        article.published_at is not None and article.published_at.date().isoformat() == "2022-01-11"
    )


def test_an_article_without_an_outlet_is_refused_and_keeps_the_text(client, db):
    """No outlet picked and a new one of spaces: the form says so and keeps what was typed;
    an outlet with an empty name was stored before."""
    from factcheck.models import Outlet

    token = login(client, db)
    db.session.add(Event(slug="e", title="E"))
    db.session.commit()
    typed = {"csrf_token": token, "text": "Sebanyak 12 orang tewas.", "language": "id"}
    typed |= {"event_id": "1", "utc_offset": "+07:00", "title": "kept title"}
    for blank in ("", "   "):
        response = client.post("/articles/new", data=typed | {"new_outlet": blank})
        assert response.status_code == 400
        assert "Pick an outlet or name a new one." in response.text
        assert "Sebanyak 12 orang tewas." in response.text and 'value="kept title"' in response.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Outlet)) == 0


def test_a_day_without_an_hour_is_kept(client, db):
    """A newsroom often knows the day an article ran but not the hour: the day is kept (at
    00:00 in the offset typed) instead of being dropped, and a wrong date says so."""
    token = login(client, db)
    db.session.add(Event(slug="e", title="E"))
    db.session.commit()
    typed = {"csrf_token": token, "language": "id", "event_id": "1", "utc_offset": "+07:00"}
    typed |= {"new_outlet": "Kompas", "title": "t"}
    wrong = client.post(
        "/articles/new", data=typed | {"text": "Dua orang tewas.", "published_at": "2024-02-30"}
    )
    assert wrong.status_code == 400 and 'value="2024-02-30"' in wrong.text
    assert "Not a valid datetime value." in wrong.text
    for text, typed_day, stored in (
        ("Dua orang tewas.", "2024-03-21", "2024-03-21T00:00:00+07:00"),
        ("Tiga orang tewas.", "2024-03-21 09:30", "2024-03-21T09:30:00+07:00"),
    ):
        done = client.post("/articles/new", data=typed | {"text": text, "published_at": typed_day})
        assert done.status_code == 302, done.text
        article = db.session.scalar(sa.select(Article).where(Article.text == text))
        assert article.published_local.isoformat() == stored


def test_with_no_offset_typed_the_time_is_read_in_the_outlets_country(client, db):
    """The offset box left empty: an Indonesian outlet's 09:30 is WIB (flagged to check, since
    Indonesia has three zones), a Turkish one's is Istanbul's, and an outlet with no country is
    taken as UTC with a word saying so; an offset typed still wins."""
    from factcheck.models import Outlet

    token = login(client, db)
    db.session.add(Event(slug="e", title="E"))
    kompas = Outlet(name="Kompas", kind="news site", country="Indonesia")
    anadolu = Outlet(name="Anadolu", kind="news agency", country="Turkey")
    db.session.add_all([kompas, anadolu])
    db.session.commit()
    typed = {"csrf_token": token, "language": "id", "event_id": "1", "title": "t"}
    typed |= {"published_at": "2024-03-21 09:30", "utc_offset": ""}
    JAKARTA = "Asia/Jakarta, the time zone most of Indonesia keeps; Indonesia has more than one, so check it"
    ISTANBUL = "taken in Europe/Istanbul, the time zone of Turkey."
    NO_COUNTRY = "taken as UTC: the outlet has no country"
    for text, outlet, offset, stored, note in (
        ("Satu.", {"outlet_id": str(kompas.id)}, "", "2024-03-21T09:30:00+07:00", JAKARTA),
        ("Dua.", {"outlet_id": str(anadolu.id)}, "", "2024-03-21T09:30:00+03:00", ISTANBUL),
        ("Tiga.", {"new_outlet": "Warta"}, "", "2024-03-21T09:30:00+00:00", NO_COUNTRY),
        # A new outlet with its country typed is stored in it, and its time read in its zone.
        (
            "Lima.",
            {"new_outlet": "Suara Papua", "new_outlet_country": "Indonesia"},
            "",
            "2024-03-21T09:30:00+07:00",
            JAKARTA,
        ),
        ("Empat.", {"outlet_id": str(kompas.id)}, "+09:00", "2024-03-21T09:30:00+09:00", None),
    ):
        done = client.post(
            "/articles/new", data=typed | outlet | {"text": text, "utc_offset": offset}
        )
        assert done.status_code == 302, done.text
        article = db.session.scalar(sa.select(Article).where(Article.text == text))
        assert article.published_local.isoformat() == stored
        page = html.unescape(client.get(done.location).text)
        if note:
            assert note in page
        else:
            assert "The publication time was taken" not in page
    assert db.session.scalar(sa.select(Outlet.country).where(Outlet.name == "Suara Papua")) == (
        "Indonesia"
    )


def test_a_country_is_for_a_new_outlet_only(client, db):
    """A stored outlet keeps its own country: typing one beside it is refused, typed text kept."""
    from factcheck.models import Outlet

    token = login(client, db)
    db.session.add(Event(slug="e", title="E"))
    kompas = Outlet(name="Kompas", kind="news site", country="Indonesia")
    db.session.add(kompas)
    db.session.commit()
    typed = {"csrf_token": token, "language": "id", "event_id": "1", "title": "Kept title"}
    refused = client.post(
        "/articles/new",
        data=typed | {"text": "Enam.", "outlet_id": str(kompas.id), "new_outlet_country": "Japan"},
    )
    assert refused.status_code == 400 and "The country is for a new outlet" in refused.text
    assert 'value="Kept title"' in refused.text and 'value="Japan"' in refused.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0
    assert db.session.get(Outlet, kompas.id).country == "Indonesia"


def test_a_figure_past_the_cap_is_refused_on_accepting_and_a_stored_one_still_shows(
    client, db, monkeypatch
):
    """A suggestion read before the assistant knew the cap (999,999,999,999,999,999,999,999
    killed): accepting it is refused with the reason and stores nothing. A claim stored with
    such a figure before the rule still shows on every page it appears on."""
    article, token = _store_reference(client, db, monkeypatch)
    figure = next(
        s
        for s in db.session.scalars(sa.select(SuggestedClaim).filter_by(kind="quantity"))
        if "164" in s.exact
    )
    figure.data = {**figure.data, "qualifier": "exact", "value": 999_999_999_999_999_999_999_999}
    db.session.commit()
    response = client.post(
        f"/suggestions/{figure.id}/accept", data={"csrf_token": token}, follow_redirects=True
    )
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 200
    assert "At most 1,000,000,000,000,000." in page
    db.session.expire_all()
    assert db.session.get(SuggestedClaim, figure.id).status == "pending"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Claim)) == 0

    figure.data = {**figure.data, "value": 164}
    db.session.commit()
    assert (
        client.post(f"/suggestions/{figure.id}/accept", data={"csrf_token": token}).status_code
        == 302
    )
    huge = 2**80  # exactly a float: 1,208,925,819,614,629,174,706,176
    db.session.execute(sa.update(Claim).values(value=huge, lower=huge, upper=huge, point=huge))
    db.session.commit()
    claim = db.session.scalar(sa.select(Claim))
    reconcile_events([claim.event_id])  # what the worker does after the edit
    db.session.commit()
    for path in (
        f"/claims/{claim.id}",
        f"/articles/{article.id}",
        "/events/2022-kazakhstan-unrest",
        "/events/2022-kazakhstan-unrest/results",
        "/events/2022-kazakhstan-unrest/groups/killed/total",
        "/search/?q=tewas",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
    shown = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "1,208,925,819,614,629,174,706,176" in shown


def test_a_suggested_day_outside_the_years_a_date_may_fall_in_is_refused_on_accepting(
    client, db, monkeypatch
):
    """ "On January 5, 0001, police said …": the assistant reads the day as written, and
    accepting it is refused as any typed date outside 1900-2100 is; nothing is stored."""
    article, token = _store_reference(client, db, monkeypatch)
    figure = next(
        s
        for s in db.session.scalars(sa.select(SuggestedClaim).filter_by(kind="quantity"))
        if "164" in s.exact
    )
    for field, day in (("stated_on", "0001-01-05"), ("as_of", "2999-05-02")):
        figure.data = {**figure.data, "stated_on": "2022-01-11", "as_of": None, field: day}
        db.session.commit()
        response = client.post(
            f"/suggestions/{figure.id}/accept", data={"csrf_token": token}, follow_redirects=True
        )
        page = html.unescape(response.get_data(as_text=True))
        assert f"Give a date between 1900 and 2100 (not {day})." in page, field
        db.session.expire_all()
        assert db.session.get(SuggestedClaim, figure.id).status == "pending"
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Claim)) == 0


def test_the_apis_refusal_of_a_suggestion_is_one_sentence(client, db, monkeypatch):
    """A refusal's detail ends with one full stop, also when the rule's own words end with one
    ("… (total if the speaker gives no breakdown).")."""
    _store_reference(client, db, monkeypatch)
    _, api_token = factories.account(db, "editor")
    figure = next(
        s
        for s in db.session.scalars(sa.select(SuggestedClaim).filter_by(kind="quantity"))
        if "164" in s.exact
    )
    figure.data = {**figure.data, "category": None}
    db.session.commit()
    response = client.post(
        f"/api/v1/suggestions/{figure.id}/accept",
        headers={"Authorization": f"Bearer {api_token}"},
    )
    assert response.status_code == 409
    assert response.content_type == "application/problem+json"
    detail = response.get_json()["detail"]
    assert detail.endswith("gives no breakdown).") and not detail.endswith("..")
