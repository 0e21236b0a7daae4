"""Synthetic corpora for benchmarks and the worker tests: many events, realistic mixes.

Each event gets an original article and often a republished copy; its claims
mix qualifiers, categories (totals and components), running tallies that rise,
retractions, corrections, republished copies and partisan speakers. Rows go in
through SQLAlchemy Core in batches, with anchors that really lie in the text.

    python -m tests.support.synthetic --events 50000 --claims-per-event 20   # 1,000,000 claims
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from tests.support import synthetic_rows as rows

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


def interval(qualifier: str, n: int) -> tuple[int, int | None, int | None]:
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
    batch.rows["events"].append(rows.event_row(event_id, day0))
    speakers = []
    for kind, partisan in [
        ("government", True),
        ("NGO", False),
        ("international organisation", False),
    ]:
        actor_id = _take(ids, "actors")
        batch.rows["actors"].append(rows.actor_row(actor_id, kind))
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
        lower, upper, point = interval(qualifier, value)
        text = f"[{claim_id}] {qualifier} {value} {metric} {category}."
        start, end = quote(text)
        claims.append(
            rows.claim_row(
                claim_id,
                original,
                event_id,
                now,
                # Keyword order is draw order: the speaker is drawn before the modality.
                attributed_to_id=rng.choice(speakers + [None]),
                stated_on=day0 + timedelta(days=n // 3),
                exact=text,
                anchor_start=start,
                anchor_end=end,
                metric=metric,
                category=category,
                qualifier=qualifier,
                modality="count" if rng.random() < 0.9 else "estimate",
                value=None if qualifier == "vague" else value,
                lower=lower,
                upper=upper,
                point=point,
            )
        )
    for claim in list(claims):
        roll = rng.random()
        if roll < 0.05:  # retracted
            claim["rank"], claim["deprecated_reason"] = "deprecated", "retracted"
            retraction_id = _take(ids, "claims")
            text = f"[{retraction_id}] withdrew figure {claim['id']}."
            claims.append(rows.retraction_row(claim, retraction_id, text, *quote(text)))
            relations.append(("retracts", retraction_id, claim["id"]))
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
    outlet = outlets[rng.randrange(3)]
    batch.rows["articles"].append(
        rows.article_row(original, outlet, event_id, text, None, day0, now)
    )
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
        # A copy's text differs a little, as copies do (and sha256 stays unique).
        body = text + f"\ncopy {copy}"
        batch.rows["articles"].append(
            rows.article_row(copy, outlets[1], event_id, body, outlets[0], day0, now)
        )
    for claim in claims:
        if claim["source_key"] is None:
            claim["source_key"] = f"c{claim['id']}"
    batch.rows["claims"].extend(claims)
    for rel_type, source, target in relations:
        batch.rows["relations"].append(
            rows.relation_row(_take(ids, "relations"), rel_type, source, target, now)
        )
    return len(claims)


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
