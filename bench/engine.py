"""Benchmark (a): reconciliation engine throughput, pure Python, no database.

    .venv/bin/python -m bench.engine --events 5000 --seed 7

Builds ClaimFacts / RelationFacts in memory with the mix of tests/support/synthetic.py
(about 20 claims per event over killed / injured / detained, totals and
components, every qualifier, ~5% retracted, ~3% corrected, ~40% of events with
a republished copy of three claims, partisan government, NGO and international
speakers), runs `reconcile_event` for every event and reports claims/s and
groups/s. For context it also times a floor, merely iterating over the same
ClaimFacts and building a tuple per claim, and prints the engine/floor ratio.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
from dataclasses import replace
from datetime import date, timedelta

from factcheck.domain import ENGINE_BUILD
from factcheck.domain.reconciliation import ClaimFacts, RelationFacts, Source, reconcile_event
from tests.support import synthetic

QUALIFIERS = [
    "exact",
    "exact",
    "exact",
    "more_than",
    "at_least",
    "nearly",
    "approximately",
    "at_most",
    "vague",
]
METRICS = ["killed", "injured", "detained"]
COMPONENTS = ["civilians", "security forces", "armed assailants"]
SPEAKERS = [
    ("government", True, True),
    ("NGO", False, False),
    ("international organisation", False, True),
]
TODAY = date(2025, 1, 1)


class Ids:
    """Sequential ids per table, as the database would hand them out."""

    def __init__(self):
        self.next: dict[str, int] = {}

    def take(self, table: str) -> int:
        self.next[table] = self.next.get(table, 0) + 1
        return self.next[table]


def _f(x: int | None) -> float | None:
    return None if x is None else float(x)  # the claims table stores floats


def make_event(
    rng: random.Random, ids: Ids, outlets: list[Source], claims_per_event: int = 20
) -> tuple[str, list[ClaimFacts], list[RelationFacts]]:
    """One synthetic event: its slug, claims and relations."""
    event = f"event-{ids.take('events')}"
    day0 = date(2020, 1, 1) + timedelta(days=rng.randrange(1500))
    speakers = []
    for kind, partisan, accountable in SPEAKERS:
        name = f"Actor {ids.take('actors')}"
        speakers.append(Source(f"actor:{name}", name, kind, partisan, accountable))
    original_outlet = outlets[rng.randrange(3)]
    article = ids.take("articles")
    claims: list[ClaimFacts] = []
    relations: list[tuple[str, int, int]] = []
    for n in range(claims_per_event):
        qualifier = rng.choice(QUALIFIERS)
        value = rng.randrange(5, 400)
        lower, upper, point = synthetic.interval(qualifier, value)
        category = "total" if rng.random() < 0.6 else rng.choice(COMPONENTS)
        claims.append(
            ClaimFacts(
                id=ids.take("claims"),
                kind="quantity",
                event=event,
                metric=rng.choice(METRICS),
                category=category,
                category_label=category,
                qualifier=qualifier,
                modality="count" if rng.random() < 0.9 else "estimate",
                value=None if qualifier == "vague" else float(value),
                lower=_f(lower),
                upper=_f(upper),
                point=_f(point),
                stated_on=day0 + timedelta(days=n // 3),
                article_id=article,
                outlet=original_outlet,
                original_outlet=None,
                speaker=rng.choice(speakers + [None]),
                cites=None,
            )
        )
    for i, claim in enumerate(list(claims)):
        roll = rng.random()
        if roll < 0.05:  # retracted by a later retraction claim
            claims[i] = claim = replace(claim, rank="deprecated", rank_reason="retracted")
            retraction = replace(
                claim,
                id=ids.take("claims"),
                kind="retraction",
                metric=None,
                category=None,
                category_label=None,
                qualifier=None,
                modality=None,
                value=None,
                lower=None,
                upper=None,
                point=None,
                rank="normal",
                rank_reason=None,
            )
            claims.append(retraction)
            relations.append(("retracts", retraction.id, claim.id))
        elif roll < 0.08:  # corrected by a new figure
            claims[i] = replace(claim, rank="deprecated", rank_reason="corrected")
            fixed = replace(claim, id=ids.take("claims"))
            claims.append(fixed)
            relations.append(("corrects", fixed.id, claim.id))
    if rng.random() < 0.4:  # a republished copy repeating the first three claims of the original
        copy = ids.take("articles")
        copied = [c for c in claims if c.kind == "quantity" and c.article_id == article][:3]
        for c in copied:
            dup = replace(
                c,
                id=ids.take("claims"),
                article_id=copy,
                outlet=outlets[1],
                original_outlet=outlets[0],
                rank="normal",
                rank_reason=None,
            )
            claims.append(dup)
            relations.append(("republishes", dup.id, c.id))
    return event, claims, [RelationFacts(ids.take("relations"), t, s, d) for t, s, d in relations]


def make_events(count: int, seed: int) -> list[tuple[str, list[ClaimFacts], list[RelationFacts]]]:
    rng = random.Random(seed)
    ids = Ids()
    outlets = [
        Source(f"outlet:{name}", name, kind, False, False)
        for name, kind in (
            ("Wire 1", "news agency"),
            ("Daily 2", "news site"),
            ("State TV 3", "state media"),
        )
    ]
    return [make_event(rng, ids, outlets) for _ in range(count)]


def run_floor(events) -> float:
    """Iterate over every claim, building a tuple of its fields: what merely touching the rows costs."""
    start = time.perf_counter()
    rows = []
    for _, claims, relations in events:
        for c in claims:
            rows.append(
                (
                    c.id,
                    c.kind,
                    c.event,
                    c.metric,
                    c.category,
                    c.category_label,
                    c.qualifier,
                    c.modality,
                    c.value,
                    c.lower,
                    c.upper,
                    c.point,
                    c.stated_on,
                    c.article_id,
                    c.outlet,
                    c.original_outlet,
                    c.speaker,
                    c.cites,
                    c.rank,
                    c.rank_reason,
                )
            )
        for r in relations:
            rows.append((r.id, r.type, r.source_id, r.target_id, r.note))
    return time.perf_counter() - start


def run_engine(events) -> tuple[float, int, int]:
    """reconcile_event for every event: seconds, groups, findings."""
    groups = findings = 0
    start = time.perf_counter()
    for event, claims, relations in events:
        results, found = reconcile_event(event, claims, relations, TODAY, True)
        groups += len(results)
        findings += len(found)
    return time.perf_counter() - start, groups, findings


def digest(events) -> str:
    """SHA-256 over every result and finding, words, series and fingerprints included: two
    builds of the engine (compiled, plain Python) that print the same digest answer alike."""
    h = hashlib.sha256()
    for event, claims, relations in events:
        results, found = reconcile_event(event, claims, relations, TODAY, True)
        for r in results:
            steps = [(s.rule, s.text, tuple(s.claim_ids)) for s in r.explanation]
            h.update(repr((r, steps)).encode())
        h.update(repr(found).encode())
    return h.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--digest", action="store_true", help="print the results' digest only")
    args = parser.parse_args()
    events = make_events(args.events, args.seed)
    if args.digest:
        print(digest(events))
        return
    claims = sum(len(c) for _, c, _ in events)
    floor_s = min(run_floor(events) for _ in range(3))
    engine_s, groups, findings = run_engine(events)
    print(
        json.dumps(
            {
                "engine_build": ENGINE_BUILD,
                "events": args.events,
                "claims": claims,
                "relations": sum(len(r) for _, _, r in events),
                "groups": groups,
                "findings": findings,
                "engine_s": round(engine_s, 3),
                "claims_per_s": round(claims / engine_s),
                "groups_per_s": round(groups / engine_s),
                "ms_per_event": round(1000 * engine_s / args.events, 3),
                "floor_s": round(floor_s, 4),
                "ratio_to_floor": round(engine_s / floor_s, 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
