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

from factcheck.domain.reconciliation.wording import num
from factcheck.domain.said import Number, Said
from factcheck.domain.vocabulary import CATEGORY_PARENT, REASON_WORDS

Card = Sequence[Any]  # (id, qualifier, value, lower, upper, point, label, voice, standing, day)

# The engine's words inside a sentence (a qualifier, a source's standing, a reason, a tier),
# each a Said so that an interface can look it up: the catalogue reads the literals here.
_TERMS: dict[str, Said] = {
    said: said
    for said in (
        Said("exact"),
        Said("more than"),
        Said("at least"),
        Said("nearly"),
        Said("approximately"),
        Said("at most"),
        Said("range"),
        Said("vague"),
        Said("official party"),
        Said("official non-party"),
        Said("partisan"),
        Said("independent"),
        Said("retracted"),
        Said("corrected"),
        Said("disowned"),
        Said("withdrawn"),
        Said("deprecated"),
        Said("set aside by editor"),
        Said("preferred by a reviewer"),
        Said("independent and corroborated"),
        Said("independent, uncorroborated"),
        Said("estimate"),
        Said("projection"),
    )
}


def number(value: float | None) -> str:
    """A figure as the engine writes it ("8000"), which an interface may write its own way."""
    return Number(num(value), value) if value is not None else num(value)


def _interval(lower: float, upper: float | None) -> str:
    """[lower, upper], with an open end written as [lower, ∞) (wording.interval's words)."""
    if upper is None:
        return Said("[%(lower)s, ∞)", lower=number(lower))
    return Said("[%(lower)s, %(upper)s]", lower=number(lower), upper=number(upper))


def term(word: str | None) -> str:
    """One of the engine's words, as a Said when it is one the interface translates."""
    return _TERMS.get(word or "", word or "")


def category(name: str) -> str:
    """A category of the vocabulary as a Said, so an interface says it in its language
    (the catalogue holds the vocabulary's words); any other name as it is."""
    return Said(name) if name in CATEGORY_PARENT else name


def claims(ids: Sequence[int]) -> Said:
    """ "claim 3", "claims 3 and 5", "claims 3, 5 and 8"."""
    named = [str(i) for i in ids]
    if len(named) == 1:
        return Said("claim %(id)s", id=named[0])
    return Said("claims %(ids)s and %(last)s", ids=", ".join(named[:-1]), last=named[-1])


def describe(card: Card, capital: bool = False) -> Said:
    """A figure in words: claim 6 (more than 164 → [164, ∞), no point; Ministry, ...; 2024-05-02).

    `capital`: as it opens a sentence ("Claim 6 (...) is ...")."""
    claim_id, qualifier, value, lower, upper, point, label, voice, standing, day = card
    words = term((qualifier or "").replace("_", " "))
    stated: str
    if value is not None:
        stated = (
            Said("%(qualifier)s %(value)s → ", qualifier=words, value=number(value))
            if words
            else Said("%(value)s → ", value=number(value))
        )
    else:
        stated = Said("%(qualifier)s ", qualifier=words) if words else ""
    values = {
        "id": claim_id,
        "stated": stated,
        "interval": _interval(lower, upper),
        "point": Said(", point %(point)s", point=number(point))
        if point is not None
        else Said(", no point"),
        "label": Said(', labelled "%(label)s"', label=label) if label else "",
        "voice": voice,
        "standing": term(standing),
        "day": day,
    }
    if capital:
        return Said(
            "Claim %(id)s (%(stated)s%(interval)s%(point)s%(label)s; %(voice)s, %(standing)s; %(day)s)",
            **values,
        )
    return Said(
        "claim %(id)s (%(stated)s%(interval)s%(point)s%(label)s; %(voice)s, %(standing)s; %(day)s)",
        **values,
    )


def deprecation(reason: str, by: int | None, note: str | None) -> str:
    """ "retracted by claim 7 ("technical error")", or the reason's words when no relation gives it."""
    if by is None:
        return term(REASON_WORDS.get(reason, reason))
    quoted = f' ("{note}")' if note else ""
    return Said("%(reason)s by claim %(by)s%(note)s", reason=term(reason), by=by, note=quoted)


def floor_words(words: Sequence[Any]) -> str:
    """How a floor was summed: its parts' bests (by category or place), or a total's explicit parts."""
    if words[0] == "parts":
        _, members, total_id = words
        parts = [Said("%(value)s (claim %(id)s)", value=number(v), id=i) for v, i in members]
        return Said("%(parts)s, parts of claim %(total)s", parts=_plus(parts), total=total_id)
    return _plus(
        [
            Said(
                "%(name)s %(best)s (%(claims)s%(labels)s)",
                name=category(name),
                best=number(best),
                claims=claims(ids),
                labels="".join(f', "{label}"' for label in labels),
            )
            for name, best, ids, labels in words[1]
        ]
    )


def _plus(parts: Sequence[str]) -> str:
    """Parts joined with " + ", each still a Said the interface translates."""
    return _joined(parts, " + ")


def _joined(parts: Sequence[str], between: str) -> str:
    if len(parts) == 1:
        return parts[0]
    values = {f"p{i}": part for i, part in enumerate(parts)}
    return Said(between.join(f"%(p{i})s" for i in range(len(parts))), **values)


# --- selection (rules 1 and 3) ---


def _deprecated(
    card: Card | None, claim_id: int, reason: str, by: int | None, note: str | None
) -> str:
    return Said(
        "%(figure)s is deprecated (%(why)s): shown, struck through, never used.",
        figure=describe(card, capital=True) if card else Said("Claim %(id)s", id=claim_id),
        why=deprecation(reason, by, note),
    )


def _no_figure(claim_id: int) -> str:
    return Said("Claim %(id)s states no usable figure: set aside.", id=claim_id)


def _part(card: Card, total: int) -> str:
    return Said(
        "%(figure)s is a part of claim %(total)s, not a competing total: set aside, summed as a part.",
        figure=describe(card, capital=True),
        total=total,
    )


def _copy(card: Card, original: int, itself_deprecated: bool) -> str:
    figure = describe(card, capital=True)
    if itself_deprecated:
        return Said(
            "%(figure)s republishes claim %(original)s (itself deprecated): one voice, counted once.",
            figure=figure,
            original=original,
        )
    return Said(
        "%(figure)s republishes claim %(original)s: one voice, counted once.",
        figure=figure,
        original=original,
    )


# --- running tallies (rule 2) and time (§9) ---


def _superseded(card: Card, by: int) -> str:
    return Said(
        "%(figure)s is superseded by claim %(by)s (a supersedes relation).",
        figure=describe(card, capital=True),
        by=by,
    )


def _superseded_many(ids: Sequence[int], voice: str, latest: int, value: float, day: str) -> str:
    return Said(
        "%(count)s earlier figures from %(voice)s (%(claims)s) are superseded by its latest, "
        "claim %(latest)s (%(value)s, as of %(day)s).",
        count=len(ids),
        voice=voice,
        claims=claims(ids),
        latest=latest,
        value=number(value),
        day=day,
    )


def _superseded_older(card: Card, latest: int, voice: str, same_day: bool, value: float) -> str:
    values = {"figure": describe(card, capital=True), "latest": latest, "voice": voice}
    if same_day:
        return Said(
            "%(figure)s is superseded by claim %(latest)s: same origin (%(voice)s), stated the "
            "same day, with a higher figure (%(value)s).",
            value=number(value),
            **values,
        )
    return Said(
        "%(figure)s is superseded by claim %(latest)s: same origin (%(voice)s), stated later "
        "(%(value)s).",
        value=number(value),
        **values,
    )


def _overtaken_many(ids: Sequence[int]) -> str:
    return Said(
        "%(count)s earlier figures (%(claims)s) are overtaken: later counts of this group, from "
        "any origin, reached at least as high. They stay on the timeline but take no part in "
        "today's figures and conflict with nothing.",
        count=len(ids),
        claims=claims(ids),
    )


def _overtaken(card: Card, by: int, lower: float, day: str, voice: str) -> str:
    return Said(
        "%(figure)s is overtaken by claim %(by)s (%(lower)s or more, %(day)s, %(voice)s): the "
        "tally has moved past it, so it stays on the timeline but takes no part in today's "
        "figures.",
        figure=describe(card, capital=True),
        by=by,
        lower=number(lower),
        day=day,
        voice=voice,
    )


# --- origins and what is reported beside the count (§4, §5) ---

_HOW: dict[str, Callable[..., str]] = {
    "copy": lambda: Said("a copy, speaks with its original's voice"),
    "cites": lambda who, cited: Said("%(who)s cites %(cited)s", who=who, cited=cited),
    "said_reported": lambda speaker, original, outlet: Said(
        "said by %(speaker)s, reported by %(original)s, republished by %(outlet)s",
        speaker=speaker,
        original=original,
        outlet=outlet,
    ),
    "said": lambda speaker, outlet: Said(
        "said by %(speaker)s in %(outlet)s", speaker=speaker, outlet=outlet
    ),
    "republished": lambda outlet: Said(
        "the outlet's own voice, republished by %(outlet)s", outlet=outlet
    ),
    "own": lambda outlet: Said("the outlet's own voice (%(outlet)s)", outlet=outlet),
}


def how_origin(how: Sequence[Any]) -> str:
    """Why a claim's origin is what it is: ("said", speaker, outlet) -> "said by ... in ..."."""
    return _HOW[how[0]](*how[1:])


def _origins(voices: Sequence[Any]) -> str:
    parts = []
    for name, standing, named in voices:
        how = _joined(
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
        origins=_joined(parts, "; "),
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


def _side_step(modality: str, say: str, args: Sequence[Any]) -> str:
    return Said("%(modality)s: %(step)s", modality=term(modality), step=write(say, args))


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
    within = _joined(
        [
            Said("claim %(id)s %(interval)s", id=claim_id, interval=_interval(lower, upper))
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
                interval=_interval(lower, None),
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
                "%(best)s. Other points: %(others)s", best=text, others=_joined(others, "; ")
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


# --- decisions and the grade (§5) ---


def _decided_scope(a: Sequence[Any], b: Sequence[Any]) -> str:
    return Said(
        "Claims %(a)s %(a_interval)s and %(b)s %(b_interval)s do not overlap, but a reviewer "
        "decided they count different things (different scope): not a conflict.",
        a=a[0],
        a_interval=_interval(a[1], a[2]),
        b=b[0],
        b_interval=_interval(b[1], b[2]),
    )


def _decided_preferred(chosen: Sequence[Any], reason: str | None, other: Sequence[Any]) -> str:
    return Said(
        "Claim %(id)s %(interval)s is preferred by a reviewer (“%(reason)s”), which decides its "
        "disagreement with claim %(other)s %(other_interval)s: not a conflict.",
        id=chosen[0],
        interval=_interval(chosen[1], chosen[2]),
        reason=reason,
        other=other[0],
        other_interval=_interval(other[1], other[2]),
    )


def _contested(a: Sequence[Any], b: Sequence[Any]) -> str:
    return Said(
        "Grade contested: figures from different origins do not overlap, e.g. claim %(a)s "
        "%(a_interval)s (%(a_voice)s) and claim %(b)s %(b_interval)s (%(b_voice)s).",
        a=a[0],
        a_interval=_interval(a[1], a[2]),
        a_voice=a[3],
        b=b[0],
        b_interval=_interval(b[1], b[2]),
        b_voice=b[3],
    )


def _confirmed(voice: str, claim_id: int, other_voice: str, other_id: int) -> str:
    return Said(
        "Grade confirmed: the count of %(voice)s, an accountable authority (claim %(id)s), is "
        "corroborated by an independent origin, %(other)s (claim %(other_id)s), whose figure "
        "overlaps.",
        voice=voice,
        id=claim_id,
        other=other_voice,
        other_id=other_id,
    )


def _fair(voice: str, claim_id: int, other_voice: str, other_id: int) -> str:
    return Said(
        "Grade fair: two independent origins agree: %(voice)s (claim %(id)s) and %(other)s "
        "(claim %(other_id)s).",
        voice=voice,
        id=claim_id,
        other=other_voice,
        other_id=other_id,
    )


_WEAK: dict[str, Callable[..., str]] = {
    "none": lambda: Said("no count survived the rules above"),
    "one_origin": lambda voice, ids: Said(
        "one origin only (%(voice)s, %(claims)s)", voice=voice, claims=claims(ids)
    ),
    "vague_only": lambda: Said("vague wording only"),
    "vague_some": lambda ids: Said(
        "%(claims)s vague wording, which corroborates nothing", claims=claims(ids)
    ),
    "partisan_only": lambda: Said(
        "partisan origins only, so agreement between them is not independent"
    ),
    "no_agreement": lambda: Said("no two origins give non-vague figures that agree"),
}


def _weak(reasons: Sequence[Any]) -> str:
    why = _joined([_WEAK[r[0]](*r[1:]) for r in reasons], "; ") if reasons else ""
    return Said("Grade weak: %(why)s.", why=why)


def _discounted(count_claims: int) -> str:
    return Said(
        "Grade discounted: every count claim (%(count)s) is deprecated; no figure stands.",
        count=count_claims,
    )


def _no_count() -> str:
    return Said("Grade weak: no usable count; low, best and high stay empty.")


def _parts_only() -> str:
    return Said("Grade weak: nobody states this total; the numbers rest on the sum of its parts.")


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
    if "say" not in step:
        return step["text"]
    try:
        return write(step["say"], step["args"])
    except (KeyError, TypeError, ValueError):
        # A sentence this version cannot write (a newer engine's, or arguments it does not
        # expect): its id and values, rather than no page at all.
        return f"{step['say']}: {', '.join(map(str, step['args']))}"
