"""The explanation's sentences of selection (rules 1 and 3), running tallies (rule 2) and time (§9)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from factcheck.domain.reconciliation.sentence_parts import (
    Card,
    claims,
    deprecation,
    describe,
    number,
)
from factcheck.domain.said import Said

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


def _overtaken_by_parts(card: Card, value: float, day: str) -> str:
    return Said(
        "%(figure)s is overtaken by its parts: by %(day)s they add up to %(value)s or more. The "
        "tally has moved past it, so it stays on the timeline but takes no part in today's "
        "figures.",
        figure=describe(card, capital=True),
        value=number(value),
        day=day,
    )


SELECTION_WRITERS: dict[str, Callable[..., str]] = {
    "deprecated": _deprecated,
    "no_figure": _no_figure,
    "part": _part,
    "copy": _copy,
    "superseded": _superseded,
    "superseded_many": _superseded_many,
    "superseded_older": _superseded_older,
    "overtaken_many": _overtaken_many,
    "overtaken": _overtaken,
    "overtaken_by_parts": _overtaken_by_parts,
}
