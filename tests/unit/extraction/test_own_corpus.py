"""Thresholds on tests/corpus (the annotated articles of README.md there), not hard-coded outputs."""

from __future__ import annotations

import pytest

from factcheck.domain.annotation import load_annotation
from tests.unit.extraction.scoring import CORPUS, evaluate_extraction, row


@pytest.fixture(scope="module")
def result():
    return evaluate_extraction.evaluate([CORPUS])


def test_corpus_has_at_least_ten_valid_articles_in_both_languages():
    texts = sorted(CORPUS.glob("*.txt"))
    assert len(texts) >= 10
    languages = {
        load_annotation(path).article.language for path in texts
    }  # raises when a sidecar is invalid
    assert languages == {"en", "id"}


def test_overall_recall_and_precision(result):
    overall = row(result, "all", "all")
    assert overall["recall"] >= 0.8, overall
    assert overall["precision"] >= 0.7, overall


@pytest.mark.parametrize("language", ["en", "id"])
def test_quantities_per_language(result, language):
    quantities = row(result, language, "quantity")
    assert quantities["recall"] >= 0.8, quantities
    assert quantities["precision"] >= 0.8, quantities


def test_retractions_are_found_and_linked(result):
    retractions = row(result, "all", "retraction")
    assert retractions["recall"] >= 0.85 and retractions["precision"] >= 0.85, retractions


def test_metadata(result):
    for article in result["metadata"]:
        assert article["language_detected"] == article["language"], article
        assert article["republished_from_right"], article
        assert article["calendar_mismatch"] == article["calendar_mismatch_gold"], article
