"""Stored claim rows become the engine's facts: ranks as withdrawn, sides per event, places by name."""

from __future__ import annotations

from datetime import date

from factcheck.domain.reconciliation.claim_rows import (
    CLAIM_ROW,
    Speakers,
    actors_named,
    claims_by_event,
    outlet_source,
)

OUTLETS = {1: outlet_source("Kementerian", "government"), 2: outlet_source("Daily", "independent")}


def _row(**given) -> tuple:
    values = {
        "id": 10,
        "event_id": 7,
        "kind": "quantity",
        "metric": "killed",
        "category": "total",
        "category_label": None,
        "qualifier": "exact",
        "modality": "count",
        "value": 42.0,
        "lower": 42.0,
        "upper": 42.0,
        "point": 42.0,
        "stated_on": date(2024, 5, 1),
        "as_of": None,
        "place_id": None,
        "article_id": 3,
        "attributed_to_id": None,
        "cites_id": None,
        "rank": "normal",
        "deprecated_reason": None,
        "preferred_reason": None,
        "withdrawn": False,
        "outlet_id": 2,
        "republished_from_outlet_id": None,
    } | given
    assert set(values) == set(CLAIM_ROW)
    return tuple(values[name] for name in CLAIM_ROW)


def _facts(*rows, actors=None, party_to=frozenset(), places=None):
    speakers = Speakers(actors or {}, set(party_to))
    slugs = {7: "floods", 8: "clashes"}
    return claims_by_event(rows, slugs, OUTLETS, speakers, places or {})


def test_the_service_reads_the_columns_in_the_order_the_engine_unpacks_them():
    from factcheck.services.engine_facts import FACT_COLUMNS

    assert tuple(column.key for column in FACT_COLUMNS) == CLAIM_ROW


def test_a_withdrawn_claim_counts_as_deprecated_withdrawn_unless_already_deprecated():
    facts = _facts(
        _row(id=1, withdrawn=True),
        _row(id=2, withdrawn=True, rank="deprecated", deprecated_reason="retracted"),
        _row(id=3, rank="preferred", preferred_reason="official final count"),
    )[7]
    assert [(c.id, c.rank, c.rank_reason) for c in facts] == [
        (1, "deprecated", "withdrawn"),
        (2, "deprecated", "retracted"),
        (3, "preferred", "official final count"),
    ]


def test_a_speaker_is_partisan_only_in_the_events_it_is_a_side_in():
    actors = {5: ("Police", "government"), 6: ("Witness", "person")}
    by_event = _facts(
        _row(id=1, event_id=7, attributed_to_id=5, cites_id=6),
        _row(id=2, event_id=8, attributed_to_id=5),
        actors=actors,
        party_to={(5, 8)},
    )
    in_floods, in_clashes = by_event[7][0], by_event[8][0]
    assert (in_floods.event, in_clashes.event) == ("floods", "clashes")
    assert in_floods.speaker.key == "actor:Police" and in_floods.speaker.accountable
    assert not in_floods.speaker.partisan and in_clashes.speaker.partisan
    assert in_floods.cites.name == "Witness" and not in_floods.cites.accountable


def test_outlets_places_and_copies_are_named():
    [claim] = _facts(
        _row(outlet_id=2, republished_from_outlet_id=1, place_id=4), places={4: "Jakarta"}
    )[7]
    assert claim.outlet.key == "outlet:Daily" and not claim.outlet.accountable
    assert claim.original_outlet.name == "Kementerian" and claim.original_outlet.accountable
    assert claim.place == "Jakarta" and claim.speaker is None


def test_the_actors_named_are_every_speaker_and_cited_source_once():
    rows = [
        _row(attributed_to_id=5, cites_id=6),
        _row(attributed_to_id=6),
        _row(cites_id=9),
        _row(),
    ]
    assert actors_named(rows) == [5, 6, 9]
