"""A conflict's detail, written from its structured form: the same words wherever it is shown.

The engine keeps each finding's detail as a sentence id (`say`) and that sentence's
arguments, JSON values only (claim ids, figures, a figure's card, names, ISO dates),
as it keeps an explanation's steps (step_words.py). The English text is written once,
when the finding is made, and stored as the conflict's `detail` (the API, exports and
reports read it); the structured form is stored beside it, so that a page writes the
sentence in its reader's language. Each sentence is a `Said` made of the parts in
sentence_parts.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from factcheck.domain.reconciliation.sentence_parts import (
    category,
    claims,
    describe,
    floor_words,
    interval_words,
    number,
    quoted,
)
from factcheck.domain.said import Said, written


def _value_conflict(a: Sequence[Any], b: Sequence[Any]) -> str:
    return Said(
        "%(a)s and %(b)s come from different origins about the same moment and do not overlap.",
        a=describe(a, capital=True),
        b=describe(b),
    )


def _downward(
    voice: str,
    before: float,
    before_id: int,
    before_day: str,
    after: float,
    after_id: int,
    day: str,
) -> str:
    return Said(
        "%(voice)s lowered its running tally from %(before)s (claim %(before_id)s, "
        "%(before_day)s) to %(after)s (claim %(after_id)s, %(day)s) without a corrects link.",
        voice=voice,
        before=number(before),
        before_id=before_id,
        before_day=before_day,
        after=number(after),
        after_id=after_id,
        day=day,
    )


def _parts_over_floor(
    floor: Sequence[Any], value: float, total: Sequence[Any], upper: float
) -> str:
    return Said(
        "The parts %(parts)s add up to %(value)s, more than %(total)s allows (%(upper)s).",
        parts=floor_words(floor),
        value=number(value),
        total=describe(total),
        upper=number(upper),
    )


def _parts_over_total(ids: Sequence[int], total_id: int, summed: float, upper: float) -> str:
    return Said(
        "%(parts)s, parts of claim %(total)s, add up to %(summed)s, more than its upper bound "
        "%(upper)s.",
        parts=claims(ids, capital=True),
        total=total_id,
        summed=number(summed),
        upper=number(upper),
    )


def _single_partisan(names: str) -> str:
    return Said("Every current figure comes from a party to the event (%(names)s).", names=names)


def _retracted_still_cited(
    claim_id: int, day: str, target_id: int, retraction_id: int, retracted_on: str
) -> str:
    return Said(
        "Claim %(id)s (%(day)s) repeats the figure of claim %(target)s, retracted by claim "
        "%(retraction)s on %(retracted_on)s.",
        id=claim_id,
        day=day,
        target=target_id,
        retraction=retraction_id,
        retracted_on=retracted_on,
    )


def _labelled(name: str, label: str | None) -> str:
    """A category as the claim gave it: the vocabulary's word, and the claim's own label."""
    if not label:
        return category(name)
    return Said('%(category)s ("%(label)s")', category=category(name), label=label)


def _category_conflict(
    voice: str,
    figure: float | None,
    first: Sequence[Any],
    first_id: int,
    second: Sequence[Any],
    second_id: int,
) -> str:
    return Said(
        "%(voice)s gives %(figure)s under %(first)s (claim %(first_id)s) and under %(second)s "
        "(claim %(second_id)s).",
        voice=voice,
        figure=number(figure),
        first=_labelled(*first),
        first_id=first_id,
        second=_labelled(*second),
        second_id=second_id,
    )


def _scope_mismatch(
    detained: Sequence[Any], in_custody: Sequence[Any], held: Sequence[Any], still: Sequence[Any]
) -> str:
    return Said(
        "%(detained)s counts people detained; %(in_custody)s counts people still in custody. "
        "They disagree (%(held)s vs %(still)s): different scopes, not one figure.",
        detained=describe(detained, capital=True),
        in_custody=describe(in_custody),
        held=interval_words(*held),
        still=interval_words(*still),
    )


def _disowned(source_id: int, target_id: int, note: str | None) -> str:
    return Said(
        "Claim %(source)s: the cited source disowns the attribution in claim %(target)s%(note)s.",
        source=source_id,
        target=target_id,
        note=quoted(note),
    )


def _stale(ids: Sequence[int], newest: str, age: int, limit: int) -> str:
    return Said(
        "The event is open but its newest claim (%(claims)s, %(newest)s) is %(age)s days old, "
        "more than %(limit)s.",
        claims=claims(ids),
        newest=newest,
        age=age,
        limit=limit,
    )


WRITERS: dict[str, Callable[..., str]] = {
    "value_conflict": _value_conflict,
    "downward_revision": _downward,
    "parts_over_floor": _parts_over_floor,
    "parts_over_total": _parts_over_total,
    "single_partisan_source": _single_partisan,
    "retracted_still_cited": _retracted_still_cited,
    "category_conflict": _category_conflict,
    "scope_mismatch": _scope_mismatch,
    "attribution_disowned": _disowned,
    "stale": _stale,
}


def write(say: str, args: Sequence[Any]) -> str:
    """The detail `say` with its arguments, in the engine's words (a Said)."""
    return WRITERS[say](*args)


def detail_text(words: Sequence[Any] | None, stored: str) -> str:
    """A stored conflict's detail: written from its structured form, or as stored (a row
    written before conflicts kept it, or a sentence this version cannot write)."""
    return written(WRITERS, words, stored)
