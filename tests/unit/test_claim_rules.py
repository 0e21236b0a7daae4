"""The one claim rule set (domain.claim_rules): what every door into the system checks."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.domain.claim_rules import (
    UNCHANGED,
    ClaimChange,
    ClaimDraft,
    check_claim,
    claim_interval,
)
from factcheck.domain.qualifiers import Widths

TEXT = "Polisi menyebut hampir 8.000 orang telah ditahan."


def figure(**kw) -> ClaimDraft:
    base = dict(
        exact="hampir 8.000 orang",
        kind="quantity",
        metric="detained",
        category="total",
        qualifier="nearly",
        value=8000,
    )
    return ClaimDraft(**{**base, **kw})


def fields(problems) -> list[tuple[str, str]]:
    return [(p.field, p.message) for p in problems]


def test_a_complete_figure_passes_and_gets_its_interval():
    assert check_claim(figure(), TEXT) == []
    assert claim_interval(figure()).lower == 7200
    assert claim_interval(figure(), Widths(nearly=0.5)).lower == 4000


@pytest.mark.parametrize(
    "change, field, words",
    [
        (dict(exact="not there"), "exact", "is not in the article text"),
        (dict(kind="rumour"), "kind", "unknown kind 'rumour'"),
        (dict(metric=None), "metric", "A figure needs a metric."),
        (dict(metric="arrested"), "metric", "unknown metric 'arrested'; expected one of"),
        (dict(category=""), "category", "A figure needs a category"),
        (dict(qualifier=None), "qualifier", "A figure needs a qualifier"),
        (dict(modality="rumour"), "modality", "unknown modality"),
        (dict(value=None), "value", "“nearly” needs the value N."),
        (dict(lower=3), "lower", "lower/upper follow from the qualifier 'nearly'"),
        (dict(qualifier="range", value=None), "lower", "needs a lower bound"),
        (dict(qualifier="range", value=None, lower=50), "qualifier", "needs both lower and upper"),
        (
            dict(qualifier="range", value=None, lower=50, upper=10),
            "lower",
            "Upper (10) is below lower (50). Lower may not be above upper.",
        ),
        (dict(value=-1), "qualifier", "must not be negative"),
        (dict(value=10**24), "value", "At most 1,000,000,000,000,000."),
        (dict(qualifier="range", value=None, lower=5, upper=1e300), "upper", "At most"),
    ],
)
def test_each_broken_rule_names_its_field(change, field, words):
    problems = check_claim(figure(**change), TEXT)
    assert len(problems) == 1, fields(problems)
    assert problems[0].field == field and words in problems[0].message


def test_a_statement_needs_no_figure_and_the_text_is_optional():
    assert check_claim(ClaimDraft(exact="anything", kind="statement")) == []


def test_a_vague_word_stands_in_for_bounds():
    draft = figure(qualifier="vague", value=None, word="puluhan")
    assert check_claim(draft) == []
    assert (claim_interval(draft).lower, claim_interval(draft).upper) == (12, 99)


def test_a_change_is_checked_as_the_claim_it_would_make():
    stored = figure(lower=7200, upper=8000)  # a value qualifier's bounds, as stored
    assert check_claim(ClaimChange(value=9000).applied_to(stored)) == []
    to_range = ClaimChange(qualifier="range", lower=5, upper=3).applied_to(stored)
    assert [p.field for p in check_claim(to_range)] == ["lower"]
    assert ClaimChange(place="Almaty").given() == {"place": "Almaty"}
    assert ClaimChange().stated_on is UNCHANGED
    assert ClaimChange(stated_on=date(2022, 1, 5)).applied_to(stored).stated_on == date(2022, 1, 5)
