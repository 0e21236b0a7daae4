"""Qualifier -> interval and point (factcheck.domain.qualifiers, DOMAIN.md §2)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.domain.numbers import parse_number
from factcheck.domain.qualifiers import (
    DEFAULT_WIDTHS,
    QUALIFIER_PHRASES,
    VAGUE_WORDS,
    Interval,
    QualifierError,
    Widths,
    contains,
    overlaps,
    to_interval,
)
from factcheck.domain.vocabulary import QUALIFIERS

INF = None
JOINERS = {"en": " and ", "id": " dan "}


def read_phrase(phrase: str, language: str) -> tuple[str, Interval]:
    """A minimal reading of "<trigger> <number>" through the public tables."""
    for qualifier, triggers in QUALIFIER_PHRASES[language].items():
        for trigger in sorted(triggers, key=len, reverse=True):
            if phrase.startswith(trigger + " "):
                rest = phrase[len(trigger) + 1 :]
                if qualifier == "range":
                    a, b = rest.split(JOINERS[language])
                    lower, upper = parse_number(a, language), parse_number(b, language)
                    return qualifier, to_interval(qualifier, lower=lower, upper=upper)
                return qualifier, to_interval(qualifier, parse_number(rest, language))
    for words in VAGUE_WORDS[language]:
        if phrase == words:
            return "vague", to_interval("vague", vague_word=phrase)
    return "exact", to_interval("exact", parse_number(phrase, language))


CASES = [
    # (language, phrase, qualifier, lower, upper, point)
    ("en", "26", "exact", 26, 26, 26),
    ("id", "8.000", "exact", 8000, 8000, 8000),
    ("en", "more than 164", "more_than", 165, INF, 165),
    ("en", "over 1,000", "more_than", 1001, INF, 1001),
    ("id", "lebih dari 164", "more_than", 165, INF, 165),
    ("en", "at least 16", "at_least", 16, INF, 16),
    ("id", "sedikitnya 16", "at_least", 16, INF, 16),
    ("id", "setidaknya 1.000", "at_least", 1000, INF, 1000),
    ("id", "paling sedikit dua puluh", "at_least", 20, INF, 20),
    ("en", "nearly 8,000", "nearly", 7200, 8000, 8000),
    ("en", "almost 10", "nearly", 9, 10, 10),
    ("id", "hampir 8.000", "nearly", 7200, 8000, 8000),
    ("en", "about 100", "approximately", 90, 110, 100),
    ("en", "some 45", "approximately", 41, 49, 45),
    ("en", "around 1.5 million", "approximately", 1350000, 1650000, 1500000),
    ("en", "approximately 30", "approximately", 27, 33, 30),
    ("id", "sekitar 100", "approximately", 90, 110, 100),
    ("id", "kurang lebih 4,5 juta", "approximately", 4050000, 4950000, 4500000),
    ("en", "up to 300", "at_most", 0, 300, None),
    ("en", "at most 12", "at_most", 0, 12, None),
    ("id", "hingga 300", "at_most", 0, 300, None),
    ("id", "paling banyak 12", "at_most", 0, 12, None),
    ("en", "between 1,200 and 1,500", "range", 1200, 1500, None),
    ("id", "antara 1.200 dan 1.500", "range", 1200, 1500, None),
    ("en", "dozens", "vague", 12, 99, 12),
    ("id", "puluhan", "vague", 12, 99, 12),
]


@pytest.mark.parametrize(("language", "phrase", "qualifier", "lower", "upper", "point"), CASES)
def test_phrase_to_interval(language, phrase, qualifier, lower, upper, point) -> None:
    assert read_phrase(phrase, language) == (qualifier, Interval(lower, upper, point))


@pytest.mark.parametrize("language", ["en", "id"])
def test_every_qualifier_is_covered_in_both_languages(language: str) -> None:
    assert {case[2] for case in CASES if case[0] == language} == set(QUALIFIERS)


VAGUE = [
    ("en", "few", 2, 9, 3),
    ("en", "several", 3, 9, 3),
    ("en", "dozens", 12, 99, 12),
    ("en", "tens", 12, 99, 12),
    ("en", "scores", 40, 99, 40),
    ("en", "hundreds", 100, 999, 100),
    ("en", "thousands", 1000, 9999, 1000),
    ("en", "many", 10, INF, 10),
    ("id", "beberapa", 2, 9, 3),
    ("id", "puluhan", 12, 99, 12),
    ("id", "ratusan", 100, 999, 100),
    ("id", "ribuan", 1000, 9999, 1000),
    ("id", "banyak", 10, INF, 10),
]


@pytest.mark.parametrize(("language", "word", "lower", "upper", "point"), VAGUE)
def test_vague_words(language, word, lower, upper, point) -> None:
    expected = Interval(lower, upper, point)
    assert to_interval("vague", vague_word=word) == expected
    assert to_interval("vague", vague_word=word.upper()) == expected
    assert VAGUE_WORDS[language][word] == expected


def test_vague_word_table_has_exactly_the_documented_words() -> None:
    assert {(lang, w) for lang, words in VAGUE_WORDS.items() for w in words} == {
        (lang, w) for lang, w, *_ in VAGUE
    }


def test_vague_from_bounds_only_like_the_reference_annotation() -> None:
    # killed-dozens in the corpus: qualifier vague, lower 12, upper 99, no word
    assert to_interval("vague", lower=12, upper=99) == Interval(12, 99, 12)
    assert to_interval("vague", lower=40, upper=99) == Interval(40, 99, 40)
    assert to_interval("vague", lower=10) == Interval(10, INF, 10)  # "many"
    assert to_interval("vague", lower=5, upper=50) == Interval(5, 50, 5)  # no row: lower


def test_vague_word_with_agreeing_bounds() -> None:
    assert to_interval("vague", lower=12, upper=99, vague_word="puluhan") == Interval(12, 99, 12)


def test_qualifier_phrases_are_the_documented_triggers() -> None:
    assert QUALIFIER_PHRASES == {
        "en": {
            "more_than": ("more than", "over"),
            "at_least": ("at least",),
            "nearly": ("nearly", "almost"),
            "approximately": ("about", "some", "around", "approximately"),
            "at_most": ("up to", "at most"),
            "range": ("between",),
        },
        "id": {
            "more_than": ("lebih dari",),
            "at_least": ("sedikitnya", "setidaknya", "paling sedikit"),
            "nearly": ("hampir",),
            "approximately": ("sekitar", "kurang lebih"),
            "at_most": ("hingga", "paling banyak"),
            "range": ("antara",),
        },
    }


def test_exact_width_arithmetic() -> None:
    # 1.15 * 100 is 114.99999999999999 in floats; the bound must still be 115
    assert to_interval("approximately", 100, widths=Widths(approx_high=1.15)).upper == 115
    assert to_interval("nearly", 30) == Interval(27, 30, 30)
    assert to_interval("approximately", 10) == Interval(9, 11, 10)
    assert to_interval("approximately", 1) == Interval(1, 1, 1)
    assert to_interval("nearly", 0) == Interval(0, 0, 0)


def test_widths_are_configurable() -> None:
    wide = Widths(nearly=0.8, approx_low=0.5, approx_high=1.5)
    assert to_interval("nearly", 100, widths=wide) == Interval(80, 100, 100)
    assert to_interval("approximately", 100, widths=wide) == Interval(50, 150, 100)
    assert DEFAULT_WIDTHS == Widths(0.9, 0.9, 1.1)


@pytest.mark.parametrize("bad", [dict(nearly=1.2), dict(approx_low=0), dict(approx_high=0.9)])
def test_widths_are_validated(bad) -> None:
    with pytest.raises(QualifierError, match="widths"):
        Widths(**bad)


def test_non_integer_values_keep_unrounded_bounds() -> None:
    assert to_interval("more_than", 2.5) == Interval(2.5, INF, 2.5)
    assert to_interval("nearly", 4.5) == Interval(4.05, 4.5, 4.5)
    assert to_interval("approximately", 4.5) == Interval(4.05, 4.95, 4.5)
    assert to_interval("exact", 8000.0) == Interval(8000, 8000, 8000)  # integral float -> int
    assert isinstance(to_interval("more_than", 8000.0).lower, int)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(qualifier="roughly", value=5), "unknown qualifier 'roughly'"),
        (dict(qualifier="exact"), "exact: missing value"),
        (dict(qualifier="nearly", value=-3), "must not be negative"),
        (dict(qualifier="at_most", value=float("nan")), "must be finite"),
        (dict(qualifier="exact", value=True), "must be a number"),
        (dict(qualifier="exact", value="12"), "must be a number"),
        (dict(qualifier="exact", value=5, upper=6), "takes a value only"),
        (dict(qualifier="range", lower=10), "needs both lower and upper"),
        (dict(qualifier="range", upper=10), "needs both lower and upper"),
        (dict(qualifier="range", lower=20, upper=10), "lower 20 is greater than upper 10"),
        (dict(qualifier="range", lower=-1, upper=10), "must not be negative"),
        (dict(qualifier="range", value=5), "not a value"),
        (dict(qualifier="vague", vague_word="zillions"), "unknown vague word 'zillions'"),
        (dict(qualifier="vague"), "needs a vague_word or at least a lower bound"),
        (dict(qualifier="vague", lower=99, upper=12), "lower 99 is greater than upper 12"),
        (dict(qualifier="vague", vague_word="dozens", lower=10, upper=99), "means \\[12, 99\\]"),
    ],
)
def test_errors(kwargs, message) -> None:
    with pytest.raises(QualifierError, match=message):
        to_interval(**kwargs)


def test_interval_refuses_inconsistent_bounds() -> None:
    with pytest.raises(QualifierError):
        Interval(10, 5, None)
    with pytest.raises(QualifierError):
        Interval(10, 20, 30)


def test_contains_and_overlaps_are_infinity_aware() -> None:
    many = Interval(10, INF, 10)
    dozens = Interval(12, 99, 12)
    assert contains(many, 10**12) and not contains(many, 9)
    assert contains(dozens, 12) and contains(dozens, 99) and not contains(dozens, 100)
    assert overlaps(many, dozens) and overlaps(dozens, many)
    assert overlaps(Interval(165, INF, 165), Interval(100, INF, 100))
    assert not overlaps(Interval(0, 9, None), dozens) and not overlaps(dozens, Interval(0, 9, None))
    assert overlaps(Interval(0, 12, None), dozens)  # touching ends share 12
    assert not overlaps(Interval(100, INF, 100), Interval(12, 99, 12))


VALUE_QUALIFIERS = ["exact", "more_than", "at_least", "nearly", "approximately", "at_most"]
values = st.one_of(
    st.integers(min_value=0, max_value=10**12),
    st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False),
)


@given(st.sampled_from(VALUE_QUALIFIERS), values)
def test_point_lies_in_interval(qualifier: str, value: int | float) -> None:
    interval = to_interval(qualifier, value)
    upper = float("inf") if interval.upper is None else interval.upper
    assert interval.lower <= upper
    if interval.point is not None:
        assert interval.lower <= interval.point <= upper
    if qualifier != "more_than" or not float(value).is_integer():
        assert contains(interval, value)  # the stated figure itself is plausible
    else:
        assert not contains(interval, value)  # "more than N" excludes N


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_range_and_vague_bounds_are_ordered(a: int, b: int) -> None:
    lower, upper = min(a, b), max(a, b)
    assert to_interval("range", lower=lower, upper=upper) == Interval(lower, upper, None)
    vague = to_interval("vague", lower=lower, upper=upper)
    assert vague.lower == lower and vague.upper == upper and contains(vague, vague.point)
