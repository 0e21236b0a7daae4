"""Locale-aware number parsing (factcheck.domain.numbers)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.domain.numbers import NumberFormatError, find_numbers, parse_number

ARTICLE = Path("/work/shared/corpus/voa-islam-2022-01-11-kazakhstan.id.txt")


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("8.000", "id", 8000),
        ("7,939", "en", 7939),
        ("4,5", "id", 4.5),
        ("3.952", "id", 3952),
        ("1.234.567", "id", 1234567),
        ("4.5", "en", 4.5),
        ("12", "id", 12),
        ("12", "en", 12),
        ("1,234,567.25", "en", 1234567.25),
        ("1.234,5", "id", 1234.5),
        ("0,125", "id", 0.125),
        ("  164 ", "id", 164),
        # scale words
        ("4,5 juta", "id", 4500000),
        ("8 ribu", "id", 8000),
        ("1,2 miliar", "id", 1200000000),
        ("1.2 million", "en", 1200000),
        ("3 thousand", "en", 3000),
        ("2.5 billion", "en", 2500000000),
        ("1,234 juta", "id", 1234000),  # three decimals are fine before a scale word
        # English words
        ("one", "en", 1),
        ("Twelve", "en", 12),
        ("twenty", "en", 20),
        ("twenty-one", "en", 21),
        ("ninety nine", "en", 99),
        ("a hundred", "en", 100),
        ("two hundred and five", "en", 205),
        ("two thousand", "en", 2000),
        ("a million", "en", 1000000),
        # Indonesian words
        ("satu", "id", 1),
        ("sepuluh", "id", 10),
        ("sebelas", "id", 11),
        ("dua belas", "id", 12),
        ("dua puluh", "id", 20),
        ("dua puluh satu", "id", 21),
        ("seratus", "id", 100),
        ("tiga ratus lima puluh", "id", 350),
        ("seribu", "id", 1000),
        ("dua ribu", "id", 2000),
        ("dua ratus ribu", "id", 200000),
        ("sejuta", "id", 1000000),
    ],
)
def test_parse_number(text: str, language: str, expected: int | float) -> None:
    value = parse_number(text, language)
    assert value == expected
    assert type(value) is type(expected)  # int when integral, float otherwise


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("8.00", "id"),  # not a thousands group, and "." is no decimal mark in id
        ("4.5", "id"),
        ("4,5", "en"),
        ("1.23.456", "id"),
        ("1,234", "id"),  # ambiguous: 1.234 in id notation, 1234 in en notation
        ("7.939", "en"),
        ("", "en"),
        ("views", "en"),
        ("thousand", "en"),
        ("ribuan", "id"),  # a vague word, not a number
        ("3.952 views", "id"),
        ("-5", "en"),
        ("10/1/2022", "id"),
        ("twenty twenty", "en"),
        ("one two", "en"),
        ("two hundred and", "en"),
        ("puluh", "id"),
        ("dua juta tiga", "id"),
    ],
)
def test_parse_number_rejects(text: str, language: str) -> None:
    with pytest.raises(NumberFormatError) as err:
        parse_number(text, language)
    assert repr(text) in str(err.value) and repr(language) in str(err.value)


def test_ambiguous_grouping_message_names_both_readings() -> None:
    with pytest.raises(NumberFormatError, match=r"ambiguous.*1234 in 'en'"):
        parse_number("1,234", "id")


def test_malformed_grouping_message_names_the_separators() -> None:
    with pytest.raises(NumberFormatError, match=r"'\.' groups thousands.*',' is the decimal"):
        parse_number("8.00", "id")


@pytest.mark.parametrize("function", [parse_number, find_numbers])
def test_unknown_language(function) -> None:
    with pytest.raises(ValueError, match=r"unknown language 'fr'.*\['en', 'id'\]") as err:
        function("12", "fr")
    assert not isinstance(err.value, NumberFormatError)


def test_find_numbers_view_count() -> None:
    assert find_numbers("3.952 views", "id") == [(0, 5, 3952)]


def test_find_numbers_includes_the_scale_word() -> None:
    text = "sekitar 4,5 juta orang"
    assert find_numbers(text, "id") == [(8, 16, 4500000)]
    assert text[8:16] == "4,5 juta"


def test_find_numbers_english_range_and_words() -> None:
    text = "between 1,200 and 1,500 people; two hundred and fifty more"
    found = find_numbers(text, "en")
    assert [(text[a:b], v) for a, b, v in found] == [
        ("1,200", 1200),
        ("1,500", 1500),
        ("two hundred and fifty", 250),
    ]


def test_find_numbers_skips_dates_times_glued_and_malformed() -> None:
    text = "22:25 wib (10/1/2022) 5km 8.00 and vague ribuan, puluhan"
    assert find_numbers(text, "id") == []


def test_find_numbers_in_reference_article() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    found = [(text[a:b], v) for a, b, v in find_numbers(text, "id")]
    # dateline numbers, the view count and every figure of the annotation
    assert found == [
        ("27", 27),
        ("1446", 1446),
        ("11", 11),
        ("2022", 2022),
        ("3.952", 3952),
        ("164", 164),
        ("26", 26),
        ("16", 16),
        ("8.000", 8000),
    ]


def _format(n: int, language: str) -> str:
    grouped = f"{n:,}"
    return grouped.replace(",", ".") if language == "id" else grouped


@given(st.integers(min_value=0, max_value=10**15), st.sampled_from(["id", "en"]))
def test_locale_grouping_round_trips(n: int, language: str) -> None:
    assert parse_number(_format(n, language), language) == n


@given(
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=1, max_value=99),
    st.sampled_from(["id", "en"]),
)
def test_locale_decimals_round_trip(whole: int, hundredths: int, language: str) -> None:
    mark = "," if language == "id" else "."
    text = f"{_format(whole, language)}{mark}{hundredths:02d}"
    assert parse_number(text, language) == pytest.approx(whole + hundredths / 100)


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["id", "en"]))
def test_find_numbers_locates_an_embedded_figure(n: int, language: str) -> None:
    figure = _format(n, language)
    text = f"kata {figure} orang."
    assert find_numbers(text, language) == [(5, 5 + len(figure), n)]
