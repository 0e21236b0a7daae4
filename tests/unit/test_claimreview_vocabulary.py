"""Every claim kind under every rating gives a ClaimReview that schema.org's vocabulary accepts and
that says what the speaker said: a denial in their own words (never the proposition they denied),
a figure as a sentence (never a fragment such as "12 orang").

The vocabulary is a subset of schema.org's release 30.0 (types with their parents, and every property
that any of them accepts, with its domain and range), kept in tests/schemas/ so the check runs offline.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from factcheck.domain.claim_reviewed import SaidClaim, claim_reviewed
from factcheck.domain.claimreview import Appearance, ReviewedClaim, Verdict, claim_review
from factcheck.domain.vocabulary import CLAIM_KINDS, RATINGS

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
VOCABULARY = json.loads((SCHEMAS / "schemaorg-claimreview-vocabulary.json").read_text())
FIELDS = Draft202012Validator(json.loads((SCHEMAS / "claimreview.schema.json").read_text()))
TEXTUAL = {"Text", "URL", "Date", "DateTime", "Time"}
NUMERIC = {"Number", "Integer", "Float", "Text"}

SAID = {
    "quantity": SaidClaim(
        kind="quantity",
        quote="12 orang",
        who="Almaty police",
        metric="killed",
        category="security forces",
        qualifier="exact",
        value=12,
        unit="people",
        place="Almaty",
        as_of="2022-01-06",
    ),
    "allegation": SaidClaim(
        kind="allegation",
        quote="itu adalah upaya kudeta",
        who="Kassym-Jomart Tokayev",
        proposition="the unrest was a coup attempt",
        translation="it was a coup attempt",
    ),
    "denial": SaidClaim(
        kind="denial",
        quote="aparat tidak pernah menembaki demonstran damai",
        who="Kassym-Jomart Tokayev",
        proposition="security forces fired on peaceful demonstrators",
        translation="security forces never fired on peaceful demonstrators",
    ),
    "retraction": SaidClaim(
        kind="retraction",
        quote="angka 164 adalah kesalahan teknis",
        who="Ministry of Health",
        proposition="164 people were killed",
    ),
    "statement": SaidClaim(kind="statement", quote="Ribuan ditangkap", who="voa-islam.com"),
}


def ancestors(type_name: str) -> set[str]:
    out = {type_name}
    for parent in VOCABULARY["types"].get(type_name, []):
        out |= ancestors(parent)
    return out


def vocabulary_problems(node, where: str = "$") -> list[str]:
    """Types that do not exist, properties that do not exist or sit on a type that does not take them,
    and values outside a property's range."""
    if isinstance(node, list):
        return [
            p for i, item in enumerate(node) for p in vocabulary_problems(item, f"{where}[{i}]")
        ]
    if not isinstance(node, dict):
        return []
    kind = node.get("@type")
    if kind not in VOCABULARY["types"]:
        return [f"{where}: unknown type {kind!r}"]
    problems = []
    for name, value in node.items():
        if name.startswith("@"):
            continue
        prop = VOCABULARY["properties"].get(name)
        if prop is None:
            problems.append(f"{where}.{name}: no such property")
            continue
        if not ancestors(kind) & set(prop["domain"]):
            problems.append(f"{where}.{name}: not a property of {kind}")
        for item in value if isinstance(value, list) else [value]:
            ranges = set(prop["range"])
            if isinstance(item, dict):
                if not ancestors(item.get("@type", "")) & ranges:
                    problems.append(f"{where}.{name}: {item.get('@type')} outside {sorted(ranges)}")
            elif isinstance(item, bool) or (isinstance(item, int | float) and not ranges & NUMERIC):
                problems.append(f"{where}.{name}: a number outside {sorted(ranges)}")
            elif isinstance(item, str) and not ranges & TEXTUAL:
                problems.append(f"{where}.{name}: text outside {sorted(ranges)}")
        problems += vocabulary_problems(value, f"{where}.{name}")
    return problems


def document(kind: str, rating: str) -> dict:
    said = SAID[kind]
    reviewed = ReviewedClaim(
        text=claim_reviewed(said),
        author=said.who,
        author_is_person=kind in ("allegation", "denial"),
        date="2022-01-10",
        appearance_url="https://voa-islam.com/read/kazakhstan",
        appearance_headline="Presiden Kazakhstan Klaim Negaranya Kalahkan Upaya Kudeta",
        appearance_date="2022-01-11T15:25:00Z",
        appearance_publisher="voa-islam.com",
        language="id",
        first_appearance=Appearance(
            "https://example.org/original", "Original", "2022-01-10", "Original outlet", "id"
        ),
    )
    return claim_review(
        reviewed,
        Verdict(rating, "2022-02-01", "Because.", modified_on="2022-02-02"),
        "https://factcheck.example.org/fact-checks/denial-1",
        "factcheck",
        "https://factcheck.example.org",
    )


def test_the_vocabulary_check_catches_what_it_should():
    assert vocabulary_problems({"@type": "ClaimReview", "claimReviewd": "x"})
    assert vocabulary_problems({"@type": "Claim", "reviewRating": {"@type": "Rating"}})
    assert vocabulary_problems({"@type": "ClaimReview", "author": {"@type": "Rating"}})
    assert vocabulary_problems({"@type": "FactCheck"})


@pytest.mark.parametrize("rating", sorted(RATINGS))
@pytest.mark.parametrize("kind", CLAIM_KINDS)
def test_every_kind_and_rating_fits_schema_org_and_the_claimreview_fields(kind, rating):
    doc = document(kind, rating)
    assert vocabulary_problems(doc) == []
    assert [e.message for e in FIELDS.iter_errors(doc)] == []
    # Recommended beyond the required: the review's text, the claim's date and its first appearance.
    assert doc["reviewBody"] and doc["itemReviewed"]["datePublished"]
    assert doc["itemReviewed"]["firstAppearance"]["url"] == "https://example.org/original"
    assert doc["reviewRating"]["name"] and doc["author"]["url"]


def test_a_denial_is_reviewed_in_the_speakers_words_never_as_the_proposition_denied():
    text = claim_reviewed(SAID["denial"])
    assert "security forces fired on peaceful demonstrators" not in text
    assert text == (
        "Kassym-Jomart Tokayev denied: “aparat tidak pernah menembaki demonstran damai” "
        "(translation: “security forces never fired on peaceful demonstrators”)"
    )


def test_a_figure_is_a_sentence_not_a_fragment():
    assert claim_reviewed(SAID["quantity"]) == (
        "Almaty police said 12 people (security forces) were killed in Almaty as of 2022-01-06: "
        "“12 orang”"
    )
    big = SaidClaim(
        kind="quantity",
        quote="hampir 8.000 orang",
        who="Ministry",
        metric="detained",
        qualifier="nearly",
        value=8000,
        category="total",
    )
    assert (
        claim_reviewed(big)
        == "Ministry said nearly 8,000 people were detained: “hampir 8.000 orang”"
    )
    vague = SaidClaim(
        kind="quantity",
        quote="ribuan",
        who="Rights group",
        metric="detained",
        qualifier="vague",
        lower=1000,
        upper=9999,
    )
    assert claim_reviewed(vague).startswith("Rights group said between 1,000 and 9,999 people")


def test_an_allegation_reads_as_what_the_speaker_asserted():
    assert claim_reviewed(SAID["allegation"]) == (
        "Kassym-Jomart Tokayev: the unrest was a coup attempt — “itu adalah upaya kudeta” "
        "(translation: “it was a coup attempt”)"
    )
