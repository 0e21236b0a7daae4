"""Keep stored claim ranks in step with relations and withdrawals (DOMAIN.md §4)."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from factcheck.domain.ranks import decide_ranks
from factcheck.extensions import db
from factcheck.models import Claim, Relation
from factcheck.services import history
from factcheck.services.json_values import row_dict


def refresh_ranks(
    event_ids: Iterable[int], user_id: int | None = None, via: str = "engine"
) -> list[Claim]:
    """Re-decide the rank of every claim of these events; return the claims that changed."""
    ids = sorted(set(event_ids))
    if not ids:
        return []
    claims = db.session.scalars(sa.select(Claim).where(Claim.event_id.in_(ids))).all()
    by_id = {c.id: c for c in claims}
    relations = db.session.execute(
        sa.select(Relation.type, Relation.source_id, Relation.target_id).where(
            Relation.withdrawn_at.is_(None), Relation.target_id.in_(list(by_id))
        )
    ).all()
    decided = decide_ranks(
        by_id,
        [tuple(r) for r in relations],
        withdrawn=[c.id for c in claims if c.withdrawn_at is not None],
        preferred={c.id: c.preferred_reason for c in claims if c.preferred_reason},
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
