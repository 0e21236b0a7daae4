"""Issue #16's floors on text the extractor was not developed on: the held-out set
(tests/corpus/heldout, written before the change) and the shared timeline case."""

from __future__ import annotations

import pytest

from factcheck.domain.annotation import load_annotation
from factcheck.domain.extraction import suggest
from factcheck.domain.extraction.links import propose_links
from tests.unit.extraction.scoring import HELDOUT, TIMELINE, evaluate_extraction, field, row

SETS = {"heldout": HELDOUT, "timeline": TIMELINE}


@pytest.fixture(scope="module", params=sorted(SETS))
def result(request):
    return evaluate_extraction.evaluate([SETS[request.param]])


def test_heldout_set_is_twelve_valid_articles_half_indonesian():
    languages = [load_annotation(p).article.language for p in sorted(HELDOUT.glob("*.txt"))]
    assert len(languages) >= 12 and languages.count("id") >= len(languages) / 2


@pytest.mark.parametrize("language", ["en", "id"])
def test_quantities_are_found_and_right_in_each_language(result, language):
    quantities = row(result, language, "quantity")
    assert quantities["recall"] >= 0.92, quantities
    assert quantities["precision"] >= 0.88, quantities


def test_matched_figures_carry_the_right_place(result):
    place = field(result, "all", "place right")
    assert place["gold"] and place["recall"] >= 0.9, place


def test_moments_said_in_the_text_become_as_of(result):
    as_of = field(result, "all", "as_of")
    if as_of["gold"]:
        assert as_of["recall"] >= 0.9 and as_of["precision"] >= 0.9, as_of


def test_every_correction_of_another_article_is_proposed_as_a_link(result):
    links = field(result, "all", "cross-article links")
    assert links["recall"] == 1 and links["precision"] == 1, links


def test_hatay_correction_gives_the_new_figure_and_links_the_7_february_claim():
    loaded = [(p, load_annotation(p)) for p in sorted(TIMELINE.glob("*.txt"))]
    places = evaluate_extraction.place_names([a for _, a in loaded])
    (day7,) = [a for p, a in loaded if "02-12" in p.name]
    suggestions = suggest(
        day7.text,
        published_at=day7.article.published_at,
        places=[(p.name, p.aliases) for _, a in loaded for p in a.places],
    )
    linked = propose_links(suggestions, evaluate_extraction.candidates(day7, loaded, places))
    (hatay,) = [s for s in linked if s.quote.startswith("corrected the figure")]
    assert (hatay.metric, hatay.value, hatay.place) == ("killed", 1370, "Hatay")
    assert [(link.type, link.target) for link in hatay.links] == [
        ("corrects", "tr-2023-02-07-anadolu#killed-hatay")
    ]
    assert not [s for s in linked if s.kind == "quantity" and s.value == 1700]
    assert hatay.stated_on.isoformat() == "2023-02-12"  # not the day the 1,700 was given


def test_tens_of_thousands_trapped_is_not_a_toll():
    (day3,) = [load_annotation(p) for p in TIMELINE.glob("*kompas*.txt")]
    quotes = [s.quote for s in suggest(day3.text, published_at=day3.article.published_at)]
    assert not any("tertimbun" in q or "Puluhan ribu" in q for q in quotes)
