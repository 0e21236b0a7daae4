"""ClaimReview JSON-LD from plain data: ratings on schema.org's scale, and a schema the documents must pass."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from factcheck.domain.claimreview import (
    RATING_SCALE,
    Appearance,
    ReviewedClaim,
    Verdict,
    claim_review,
    rating_label,
    review_rating,
)
from factcheck.domain.vocabulary import RATINGS

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "schemas" / "claimreview.schema.json").read_text()
)
VALIDATOR = Draft202012Validator(SCHEMA)

CLAIM = ReviewedClaim(
    text="hampir 8.000 orang telah ditahan untuk diinterogasi",
    author="Ministry of Internal Affairs of Kazakhstan",
    author_is_person=False,
    date="2022-01-10",
    appearance_url="https://voa-islam.com/read/kazakhstan",
    appearance_headline="Presiden Kazakhstan Klaim Negaranya Kalahkan Upaya Kudeta",
    appearance_date="2022-01-11T15:25:00Z",
    appearance_publisher="voa-islam.com",
    language="id",
)
URL = "https://factcheck.example.org/reports/2022-kazakhstan-unrest/v1#claim-11"


def _review(rating: str, claim: ReviewedClaim = CLAIM) -> dict:
    return claim_review(
        claim,
        Verdict(rating, "2022-02-01", "Matches the ministry's later tally."),
        URL,
        "factcheck",
        "https://factcheck.example.org",
    )


def _errors(doc: dict) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(doc)]


def test_the_schema_itself_is_valid():
    Draft202012Validator.check_schema(SCHEMA)


def test_an_on_scale_verdict_carries_the_whole_rating():
    doc = _review("mostly accurate")
    assert _errors(doc) == []
    assert doc["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 4,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly accurate",
        "name": RATING_SCALE,
    }
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "ClaimReview"
    assert (
        doc["claimReviewed"] == CLAIM.text
        and doc["url"] == URL
        and doc["datePublished"] == "2022-02-01"
    )
    item = doc["itemReviewed"]
    assert item["@type"] == "Claim" and item["datePublished"] == "2022-01-10"
    assert item["author"] == {
        "@type": "Organization",
        "name": "Ministry of Internal Affairs of Kazakhstan",
    }
    assert item["appearance"][0]["url"] == CLAIM.appearance_url
    assert item["appearance"][0]["publisher"]["name"] == "voa-islam.com"
    assert doc["author"] == {
        "@type": "Organization",
        "name": "factcheck",
        "url": "https://factcheck.example.org",
    }
    assert "firstAppearance" not in item and "dateModified" not in doc


@pytest.mark.parametrize("rating", sorted(RATINGS))
def test_every_rating_gives_a_valid_document(rating):
    doc = _review(rating)
    assert _errors(doc) == []
    value = RATINGS[rating]
    if value is None:  # unverifiable, retracted by source: off the scale, the label only
        assert doc["reviewRating"] == {
            "@type": "Rating",
            "alternateName": rating_label(rating),
            "name": RATING_SCALE,
        }
    else:
        assert (
            doc["reviewRating"]["ratingValue"],
            doc["reviewRating"]["bestRating"],
            doc["reviewRating"]["worstRating"],
        ) == (value, 5, 1)


def test_ratings_follow_the_domain_scale():
    assert [
        review_rating(r).get("ratingValue")
        for r in ("accurate", "mostly accurate", "mixed", "misleading", "inaccurate")
    ] == [5, 4, 3, 2, 1]
    assert rating_label("retracted by source") == "Retracted by source"
    with pytest.raises(ValueError, match="unknown rating"):
        review_rating("pants on fire")


def test_a_person_speaker_and_an_article_without_address():
    claim = ReviewedClaim(
        text="Itu adalah percobaan kudeta",
        author="Kassym-Jomart Tokayev",
        author_is_person=True,
        date="2022-01-10",
        appearance_url=None,
        appearance_headline="Presiden Kazakhstan ...",
        appearance_date=None,
        appearance_publisher=None,
    )
    doc = _review("misleading", claim)
    assert _errors(doc) == []
    assert doc["itemReviewed"]["author"]["@type"] == "Person"
    assert doc["itemReviewed"]["appearance"] == [
        {"@type": "CreativeWork", "headline": "Presiden Kazakhstan ..."}
    ]


def test_the_schema_rejects_what_search_engines_would():
    broken = _review("accurate")
    del broken["reviewRating"]["bestRating"]
    assert _errors(broken)
    no_claim = _review("accurate")
    del no_claim["claimReviewed"]
    assert _errors(no_claim)
    with pytest.raises(ValueError):
        claim_review(
            CLAIM.__class__(**{**CLAIM.__dict__, "text": "  "}),
            Verdict("accurate", "2022-02-01"),
            URL,
            "x",
        )


def test_a_republished_claim_names_its_first_appearance_and_a_correction_its_date():
    original = Appearance(
        "https://example.org/original", "The original", "2022-01-09", "Original outlet", "en"
    )
    claim = ReviewedClaim(**{**CLAIM.__dict__, "first_appearance": original})
    doc = claim_review(
        claim,
        Verdict("mixed", "2022-02-01", "Corrected.", modified_on="2022-02-03"),
        URL,
        "factcheck",
        "https://factcheck.example.org",
    )
    assert _errors(doc) == []
    assert doc["itemReviewed"]["firstAppearance"] == {
        "@type": "CreativeWork",
        "url": "https://example.org/original",
        "headline": "The original",
        "datePublished": "2022-01-09",
        "publisher": {"@type": "Organization", "name": "Original outlet"},
        "inLanguage": "en",
    }
    assert doc["dateModified"] == "2022-02-03" and doc["datePublished"] == "2022-02-01"
