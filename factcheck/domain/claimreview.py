"""schema.org ClaimReview JSON-LD for a published verdict (DOMAIN.md §7), from plain data.

A reviewer's rating maps to `reviewRating`: ratingValue on a 1..5 scale
(bestRating 5, worstRating 1) and the rating's label as alternateName;
"unverifiable" and "retracted by source" have no place on that scale and
carry alternateName only; `name` names the scale itself. The claim itself is
`itemReviewed`, a schema.org Claim with who made it (`author`), when
(`datePublished`), where it appeared (`appearance`: the article) and, when the
article republished another one, where it appeared first (`firstAppearance`).
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.domain.vocabulary import RATINGS

CONTEXT = "https://schema.org"
BEST_RATING = 5
WORST_RATING = 1
RATING_SCALE = "factcheck accuracy scale: 1 (inaccurate) to 5 (accurate)"


@dataclass(frozen=True)
class Appearance:
    """An article a claim appeared in: its address, headline, date and publisher."""

    url: str | None
    headline: str | None
    date: str | None  # ISO date or time it was published
    publisher: str | None  # the outlet
    language: str | None = None


@dataclass(frozen=True)
class ReviewedClaim:
    """What was claimed, by whom, when and where: the ClaimReview's itemReviewed."""

    text: str  # the claim as reviewed: the proposition, else the verbatim quote
    author: str  # the speaker, or the outlet when it speaks in its own voice
    author_is_person: bool
    date: str | None  # ISO date it was said (stated_on)
    appearance_url: str | None
    appearance_headline: str | None
    appearance_date: str | None  # ISO date or time the article was published
    appearance_publisher: str | None  # the outlet
    language: str | None = None
    first_appearance: Appearance | None = None  # the original, when the article republished it


@dataclass(frozen=True)
class Verdict:
    """A published review: the rating, when it was published (and last corrected), the rationale."""

    rating: str
    published_on: str  # ISO date
    rationale: str = ""
    modified_on: str | None = None  # ISO date of the latest correction


def rating_label(rating: str) -> str:
    """The rating as a reader sees it: "Mostly accurate", "Retracted by source"."""
    if rating not in RATINGS:
        raise ValueError(f"unknown rating {rating!r}; expected one of: {', '.join(RATINGS)}")
    return rating[:1].upper() + rating[1:]


def review_rating(rating: str) -> dict:
    """The schema.org Rating of a verdict; off-scale ratings carry alternateName only."""
    value = RATINGS.get(rating)
    out: dict = {"@type": "Rating", "alternateName": rating_label(rating), "name": RATING_SCALE}
    if value is not None:
        out.update(ratingValue=value, bestRating=BEST_RATING, worstRating=WORST_RATING)
    return out


def _organization_or_person(name: str, is_person: bool) -> dict:
    return {"@type": "Person" if is_person else "Organization", "name": name}


def _creative_work(seen: Appearance) -> dict:
    work: dict = {"@type": "CreativeWork"}
    if seen.url:
        work["url"] = seen.url
    if seen.headline:
        work["headline"] = seen.headline
    if seen.date:
        work["datePublished"] = seen.date
    if seen.publisher:
        work["publisher"] = {"@type": "Organization", "name": seen.publisher}
    if seen.language:
        work["inLanguage"] = seen.language
    return work


def _appearance(claim: ReviewedClaim) -> dict:
    return _creative_work(
        Appearance(
            claim.appearance_url,
            claim.appearance_headline,
            claim.appearance_date,
            claim.appearance_publisher,
            claim.language,
        )
    )


def claim_review(
    claim: ReviewedClaim,
    verdict: Verdict,
    url: str,
    publisher: str,
    publisher_url: str | None = None,
) -> dict:
    """One ClaimReview document (with its @context) for a published verdict on `claim`.

    `url` is the stable public address of the review (the published report's
    page, anchored at the claim); `publisher` is the fact-checking organisation
    that authors the review.
    """
    if not claim.text.strip():
        raise ValueError("a ClaimReview needs the text of the claim reviewed")
    item: dict = {
        "@type": "Claim",
        "author": _organization_or_person(claim.author, claim.author_is_person),
        "appearance": [_appearance(claim)],
    }
    if claim.date:
        item["datePublished"] = claim.date
    if claim.first_appearance and (claim.first_appearance.url or claim.first_appearance.headline):
        item["firstAppearance"] = _creative_work(claim.first_appearance)
    author: dict = {"@type": "Organization", "name": publisher}
    if publisher_url:
        author["url"] = publisher_url
    review: dict = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.text,
        "itemReviewed": item,
        "reviewRating": review_rating(verdict.rating),
        "author": author,
        "datePublished": verdict.published_on,
    }
    if verdict.modified_on:
        review["dateModified"] = verdict.modified_on
    if verdict.rationale.strip():
        review["reviewBody"] = verdict.rationale
    return review
