"""Forms stay small at 10,000 actors (issue #13): the speaker and event fields list the likely
records and the rest are found as the reviewer types (/lookup/…, static/lookup.js)."""

from __future__ import annotations

import re

import sqlalchemy as sa

from factcheck.models import Actor, Article, Claim, Event
from factcheck.services.names import add_alias
from tests.support.web import login

MANY = 10_000


def _many_actors(db) -> None:
    db.session.execute(
        sa.insert(Actor), [{"name": f"Spokesperson {n:05d}", "kind": "person"} for n in range(MANY)]
    )
    db.session.commit()


def _article(db) -> Article:
    return db.session.scalar(sa.select(Article).order_by(Article.id))


def test_the_claim_form_stays_small_and_lists_the_events_speakers(client, db, reference_imported):
    _many_actors(db)
    login(client, db, "reviewer")
    article = _article(db)
    html = client.get(f"/articles/{article.id}/claims/new").get_data(as_text=True)
    # Listing 10,000 actors twice is about 1 MB; the likely ones are a few KB.
    assert len(html.encode()) < 120_000
    assert "Spokesperson 09999" not in html
    speakers = db.session.scalars(
        sa.select(Actor.name)
        .join(Claim, Claim.attributed_to_id == Actor.id)
        .where(Claim.event_id == article.event_id)
    ).all()
    assert speakers and all(name in html for name in speakers)
    assert 'data-lookup="/lookup/actors?event=' in html
    assert 'data-lookup="/lookup/events"' not in html  # one event: listed whole, nothing to find


def test_the_lookup_finds_by_name_and_alias_with_the_events_speakers_first(
    client, db, reference_imported
):
    _many_actors(db)
    login(client, db, "reviewer")
    article = _article(db)
    ministry = db.session.scalar(
        sa.select(Actor)
        .join(Claim, Claim.attributed_to_id == Actor.id)
        .where(Claim.event_id == article.event_id)
    )
    add_alias("actor", ministry, "Spokesperson Office")
    db.session.commit()
    found = client.get(f"/lookup/actors?q=spokesperson&event={article.event_id}").json
    assert found[0] == {"id": ministry.id, "name": ministry.name}  # by its other name, first
    assert len(found) == 20 and found[1]["name"] == "Spokesperson 00000"
    assert client.get("/lookup/actors?q=09999").json == [
        {"id": found[1]["id"] + 9999, "name": "Spokesperson 09999"}
    ]
    event = db.session.get(Event, article.event_id)
    assert client.get(f"/lookup/events?q={event.slug[:8]}").json[0]["id"] == event.id


def test_a_speaker_found_by_typing_is_accepted_and_an_unknown_one_is_refused(
    client, db, reference_imported
):
    _many_actors(db)
    token = login(client, db, "reviewer")
    article = _article(db)
    far = db.session.scalar(sa.select(Actor.id).where(Actor.name == "Spokesperson 07777"))
    quote = article.text[:20]
    data = {
        "csrf_token": token,
        "exact": quote,
        "start": "0",
        "kind": "allegation",
        "event_id": str(article.event_id),
        "stated_on": "2022-01-10",
        "proposition": "Someone alleged something.",
        "new_actor_kind": "person",
        "new_actor_party": "no",
        "metric": "",
        "category": "",
        "qualifier": "",
    }
    refused = client.post(
        f"/articles/{article.id}/claims/new", data={**data, "attributed_to_id": "99999999"}
    )
    assert refused.status_code == 400
    assert "Not a valid choice" in refused.get_data(as_text=True)
    assert "Someone alleged something." in refused.get_data(as_text=True)
    accepted = client.post(
        f"/articles/{article.id}/claims/new", data={**data, "attributed_to_id": str(far)}
    )
    page = accepted.get_data(as_text=True)
    assert accepted.status_code == 302, re.findall(r'class="error"[^>]*>([^<]*)', page)
    claim = db.session.scalar(sa.select(Claim).order_by(Claim.id.desc()))
    assert claim.attributed_to_id == far


def test_signed_out_visitors_get_no_lookup(client, db):
    assert client.get("/lookup/actors?q=a").status_code in (302, 401)


def test_an_edit_saves_when_the_claims_event_is_not_among_the_listed_ones(
    client, db, reference_imported, monkeypatch
):
    # Past LIST_ALL_UP_TO events the event field lists only the latest ones; the edit form does
    # not send the event (fixed once logged), so the claim's own event must count as chosen.
    # It did not: at 2,000 events 97 % of bench.load's saves came back 400 "Not a valid choice".
    from bench.load_reviewers import form_fields
    from factcheck.web import forms

    login(client, db, "reviewer")
    claim = db.session.scalar(
        sa.select(Claim).where(Claim.event_id.is_not(None)).order_by(Claim.id)
    )
    newer = Event(slug="a-newer-event", title="A newer event")
    db.session.add(newer)
    db.session.commit()
    monkeypatch.setattr(forms, "LIST_ALL_UP_TO", 0)
    monkeypatch.setattr(forms, "LIKELY", 1)  # lists the newest event only, not the claim's
    html = client.get(f"/claims/{claim.id}/edit").get_data(as_text=True)
    saved = client.post(f"/claims/{claim.id}/edit", data=form_fields(html) | {"place": "Somewhere"})
    page = saved.get_data(as_text=True)
    assert saved.status_code == 302, re.findall(r'class="error"[^>]*>([^<]*)', page)
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).place_name == "Somewhere"


def test_an_actor_edit_keeps_the_sides_it_takes_in_events_that_are_not_listed(
    client, db, reference_imported, monkeypatch
):
    # Past LIST_ALL_UP_TO events the "a side in these events" select lists the latest ones; an
    # event the actor is a side in must still be offered, selected, or saving the form drops it.
    from factcheck.web import forms

    token = login(client, db, "reviewer")
    event = db.session.scalar(sa.select(Event).order_by(Event.id))
    actor = Actor(name="A side of old", kind="government")
    actor.party_to.append(event)
    db.session.add_all([actor, Event(slug="a-newer-event", title="A newer event")])
    db.session.commit()
    monkeypatch.setattr(forms, "LIST_ALL_UP_TO", 0)
    monkeypatch.setattr(forms, "LIKELY", 1)  # lists the newest event only
    html = client.get(f"/actors/{actor.id}/edit").get_data(as_text=True)
    select = re.search(r'<select[^>]*name="party_to".*?</select>', html, re.S).group(0)
    chosen = re.findall(r'<option selected value="(\d+)"', select)
    assert chosen == [str(event.id)]
    saved = client.post(
        f"/actors/{actor.id}/edit",
        data={"csrf_token": token, "kind": "government", "party_to": chosen, "notes": "checked"},
    )
    assert saved.status_code == 302, re.findall(
        r'class="error"[^>]*>([^<]*)', saved.get_data(as_text=True)
    )
    db.session.expire_all()
    assert [e.id for e in db.session.get(Actor, actor.id).party_to] == [event.id]
