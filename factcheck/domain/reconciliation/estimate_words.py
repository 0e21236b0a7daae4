"""The explanation's sentences of origins, side estimates, floors and low / best / high (§4, §5, rules 4-6)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from factcheck.domain.reconciliation.sentence_parts import (
    Card,
    category,
    claims,
    describe,
    floor_words,
    how_origin,
    interval_words,
    joined,
    number,
    term,
)
from factcheck.domain.said import Said

# --- origins and what is reported beside the count (§4, §5) ---


def _origins(voices: Sequence[Any]) -> str:
    parts = []
    for name, standing, named in voices:
        how = joined(
            [
                Said("claim %(id)s: %(how)s", id=claim_id, how=how_origin(way))
                for claim_id, way in named
            ],
            "; ",
        )
        parts.append(
            Said("%(name)s (%(standing)s) — %(how)s", name=name, standing=term(standing), how=how)
        )
    if len(voices) == 1:
        return Said(
            "Current count figures come from 1 origin, each counted once: %(origins)s.",
            origins=parts[0],
        )
    return Said(
        "Current count figures come from %(count)s origins, each counted once: %(origins)s.",
        count=len(voices),
        origins=joined(parts, "; "),
    )


def _side(modality: str, low: float, best: float, high: float, used: Sequence[int]) -> str:
    return Said(
        "%(modalities)s are reported beside the count, never mixed in: low %(low)s, best "
        "%(best)s, high %(high)s from %(claims)s.",
        modalities=Said("Estimates") if modality == "estimate" else Said("Projections"),
        low=number(low),
        best=number(best),
        high=number(high),
        claims=claims(used),
    )


def _passed_projection(claim_id: int, reach: float, low: float) -> str:
    return Said(
        "Counts have since passed the projection of claim %(id)s (%(reach)s): the low of the "
        "count is %(low)s.",
        id=claim_id,
        reach=number(reach),
        low=number(low),
    )


# --- floors and low / best / high (rules 4-6) ---


def _floor(
    words: Sequence[Any], value: float, fits: Sequence[Any], group: str, place: str | None
) -> str:
    values = {"parts": floor_words(words), "value": number(value), "category": category(group)}
    if place is None:
        floor = Said(
            "Sub-totals: %(parts)s = %(value)s, a floor for %(category)s (the parts are "
            "disjoint, so the total is at least their sum).",
            **values,
        )
    else:
        floor = Said(
            "Sub-totals: %(parts)s = %(value)s, a floor for %(category)s in %(place)s (the parts "
            "are disjoint, so the total is at least their sum).",
            place=place,
            **values,
        )
    if not fits:
        return floor
    within = joined(
        [
            Said("claim %(id)s %(interval)s", id=claim_id, interval=interval_words(lower, upper))
            for claim_id, lower, upper in fits
        ],
        ", ",
    )
    return Said("%(floor)s It fits within %(within)s.", floor=floor, within=within)


def _partisan(
    card: Card, above: bool, factor: float, low: float, high: float | None, others: Sequence[int]
) -> str:
    where = (
        Said(
            "above %(factor)s× the others' high %(high)s", factor=number(factor), high=number(high)
        )
        if above
        else Said(
            "below the others' low %(low)s divided by %(factor)s",
            low=number(low),
            factor=number(factor),
        )
    )
    return Said(
        "%(figure)s comes only from a partisan origin and lies far outside the non-partisan "
        "figures (%(where)s; %(claims)s): shown, not used for low, best or high.",
        figure=describe(card, capital=True),
        where=where,
        claims=claims(others),
    )


def _overlap(value: float, words: Sequence[Any]) -> str:
    return Said(
        "The parts' sum %(value)s (%(parts)s) exceeds every stated total, so the parts overlap: "
        "their sum is not used as a floor.",
        value=number(value),
        parts=floor_words(words),
    )


def _low(low: float, lowest: Sequence[Any] | None, floor: float | None) -> str:
    if lowest is None:
        return Said("low = %(low)s: no stated total; the component floor.", low=number(low))
    lower, claim_id = lowest
    values = {"low": number(low), "lower": number(lower), "id": claim_id}
    if floor is None:
        return Said(
            "low = %(low)s: the lowest reliable lower bound, %(lower)s from claim %(id)s.",
            **values,
        )
    return Said(
        "low = %(low)s: the larger of the lowest reliable lower bound, %(lower)s from claim "
        "%(id)s, and the component floor %(floor)s.",
        floor=number(floor),
        **values,
    )


def _high(
    low: float, high: float, top: Sequence[Any] | None, floor_reach: float | None, raised: bool
) -> str:
    why: str = ""
    if top is not None:
        claim_id, lower, upper, reach = top
        if upper is not None:
            why = Said(
                "the highest reliable upper bound, %(reach)s from claim %(id)s",
                reach=number(reach),
                id=claim_id,
            )
        else:
            why = Said(
                "claim %(id)s is open above (%(interval)s), so its figure %(reach)s counts; no "
                "claim gives a higher finite upper bound",
                id=claim_id,
                interval=interval_words(lower, None),
                reach=number(reach),
            )
    if floor_reach is not None:
        summed = number(floor_reach)
        why = (
            Said("the parts' highs summed (%(summed)s), above %(top)s", summed=summed, top=why)
            if why
            else Said("the parts' highs summed (%(summed)s)", summed=summed)
        )
    if raised:
        why = Said("%(why)s; raised to low %(low)s", why=why, low=number(low))
    return Said("high = %(high)s: %(why)s.", high=number(high), why=why)


def _best(
    low: float,
    high: float,
    ranked: Sequence[Any],
    any_figures: bool,
    floor: Sequence[Any] | None,
    stated: float,
) -> str:
    text: str
    if ranked:
        claim_id, point, voice, tier = ranked[0]
        text = Said(
            'best: claim %(id)s gives %(point)s (%(voice)s), tier "%(tier)s", the most '
            "trustworthy tier with a point value",
            id=claim_id,
            point=number(point),
            voice=voice,
            tier=term(tier),
        )
        rivals = [i for i, _, _, t in ranked[1:] if t == tier]
        if rivals:
            text = Said(
                "%(best)s; the tie with %(claims)s goes to the most recent, then the lower",
                best=text,
                claims=claims(rivals),
            )
        others = [
            Said("claim %(id)s %(point)s (%(tier)s)", id=i, point=number(p), tier=term(t))
            for i, p, _, t in ranked[1:]
        ]
        if others:
            text = Said(
                "%(best)s. Other points: %(others)s", best=text, others=joined(others, "; ")
            )
    elif any_figures:
        text = Said(
            "best: no claim gives a point value, so best takes low %(low)s, the conservative "
            "choice",
            low=number(low),
        )
    elif floor is not None:
        value, words = floor
        text = Said(
            "best: no stated total, so best is the component sum %(value)s (%(parts)s)",
            value=number(value),
            parts=floor_words(words),
        )
    else:
        raise AssertionError("a best without figures rests on a floor")
    if stated < low:
        text = Said(
            "%(best)s. %(stated)s is below low, so best is clamped up to %(low)s",
            best=text,
            stated=number(stated),
            low=number(low),
        )
    elif stated > high:
        text = Said(
            "%(best)s. %(stated)s is above high, so best is clamped down to %(high)s",
            best=text,
            stated=number(stated),
            high=number(high),
        )
    return Said("%(best)s.", best=text)


ESTIMATE_WRITERS: dict[str, Callable[..., str]] = {
    "origins": _origins,
    "side": _side,
    "passed_projection": _passed_projection,
    "floor": _floor,
    "partisan": _partisan,
    "overlap": _overlap,
    "low": _low,
    "high": _high,
    "best": _best,
}
