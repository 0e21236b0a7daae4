"""The place and the moment (`as_of`) of each quantity of one sentence (DOMAIN.md §9–§10)."""

from __future__ import annotations

import re
from datetime import date

from factcheck.domain.extraction.lexicon import Lexicon, compiled
from factcheck.domain.extraction.places import (
    Place,
    PlaceIndex,
    authority_place,
    owner_before,
    place_of,
    sentence_place,
)
from factcheck.domain.extraction.quantities import Quantity
from factcheck.domain.extraction.text import clause_breaks

_PLACE_NEXT = re.compile(r"\s+(?:in|di|at)\s", re.IGNORECASE)
_JOINED = re.compile(r"^\s*(?:people\s+|orang\s+)?(?:and|dan|serta)\s*$", re.IGNORECASE)


def places_of(
    s: str,
    found: list[Quantity],
    lex: Lexicon,
    index: PlaceIndex,
    history: list[Place],
) -> list[Place | None]:
    """One place (or None: the event's whole area) per quantity of sentence `s`, in order.

    `history`: the places named in the article's earlier sentences (for "the province")."""
    breaks = clause_breaks(s)
    named = index.mentions(s)
    before = [(-1, p) for p in history[-3:]] + named
    own: list[Place | None | bool] = []
    for q in found:
        clause = max([b + 1 for b in breaks if b < q.figure.qualifier_start] + [0])
        own.append(
            place_of(s, q.start, q.figure.qualifier_start, q.end, lex, index, before, clause)
        )
    # "5,434 people had been killed and 31,777 injured in Turkey": both are Turkey's.
    for i in range(len(found) - 2, -1, -1):
        nxt = own[i + 1]
        if own[i] is None and isinstance(nxt, Place) and _PLACE_NEXT.match(s, found[i + 1].end):
            if _JOINED.match(s[found[i].end : found[i + 1].figure.qualifier_start]):
                own[i] = nxt
    opening = sentence_place(s, lex, index)
    out: list[Place | None] = []
    previous_end = 0
    for q, place in zip(found, own):
        if place is None:
            place = owner_before(s, previous_end, q.figure.qualifier_start, lex, index)
        if place is None:
            place = authority_place(s, q.start, lex, index)
        if place is None:
            place = opening
        out.append(index.whole(place) if isinstance(place, Place) else None)
        previous_end = q.figure.end
    return out


def as_of_days(
    s: str, lex: Lexicon, days: list[tuple[int, int, date]]
) -> list[tuple[int, int, date]]:
    """(start, end, day) of each stretch of `s` between commas that says the moment its figures
    stood at: "had climbed to 1,061 as of Monday", "hingga Senin (1/10/2018) … menjadi 844"."""
    if not lex.as_of:
        return []
    out = []
    lead = compiled(rf"(?<!\w)(?:{lex.as_of})\s+$", "raw")
    for start, end, day in days:
        if lead.search(s, max(0, start - 12), start):
            # a comma followed by a space ends the stretch; "1,061" does not
            a = max([m.end() for m in re.finditer(r"[,;](?=\s)", s[:start])] + [0])
            b = min([m.start() + end for m in re.finditer(r"[,;](?=\s)", s[end:])] + [len(s)])
            out.append((a, b, day))
    return out


def as_of_for(q: Quantity, stretches: list[tuple[int, int, date]]) -> date | None:
    return next((day for a, b, day in stretches if a <= q.figure.start < b), None)
