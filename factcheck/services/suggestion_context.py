"""What the extraction assistant is told about an article's event before it reads the text:
the event's places with their aliases (to name a figure's place as it is stored), the places
that are its whole area, and the quantity claims of the event's other articles (to propose
"this looks like a correction of claim N"). Read-only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from factcheck.domain.extraction.links import Candidate
from factcheck.extensions import db
from factcheck.models import Actor, Alias, Article, Claim, Place
from factcheck.services.places import event_place_names

# The newest claims of the event the assistant compares a correction against.
CANDIDATE_CLAIMS = 2000


@dataclass(frozen=True)
class ExtractionContext:
    places: list[tuple[str, list[str]]]
    area: list[str]
    candidates: list[Candidate]


def _aliases(entity_type: str, ids: Iterable[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    ids = list(ids)
    if not ids:
        return out
    rows = db.session.execute(
        sa.select(Alias.entity_id, Alias.name)
        .where(Alias.entity_type == entity_type, Alias.entity_id.in_(ids))
        .order_by(Alias.id)
    )
    for entity_id, name in rows:
        out[entity_id].append(name)
    return out


def extraction_context(article: Article) -> ExtractionContext:
    """The event's places, area and other articles' quantity claims (empty without an event)."""
    if article.event_id is None:
        return ExtractionContext([], [], [])
    names = event_place_names(article.event_id)
    places = (
        db.session.scalars(sa.select(Place).where(Place.name.in_(names))).all() if names else []
    )
    aliases = _aliases("place", [p.id for p in places])
    claims = db.session.scalars(
        sa.select(Claim)
        .where(
            Claim.event_id == article.event_id,
            Claim.article_id != article.id,
            Claim.kind == "quantity",
            Claim.withdrawn_at.is_(None),
        )
        .order_by(Claim.id.desc())
        .limit(CANDIDATE_CLAIMS)
    ).all()
    speakers = {c.attributed_to_id for c in claims if c.attributed_to_id}
    actor_names = (
        dict(
            db.session.execute(sa.select(Actor.id, Actor.name).where(Actor.id.in_(speakers))).all()
        )
        if speakers
        else {}
    )
    actor_aliases = _aliases("actor", speakers)
    candidates = [
        Candidate(
            c.id,
            c.metric,
            c.category,
            c.place_name,
            c.value,
            c.qualifier,
            tuple([actor_names[c.attributed_to_id], *actor_aliases[c.attributed_to_id]])
            if c.attributed_to_id in actor_names
            else (),
            c.as_of or c.stated_on,
        )
        for c in claims
    ]
    return ExtractionContext(
        [(p.name, aliases[p.id]) for p in places],
        [p.name for p in article.event.places],
        candidates,
    )
