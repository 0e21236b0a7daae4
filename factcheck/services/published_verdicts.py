"""The public page of a claim's published verdict: publish, correct, withdraw (editors).

One page per claim at `/fact-checks/<slug>`, carrying exactly one ClaimReview.
Publishing a verdict opens the page (or, when the claim has one already, is a
correction of it); a correction replaces the ClaimReview in place, with
`dateModified`, and adds a dated note the page shows; a withdrawal removes the
ClaimReview and the page says so. Withdrawing a claim withdraws its verdict's
page with it. Every state is kept in the change history.
"""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.domain.said import Said
from factcheck.domain.vocabulary import RATINGS
from factcheck.extensions import db
from factcheck.models import Claim, PublishedVerdict, Review
from factcheck.models.types import utcnow
from factcheck.services import history
from factcheck.services.claims import InvalidChange
from factcheck.services.json_values import plain, row_dict
from factcheck.services.reports import jsonld, snapshot_rows
from factcheck.services.reports.identity import public_base_url, publisher_identity
from factcheck.services.reports.snapshot_reviews import PAGE_PREFIX
from factcheck.services.unit_of_work import transaction


def page_path(slug: str) -> str:
    return PAGE_PREFIX + slug


def page_url(slug: str) -> str:
    """The page's stable public address: the ClaimReview's `url`, what reports link to."""
    return public_base_url() + page_path(slug)


def verdict_of_claim(claim_id: int) -> PublishedVerdict | None:
    return db.session.scalar(
        sa.select(PublishedVerdict).where(PublishedVerdict.claim_id == claim_id)
    )


def find_page(slug: str) -> PublishedVerdict | None:
    return db.session.scalar(sa.select(PublishedVerdict).where(PublishedVerdict.slug == slug))


def build_claim_review(verdict: PublishedVerdict, review: Review) -> dict:
    """The page's ClaimReview from the claim as it stands and the verdict shown (one document)."""
    claim = verdict.claim
    rows = snapshot_rows.claims(Claim.id == claim.id, claim.event_id)
    articles = snapshot_rows.articles(None, {claim.article_id})
    shown = {
        "claim_id": claim.id,
        "rating": review.rating,
        "rationale": review.rationale,
        "published_at": plain(verdict.published_at),
        "modified_at": plain(verdict.modified_at),
    }
    identity = publisher_identity()
    snapshot = {"claims": rows, "articles": articles}
    return jsonld.review_document(
        snapshot, shown, page_url(verdict.slug), identity["name"], identity["url"]
    )


def open_page(review: Review, user_id: int | None, via: str = "web") -> PublishedVerdict:
    """Called as a verdict is published (inside its transaction): the claim's page shows it."""
    verdict = verdict_of_claim(review.claim_id)
    if verdict is not None:
        note = "A new verdict was published for this claim."
        return _replace(verdict, review, note, user_id, via, "update")
    claim = db.session.get(Claim, review.claim_id)
    verdict = PublishedVerdict(
        slug=f"{claim.event.slug}-claim-{claim.id}",
        claim_id=claim.id,
        review_id=review.id,
        status="published",
        corrections=[],
        published_at=review.published_at or utcnow(),
    )
    db.session.add(verdict)
    db.session.flush()
    verdict.claim_review = build_claim_review(verdict, review)
    db.session.flush()
    history.record(verdict, "publish", None, user_id=user_id, via=via)
    return verdict


def correct_verdict(
    verdict: PublishedVerdict,
    rating: str,
    rationale: str,
    note: str,
    user_id: int,
    via: str = "web",
) -> PublishedVerdict:
    """An editor's correction: a new published verdict on the page, with a dated note saying what changed."""
    if rating not in RATINGS:
        raise InvalidChange(f"unknown rating {rating!r}; expected one of: {', '.join(RATINGS)}")
    if not note.strip():
        raise InvalidChange("say what was corrected in a note; readers see it on the page")
    refuse_taken_down(verdict)
    now = utcnow()
    with transaction():
        review = Review(
            claim_id=verdict.claim_id,
            rating=rating,
            rationale=rationale,
            evidence_links=list(verdict.review.evidence_links or []),
            reviewer_id=user_id,
            published=True,
            published_at=now,
            published_by_id=user_id,
        )
        db.session.add(review)
        db.session.flush()
        history.record(review, "publish", None, user_id=user_id, via=via)
        _replace(verdict, review, note.strip(), user_id, via, "update", now)
    return verdict


def refuse_taken_down(verdict: PublishedVerdict) -> None:
    """Refuse a correction or a withdrawal posted to a page taken down: only a new verdict
    published for the claim (reviews.publish_review) brings it back, and the claim gets none
    while it or its article is withdrawn."""
    refuse_withdrawn(verdict.claim)
    if verdict.status != "published":
        raise InvalidChange(
            Said("this verdict is withdrawn: publish a new verdict for the claim to put it back")
        )


def refuse_withdrawn(claim: Claim) -> None:
    """A withdrawn claim, or one from a withdrawn article, takes its verdict down with it
    (published_verdicts.withdraw_with_claim): it gets no new one, and a correction does not bring it back."""
    if claim.withdrawn_at is not None:
        raise InvalidChange(
            Said("claim %(claim)s is withdrawn: restore it to give it a verdict", claim=claim.id)
        )
    if claim.article.withdrawn_at is not None:
        raise InvalidChange(
            Said(
                "the article of claim %(claim)s is withdrawn: restore it to give the claim a verdict",
                claim=claim.id,
            )
        )


def _replace(verdict, review, note, user_id, via, action, now=None) -> PublishedVerdict:
    """Show `review` on the page: the ClaimReview is rebuilt in place, the note joins the corrections."""
    now = now or utcnow()
    before = row_dict(verdict)
    verdict.corrections = [
        *verdict.corrections,
        {
            "at": plain(now),
            "note": note,
            "rating_before": verdict.review.rating,
            "rating_after": review.rating,
        },
    ]
    verdict.review_id, verdict.review = review.id, review
    verdict.status, verdict.modified_at = "published", now
    verdict.withdrawn_at = verdict.withdrawn_note = None
    verdict.claim_review = build_claim_review(verdict, review)
    db.session.flush()
    history.record(verdict, action, before, user_id=user_id, via=via)
    return verdict


def withdraw_verdict(
    verdict: PublishedVerdict, note: str, user_id: int | None, via: str = "web"
) -> PublishedVerdict:
    """Take the verdict down: the page stays and says so, with the note; its ClaimReview is removed."""
    if verdict.status == "withdrawn":
        raise InvalidChange(Said("this verdict is withdrawn already"))
    if not note.strip():
        raise InvalidChange(Said("say why the verdict is withdrawn; readers see it on the page"))
    with transaction():
        before = row_dict(verdict)
        verdict.status, verdict.withdrawn_at = "withdrawn", utcnow()
        verdict.withdrawn_note, verdict.claim_review = note.strip(), None
        db.session.flush()
        history.record(verdict, "withdraw", before, user_id=user_id, via=via)
    return verdict


def withdraw_with_claim(
    claim: Claim,
    user_id: int | None,
    via: str = "web",
    note: str = "The claim itself was withdrawn.",
) -> None:
    """A withdrawn claim's published verdict is withdrawn with it, visibly (called in its transaction)."""
    verdict = verdict_of_claim(claim.id)
    if verdict is not None and verdict.status == "published":
        withdraw_verdict(verdict, note, user_id, via)


def open_missing_pages(via: str = "upgrade") -> int:
    """Open the page of every claim whose verdict was published before verdicts had pages (an
    older database, or a backup without them); how many were opened. Running it again opens none.
    """
    with_page = sa.select(PublishedVerdict.claim_id)
    latest = (
        sa.select(Review)
        .where(Review.published.is_(True), Review.claim_id.not_in(with_page))
        .order_by(Review.claim_id, Review.published_at.desc(), Review.id.desc())
    )
    opened: dict[int, Review] = {}
    for review in db.session.scalars(latest):
        opened.setdefault(review.claim_id, review)  # the claim's latest published verdict
    count = 0
    with transaction():
        for review in opened.values():
            claim = db.session.get(Claim, review.claim_id)
            if claim.withdrawn_at is None and claim.article.withdrawn_at is None:
                open_page(review, None, via)
                count += 1
    return count
