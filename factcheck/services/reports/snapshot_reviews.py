"""The published verdicts a report snapshot carries, as plain JSON values (see snapshot.py).

A claim's verdict is the one its public page shows: a verdict corrected since
(superseded on the page) or withdrawn stays out, so a report never carries a
second, contradictory verdict. A verdict published before pages existed has no
page and is carried as it is.
"""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import PublishedVerdict, Review, User
from factcheck.services.json_values import plain

PAGE_PREFIX = "/fact-checks/"


def reviews(claim_ids: set[int]) -> list[dict]:
    if not claim_ids:
        return []
    pages = {
        v.claim_id: v
        for v in db.session.scalars(
            sa.select(PublishedVerdict).where(PublishedVerdict.claim_id.in_(sorted(claim_ids)))
        )
    }
    rows = db.session.execute(
        # The reviewer's display name (else role), never their address: snapshots end up in
        # public files.
        sa.select(Review, sa.func.coalesce(User.display_name, User.role).label("reviewer"))
        .outerjoin(User, User.id == Review.reviewer_id)
        .where(Review.claim_id.in_(sorted(claim_ids)), Review.published.is_(True))
        .order_by(Review.claim_id, Review.published_at, Review.id)
    ).all()
    out = []
    for r in rows:
        page = pages.get(r.Review.claim_id)
        if page is not None and (page.status != "published" or page.review_id != r.Review.id):
            continue  # superseded by a correction, or withdrawn
        out.append(
            {
                "id": r.Review.id,
                "claim_id": r.Review.claim_id,
                "rating": r.Review.rating,
                "rating_value": r.Review.rating_value,
                "rationale": r.Review.rationale,
                "evidence_links": list(r.Review.evidence_links or []),
                "reviewer": r.reviewer,
                "published_at": plain(page.published_at if page else r.Review.published_at),
                "modified_at": plain(page.modified_at) if page else None,
                "corrections": list(page.corrections) if page else [],
                "page": PAGE_PREFIX + page.slug if page else None,
            }
        )
    return out
