"""A small world of duplicates for the merge tests: one authority under two names, two outlets, places.

AFAD and "Disaster and Emergency Management Authority" each give the same
killed count on the same day, from articles of two outlets that are one, so
that the group counts two origins until the two actors are merged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import sqlalchemy as sa

from factcheck.domain.claim_rules import ClaimDraft
from factcheck.extensions import db
from factcheck.models import (
    Actor,
    Alias,
    Article,
    Claim,
    Event,
    Outlet,
    Place,
    Reconciliation,
    actor_party_to,
    event_places,
)
from factcheck.services import articles, claims, places, sources
from factcheck.services.sources import ActorDraft, OutletDraft

AFAD_TEXT = "AFAD said 1,541 people had been killed, and 20,534 were injured."
DEMA_TEXT = (
    "The Disaster and Emergency Management Authority said 1,541 people had been killed. "
    "The Turkish army said 4,000 soldiers were deployed in Hatay."
)


@dataclass
class World:
    event: Event
    afad: Actor
    dema: Actor
    army: Actor
    wire: Outlet
    wire_copy: Outlet
    turkey: Place
    turkiye: Place
    hatay: Place


def _article(text: str, outlet: Outlet, event: Event, copy_of: Outlet | None = None) -> Article:
    return articles.create_article(
        text=text,
        title=text[:40],
        outlet=outlet,
        language="en",
        published_at=datetime(2023, 2, 6, 17, tzinfo=UTC),
        url=None,
        event=event,
        republished_from=copy_of,
        user_id=None,
    )


def _killed(article: Article, quote: str, speaker: Actor, **extra) -> Claim:
    draft = ClaimDraft(
        exact=quote,
        kind="quantity",
        event_id=article.event_id,
        stated_on=date(2023, 2, 6),
        attributed_to_id=speaker.id,
        metric="killed",
        category="total",
        qualifier="exact",
        value=1541,
        **extra,
    )
    return claims.create_claim(article, draft, user_id=None)


def build() -> World:
    """Store the world through the services and commit it."""
    event = Event(slug="2023-quake", title="2023 earthquake")
    db.session.add(event)
    db.session.flush()
    turkey = places.place_named("Turkey")
    turkiye = places.place_named("Türkiye")
    hatay = places.place_named("Hatay", within=turkiye)
    places.cover(event, [turkey, turkiye])
    afad = sources.create_actor(
        ActorDraft(
            "AFAD",
            "government",
            affiliation="Turkey",
            party_to=(event.id,),
            aliases=("Turkey's disaster and emergency management authority",),
        )
    )
    dema = sources.create_actor(
        ActorDraft("Disaster and Emergency Management Authority", "government", aliases=("DEMA",))
    )
    army = sources.create_actor(ActorDraft("Turkish army", "military", party_to=(event.id,)))
    wire = sources.create_outlet(OutletDraft("Wire", "news agency"))
    wire_copy = sources.create_outlet(OutletDraft("Wire Service", "news agency", aliases=("WS",)))
    first = _article(AFAD_TEXT, wire, event)
    second = _article(DEMA_TEXT, wire_copy, event, copy_of=wire_copy)
    _killed(first, "1,541 people had been killed", afad)
    _killed(second, "1,541 people had been killed", dema)
    claims.create_claim(
        second,
        ClaimDraft(
            exact="4,000 soldiers were deployed in Hatay",
            kind="statement",
            event_id=event.id,
            stated_on=date(2023, 2, 6),
            attributed_to_id=army.id,
            cites_id=dema.id,
            proposition="soldiers deployed",
            place="Hatay",
        ),
        user_id=None,
    )
    db.session.commit()
    return World(event, afad, dema, army, wire, wire_copy, turkey, turkiye, hatay)


def references() -> dict[str, list[tuple]]:
    """Every foreign key a merge may move, and every alias and merged_into_id, as plain rows."""

    def rows(query) -> list[tuple]:
        return sorted(tuple(r) for r in db.session.execute(query))

    return {
        "claims": rows(sa.select(Claim.id, Claim.attributed_to_id, Claim.cites_id, Claim.place_id)),
        "articles": rows(
            sa.select(Article.id, Article.outlet_id, Article.republished_from_outlet_id)
        ),
        "places": rows(sa.select(Place.id, Place.within_id, Place.merged_into_id)),
        "actors": rows(sa.select(Actor.id, Actor.merged_into_id)),
        "outlets": rows(sa.select(Outlet.id, Outlet.merged_into_id)),
        "event_places": rows(sa.select(event_places.c.event_id, event_places.c.place_id)),
        "party_to": rows(sa.select(actor_party_to.c.actor_id, actor_party_to.c.event_id)),
        "aliases": rows(sa.select(Alias.id, Alias.entity_type, Alias.entity_id, Alias.name)),
    }


def origin_text(metric: str = "killed", category: str = "total") -> str:
    """The stored explanation step that counts the group's origins."""
    db.session.expire_all()
    result = db.session.scalar(
        sa.select(Reconciliation).filter_by(metric=metric, category=category)
    )
    return next(
        s["text"]
        for s in result.steps
        if s["rule"] == "origin" and s["text"].startswith("Current count figures come from")
    )
