"""Stored claims made into the engine's ClaimFacts: plain rows in, facts out, compiled.

A rebuild turns every stored claim into facts, and doing so in interpreted Python
took longer than reading the rows did (#17). The persistence layer reads the rows,
their columns in CLAIM_ROW's order, and the outlets and actors they name; this module
knows nothing of where they came from.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from factcheck.domain.ranks import effective_rank
from factcheck.domain.reconciliation.facts import ClaimFacts, Source

# Kinds whose word is an accountable authority's: a count from them can be "confirmed".
ACCOUNTABLE_ACTOR_KINDS = frozenset({"government", "military", "international organisation"})
ACCOUNTABLE_OUTLET_KINDS = frozenset({"government"})

# A claim row's columns, in order; `withdrawn`: the claim or its article is withdrawn.
CLAIM_ROW = (
    "id",
    "event_id",
    "kind",
    "metric",
    "category",
    "category_label",
    "qualifier",
    "modality",
    "value",
    "lower",
    "upper",
    "point",
    "stated_on",
    "as_of",
    "place_id",
    "article_id",
    "attributed_to_id",
    "cites_id",
    "rank",
    "deprecated_reason",
    "preferred_reason",
    "withdrawn",
    "outlet_id",
    "republished_from_outlet_id",
)


def outlet_source(name: str, kind: str) -> Source:
    # An outlet is never party_to an event; its speakers may be.
    return Source(f"outlet:{name}", name, kind, False, kind in ACCOUNTABLE_OUTLET_KINDS)


class Speakers:
    """Actors as Sources, partisan in the events they are party to; each made once per event."""

    def __init__(self, actors: dict[int, tuple[str, str]], party_to: set[tuple[int, int]]):
        self.actors = actors  # id -> (name, kind)
        self.party_to = party_to  # (actor id, event id)
        self._made: dict[tuple[int, int], Source] = {}

    def source(self, actor_id: int | None, event_id: int) -> Source | None:
        if actor_id is None:
            return None
        key = (actor_id, event_id)
        made = self._made.get(key)
        if made is None:
            name, kind = self.actors[actor_id]
            made = Source(
                f"actor:{name}",
                name,
                kind,
                key in self.party_to,
                kind in ACCOUNTABLE_ACTOR_KINDS,
            )
            self._made[key] = made
        return made


def actors_named(rows: Iterable[Any]) -> list[int]:
    """The actors the rows name, as speaker or as cited."""
    named: set[int] = set()
    for row in rows:
        speaker, cites = row[16], row[17]
        if speaker is not None:
            named.add(speaker)
        if cites is not None:
            named.add(cites)
    return sorted(named)


def claims_by_event(
    rows: Iterable[Any],
    slugs: dict[int, str],
    outlets: dict[int, Source],
    speakers: Speakers,
    place_names: dict[int, str],
) -> dict[int, list[ClaimFacts]]:
    """Event id -> its claims' facts, in the rows' order."""
    claims: dict[int, list[ClaimFacts]] = {}
    for row in rows:
        (
            claim_id,
            event_id,
            kind,
            metric,
            category,
            category_label,
            qualifier,
            modality,
            value,
            lower,
            upper,
            point,
            stated_on,
            as_of,
            place_id,
            article_id,
            attributed_to_id,
            cites_id,
            rank,
            deprecated_reason,
            preferred_reason,
            withdrawn,
            outlet_id,
            republished_from_outlet_id,
        ) = row
        ranked = effective_rank(rank, deprecated_reason or preferred_reason, bool(withdrawn))
        facts = ClaimFacts(
            claim_id,
            kind,
            slugs[event_id],
            metric,
            category,
            category_label,
            qualifier,
            modality,
            value,
            lower,
            upper,
            point,
            stated_on,
            article_id,
            outlets[outlet_id],
            outlets[republished_from_outlet_id] if republished_from_outlet_id is not None else None,
            speakers.source(attributed_to_id, event_id),
            speakers.source(cites_id, event_id),
            ranked.rank,
            ranked.reason,
            as_of,
            place_names.get(place_id) if place_id is not None else None,
        )
        listed = claims.get(event_id)
        if listed is None:
            claims[event_id] = [facts]
        else:
            listed.append(facts)
    return claims
