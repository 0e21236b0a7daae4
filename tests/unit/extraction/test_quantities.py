"""Quantity suggestions from single sentences: locale numbers, qualifiers, metrics, categories."""

from __future__ import annotations

import pytest

from factcheck.domain.extraction import suggest


def only(text: str, language: str):
    found = [s for s in suggest(text, language=language) if s.kind == "quantity"]
    assert len(found) == 1, [s.to_dict() for s in found]
    return found[0]


@pytest.mark.parametrize(
    "text, language, value",
    [
        ("Sedikitnya 1.200 orang tewas dalam banjir itu.", "id", 1200),
        ("Authorities said 7,939 people were detained.", "en", 7939),
        ("Sebanyak 4,5 ribu warga mengungsi.", "id", 4500),
        ("Dua puluh satu orang terluka.", "id", 21),
        ("Twenty-one people were injured.", "en", 21),
    ],
)
def test_numbers_follow_the_articles_locale(text, language, value):
    assert only(text, language).value == value


@pytest.mark.parametrize(
    "text, language, qualifier, lower, upper",
    [
        ("More than 300 people were injured.", "en", "more_than", 301, None),
        ("At least 12 people were killed.", "en", "at_least", 12, None),
        ("Hampir 8.000 orang telah ditahan.", "id", "nearly", 7200, 8000),
        ("Sekitar 100 orang hilang.", "id", "approximately", 90, 110),
        ("Up to 50 people were missing.", "en", "at_most", 0, 50),
        ("Between 20 and 30 people were killed.", "en", "range", 20, 30),
        ("Korban tewas bisa mencapai 18.000 hingga 20.000 orang.", "id", "range", 18000, 20000),
        ("Puluhan orang tewas.", "id", "vague", 12, 99),
        ("Hundreds of people were arrested.", "en", "vague", 100, 999),
        ("Tens of thousands of people have fled their homes.", "en", "vague", 12000, 99999),
    ],
)
def test_qualifiers_give_the_domain_interval(text, language, qualifier, lower, upper):
    q = only(text, language)
    assert (q.qualifier, q.lower, q.upper) == (qualifier, lower, upper)


@pytest.mark.parametrize(
    "text, language, metric",
    [
        ("The blast killed 12 people.", "en", "killed"),
        ("Police detained 250 protesters.", "en", "detained"),
        ("The death toll rose to 268 on Tuesday.", "en", "killed"),
        ("About 1,500 people are still in custody.", "en", "in_custody"),
        ("Sebanyak 1.678 orang masih ditahan.", "id", "in_custody"),
        ("Lebih dari 38.000 orang mengungsi.", "id", "displaced"),
        ("Serangan itu menewaskan 7 orang.", "id", "killed"),
        ("Russia sent about 2,030 troops.", "en", "troops_deployed"),
    ],
)
def test_metric_before_or_after_the_figure(text, language, metric):
    assert only(text, language).metric == metric


def test_category_label_is_kept_verbatim_beside_the_category():
    q = only('Para pejabat mengatakan 26 "penjahat bersenjata" telah tewas.', "id")
    assert (q.category, q.category_label) == ("armed assailants", "penjahat bersenjata")
    q = only("Officials said 16 members of the security forces were killed.", "en")
    assert (q.category, q.category_label) == ("security forces", "members of the security forces")


def test_components_and_coordination_share_the_metric():
    found = suggest(
        "The ministry said 164 people, including three children, had been killed.", language="en"
    )
    assert [(s.value, s.metric, s.category) for s in found] == [
        (164, "killed", "total"),
        (3, "killed", "children"),
    ]
    found = suggest("At least 26 militants and 16 police officers were killed.", language="en")
    assert [(s.value, s.metric, s.category) for s in found] == [
        (26, "killed", "armed assailants"),
        (16, "killed", "police"),
    ]


@pytest.mark.parametrize(
    "text, language, modality",
    [
        ("Officials fear the toll could reach 1,000 dead.", "en", "projection"),
        ("Aid agencies estimate that some 38,640 people have been displaced.", "en", "estimate"),
        ("Sedikitnya 44 orang tewas.", "id", "count"),
    ],
)
def test_modality(text, language, modality):
    assert only(text, language).modality == modality


@pytest.mark.parametrize(
    "text, language",
    [
        ("A 26-year-old man was killed.", "en"),
        ("About 22,000 houses were heavily damaged.", "en"),
        ("Pria berusia 45 tahun itu tewas.", "id"),
        ("Kerusuhan pada 21-22 Mei 2019 menewaskan warga.", "id"),
        ("Hundreds of people queued outside detention centres.", "en"),
        ("Gempa magnitudo 5,6 mengguncang Cianjur.", "id"),
        ("Tokayev spoke with leaders of several former Soviet states.", "en"),
    ],
)
def test_figures_that_are_not_head_counts_are_not_suggested(text, language):
    assert [s for s in suggest(text, language=language) if s.kind == "quantity"] == []


@pytest.mark.parametrize(
    "text, language",
    [
        ("Police said 999,999,999,999,999,999,999,999 people were killed and 12 injured.", "en"),
        ("Polisi mengatakan 2.000.000.000.000.000 orang tewas dan 12 orang terluka.", "id"),
    ],
)
def test_a_figure_past_the_cap_of_every_entry_path_is_not_offered(text, language):
    """Past input_rules.MAX_AMOUNT a number is a typo, not a count: accepting it would be
    refused, so the assistant offers the figures beside it only."""
    assert [(s.metric, s.value) for s in suggest(text, language=language)] == [("injured", 12)]


def test_headings_are_not_claims():
    text = "Ribuan ditangkap\nPolisi mengatakan 12 orang tewas.\n"
    assert [s.value for s in suggest(text, language="id")] == [12]


def test_anchors_point_into_the_text():
    text = "Police said 12 people were killed.\nPolice said 12 people were killed on Monday.\n"
    found = suggest(text, language="en")
    assert len(found) == 2
    for s in found:
        assert text[s.anchor.start : s.anchor.end] == s.quote
