"""The explanation's sentences of reviewers' decisions and the grade (§5)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from factcheck.domain.reconciliation.sentence_parts import (
    claims,
    interval_words,
    joined,
)
from factcheck.domain.said import Said


def _pair(a: Sequence[Any], b: Sequence[Any]) -> dict[str, Any]:
    """Two figures a sentence sets side by side, (id, lower, upper, …): their ids and intervals."""
    return {
        "a": a[0],
        "a_interval": interval_words(a[1], a[2]),
        "b": b[0],
        "b_interval": interval_words(b[1], b[2]),
    }


def _decided_scope(a: Sequence[Any], b: Sequence[Any]) -> str:
    return Said(
        "Claims %(a)s %(a_interval)s and %(b)s %(b_interval)s do not overlap, but a reviewer "
        "decided they count different things (different scope): not a conflict.",
        **_pair(a, b),
    )


def _decided_preferred(chosen: Sequence[Any], reason: str | None, other: Sequence[Any]) -> str:
    return Said(
        "Claim %(id)s %(interval)s is preferred by a reviewer (“%(reason)s”), which decides its "
        "disagreement with claim %(other)s %(other_interval)s: not a conflict.",
        id=chosen[0],
        interval=interval_words(chosen[1], chosen[2]),
        reason=reason,
        other=other[0],
        other_interval=interval_words(other[1], other[2]),
    )


def _contested(a: Sequence[Any], b: Sequence[Any]) -> str:
    return Said(
        "Grade contested: figures from different origins do not overlap, e.g. claim %(a)s "
        "%(a_interval)s (%(a_voice)s) and claim %(b)s %(b_interval)s (%(b_voice)s).",
        a_voice=a[3],
        b_voice=b[3],
        **_pair(a, b),
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
    why = joined([_WEAK[r[0]](*r[1:]) for r in reasons], "; ") if reasons else ""
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


GRADE_WRITERS: dict[str, Callable[..., str]] = {
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
