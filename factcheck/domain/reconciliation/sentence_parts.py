"""The parts every explanation sentence is built from: a figure's card in words, claim lists,
numbers, intervals, the engine's terms, a deprecation, a floor's sum and a claim's origin.

Each part is a `Said` (or a `Number`), so an interface can say it in its reader's
language; the English `str` is the engine's words (step_words.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
    if value is None:
        return num(value)
    if type(value) is not float or value != value or value == 0:
        return Number(num(value), value)  # an int, NaN or a signed zero: made each time
    made = _NUMBERS.get(value)
    if made is None:
        if len(_NUMBERS) >= _NUMBERS_KEPT:
            _NUMBERS.clear()
        made = _NUMBERS[value] = Number(num(value), value)
    return made


# Each float's Number, made once: an event's sentences write the same few figures over and
# over (9,531 numbers, 533 distinct, in 300 synthetic events), and a Number is interpreted
# Python to make. A Number is a str, immutable, so one serves every sentence. Keyed by float
# only: 1 and 1.0 are equal keys but not the same Number.value.
_NUMBERS: dict[float, str] = {}
_NUMBERS_KEPT = 4096


def interval_words(lower: float, upper: float | None) -> str:
    """[lower, upper], with an open end written as [lower, ∞)."""
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


def claims(ids: Sequence[int], capital: bool = False) -> Said:
    """ "claim 3", "claims 3 and 5", "claims 3, 5 and 8"; `capital`: as it opens a sentence."""
    named = [str(i) for i in ids]
    if len(named) == 1:
        if capital:
            return Said("Claim %(id)s", id=named[0])
        return Said("claim %(id)s", id=named[0])
    if capital:
        return Said("Claims %(ids)s and %(last)s", ids=", ".join(named[:-1]), last=named[-1])
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
        "interval": interval_words(lower, upper),
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
    return Said("%(reason)s by claim %(by)s%(note)s", reason=term(reason), by=by, note=quoted(note))


def quoted(note: str | None) -> str:
    """' ("technical error")' after what a relation's note explains, or nothing."""
    return f' ("{note}")' if note else ""


def floor_words(words: Sequence[Any]) -> str:
    """How a floor was summed: its parts' bests (by category or place), or a total's explicit parts."""
    if words[0] == "parts":
        _, members, total_id = words
        parts = [Said("%(value)s (claim %(id)s)", value=number(v), id=i) for v, i in members]
        return Said("%(parts)s, parts of claim %(total)s", parts=plus(parts), total=total_id)
    return plus(
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


def plus(parts: Sequence[str]) -> str:
    """Parts joined with " + ", each still a Said the interface translates."""
    return joined(parts, " + ")


def joined(parts: Sequence[str], between: str) -> str:
    if len(parts) == 1:
        return parts[0]
    values = {f"p{i}": part for i, part in enumerate(parts)}
    return Said(between.join(f"%(p{i})s" for i in range(len(parts))), **values)


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
