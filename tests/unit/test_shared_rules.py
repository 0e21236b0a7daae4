"""Rules kept in one place in the domain: effective_rank, figure_groups, format_number."""

from __future__ import annotations

from factcheck.domain.number_format import display_number, format_number
from factcheck.domain.ranks import RankDecision, effective_rank
from factcheck.domain.reconciliation.wording import num
from factcheck.domain.vocabulary import figure_groups


def test_a_withdrawn_claim_or_article_counts_as_deprecated_but_keeps_a_stronger_reason():
    assert effective_rank("normal", None, withdrawn=True) == RankDecision("deprecated", "withdrawn")
    assert effective_rank("preferred", "x", withdrawn=True).reason == "withdrawn"
    kept = effective_rank("deprecated", "retracted", withdrawn=True)
    assert kept == RankDecision("deprecated", "retracted")
    assert effective_rank("preferred", "best", withdrawn=False) == RankDecision("preferred", "best")


def test_a_figure_touches_its_group_and_every_group_above_it():
    assert figure_groups("killed", "total") == [("killed", "total")]
    groups = figure_groups("killed", "police")
    assert groups[0] == ("killed", "police") and groups[-1] == ("killed", "total")
    assert len(groups) == len(set(groups)) >= 2


def test_one_formatter_two_styles():
    assert [format_number(v) for v in (8000.0, 4.5, None, float("inf"))] == [
        "8000",
        "4.5",
        "∞",
        "∞",
    ]
    assert [display_number(v) for v in (8000.0, 4.5, None, 1234567)] == [
        "8,000",
        "4.5",
        "",
        "1,234,567",
    ]
    # By locale, with Babel; a locale that groups with spaces gets no-break ones.
    assert display_number(8000, "id") == "8.000" and display_number(4.5, "id") == "4,5"
    assert display_number(1234567, "fr") == "1\u00a0234\u00a0567"
    # A figure of 23 digits or more (stored before the cap) is written out, not an error.
    assert display_number(2**80) == "1,208,925,819,614,629,174,706,176"
    assert display_number(float(2**80), "id") == "1.208.925.819.614.629.174.706.176"
    assert display_number(1e300).startswith("1,000,000,000,000,000,052,504")
    assert display_number(float("nan")) == "NaN"  # no digits to count: written, not an error
    assert num(7200.0) == "7200"
