"""Build the engine's plain inputs (ClaimFacts, RelationFacts) from stored rows.

Rows come through SQLAlchemy Core, a batch of events at a time, and outlets and
actors are read once per batch: a rebuild of a million claims stays a handful
of queries per batch and never holds more than one batch in memory.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from factcheck.domain.ranks import effective_rank
from factcheck.domain.reconciliation import ClaimFacts, RelationFacts, Source
from factcheck.extensions import db
from factcheck.models import (
    Actor,
    Article,
    Claim,
    Event,
    Outlet,
    Place,
    Relation,
    actor_party_to,
)
from factcheck.services import places
from factcheck.services.id_lists import among

# Kinds whose word is an accountable authority's: a count from them can be "confirmed".
ACCOUNTABLE_ACTOR_KINDS = {"government", "military", "international organisation"}
ACCOUNTABLE_OUTLET_KINDS = {"government"}


@dataclass(frozen=True)
class EventInputs:
    event_id: int
    slug: str
    is_open: bool
    claims: list[ClaimFacts]
    relations: list[RelationFacts]
    places: dict[str, str | None]  # place -> the place it lies within in the event (None: whole)


def _outlet_source(row) -> Source:
    return Source(
        key=f"outlet:{row.name}",
        name=row.name,
        kind=row.kind,
        partisan=False,  # outlets are never party_to an event; their speakers may be
        accountable=row.kind in ACCOUNTABLE_OUTLET_KINDS,
    )


class _Sources:
    """Outlets and actors as engine Sources, built once each per batch."""

    def __init__(self, actor_ids: set[int]):
        self.outlets = {
            r.id: _outlet_source(r)
            for r in db.session.execute(sa.select(Outlet.id, Outlet.name, Outlet.kind))
        }
        self.actors = {}
        self.party_to: dict[int, set[int]] = defaultdict(set)
        if actor_ids:
            ids = sorted(actor_ids)
            for r in db.session.execute(
                sa.select(Actor.id, Actor.name, Actor.kind).where(among(Actor.id, ids))
            ):
                self.actors[r.id] = r
            for actor_id, event_id in db.session.execute(
                sa.select(actor_party_to.c.actor_id, actor_party_to.c.event_id).where(
                    among(actor_party_to.c.actor_id, ids)
                )
            ):
                self.party_to[actor_id].add(event_id)
        self._cache: dict[tuple[int, int], Source] = {}

    def actor(self, actor_id: int | None, event_id: int) -> Source | None:
        if actor_id is None:
            return None
        key = (actor_id, event_id)
        if key not in self._cache:
            row = self.actors[actor_id]
            self._cache[key] = Source(
                key=f"actor:{row.name}",
                name=row.name,
                kind=row.kind,
                partisan=event_id in self.party_to[actor_id],
                accountable=row.kind in ACCOUNTABLE_ACTOR_KINDS,
            )
        return self._cache[key]


CLAIM_COLUMNS = (
    Claim.id,
    Claim.event_id,
    Claim.kind,
    Claim.metric,
    Claim.category,
    Claim.category_label,
    Claim.qualifier,
    Claim.modality,
    Claim.value,
    Claim.lower,
    Claim.upper,
    Claim.point,
    Claim.stated_on,
    Claim.as_of,
    Claim.place_id,
    Claim.article_id,
    Claim.attributed_to_id,
    Claim.cites_id,
    Claim.rank,
    Claim.deprecated_reason,
    Claim.preferred_reason,
    Claim.withdrawn_at,
    Article.outlet_id,
    Article.republished_from_outlet_id,
    Article.withdrawn_at.label("article_withdrawn_at"),
)


def event_inputs(event_ids: Iterable[int]) -> list[EventInputs]:
    """Every claim (withdrawn ones too: they show as set aside) and live relation of these events."""
    ids = sorted(set(event_ids))
    if not ids:
        return []
    events = db.session.execute(
        sa.select(Event.id, Event.slug, Event.end_date).where(among(Event.id, ids))
    ).all()
    # Plain rows through the session's connection: only columns are read here, and the
    # Session's ORM result machinery would make one more pass over every row for nothing.
    rows = (
        db.session.connection()
        .execute(
            sa.select(*CLAIM_COLUMNS)
            .join(Article, Article.id == Claim.article_id)
            .where(among(Claim.event_id, ids))
            .order_by(Claim.event_id, Claim.id)
        )
        .all()
    )
    sources = _Sources({a for r in rows for a in (r.attributed_to_id, r.cites_id) if a is not None})
    claims: dict[int, list[ClaimFacts]] = defaultdict(list)
    slug = {e.id: e.slug for e in events}
    # The tree first, the names after: a place a reviewer adds meanwhile is then named too.
    raw_trees = places.parents(ids)
    place_names = dict(db.session.execute(sa.select(Place.id, Place.name)).all())
    for r in rows:
        claims[r.event_id].append(_claim_facts(r, slug[r.event_id], sources, place_names))
    trees = {
        event_id: {
            place_names[p]: (place_names[up] if up is not None else None) for p, up in tree.items()
        }
        for event_id, tree in raw_trees.items()
    }
    source_claim = sa.orm.aliased(Claim)
    relations: dict[int, list[RelationFacts]] = defaultdict(list)
    for r in db.session.execute(
        sa.select(
            Relation.id,
            Relation.type,
            Relation.source_id,
            Relation.target_id,
            Relation.note,
            source_claim.event_id,
        )
        .join(source_claim, source_claim.id == Relation.source_id)
        .where(Relation.withdrawn_at.is_(None), among(source_claim.event_id, ids))
        .order_by(Relation.id)
    ):
        relations[r.event_id].append(
            RelationFacts(r.id, r.type, r.source_id, r.target_id, r.note or "")
        )
    return [
        EventInputs(
            e.id, e.slug, e.end_date is None, claims[e.id], relations[e.id], trees.get(e.id, {})
        )
        for e in sorted(events)
    ]


def _claim_facts(r, event_slug: str, sources: _Sources, place_names: dict[int, str]) -> ClaimFacts:
    # Unpacked by position (CLAIM_COLUMNS' order): a row's fields read by name cost a lookup
    # each, 25 a claim, and a rebuild reads every claim.
    (
        claim_id,
        event_id,
        kind,
        metric,
        category,
        category_label,
        qualifier,
        modality,
        value,
        lower,
        upper,
        point,
        stated_on,
        as_of,
        place_id,
        article_id,
        attributed_to_id,
        cites_id,
        rank,
        deprecated_reason,
        preferred_reason,
        withdrawn_at,
        outlet_id,
        republished_from_outlet_id,
        article_withdrawn_at,
    ) = r
    withdrawn = withdrawn_at is not None or article_withdrawn_at is not None
    ranked = effective_rank(rank, deprecated_reason or preferred_reason, withdrawn)
    return ClaimFacts(
        claim_id,
        kind,
        event_slug,
        metric,
        category,
        category_label,
        qualifier,
        modality,
        value,
        lower,
        upper,
        point,
        stated_on,
        article_id,
        sources.outlets[outlet_id],
        sources.outlets[republished_from_outlet_id] if republished_from_outlet_id else None,
        sources.actor(attributed_to_id, event_id),
        sources.actor(cites_id, event_id),
        ranked.rank,
        ranked.reason,
        as_of,
        place_names.get(place_id) if place_id is not None else None,
    )
