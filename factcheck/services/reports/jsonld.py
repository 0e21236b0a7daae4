"""ClaimReview JSON-LD for every published verdict in a report's snapshot."""

from __future__ import annotations

import json

from factcheck.domain.claim_reviewed import SaidClaim, claim_reviewed
from factcheck.domain.claimreview import Appearance, ReviewedClaim, Verdict, claim_review
from factcheck.services.reports.view import ReportMeta


def said_claim(claim: dict) -> SaidClaim:
    """A snapshot's claim as the speaker made it (older snapshots lack the translation)."""
    return SaidClaim(
        kind=claim["kind"],
        quote=claim["quote"],
        who=claim["speaker"] or claim["republished_from"] or claim["outlet"],
        proposition=claim["proposition"],
        translation=claim.get("translation"),
        metric=claim["metric"],
        category=claim["category"],
        qualifier=claim["qualifier"],
        value=claim["value"],
        lower=claim["lower"],
        upper=claim["upper"],
        unit=claim["unit"],
        place=claim.get("place"),
        as_of=claim["as_of"],
    )


def reviewed_claim(claim: dict, article: dict | None) -> ReviewedClaim:
    """The ClaimReview's itemReviewed: the claim, who said it, where it appeared (first)."""
    first = (article or {}).get("first_appearance")
    return ReviewedClaim(
        text=claim_reviewed(said_claim(claim)),
        author=claim["speaker"] or claim["republished_from"] or claim["outlet"],
        author_is_person=bool(claim["speaker"]) and claim["speaker_is_person"],
        date=claim["stated_on"],
        appearance_url=claim["url"],
        appearance_headline=claim["article_title"],
        appearance_date=claim["published_at"],
        appearance_publisher=claim["outlet"],
        language=claim["language"],
        first_appearance=Appearance(
            first["url"], first["title"], first["published_at"], first["outlet"], first["language"]
        )
        if first
        else None,
    )


def review_document(
    snapshot: dict, review: dict, url: str, publisher: str, publisher_url: str
) -> dict:
    """The ClaimReview of one published verdict in the snapshot, at its public address `url`."""
    claim = next(c for c in snapshot["claims"] if c["id"] == review["claim_id"])
    article = next((a for a in snapshot["articles"] if a["id"] == claim["article_id"]), None)
    verdict = Verdict(
        rating=review["rating"],
        published_on=review["published_at"][:10],
        rationale=review["rationale"] or "",
        modified_on=(review.get("modified_at") or "")[:10] or None,
    )
    return claim_review(reviewed_claim(claim, article), verdict, url, publisher, publisher_url)


def claim_reviews(snapshot: dict, meta: ReportMeta) -> list[dict]:
    """One ClaimReview per published review, in the snapshot's order (claim, then date).

    Each names the verdict's own public page as its `url` (reports link there rather
    than carry the markup); a review with no page yet points into the report.
    """
    base = meta.page_url.split("/reports/")[0]
    # The organisation's address; without one configured, the site the reviews are published on.
    publisher_url = meta.publisher_url or base
    documents = [
        review_document(snapshot, review, review_url(review, meta), meta.publisher, publisher_url)
        for review in snapshot["reviews"]
    ]
    if meta.is_draft:  # schema.org's own word for it; the published version's file has none
        documents = [{**d, "creativeWorkStatus": "Draft"} for d in documents]
    return documents


def review_url(review: dict, meta: ReportMeta) -> str:
    """The address of a verdict as a report knows it: its page, else its place in the report."""
    if review.get("page"):
        return meta.page_url.split("/reports/")[0] + review["page"]
    return f"{meta.page_url}#claim-{review['claim_id']}"


def render_jsonld(snapshot: dict, meta: ReportMeta) -> bytes:
    """A JSON array of ClaimReview documents (each with its @context), UTF-8, sorted keys."""
    text = (
        json.dumps(claim_reviews(snapshot, meta), sort_keys=True, ensure_ascii=False, indent=2)
        + "\n"
    )
    return text.encode("utf-8")
