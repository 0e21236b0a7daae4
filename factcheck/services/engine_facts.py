"""Build the engine's plain inputs (ClaimFacts, RelationFacts) from stored rows."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from factcheck.domain.reconciliation import ClaimFacts, RelationFacts, Source
from factcheck.extensions import db
from factcheck.models import Actor, Article, Claim, Event, Outlet, Relation

# Kinds whose word is an accountable authority's: a count from them can be "confirmed".
ACCOUNTABLE_ACTOR_KINDS = {"government", "military", "international organisation"}
ACCOUNTABLE_OUTLET_KINDS = {"government"}


def _outlet_source(outlet: Outlet) -> Source:
    return Source(
        key=f"outlet:{outlet.name}",
        name=outlet.name,
        kind=outlet.kind,
        partisan=False,  # outlets are never party_to an event; their speakers may be
        accountable=outlet.kind in ACCOUNTABLE_OUTLET_KINDS,
    )


def _actor_source(actor: Actor, event_id: int) -> Source:
    return Source(
        key=f"actor:{actor.name}",
        name=actor.name,
        kind=actor.kind,
        partisan=any(e.id == event_id for e in actor.party_to),
        accountable=actor.kind in ACCOUNTABLE_ACTOR_KINDS,
    )


def event_facts(event: Event) -> tuple[list[ClaimFacts], list[RelationFacts]]:
    """Every claim of the event (withdrawn ones too: they show as set aside) and the live relations among them."""
    claims = db.session.scalars(
        sa.select(Claim)
        .where(Claim.event_id == event.id)
        .options(
            selectinload(Claim.article).selectinload(Article.outlet),
            selectinload(Claim.article).selectinload(Article.republished_from),
            selectinload(Claim.attributed_to).selectinload(Actor.party_to),
            selectinload(Claim.cites).selectinload(Actor.party_to),
        )
        .order_by(Claim.id)
    ).all()
    facts = [claim_facts(c, event) for c in claims]
    ids = {c.id for c in claims}
    relations = db.session.scalars(
        sa.select(Relation)
        .where(Relation.withdrawn_at.is_(None), Relation.source_id.in_(ids), Relation.target_id.in_(ids))
        .order_by(Relation.id)
    ).all()
    return facts, [RelationFacts(r.id, r.type, r.source_id, r.target_id, r.note or "") for r in relations]


def claim_facts(claim: Claim, event: Event) -> ClaimFacts:
    article = claim.article
    withdrawn = claim.withdrawn_at is not None or article.withdrawn_at is not None
    return ClaimFacts(
        id=claim.id,
        kind=claim.kind,
        event=event.slug,
        metric=claim.metric,
        category=claim.category,
        category_label=claim.category_label,
        qualifier=claim.qualifier,
        modality=claim.modality,
        value=claim.value,
        lower=claim.lower,
        upper=claim.upper,
        point=claim.point,
        stated_on=claim.stated_on,
        article_id=claim.article_id,
        outlet=_outlet_source(article.outlet),
        original_outlet=_outlet_source(article.republished_from) if article.republished_from else None,
        speaker=_actor_source(claim.attributed_to, event.id) if claim.attributed_to else None,
        cites=_actor_source(claim.cites, event.id) if claim.cites else None,
        rank="deprecated" if withdrawn else claim.rank,
        rank_reason="withdrawn" if withdrawn and claim.rank != "deprecated" else (
            claim.deprecated_reason or claim.preferred_reason
        ),
    )
