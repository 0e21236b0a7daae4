"""Verdicts on claims: reviewers draft, editors publish (DOMAIN.md §7)."""

from __future__ import annotations

from flask import current_app

from factcheck.domain.vocabulary import RATINGS
from factcheck.extensions import db
from factcheck.models import Claim, Review
from factcheck.models.types import utcnow
from factcheck.services import history, published_verdicts
from factcheck.services.claims import InvalidChange
from factcheck.services.json_values import row_dict
from factcheck.services.unit_of_work import transaction


def draft_review(
    claim: Claim,
    rating: str,
    rationale: str,
    evidence_links: list[str],
    user_id: int,
    via: str = "web",
) -> Review:
    if rating not in RATINGS:
        raise InvalidChange(f"unknown rating {rating!r}; expected one of: {', '.join(RATINGS)}")
    published_verdicts.refuse_withdrawn(claim)
    review = Review(
        claim_id=claim.id,
        rating=rating,
        rationale=rationale,
        evidence_links=evidence_links,
        reviewer_id=user_id,
    )
    with transaction():
        db.session.add(review)
        db.session.flush()
        history.record(review, "create", None, user_id=user_id, via=via)
    return review


def publish_review(review: Review, user_id: int, via: str = "web") -> Review:
    """An editor's act: the verdict becomes public (and goes into ClaimReview JSON-LD)."""
    if review.published:
        raise InvalidChange(f"verdict {review.id} is published already")
    published_verdicts.refuse_withdrawn(db.session.get(Claim, review.claim_id))
    if current_app.config.get("VERDICT_SECOND_PERSON") and review.reviewer_id == user_id:
        raise InvalidChange(
            "a verdict is published by someone other than its author: ask another editor"
        )
    with transaction():
        before = row_dict(review)
        review.published, review.published_at, review.published_by_id = True, utcnow(), user_id
        db.session.flush()
        history.record(review, "publish", before, user_id=user_id, via=via)
        published_verdicts.open_page(review, user_id, via)  # the claim's public page shows it
    return review
