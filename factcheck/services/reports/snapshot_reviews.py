"""The published verdicts a report snapshot carries, as plain JSON values (see snapshot.py)."""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import Review, User
from factcheck.services.json_values import plain


def reviews(claim_ids: set[int]) -> list[dict]:
    if not claim_ids:
        return []
    rows = db.session.execute(
        sa.select(Review, User.email.label("reviewer"))
        .outerjoin(User, User.id == Review.reviewer_id)
        .where(Review.claim_id.in_(sorted(claim_ids)), Review.published.is_(True))
        .order_by(Review.claim_id, Review.published_at, Review.id)
    ).all()
    return [
        {
            "id": r.Review.id,
            "claim_id": r.Review.claim_id,
            "rating": r.Review.rating,
            "rating_value": r.Review.rating_value,
            "rationale": r.Review.rationale,
            "evidence_links": list(r.Review.evidence_links or []),
            "reviewer": r.reviewer,
            "published_at": plain(r.Review.published_at),
        }
        for r in rows
    ]
