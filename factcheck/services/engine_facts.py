"""Build the engine's plain inputs (ClaimFacts, RelationFacts) from stored rows.

Rows come through SQLAlchemy Core, a batch of events at a time, and outlets and
actors are read once per batch: a rebuild of a million claims stays a handful
of queries per batch and never holds more than one batch in memory. The rows
become facts in the compiled engine (claim_rows.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from factcheck.domain.reconciliation import ClaimFacts, RelationFacts, Source
from factcheck.domain.reconciliation.claim_rows import (
    Speakers,
    actors_named,
    claims_by_event,
    outlet_source,
)
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


@dataclass(frozen=True)
class EventInputs:
    event_id: int
    slug: str
    is_open: bool
    claims: list[ClaimFacts]
    relations: list[RelationFacts]
    places: dict[str, str | None]  # place -> the place it lies within in the event (None: whole)


# A claim's stored columns and its article's (what a rebuild's input digest reads on SQLite).
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

# What the engine reads of a claim, in claim_rows.CLAIM_ROW's order: whether the claim or its
# article is withdrawn is all it needs of their withdrawal times.
FACT_COLUMNS = (
    *CLAIM_COLUMNS[:21],
    sa.or_(Claim.withdrawn_at.is_not(None), Article.withdrawn_at.is_not(None)).label("withdrawn"),
    Article.outlet_id,
    Article.republished_from_outlet_id,
)


def _outlets() -> dict[int, Source]:
    return {
        r.id: outlet_source(r.name, r.kind)
        for r in db.session.execute(sa.select(Outlet.id, Outlet.name, Outlet.kind))
    }


def _speakers(actor_ids: list[int], event_ids: list[int]) -> Speakers:
    """These actors, and their sides in these events."""
    actors = {
        r.id: (r.name, r.kind)
        for r in db.session.execute(
            sa.select(Actor.id, Actor.name, Actor.kind).where(among(Actor.id, actor_ids))
        )
    }
    sides = db.session.execute(
        sa.select(actor_party_to.c.actor_id, actor_party_to.c.event_id).where(
            among(actor_party_to.c.actor_id, actor_ids), among(actor_party_to.c.event_id, event_ids)
        )
    )
    return Speakers(actors, {(actor_id, event_id) for actor_id, event_id in sides})


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
            sa.select(*FACT_COLUMNS)
            .join(Article, Article.id == Claim.article_id)
            .where(among(Claim.event_id, ids))
            .order_by(Claim.event_id, Claim.id)
        )
        .all()
    )
    # The tree first, the names after: a place a reviewer adds meanwhile is then named too.
    raw_trees = places.parents(ids)
    place_names = dict(db.session.execute(sa.select(Place.id, Place.name)).all())
    claims = claims_by_event(
        rows,
        {e.id: e.slug for e in events},
        _outlets(),
        _speakers(actors_named(rows), ids),
        place_names,
    )
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
            e.id,
            e.slug,
            e.end_date is None,
            claims.get(e.id, []),
            relations[e.id],
            trees.get(e.id, {}),
        )
        for e in sorted(events)
    ]
