"""Keep stored claim ranks in step with relations and withdrawals (DOMAIN.md §4).

The stored rank is what search, lists and the event page show, so every change
that can move a rank (a relation, a claim's or an article's withdrawal) ends here.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from factcheck.domain.ranks import decide_ranks
from factcheck.extensions import db
from factcheck.models import Article, Claim, Relation
from factcheck.services import history
from factcheck.services.json_values import row_dict


def refresh_ranks(
    event_ids: Iterable[int], user_id: int | None = None, via: str = "engine"
) -> list[Claim]:
    """Re-decide the rank of every claim of these events; return the claims that changed."""
    ids = sorted(set(event_ids))
    if not ids:
        return []
    rows = db.session.execute(
        sa.select(Claim, Article.withdrawn_at)
        .join(Article, Article.id == Claim.article_id)
        .where(Claim.event_id.in_(ids))
    ).all()
    claims = [claim for claim, _ in rows]
    # Withdrawn as effective_rank reads it: the claim, or the article it is in.
    withdrawn = [c.id for c, article_withdrawn_at in rows if c.withdrawn_at or article_withdrawn_at]
    by_id = {c.id: c for c in claims}
    relations = db.session.execute(
        sa.select(Relation.type, Relation.source_id, Relation.target_id).where(
            Relation.withdrawn_at.is_(None), Relation.target_id.in_(list(by_id))
        )
    ).all()
    decided = decide_ranks(
        by_id,
        [tuple(r) for r in relations],
        withdrawn=withdrawn,
        preferred={c.id: c.preferred_reason for c in claims if c.preferred_reason},
        set_aside=[c.id for c in claims if c.set_aside_reason],
    )
    changed = []
    for claim_id, decision in decided.items():
        claim = by_id[claim_id]
        deprecated_reason = decision.reason if decision.rank == "deprecated" else None
        if (claim.rank, claim.deprecated_reason) == (decision.rank, deprecated_reason):
            continue
        before = row_dict(claim)
        claim.rank, claim.deprecated_reason = decision.rank, deprecated_reason
        db.session.flush()
        history.record(claim, "update", before, user_id=user_id, via=via)
        changed.append(claim)
    return changed
