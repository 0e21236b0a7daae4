"""The one set of rules a claim must satisfy (DOMAIN.md §2), whichever door it comes in by.

The web form, the API schemas, the importer and the claim service all describe
a claim with `ClaimDraft` (a new claim) or `ClaimChange` (an edit) and ask
`check_claim` what is wrong with it. Each maps the problems onto its own
fields and format: a form shows them beside its fields, the API answers 422,
the importer prints FILE:LINE: FIELD: message. The database's check
constraints are the last guard, not the place a reviewer learns of a mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from factcheck.domain.anchors import AnchorError, build_anchor
from factcheck.domain.input_rules import MAX_AMOUNT, DateRange, check_amount
from factcheck.domain.number_format import format_number
from factcheck.domain.qualifiers import (
    DEFAULT_WIDTHS,
    Interval,
    QualifierError,
    Widths,
    to_interval,
)
from factcheck.domain.said import Said, message_of
from factcheck.domain.vocabulary import CATEGORIES, CLAIM_KINDS, METRICS, MODALITIES, QUALIFIERS

# Qualifiers whose interval follows from the bounds a reviewer gives, not from a value N.
BOUNDED = ("range", "vague")


@dataclass(frozen=True)
class ClaimProblem:
    """One thing wrong with a claim: the field it belongs to and what to fix, in a sentence."""

    field: str
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ClaimDraft:
    """A claim as a reviewer (or the assistant, or a sidecar) states it, before it is stored.

    `exact` is the quote; `start`, `prefix` and `suffix` pick one occurrence
    when it appears more than once. `word` is the vague word ("puluhan") when a
    sidecar names it instead of bounds. Ids name stored rows; the importer,
    which names actors and events by name, leaves them empty.
    """

    exact: str
    kind: str
    event_id: int | None = None
    stated_on: date | None = None
    start: int | None = None
    prefix: str | None = None
    suffix: str | None = None
    attributed_to_id: int | None = None
    cites_id: int | None = None
    proposition: str | None = None
    translation: str | None = (
        None  # a reviewer's translation of the quote (the quote stays verbatim)
    )
    metric: str | None = None
    category: str | None = None
    category_label: str | None = None
    qualifier: str | None = None
    modality: str | None = None
    value: float | None = None
    lower: float | None = None
    upper: float | None = None
    word: str | None = None
    unit: str | None = None
    as_of: date | None = None
    place: str | None = None

    @property
    def is_figure(self) -> bool:
        return self.kind == "quantity"


# What only a figure carries (kind "quantity"), as a claim stores it.
FIGURE_FIELDS = (
    "metric",
    "category",
    "category_label",
    "qualifier",
    "modality",
    "value",
    "lower",
    "upper",
    "unit",
)


class _Unchanged:
    """The value of a ClaimChange field the edit leaves as it is."""

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Any = _Unchanged()


@dataclass(frozen=True)
class ClaimChange:
    """An edit to a stored claim: the fields given, each else UNCHANGED.

    The quote, kind and event are fixed once a claim is logged, so they are not
    here; the interval (lower/upper of a value qualifier, point) follows from
    the qualifier and is never edited directly.
    """

    proposition: str | None = UNCHANGED
    translation: str | None = UNCHANGED
    attributed_to_id: int | None = UNCHANGED
    cites_id: int | None = UNCHANGED
    stated_on: date = UNCHANGED
    metric: str | None = UNCHANGED
    category: str | None = UNCHANGED
    category_label: str | None = UNCHANGED
    qualifier: str | None = UNCHANGED
    modality: str | None = UNCHANGED
    value: float | None = UNCHANGED
    lower: float | None = UNCHANGED
    upper: float | None = UNCHANGED
    unit: str = UNCHANGED
    as_of: date | None = UNCHANGED
    place: str | None = UNCHANGED
    preferred_reason: str | None = UNCHANGED

    def given(self) -> dict[str, Any]:
        """The fields this edit sets, by name."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if getattr(self, f.name) is not UNCHANGED
        }

    def applied_to(self, current: ClaimDraft) -> ClaimDraft:
        """The claim as it would be after this edit, for check_claim.

        A value qualifier's stored lower/upper were worked out from its value, so
        they do not carry over: only bounds this edit gives are checked.
        """
        given = {k: v for k, v in self.given().items() if k != "preferred_reason"}
        after = replace(current, **given)
        if after.qualifier not in BOUNDED:
            after = replace(after, lower=given.get("lower"), upper=given.get("upper"), word=None)
        return after


EDITABLE = frozenset(f.name for f in fields(ClaimChange))


def _unknown(name: str, value: str, allowed: tuple[str, ...]) -> ClaimProblem:
    return ClaimProblem(
        name,
        Said(
            "unknown %(field)s %(value)s; expected one of: %(allowed)s",
            field=name,
            value=repr(value),
            allowed=", ".join(allowed),
        ),
    )


def check_claim(
    claim: ClaimDraft,
    text: str | None = None,
    widths: Widths = DEFAULT_WIDTHS,
    dates: DateRange | None = None,
) -> list[ClaimProblem]:
    """Everything wrong with `claim`, in field order; an empty list when it may be stored.

    With the article's `text`, the quote must be found in it (once, or as the
    hints pick). A figure needs a metric, a category and a qualifier from the
    vocabulary, and the inputs its qualifier turns into an interval. With `dates`, its
    days must fall in that range (a new claim's, whichever path it came by).
    """
    problems: list[ClaimProblem] = []
    if claim.kind not in CLAIM_KINDS:
        problems.append(_unknown("kind", claim.kind, CLAIM_KINDS))
    for name in ("stated_on", "as_of"):
        day = getattr(claim, name)
        if dates is not None and day is not None and (wrong := dates.check(day)):
            problems.append(ClaimProblem(name, wrong))
    if text is not None:
        try:
            build_anchor(text, claim.exact, claim.prefix, claim.suffix, claim.start)
        except AnchorError as err:
            problems.append(ClaimProblem("exact", message_of(err)))
    if claim.is_figure:
        problems += _figure_problems(claim, widths)
    return problems


def _figure_problems(claim: ClaimDraft, widths: Widths) -> list[ClaimProblem]:
    problems: list[ClaimProblem] = []
    required = (
        ("metric", METRICS, Said("A figure needs a metric.")),
        (
            "category",
            CATEGORIES,
            Said("A figure needs a category (total if the speaker gives no breakdown)."),
        ),
        ("qualifier", QUALIFIERS, Said("A figure needs a qualifier (exact if none).")),
    )
    for name, allowed, missing in required:
        value = getattr(claim, name)
        if not value:
            problems.append(ClaimProblem(name, missing))
        elif value not in allowed:
            problems.append(_unknown(name, value, allowed))
    if claim.modality and claim.modality not in MODALITIES:
        problems.append(_unknown("modality", claim.modality, MODALITIES))
    for name in ("value", "lower", "upper"):  # each entry path checks too; this is the last word
        amount = getattr(claim, name)
        if amount is not None and amount > MAX_AMOUNT:  # (a suggestion read before the cap was)
            problems.append(ClaimProblem(name, check_amount(amount) or ""))
    lower, upper = claim.lower, claim.upper
    if lower is not None and upper is not None and lower > upper:
        problems.append(
            ClaimProblem(
                "lower",
                Said(
                    "Upper (%(upper)s) is below lower (%(lower)s). Lower may not be above upper.",
                    upper=format_number(upper),
                    lower=format_number(lower),
                ),
            )
        )
    if problems or claim.qualifier is None:
        return problems
    problems += _qualifier_inputs(claim)
    if not problems:
        try:
            claim_interval(claim, widths)
        except QualifierError as err:
            problems.append(ClaimProblem("qualifier", message_of(err)))
    return problems


def _qualifier_inputs(claim: ClaimDraft) -> list[ClaimProblem]:
    """What the qualifier needs: a value N, or the bounds of a range or vague figure."""
    q = claim.qualifier
    if q in BOUNDED:
        if claim.lower is None and claim.word is None:
            return [ClaimProblem("lower", Said("A range or vague figure needs a lower bound."))]
        return []
    if claim.lower is not None or claim.upper is not None:
        field = "lower" if claim.lower is not None else "upper"
        message = Said(
            "lower/upper follow from the qualifier %(qualifier)s; give the value instead",
            qualifier=repr(q),
        )
        return [ClaimProblem(field, message)]
    if claim.value is None:
        return [
            ClaimProblem(
                "value", Said("“%(qualifier)s” needs the value N.", qualifier=q.replace("_", " "))
            )
        ]
    return []


def claim_interval(claim: ClaimDraft, widths: Widths = DEFAULT_WIDTHS) -> Interval:
    """The interval and point of a figure that check_claim passed (DOMAIN.md §2 table).

    A value qualifier reads the value only; range and vague read their bounds
    (and the vague word), so a value left beside a range is kept, not used.
    """
    if claim.qualifier in BOUNDED:
        return to_interval(
            claim.qualifier,
            lower=claim.lower,
            upper=claim.upper,
            vague_word=claim.word,
            widths=widths,
        )
    return to_interval(claim.qualifier, value=claim.value, widths=widths)
