"""The data a report is made from, read once into plain JSON and fingerprinted.

A report is rendered from this snapshot only, and the snapshot is stored with
the report, so a published report can always be shown exactly as it was made.
The fingerprint (sha256 of the snapshot's canonical JSON) tells whether the
data has moved on since: a fresh snapshot with another fingerprint means the
report is out of date.

Only what a report shows goes in: bookkeeping that changes without changing
the data (a claim's version counter, updated_at) stays out, so an edit undone
leaves the report current. Only published verdicts go in: a draft verdict must
never reach a public page through a report published later.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import (
    Claim,
    Event,
)
from factcheck.services.reports import snapshot_reviews
from factcheck.services.reports import snapshot_rows as rows
from factcheck.services.reports.identity import publisher_identity

SNAPSHOT_VERSION = 1


def canonical_json(data: Any) -> str:
    """Sorted keys, no whitespace, UTF-8 text: the same data always gives the same string."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def fingerprint(snapshot: dict) -> str:
    """sha256 hex of the snapshot's canonical JSON."""
    return hashlib.sha256(canonical_json(snapshot).encode("utf-8")).hexdigest()


def build_snapshot(event_id: int, claim_id: int | None = None) -> dict:
    """Everything a report on the event (or on one claim of it) shows, as plain JSON values.

    A claim report holds the claim, the claims linked to it by a relation, its
    figure groups (its own and those above it) and the claims those groups used
    or set aside, so that every number in it can be audited from the report alone.
    """
    event = db.session.get(Event, event_id)
    if event is None:
        raise LookupError(f"no event {event_id}")
    relations = rows.relations(event_id)
    groups = rows.groups(event_id)
    if claim_id is None:
        claims = rows.claims(sa.true(), event_id)
    else:
        scope = rows.claim_scope(event_id, claim_id, relations, groups)
        groups = [g for g in groups if (g["metric"], g["category"]) in scope["groups"]]
        claims = rows.claims(Claim.id.in_(sorted(scope["claims"])), event_id)
        ids = {c["id"] for c in claims}
        relations = [r for r in relations if r["source_id"] in ids and r["target_id"] in ids]
    rows.add_rank_notes(claims, relations)
    ids = {c["id"] for c in claims}
    conflicts = [
        c for c in rows.conflicts(event_id) if claim_id is None or claim_id in c["claim_ids"]
    ]
    article_ids = {c["article_id"] for c in claims}
    return {
        "snapshot_version": SNAPSHOT_VERSION,
        "subject": {"type": "event"}
        if claim_id is None
        else {"type": "claim", "claim_id": claim_id},
        "event": rows.event_row(event),
        "articles": rows.articles(event_id if claim_id is None else None, article_ids),
        "claims": claims,
        "relations": relations,
        "groups": groups,
        "conflicts": conflicts,
        "reviews": snapshot_reviews.reviews(ids),
        "publisher": publisher_identity(),  # frozen: every format reads it from here
    }
