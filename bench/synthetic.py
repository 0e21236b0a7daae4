"""Synthetic corpora for benchmarks and the worker tests: many events, realistic mixes.

Each event gets an original article and often a republished copy; its claims
mix qualifiers, categories (totals and components), running tallies that rise,
retractions, corrections, republished copies and partisan speakers. Rows go in
through SQLAlchemy Core in batches, with anchors that really lie in the text.

    python bench/synthetic.py --events 50000 --claims-per-event 20   # 1,000,000 claims
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

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


@dataclass
class Batch:
    rows: dict[str, list[dict]] = field(default_factory=lambda: {t: [] for t in ORDER})


ORDER = ["outlets", "actors", "events", "actor_party_to", "articles", "claims", "relations"]


def _interval(qualifier: str, n: int) -> tuple[int, int | None, int | None]:
    if qualifier == "exact":
        return n, n, n
    if qualifier == "more_than":
        return n + 1, None, n + 1
    if qualifier == "at_least":
        return n, None, n
    if qualifier == "nearly":
        return -(-9 * n // 10), n, n
    if qualifier == "approximately":
        return -(-9 * n // 10), 11 * n // 10, n
    if qualifier == "at_most":
        return 0, n, None
    return 12, 99, 12  # vague: "dozens"


def _next_id(conn, table: str) -> int:
    return (conn.scalar(sa.text(f"SELECT COALESCE(MAX(id), 0) FROM {table}")) or 0) + 1


def generate(
    conn, events: int, claims_per_event: int = 20, seed: int = 7, batch_events: int = 500
) -> int:
    """Insert `events` events of about `claims_per_event` claims each; return the number of claims."""
    rng = random.Random(seed)
    ids = {
        t: _next_id(conn, t)
        for t in ("outlets", "actors", "events", "articles", "claims", "relations")
    }
    outlets = [ids["outlets"] + i for i in range(3)]
    conn.execute(
        sa.text(
            "INSERT INTO outlets (id, name, kind, country, notes) VALUES (:id, :name, :kind, NULL, '')"
        ),
        [
            {"id": outlets[0], "name": f"Wire {outlets[0]}", "kind": "news agency"},
            {"id": outlets[1], "name": f"Daily {outlets[1]}", "kind": "news site"},
            {"id": outlets[2], "name": f"State TV {outlets[2]}", "kind": "state media"},
        ],
    )
    metadata = sa.MetaData()
    tables = {t: sa.Table(t, metadata, autoload_with=conn) for t in ORDER}
    total = 0
    for start in range(0, events, batch_events):
        batch = Batch()
        for _ in range(min(batch_events, events - start)):
            total += _event(batch, rng, ids, outlets, claims_per_event)
        for table in ORDER:
            if batch.rows[table]:
                conn.execute(tables[table].insert(), batch.rows[table])
    if conn.dialect.name == "postgresql":
        for table in ("outlets", "actors", "events", "articles", "claims", "relations"):
            conn.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                )
            )
    return total


def _take(ids: dict, table: str) -> int:
    ids[table] += 1
    return ids[table] - 1


def _event(
    batch: Batch, rng: random.Random, ids: dict, outlets: list[int], claims_per_event: int
) -> int:
    now = datetime.now(UTC).replace(tzinfo=None)
    event_id = _take(ids, "events")
    day0 = date(2020, 1, 1) + timedelta(days=rng.randrange(1500))
    batch.rows["events"].append(
        {
            "id": event_id,
            "slug": f"event-{event_id}",
            "title": f"Event {event_id}",
            "place": None,
            "start_date": day0,
            "end_date": None,
            "parent_id": None,
        }
    )
    speakers = []
    for kind, partisan in [
        ("government", True),
        ("NGO", False),
        ("international organisation", False),
    ]:
        actor_id = _take(ids, "actors")
        batch.rows["actors"].append(
            {
                "id": actor_id,
                "name": f"Actor {actor_id}",
                "kind": kind,
                "role": None,
                "affiliation": None,
                "country": None,
                "notes": "",
            }
        )
        if partisan:
            batch.rows["actor_party_to"].append({"actor_id": actor_id, "event_id": event_id})
        speakers.append(actor_id)
    sentences, claims, relations = [], [], []
    offset = 0

    def quote(text: str) -> tuple[int, int]:
        nonlocal offset
        start = offset
        sentences.append(text)
        offset += len(text) + 1
        return start, start + len(text)

    original = _take(ids, "articles")
    for n in range(claims_per_event):
        claim_id = _take(ids, "claims")
        metric = rng.choice(METRICS)
        category = "total" if rng.random() < 0.6 else rng.choice(COMPONENTS)
        qualifier = rng.choice(QUALIFIERS)
        # Running tallies mostly rise as days pass; now and then a figure comes in lower.
        value = max(1, 5 + 4 * n + rng.randrange(-3, 30))
        lower, upper, point = _interval(qualifier, value)
        text = f"[{claim_id}] {qualifier} {value} {metric} {category}."
        start, end = quote(text)
        claims.append(
            {
                "id": claim_id,
                "article_id": original,
                "event_id": event_id,
                "source_key": f"c{claim_id}",
                "kind": "quantity",
                "proposition": None,
                "attributed_to_id": rng.choice(speakers + [None]),
                "cites_id": None,
                "stated_on": day0 + timedelta(days=n // 3),
                "exact": text,
                "prefix": "",
                "suffix": "",
                "anchor_start": start,
                "anchor_end": end,
                "metric": metric,
                "category": category,
                "category_label": category,
                "qualifier": qualifier,
                "modality": "count" if rng.random() < 0.9 else "estimate",
                "value": None if qualifier == "vague" else value,
                "lower": lower,
                "upper": upper,
                "point": point,
                "unit": "people",
                "as_of": None,
                "place": None,
                "rank": "normal",
                "deprecated_reason": None,
                "preferred_reason": None,
                "created_by_id": None,
                "created_at": now,
                "updated_at": now,
                "withdrawn_at": None,
                "withdrawn_by_id": None,
                "version": 1,
            }
        )
    for claim in list(claims):
        roll = rng.random()
        if roll < 0.05:  # retracted
            claim["rank"], claim["deprecated_reason"] = "deprecated", "retracted"
            relations.append(("retracts", _retraction(claims, claim, ids, quote, now), claim["id"]))
        elif roll < 0.08:  # corrected by a new figure
            claim["rank"], claim["deprecated_reason"] = "deprecated", "corrected"
            fixed = dict(
                claim,
                id=_take(ids, "claims"),
                source_key=None,
                rank="normal",
                deprecated_reason=None,
            )
            fixed["exact"] = f"[{fixed['id']}] corrected {claim['exact']}"
            fixed["anchor_start"], fixed["anchor_end"] = quote(fixed["exact"])
            claims.append(fixed)
            relations.append(("corrects", fixed["id"], claim["id"]))
    text = "\n".join(sentences)
    _article(batch, original, outlets[rng.randrange(3)], event_id, text, None, day0, now)
    if rng.random() < 0.4:  # a republished copy repeating the first few claims
        copy = _take(ids, "articles")
        copied = [c for c in claims if c["kind"] == "quantity" and c["article_id"] == original][:3]
        copy_claims = []
        for c in copied:
            dup = dict(
                c,
                id=_take(ids, "claims"),
                article_id=copy,
                source_key=None,
                rank="normal",
                deprecated_reason=None,
            )
            copy_claims.append(dup)
            relations.append(("republishes", dup["id"], c["id"]))
        claims.extend(copy_claims)
        _article(
            batch, copy, outlets[1], event_id, text, outlets[0], day0, now, suffix=f"\ncopy {copy}"
        )
    for claim in claims:
        if claim["source_key"] is None:
            claim["source_key"] = f"c{claim['id']}"
    batch.rows["claims"].extend(claims)
    for rel_type, source, target in relations:
        batch.rows["relations"].append(
            {
                "id": _take(ids, "relations"),
                "type": rel_type,
                "source_id": source,
                "target_id": target,
                "note": "",
                "created_by_id": None,
                "created_at": now,
                "withdrawn_at": None,
                "version": 1,
            }
        )
    return len(claims)


def _retraction(claims: list[dict], target: dict, ids: dict, quote, now) -> int:
    retraction_id = _take(ids, "claims")
    text = f"[{retraction_id}] withdrew figure {target['id']}."
    start, end = quote(text)
    claims.append(
        dict(
            target,
            id=retraction_id,
            source_key=None,
            kind="retraction",
            exact=text,
            anchor_start=start,
            anchor_end=end,
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
            deprecated_reason=None,
        )
    )
    return retraction_id


def _article(
    batch: Batch,
    article_id: int,
    outlet: int,
    event_id: int,
    text: str,
    original: int | None,
    day: date,
    now: datetime,
    suffix: str = "",
) -> None:
    body = text + suffix  # a copy's text differs a little, as copies do (and sha256 stays unique)
    batch.rows["articles"].append(
        {
            "id": article_id,
            "outlet_id": outlet,
            "event_id": event_id,
            "url": None,
            "title": f"Article {article_id}",
            "language": "en",
            "published_at": datetime(day.year, day.month, day.day, 12),
            "published_utc_offset": 0,
            "retrieved_at": now,
            "text": body,
            "sha256": hashlib.sha256(body.encode()).hexdigest(),
            "republished_from_outlet_id": original,
            "republished_from_article_id": None,
            "findings": [],
            "created_by_id": None,
            "created_at": now,
            "withdrawn_at": None,
            "withdrawn_by_id": None,
        }
    )


if __name__ == "__main__":
    import argparse
    import os

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--claims-per-event", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    args = parser.parse_args()
    engine = sa.create_engine(args.database_url)
    with engine.begin() as conn:
        print(generate(conn, args.events, args.claims_per_event, args.seed), "claims")
