"""ClaimReview JSON-LD for every published verdict in a report's snapshot."""

from __future__ import annotations

import json

from factcheck.domain.claimreview import ReviewedClaim, Verdict, claim_review
from factcheck.services.reports.view import ReportMeta


def claim_reviews(snapshot: dict, meta: ReportMeta) -> list[dict]:
    """One ClaimReview per published review, in the snapshot's order (claim, then date)."""
    claims = {c["id"]: c for c in snapshot["claims"]}
    out = []
    for review in snapshot["reviews"]:
        claim = claims[review["claim_id"]]
        reviewed = ReviewedClaim(
            text=claim["proposition"] or claim["quote"],
            author=claim["speaker"] or claim["republished_from"] or claim["outlet"],
            author_is_person=bool(claim["speaker"]) and claim["speaker_is_person"],
            date=claim["stated_on"],
            appearance_url=claim["url"],
            appearance_headline=claim["article_title"],
            appearance_date=claim["published_at"],
            appearance_publisher=claim["outlet"],
            language=claim["language"],
        )
        verdict = Verdict(
            rating=review["rating"],
            published_on=review["published_at"][:10],
            rationale=review["rationale"] or "",
        )
        out.append(
            claim_review(
                reviewed,
                verdict,
                f"{meta.page_url}#claim-{claim['id']}",
                meta.publisher,
                meta.publisher_url,
            )
        )
    return out


def render_jsonld(snapshot: dict, meta: ReportMeta) -> bytes:
    """A JSON array of ClaimReview documents (each with its @context), UTF-8, sorted keys."""
    text = (
        json.dumps(claim_reviews(snapshot, meta), sort_keys=True, ensure_ascii=False, indent=2)
        + "\n"
    )
    return text.encode("utf-8")
