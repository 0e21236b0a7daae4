"""The text a ClaimReview rates (`claimReviewed`): what the speaker said, as one readable sentence.

A verdict rates what the speaker said, so the text must say it the speaker's
way round. A denial's proposition is what the speaker denied: publishing it as
the claim reviewed would turn "never fired on demonstrators — Inaccurate" into
"fired on demonstrators — Inaccurate", the reverse. A denial (and a retraction)
is therefore reviewed in the speaker's own words, with the reviewer's
translation beside them when there is one. A figure's quote is often a fragment
("12 orang"); its claim reads as a sentence built from the figure's fields,
with the quote after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.domain.number_format import format_number

# What happened to the people counted, as the end of "N people were …".
METRIC_PHRASES = {
    "killed": "were killed",
    "injured": "were injured",
    "missing": "were missing",
    "detained": "were detained",
    "in_custody": "were in custody",
    "displaced": "were displaced",
    "troops_deployed": "were deployed",
}
QUALIFIER_PHRASES = {
    "exact": "{v}",
    "more_than": "more than {v}",
    "at_least": "at least {v}",
    "nearly": "nearly {v}",
    "approximately": "about {v}",
    "at_most": "up to {v}",
}


@dataclass(frozen=True)
class SaidClaim:
    """A claim as the speaker made it: kind, their words, and a figure's fields (quantity only)."""

    kind: str
    quote: str
    who: str  # the speaker, or the outlet in its own voice
    proposition: str | None = None
    translation: str | None = None  # the reviewer's translation of the quote
    metric: str | None = None
    category: str | None = None
    qualifier: str | None = None
    value: float | None = None
    lower: float | None = None
    upper: float | None = None
    unit: str | None = None
    place: str | None = None
    as_of: str | None = None  # ISO date


def _number(value: float | None) -> str:
    return format_number(value, thousands=",")


def quoted(claim: SaidClaim) -> str:
    """The speaker's words in quotation marks, then the translation: “…” (“…”)."""
    words = f"“{claim.quote.strip()}”"
    if claim.translation and claim.translation.strip():
        words += f" (translation: “{claim.translation.strip()}”)"
    return words


def figure_phrase(claim: SaidClaim) -> str:
    """How many, in words: "more than 164", "between 12 and 99", "at least 1,000"."""
    if claim.qualifier in QUALIFIER_PHRASES and claim.value is not None:
        return QUALIFIER_PHRASES[claim.qualifier].format(v=_number(claim.value))
    if claim.lower is not None and claim.upper is not None:
        return f"between {_number(claim.lower)} and {_number(claim.upper)}"
    if claim.lower is not None:
        return f"at least {_number(claim.lower)}"
    if claim.upper is not None:
        return f"up to {_number(claim.upper)}"
    return "a number of"


def figure_sentence(claim: SaidClaim) -> str:
    """A figure as a sentence: "Officials said more than 164 people (civilians) were killed in Almaty"."""
    unit = claim.unit or "people"
    counted = f"{figure_phrase(claim)} {unit}"
    if claim.category and claim.category != "total":
        counted += f" ({claim.category})"
    what = METRIC_PHRASES.get(claim.metric or "", f"were counted as {claim.metric}")
    sentence = f"{claim.who} said {counted} {what}"
    if claim.place:
        sentence += f" in {claim.place}"
    if claim.as_of:
        sentence += f" as of {claim.as_of}"
    return sentence


def claim_reviewed(claim: SaidClaim) -> str:
    """The ClaimReview's claimReviewed for any kind of claim (see the module's docstring)."""
    if claim.kind == "quantity":
        return f"{figure_sentence(claim)}: {quoted(claim)}"
    if claim.kind in ("denial", "retraction"):
        verb = "denied" if claim.kind == "denial" else "withdrew a claim"
        return f"{claim.who} {verb}: {quoted(claim)}"
    # An allegation or statement: the proposition asserted is what the speaker said, in a sentence.
    if claim.proposition and claim.proposition.strip():
        return f"{claim.who}: {claim.proposition.strip()} — {quoted(claim)}"
    return f"{claim.who}: {quoted(claim)}"
