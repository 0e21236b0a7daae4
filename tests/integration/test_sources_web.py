"""The actor and outlet pages: find by alias, edit, duplicates, merge (editors) and undo; twins on accept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from factcheck.models import Actor, Article, Event, Merge, SuggestedClaim
from factcheck.services import articles, dispatch, merges, places, sources
from factcheck.services.sources import ActorDraft
from tests.integration import names_world
from tests.support.jobs import on_job
from tests.support.web import csrf_token, form_as_served, login


@pytest.fixture
def world(app, monkeypatch):
    on_job(monkeypatch, dispatch.RECONCILE_GROUP, lambda *group: None)
    on_job(monkeypatch, dispatch.ANALYSE_ARTICLE, lambda *ids: None)
    return names_world.build()


def test_the_list_finds_by_alias_and_hides_merged_records(client, db, world):
    login(client, db)
    html = client.get("/actors/?q=turkey%27s+disaster").get_data(as_text=True)
    assert ">AFAD</a>" in html and "Turkish army" not in html
    assert "Disaster and Emergency Management Authority</a>" in client.get("/actors/").text
    db.session.add(Actor(name="Old twin", kind="other", merged_into_id=world.afad.id))
    db.session.commit()
    assert "Old twin" not in client.get("/actors/").text
    assert "Wire Service" in client.get("/outlets/?q=WS").text


def test_the_actor_page_shows_what_it_is_and_its_likely_twin(client, db, world):
    login(client, db)
    html = client.get(f"/actors/{world.dema.id}").get_data(as_text=True)
    assert "1,541 people had been killed" in html and "DEMA" in html
    assert f'href="/actors/{world.afad.id}">AFAD</a>' in html
    assert "an editor can merge them" in html and "merge-into" not in html
    assert "Sources</a>" in html  # the nav link


def test_a_reviewer_cannot_merge_and_an_editor_merges_then_undoes(app, db, world):
    reviewer, editor = app.test_client(), app.test_client()
    token = login(reviewer, db, "reviewer")
    url = f"/actors/{world.dema.id}/merge-into/{world.afad.id}"
    assert reviewer.post(url, data={"csrf_token": token}).status_code == 403
    login(editor, db, "editor")
    page = editor.get(f"/actors/{world.dema.id}").get_data(as_text=True)
    assert f'href="{url}"' in page
    confirm = editor.get(url)
    assert confirm.status_code == 200 and "Merge Disaster and Emergency" in confirm.text
    done = editor.post(url, data={"csrf_token": csrf_token(confirm.text)})
    assert done.status_code == 302 and done.location.endswith(f"/actors/{world.afad.id}")
    db.session.expire_all()
    assert db.session.get(Actor, world.dema.id).merged_into_id == world.afad.id
    html = editor.get(f"/actors/{world.afad.id}").text
    merge = db.session.scalar(sa.select(Merge))
    assert "merged into AFAD" in html and f"Undo merge {merge.id}" in html
    assert "Merged into" in editor.get(f"/actors/{world.dema.id}").text
    assert reviewer.post(f"/merges/{merge.id}/undo", data={"csrf_token": token}).status_code == 403
    undone = editor.post(f"/merges/{merge.id}/undo", data={"csrf_token": csrf_token(html)})
    assert undone.status_code == 302
    db.session.expire_all()
    assert db.session.get(Actor, world.dema.id).merged_into_id is None
    assert db.session.get(Merge, merge.id).undone_at is not None


def test_a_reviewer_edits_kind_sides_and_aliases_and_a_refusal_keeps_the_typing(client, db, world):
    token = login(client, db)
    url = f"/actors/{world.dema.id}/edit"
    assert 'name="aliases"' in client.get(url).text
    typed = {
        "csrf_token": token,
        "kind": "government",
        "country": "Türkiye",
        "affiliation": "",
        "role": "",
        "notes": "",
        "party_to": [str(world.event.id)],
        "aliases": "DEMA\nAFAD",
    }
    refused = client.post(url, data=typed)
    assert refused.status_code == 400
    assert "is called &#39;AFAD&#39; already" in refused.text and "DEMA\nAFAD" in refused.text
    assert 'value="Türkiye"' in refused.text
    saved = client.post(url, data=typed | {"aliases": "DEMA\nAFET"})
    assert saved.status_code == 302
    db.session.expire_all()
    dema = db.session.get(Actor, world.dema.id)
    assert dema.aliases == ["DEMA", "AFET"] and dema.country == "Türkiye"
    assert [e.id for e in dema.party_to] == [world.event.id]


def test_names_are_escaped(client, db, world):
    login(client, db)
    actor = sources.create_actor(ActorDraft("<b>Bold</b> ministry", "government"))
    html = client.get(f"/actors/{actor.id}").text
    assert "&lt;b&gt;Bold&lt;/b&gt; ministry" in html and "<b>Bold</b>" not in html


SYRIA_TEXT = "Kementerian Kesehatan Suriah mengatakan 430 orang tewas di Suriah."


def _suggestion(db, speaker: str) -> tuple[Article, SuggestedClaim]:
    event = Event(slug="2023-syria", title="Syria earthquake")
    db.session.add(event)
    db.session.flush()
    places.cover(event, [places.place_named("Syria")])
    article = articles.create_article(
        text=SYRIA_TEXT,
        title="Gempa",
        outlet=sources.outlet_named("Kompas"),
        language="id",
        published_at=datetime(2023, 2, 6, 12, tzinfo=UTC),
        url=None,
        event=event,
        republished_from=None,
        user_id=None,
    )
    quote = "430 orang tewas"
    start = SYRIA_TEXT.index(quote)
    suggestion = SuggestedClaim(
        article_id=article.id,
        kind="quantity",
        anchor_start=start,
        anchor_end=start + len(quote),
        exact=quote,
        data={
            "attributed_to": speaker,
            "metric": "killed",
            "category": "total",
            "qualifier": "exact",
            "modality": "count",
            "value": 430,
            "stated_on": "2023-02-06",
        },
    )
    db.session.add(suggestion)
    db.session.commit()
    return article, suggestion


def test_accepting_a_new_speaker_that_looks_like_a_stored_one_says_so(client, db, world):
    token = login(client, db)
    stored = sources.create_actor(ActorDraft("Ministry of Health of Syria", "government"))
    article, suggestion = _suggestion(db, "Kementerian Kesehatan Suriah")
    response = client.post(
        f"/suggestions/{suggestion.id}/accept", data={"csrf_token": token}, follow_redirects=True
    )
    assert response.status_code == 200
    new = db.session.scalar(sa.select(Actor).filter_by(name="Kementerian Kesehatan Suriah"))
    assert new is not None and new.id != stored.id
    assert (new.kind, [e.slug for e in new.party_to]) == ("government", ["2023-syria"])
    assert "looks like Ministry of Health of Syria" in response.text
    assert f'<a href="/actors/{new.id}">check the actor page</a>' in response.text


def test_edit_first_proposes_the_new_speakers_kind_and_side(client, db, world):
    login(client, db)
    article, suggestion = _suggestion(db, "Kementerian Kesehatan Suriah")
    html = client.get(f"/articles/{article.id}/claims/new?suggestion={suggestion.id}").text
    assert '<option selected value="government">' in html
    assert '<option selected value="yes">' in html


@pytest.mark.parametrize("plural", ["actors", "places"])
def test_a_save_over_someone_elses_change_is_refused_showing_theirs_and_keeping_mine(
    app, db, world, plural
):
    first, second = app.test_client(), app.test_client()
    first_token, second_token = login(first, db, "reviewer"), login(second, db, "editor")
    record = world.dema if plural == "actors" else world.hatay
    url = f"/{plural}/{record.id}/edit"
    mine_form, theirs_form = first.get(url).text, second.get(url).text
    seen = mine_form.split('name="seen" type="hidden" value="')[1].split('"')[0]
    assert seen and seen in theirs_form
    base = {"kind": "government"} if plural == "actors" else {"within": str(record.within_id or 0)}
    theirs = second.post(
        url, data=base | {"csrf_token": second_token, "seen": seen, "aliases": "Their name"}
    )
    assert theirs.status_code == 302
    mine = first.post(
        url, data=base | {"csrf_token": first_token, "seen": seen, "aliases": "My typed name"}
    )
    assert mine.status_code == 409
    assert "someone changed" in mine.text and "Their name" in mine.text  # theirs, shown
    assert "My typed name" in mine.text  # mine, kept in the form
    db.session.expire_all()
    model = type(record)
    assert db.session.get(model, record.id).aliases == ["Their name"]  # nothing of mine written
    fresh = mine.text.split('name="seen" type="hidden" value="')[1].split('"')[0]
    again = first.post(
        url, data=base | {"csrf_token": first_token, "seen": fresh, "aliases": "My typed name"}
    )
    assert again.status_code == 302  # saving again, knowingly, over theirs
    db.session.expire_all()
    assert db.session.get(model, record.id).aliases == ["My typed name"]


def test_the_outlet_page_shows_its_twin_and_a_reviewer_edits_it(client, db, world):
    """The outlet page as the actor page: what it is, its likely twin, and an edit form whose
    refusal keeps the typing."""
    from factcheck.models import Outlet

    token = login(client, db)
    page = client.get(f"/outlets/{world.wire_copy.id}").text
    assert "Wire Service" in page and "WS" in page
    assert f'href="/outlets/{world.wire.id}">Wire</a>' in page  # the likely twin
    url = f"/outlets/{world.wire_copy.id}/edit"
    form = client.get(url).text
    seen = form.split('name="seen" type="hidden" value="')[1].split('"')[0]
    typed = {"csrf_token": token, "seen": seen, "kind": "news agency", "country": "Türkiye"}
    refused = client.post(url, data=typed | {"aliases": "WS\nWire", "notes": "Mirror of Wire."})
    assert refused.status_code == 400 and "Mirror of Wire." in refused.text
    saved = client.post(url, data=typed | {"aliases": "WS\nWire S.", "notes": "Mirror of Wire."})
    assert saved.status_code == 302, saved.text
    db.session.expire_all()
    outlet = db.session.get(Outlet, world.wire_copy.id)
    assert (outlet.country, outlet.notes) == ("Türkiye", "Mirror of Wire.")
    assert sorted(outlet.aliases) == ["WS", "Wire S."]


def test_a_claims_place_is_offered_on_its_form_and_shown_where_claims_are_listed(client, db, world):
    """§10 on the pages: the claim form offers the event's places (and those inside them), and
    the article's table and the search results show each claim's place."""
    from factcheck.models import Claim

    login(client, db)
    claim = db.session.scalar(sa.select(Claim).where(Claim.place_id == world.hatay.id))
    form = client.get(f"/claims/{claim.id}/edit").text
    offered = form.split('<datalist id="event-places">')[1].split("</datalist>")[0]
    assert {'<option value="Turkey">', '<option value="Türkiye">', '<option value="Hatay">'} <= {
        f"<option{part}" for part in offered.split("<option") if part
    }
    article = client.get(f"/articles/{claim.article_id}").text
    assert '<td class="place">Hatay</td>' in article
    found = client.get("/search/?q=soldiers").text
    assert '<td class="place">Hatay</td>' in found


def test_claims_are_found_by_their_speakers_and_outlets_other_names(client, db, world):
    """A search for a name a speaker or an outlet goes by finds its claims, as its own name does."""
    import re

    login(client, db)

    def ids(query: str) -> set[str]:
        page = client.get(f"/search/?q={query}").text
        return set(re.findall(r'<a href="/claims/(\d+)">', page))

    from factcheck.models import Claim

    def spoken_by(actor) -> set[str]:
        rows = db.session.scalars(
            sa.select(Claim.id).where(
                sa.or_(Claim.attributed_to_id == actor.id, Claim.cites_id == actor.id)
            )
        )
        return {str(i) for i in rows}

    assert ids("DEMA") == spoken_by(world.dema) and spoken_by(world.dema)  # an alias
    assert ids("Turkey%27s") == spoken_by(world.afad) != spoken_by(world.dema)  # AFAD's alias
    assert ids("WS") == ids("Wire+Service") and ids("WS")  # an alias of the copying outlet
    assert not ids("Nobody+by+that+name")


@pytest.mark.parametrize(
    "plural, entity_type, loser, keeper",
    [
        ("actors", "actor", "dema", "afad"),
        ("outlets", "outlet", "wire_copy", "wire"),
        ("places", "place", "turkiye", "turkey"),
    ],
)
def test_the_survivor_of_a_merge_saves_its_form_as_served(
    app, db, world, plural, entity_type, loser, keeper
):
    merged, survivor = getattr(world, loser), getattr(world, keeper)
    merges.merge(entity_type, merged, survivor, user_id=None)
    reviewer = app.test_client()
    login(reviewer, db)
    url = f"/{plural}/{survivor.id}/edit"
    served = form_as_served(reviewer.get(url).get_data(as_text=True))
    assert merged.name in served["aliases"][0]
    saved = reviewer.post(url, data=served)
    assert saved.status_code == 302, saved.get_data(as_text=True)
    db.session.expire_all()
    assert merged.name in db.session.get(type(survivor), survivor.id).aliases


def test_an_outlet_edited_keeps_a_kind_stored_from_outside_the_list(client, db, world):
    """A kind a restored backup brought: shown chosen, saved as it is, not as the first kind."""
    from factcheck.models import Outlet

    db.session.execute(
        sa.update(Outlet).where(Outlet.id == world.wire_copy.id).values(kind="wire service")
    )
    db.session.commit()
    token = login(client, db)
    url = f"/outlets/{world.wire_copy.id}/edit"
    served = form_as_served(client.get(url).text)
    assert served["kind"] == ["wire service"]
    saved = client.post(url, data=served | {"csrf_token": token, "notes": "Mirror."})
    assert saved.status_code == 302, saved.text
    db.session.expire_all()
    assert db.session.get(Outlet, world.wire_copy.id).kind == "wire service"
    broadcaster = client.get(url).text
    assert '<option value="broadcaster">broadcaster</option>' in broadcaster  # radio and TV


def test_a_place_merge_says_what_moves_and_events_name_their_area(client, db, world):
    login(client, db, "editor")
    page = client.get(f"/places/{world.turkey.id}/merge-into/{world.turkiye.id}").text
    assert "Every claim placed in Turkey" in page and "the places within it" in page
    assert "article published" not in page and "one origin" not in page  # an outlet's words
    # The events list and the event page name the places the event covers, as stored.
    listed = client.get("/events/").text
    assert "<td>Turkey, Türkiye</td>" in listed
    assert "Turkey, Türkiye" in client.get("/events/2023-quake").text


def test_a_refused_merge_says_why_in_the_readers_language(client, db, world):
    token = login(client, db, "editor")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "id"
    itself = client.post(
        f"/actors/{world.dema.id}/merge-into/{world.dema.id}",
        data={"csrf_token": token},
        follow_redirects=True,
    ).text
    assert "Tidak digabungkan: sebuah catatan tidak dapat digabungkan ke dirinya sendiri." in itself
    merges.merge("actor", world.dema, world.afad, user_id=None)
    again = client.post(
        f"/actors/{world.dema.id}/merge-into/{world.army.id}",
        data={"csrf_token": token},
        follow_redirects=True,
    ).text
    assert f"sudah digabungkan ke AFAD ({world.afad.id})" in again
