"""Verdicts on claims: reviewers draft, editors publish (DOMAIN.md §7)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for

from factcheck.api.auth import allowed, current_user
from factcheck.api.base import ApiBlueprint, documents, get_or_404, page_of, page_schema
from factcheck.api.fields import ID
from factcheck.api.inputs import REVIEW_SORTS, ReviewFilter, ReviewIn
from factcheck.api.problems import abort, refused
from factcheck.api.schemas import ReviewSchema
from factcheck.extensions import db
from factcheck.models import Claim, Review
from factcheck.services import reviews as review_service
from factcheck.services.claims import InvalidChange

bp = ApiBlueprint(
    "reviews", __name__, "/reviews", "Verdicts: a rating, a rationale and evidence for one claim."
)


@bp.route("")
@bp.arguments(ReviewFilter, location="query")
@bp.response(200, page_schema(ReviewSchema))
def list_reviews(args: dict):
    """Verdicts by claim, rating and whether they are published."""
    query = sa.select(Review)
    if args.get("claim"):
        query = query.where(Review.claim_id == args["claim"])
    if args.get("rating"):
        query = query.where(Review.rating == args["rating"])
    if args.get("published") is not None:
        query = query.where(Review.published.is_(args["published"]))
    return page_of(query, args, REVIEW_SORTS, Review.id)


@bp.route("", methods=["POST"])
@allowed("draft")
@bp.arguments(ReviewIn)
@bp.response(201, ReviewSchema)
@documents(bp, 403)
def draft(data: dict):
    """Draft a verdict on a claim; an editor publishes it."""
    claim = db.session.get(Claim, data["claim_id"])
    if claim is None:
        abort(422, f"claim_id: there is no claim {data['claim_id']}.")
    try:
        review = review_service.draft_review(
            claim,
            data["rating"],
            data["rationale"],
            data["evidence_links"],
            user_id=current_user().id,
            via="api",
        )
    except InvalidChange as err:
        db.session.rollback()
        refused(422, err)
    return review, 201, {"Location": url_for("api_reviews.show", review_id=review.id)}


@bp.route(f"/<{ID}:review_id>")
@bp.response(200, ReviewSchema)
@documents(bp, 404)
def show(review_id: int):
    """One verdict."""
    return get_or_404(Review, review_id, "verdict")


@bp.route(f"/<{ID}:review_id>/publish", methods=["POST"])
@allowed("publish")
@bp.response(200, ReviewSchema)
@documents(bp, 403, 404, 409)
def publish(review_id: int):
    """Publish a drafted verdict: an editor's act. It then appears in ClaimReview JSON-LD."""
    review = get_or_404(Review, review_id, "verdict")
    try:
        review_service.publish_review(review, user_id=current_user().id, via="api")
    except InvalidChange as err:
        db.session.rollback()
        refused(409, err)
    return review
