"""The explanation's sentences, written from a step's structured form when it is shown.

The engine keeps each step as a rule, the claims it names, a sentence id (`say`) and
that sentence's arguments: numbers, claim ids, names, dates and flags, nothing
but JSON values. That form is what a result row stores; a page, the API and a
report write the sentence from it here, with the same words the engine wrote
before it kept steps structured. A row stored before then holds its sentence
(`text`) and is shown as stored.

A figure appears in a sentence as its card: the few values `describe` reads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from factcheck.domain.reconciliation.wording import claim_list, interval, num, sentence
from factcheck.domain.vocabulary import REASON_WORDS

Card = Sequence[Any]  # (id, qualifier, value, lower, upper, point, label, voice, standing, day)


def describe(card: Card) -> str:
    """A figure in words: claim 6 (more than 164 → [164, ∞), no point; Ministry, ...; 2024-05-02)."""
    claim_id, qualifier, value, lower, upper, point, label, voice, standing, day = card
    qualifier = (qualifier or "").replace("_", " ")
    stated = f"{qualifier} {num(value)} → " if value is not None else f"{qualifier} "
    at = f", point {num(point)}" if point is not None else ", no point"
    labelled = f', labelled "{label}"' if label else ""
    return (
        f"claim {claim_id} ({stated.lstrip()}{interval(lower, upper)}{at}{labelled}; "
        f"{voice}, {standing}; {day})"
    )


def deprecation(reason: str, by: int | None, note: str | None) -> str:
    """ "retracted by claim 7 ("technical error")", or the reason's words when no relation gives it."""
    if by is None:
        return REASON_WORDS.get(reason, reason)
    quoted = f' ("{note}")' if note else ""
    return f"{reason} by claim {by}{quoted}"


def floor_words(words: Sequence[Any]) -> str:
    """How a floor was summed: its parts' bests (by category or place), or a total's explicit parts."""
    if words[0] == "parts":
        _, members, total_id = words
        text = " + ".join(f"{num(value)} (claim {claim_id})" for value, claim_id in members)
        return f"{text}, parts of claim {total_id}"
    return " + ".join(
        f"{name} {num(best)} ({claim_list(ids)}{_labels(labels)})"
        for name, best, ids, labels in words[1]
    )


def _labels(labels: Sequence[str]) -> str:
    """The speakers' own labels of the claims a part rests on: ', "armed criminals"'."""
    return "".join(f', "{label}"' for label in labels)


# --- selection (rules 1 and 3) ---


def _deprecated(
    card: Card | None, claim_id: int, reason: str, by: int | None, note: str | None
) -> str:
    said = sentence(describe(card) if card else f"claim {claim_id}")
    return f"{said} is deprecated ({deprecation(reason, by, note)}): shown, struck through, never used."


def _no_figure(claim_id: int) -> str:
    return f"Claim {claim_id} states no usable figure: set aside."


def _part(card: Card, total: int) -> str:
    return (
        f"{sentence(describe(card))} is a part of claim {total}, "
        "not a competing total: set aside, summed as a part."
    )


def _copy(card: Card, original: int, itself_deprecated: bool) -> str:
    note = " (itself deprecated)" if itself_deprecated else ""
    return (
        f"{sentence(describe(card))} republishes claim {original}{note}: one voice, counted once."
    )


# --- running tallies (rule 2) and time (§9) ---


def _superseded(card: Card, by: int) -> str:
    return f"{sentence(describe(card))} is superseded by claim {by} (a supersedes relation)."


def _superseded_many(ids: Sequence[int], voice: str, latest: int, value: float, day: str) -> str:
    return (
        f"{len(ids)} earlier figures from {voice} "
        f"({claim_list(ids)}) are superseded by its latest, claim {latest} "
        f"({num(value)}, as of {day})."
    )


def _superseded_older(card: Card, latest: int, voice: str, same_day: bool, value: float) -> str:
    when = "the same day, with a higher figure" if same_day else "later"
    return (
        f"{sentence(describe(card))} is superseded by claim {latest}: "
        f"same origin ({voice}), stated {when} ({num(value)})."
    )


def _overtaken_many(ids: Sequence[int]) -> str:
    return (
        f"{len(ids)} earlier figures ({claim_list(ids)}) are overtaken: later counts "
        "of this group, from any origin, reached at least as high. They stay on the "
        "timeline but take no part in today's figures and conflict with nothing."
    )


def _overtaken(card: Card, by: int, lower: float, day: str, voice: str) -> str:
    return (
        f"{sentence(describe(card))} is overtaken by claim {by} "
        f"({num(lower)} or more, {day}, {voice}): "
        "the tally has moved past it, so it stays on the timeline but takes no part "
        "in today's figures."
    )


# --- origins and what is reported beside the count (§4, §5) ---

_HOW: dict[str, Callable[..., str]] = {
    "copy": lambda: "a copy, speaks with its original's voice",
    "cites": lambda who, cited: f"{who} cites {cited}",
    "said_reported": lambda speaker, original, outlet: (
        f"said by {speaker}, reported by {original}, republished by {outlet}"
    ),
    "said": lambda speaker, outlet: f"said by {speaker} in {outlet}",
    "republished": lambda outlet: f"the outlet's own voice, republished by {outlet}",
    "own": lambda outlet: f"the outlet's own voice ({outlet})",
}


def how_origin(how: Sequence[Any]) -> str:
    """Why a claim's origin is what it is: ("said", speaker, outlet) -> "said by ... in ..."."""
    return _HOW[how[0]](*how[1:])


def _origins(voices: Sequence[Any]) -> str:
    parts = []
    for name, standing, claims in voices:
        how = "; ".join(f"claim {claim_id}: {how_origin(way)}" for claim_id, way in claims)
        parts.append(f"{name} ({standing}) — {how}")
    n = len(voices)
    return (
        f"Current count figures come from {n} origin{'s' if n > 1 else ''}, each "
        f"counted once: {'; '.join(parts)}."
    )


def _side(modality: str, low: float, best: float, high: float, used: Sequence[int]) -> str:
    return (
        f"{modality.capitalize()}s are reported beside the count, never mixed "
        f"in: low {num(low)}, best {num(best)}, high {num(high)} from "
        f"{claim_list(used)}."
    )


def _side_step(modality: str, say: str, args: Sequence[Any]) -> str:
    return f"{modality}: {write(say, args)}"


def _passed_projection(claim_id: int, reach: float, low: float) -> str:
    return (
        f"Counts have since passed the projection of claim {claim_id} ({num(reach)}): "
        f"the low of the count is {num(low)}."
    )


# --- floors and low / best / high (rules 4-6) ---


def _floor(
    words: Sequence[Any], value: float, fits: Sequence[Any], category: str, place: str | None
) -> str:
    within = ", ".join(
        f"claim {claim_id} {interval(lower, upper)}" for claim_id, lower, upper in fits
    )
    agree = f" It fits within {within}." if fits else ""
    whole = category if place is None else f"{category} in {place}"
    return (
        f"Sub-totals: {floor_words(words)} = {num(value)}, a floor for {whole} "
        f"(the parts are disjoint, so the total is at least their sum).{agree}"
    )


def _partisan(
    card: Card, above: bool, factor: float, low: float, high: float | None, others: Sequence[int]
) -> str:
    where = (
        f"above {num(factor)}× the others' high {num(high)}"
        if above
        else f"below the others' low {num(low)} divided by {num(factor)}"
    )
    return (
        f"{sentence(describe(card))} comes only from a partisan origin and lies "
        f"far outside the non-partisan figures ({where}; "
        f"{claim_list(others)}): shown, not used for low, best or high."
    )


def _overlap(value: float, words: Sequence[Any]) -> str:
    return (
        f"The parts' sum {num(value)} ({floor_words(words)}) exceeds every "
        "stated total, so the parts overlap: their sum is not used as a floor."
    )


def _low(low: float, lowest: Sequence[Any] | None, floor: float | None) -> str:
    if lowest is None:
        return f"low = {num(low)}: no stated total; the component floor."
    lower, claim_id = lowest
    source = f"the lowest reliable lower bound, {num(lower)} from claim {claim_id}"
    if floor is None:
        return f"low = {num(low)}: {source}."
    return f"low = {num(low)}: the larger of {source}, and the component floor {num(floor)}."


def _high(
    low: float, high: float, top: Sequence[Any] | None, floor_reach: float | None, raised: bool
) -> str:
    text = ""
    if top is not None:
        claim_id, lower, upper, reach = top
        if upper is not None:
            text = f"the highest reliable upper bound, {num(reach)} from claim {claim_id}"
        else:
            text = (
                f"claim {claim_id} is open above ({interval(lower, None)}), so its figure "
                f"{num(reach)} counts; no claim gives a higher finite upper bound"
            )
    if floor_reach is not None:
        text = f"the parts' highs summed ({num(floor_reach)})" + (f", above {text}" if text else "")
    if raised:
        text += f"; raised to low {num(low)}"
    return f"high = {num(high)}: {text}."


def _best(
    low: float,
    high: float,
    ranked: Sequence[Any],
    any_figures: bool,
    floor: Sequence[Any] | None,
    stated: float,
) -> str:
    if ranked:
        claim_id, point, voice, tier = ranked[0]
        others = "; ".join(f"claim {i} {num(p)} ({t})" for i, p, _, t in ranked[1:])
        rivals = [i for i, _, _, t in ranked[1:] if t == tier]
        text = (
            f"best: claim {claim_id} gives {num(point)} ({voice}), tier "
            f'"{tier}", the most trustworthy tier with a point value'
        )
        if rivals:
            text += f"; the tie with {claim_list(rivals)} goes to the most recent, then the lower"
        if others:
            text += f". Other points: {others}"
    elif any_figures:
        text = f"best: no claim gives a point value, so best takes low {num(low)}, the conservative choice"
    elif floor is not None:
        value, words = floor
        text = f"best: no stated total, so best is the component sum {num(value)} ({floor_words(words)})"
    else:
        raise AssertionError("a best without figures rests on a floor")
    if stated < low:
        text += f". {num(stated)} is below low, so best is clamped up to {num(low)}"
    elif stated > high:
        text += f". {num(stated)} is above high, so best is clamped down to {num(high)}"
    return f"{text}."


# --- decisions and the grade (§5) ---


def _decided_scope(a: Sequence[Any], b: Sequence[Any]) -> str:
    return (
        f"Claims {a[0]} {interval(a[1], a[2])} and {b[0]} {interval(b[1], b[2])} "
        "do not overlap, but a reviewer decided they count different things "
        "(different scope): not a conflict."
    )


def _decided_preferred(chosen: Sequence[Any], reason: str | None, other: Sequence[Any]) -> str:
    return (
        f"Claim {chosen[0]} {interval(chosen[1], chosen[2])} is preferred by a reviewer "
        f"(“{reason}”), which decides its disagreement with claim {other[0]} "
        f"{interval(other[1], other[2])}: not a conflict."
    )


def _contested(a: Sequence[Any], b: Sequence[Any]) -> str:
    return (
        f"Grade contested: figures from different origins do not overlap, "
        f"e.g. claim {a[0]} {interval(a[1], a[2])} ({a[3]}) and "
        f"claim {b[0]} {interval(b[1], b[2])} ({b[3]})."
    )


def _confirmed(voice: str, claim_id: int, other_voice: str, other_id: int) -> str:
    return (
        f"Grade confirmed: the count of {voice}, an accountable "
        f"authority (claim {claim_id}), is corroborated by an independent "
        f"origin, {other_voice} (claim {other_id}), whose figure overlaps."
    )


def _fair(voice: str, claim_id: int, other_voice: str, other_id: int) -> str:
    return (
        f"Grade fair: two independent origins agree: {voice} "
        f"(claim {claim_id}) and {other_voice} (claim {other_id})."
    )


_WEAK: dict[str, Callable[..., str]] = {
    "none": lambda: "no count survived the rules above",
    "one_origin": lambda voice, ids: f"one origin only ({voice}, {claim_list(ids)})",
    "vague_only": lambda: "vague wording only",
    "vague_some": lambda ids: f"{claim_list(ids)} vague wording, which corroborates nothing",
    "partisan_only": lambda: "partisan origins only, so agreement between them is not independent",
    "no_agreement": lambda: "no two origins give non-vague figures that agree",
}


def _weak(reasons: Sequence[Any]) -> str:
    return f"Grade weak: {'; '.join(_WEAK[why[0]](*why[1:]) for why in reasons)}."


def _discounted(count_claims: int) -> str:
    return f"Grade discounted: every count claim ({count_claims}) is deprecated; no figure stands."


def _no_count() -> str:
    return "Grade weak: no usable count; low, best and high stay empty."


def _parts_only() -> str:
    return "Grade weak: nobody states this total; the numbers rest on the sum of its parts."


WRITERS: dict[str, Callable[..., str]] = {
    "deprecated": _deprecated,
    "no_figure": _no_figure,
    "part": _part,
    "copy": _copy,
    "superseded": _superseded,
    "superseded_many": _superseded_many,
    "superseded_older": _superseded_older,
    "overtaken_many": _overtaken_many,
    "overtaken": _overtaken,
    "origins": _origins,
    "side": _side,
    "side_step": _side_step,
    "passed_projection": _passed_projection,
    "floor": _floor,
    "partisan": _partisan,
    "overlap": _overlap,
    "low": _low,
    "high": _high,
    "best": _best,
    "decided_scope": _decided_scope,
    "decided_preferred": _decided_preferred,
    "contested": _contested,
    "confirmed": _confirmed,
    "fair": _fair,
    "weak": _weak,
    "discounted": _discounted,
    "no_count": _no_count,
    "parts_only": _parts_only,
}


def write(say: str, args: Sequence[Any]) -> str:
    """The sentence `say` with its arguments, in the engine's words."""
    return WRITERS[say](*args)


def step_text(step: Mapping[str, Any]) -> str:
    """A stored step's sentence: written from its structured form, or as stored by an older engine."""
    if "say" in step:
        return write(step["say"], step["args"])
    return step["text"]
