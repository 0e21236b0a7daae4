"""Search claims by text, actor, outlet, metric, event, rank and conflict status.

The web search page and the API's claim list read their own query strings into a
ClaimSearch and share this one query.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import Article, Claim, Conflict


@dataclass(frozen=True)
class ClaimSearch:
    q: str = ""
    actor: int | None = None
    outlet: int | None = None
    metric: str | None = None
    event: int | None = None
    rank: str | None = None
    kind: str | None = None
    conflict: str | None = None
    withdrawn: bool = False


def claim_query(search: ClaimSearch) -> sa.Select:
    """The claims matching the filters, newest statement first."""
    query = sa.select(Claim).join(Article, Article.id == Claim.article_id)
    if text := search.q.strip():
        like = f"%{text}%"
        query = query.where(
            sa.or_(
                Claim.exact.ilike(like),
                Claim.proposition.ilike(like),
                Claim.category_label.ilike(like),
            )
        )
    if actor := search.actor:
        query = query.where(sa.or_(Claim.attributed_to_id == actor, Claim.cites_id == actor))
    if outlet := search.outlet:
        query = query.where(
            sa.or_(Article.outlet_id == outlet, Article.republished_from_outlet_id == outlet)
        )
    if metric := search.metric:
        query = query.where(Claim.metric == metric)
    if event := search.event:
        query = query.where(Claim.event_id == event)
    if rank := search.rank:
        query = query.where(Claim.rank == rank)
    if kind := search.kind:
        query = query.where(Claim.kind == kind)
    if status := search.conflict:
        in_conflict = sa.select(Conflict.claim_ids).where(Conflict.status == status)
        ids = {i for (claim_ids,) in db.session.execute(in_conflict) for i in claim_ids}
        query = query.where(Claim.id.in_(ids))
    if not search.withdrawn:  # withdrawn as effective_rank reads it: the claim or its article
        query = query.where(Claim.withdrawn_at.is_(None), Article.withdrawn_at.is_(None))
    return query.order_by(Claim.stated_on.desc(), Claim.id.desc())
