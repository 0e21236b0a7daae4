"""Relations to claims of *other* articles of the same event (DOMAIN.md §3, §11): "corrected the
figure of 1,700 dead it gave on Feb. 7 to 1,370" looks like a correction of the 1,700 claim
logged from the 7 February article; a withdrawn figure looks like a retraction of the claim
that logged it.

Found by value (the earlier figure the text states), metric, place and speaker (under any of
its names: origins are counted after aliases, §11). A reviewer links in one click or not.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from rapidfuzz import fuzz

from factcheck.domain.extraction.model import Link, Suggestion
from factcheck.domain.names import comparable, name_key

_SAME_SPEAKER = 80  # token-set score (0-100) of two speaker names taken as one origin


@dataclass(frozen=True)
class Candidate:
    """A stored quantity claim of another article of the same event."""

    id: Any
    metric: str | None
    category: str | None
    place: str | None  # the place's name (aliases resolved), None for the whole area
    value: float | None
    qualifier: str | None
    speakers: tuple[str, ...] = ()  # the speaker's name and aliases
    moment: date | None = None  # as_of, else stated_on


def _same_value(a, b) -> bool:
    return a is not None and b is not None and float(a) == float(b)


def _same_speaker(name: str | None, speakers: tuple[str, ...]) -> bool:
    if not name or not speakers:
        return False
    wanted = comparable(name)
    return any(fuzz.token_set_ratio(wanted, comparable(s)) >= _SAME_SPEAKER for s in speakers)


def _place_fits(place: str | None, other: str | None) -> bool | None:
    """True: the same place; None: one of them names none; False: two different places."""
    if place is None or other is None:
        return None
    return name_key(place) == name_key(other)


def _best(
    metric: str | None,
    value,
    place: str | None,
    speaker: str | None,
    day: date | None,
    candidates: list[Candidate],
) -> Candidate | None:
    best, best_rank = None, None
    for c in candidates:
        if c.metric != metric or not _same_value(c.value, value):
            continue
        fits = _place_fits(place, c.place)
        if fits is False:
            continue
        rank = (
            fits is True,
            _same_speaker(speaker, c.speakers),
            day is not None and c.moment == day,
            c.moment or date.min,  # else the latest such figure
        )
        if best_rank is None or rank > best_rank:
            best, best_rank = c, rank
    return best


def propose_links(suggestions: list[Suggestion], candidates: list[Candidate]) -> list[Suggestion]:
    """`suggestions` with `links` to the candidates they look like correcting, superseding or
    retracting (a candidate is a claim of another article; see the module's doc)."""
    if not candidates:
        return suggestions
    by_anchor = {(s.anchor.start, s.anchor.end): s for s in suggestions if s.kind == "quantity"}
    out = []
    for s in suggestions:
        links: list[Link] = []
        if s.kind == "quantity" and s.revises is not None:
            r = s.revises
            hit = _best(s.metric, r.value, s.place, s.attributed_to, r.stated_on, candidates)
            if hit is not None:
                verb = "a correction" if r.relation == "corrects" else "an update"
                links.append(
                    Link(r.relation, hit.id, f"{verb} of claim {hit.id}: {r.quote} → {s.value}")
                )
        if s.kind == "retraction":
            for a in s.retracts:
                withdrawn = by_anchor.get((a.start, a.end))
                if withdrawn is None:
                    continue
                hit = _best(
                    withdrawn.metric,
                    withdrawn.value,
                    withdrawn.place,
                    s.attributed_to,
                    None,
                    candidates,
                )
                if hit is not None:
                    links.append(Link("retracts", hit.id, f"a retraction of claim {hit.id}"))
        out.append(replace(s, links=tuple(links)) if links else s)
    return out
