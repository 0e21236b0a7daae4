"""The rows tests.support.synthetic inserts, one builder per table: every column named, plain dicts.

What goes in them (which qualifier, which value, which claim is retracted) is
decided in synthetic.py; here is only the shape of each row.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime


def event_row(event_id: int, day0: date) -> dict:
    return {
        "id": event_id,
        "slug": f"event-{event_id}",
        "title": f"Event {event_id}",
        "place": None,
        "start_date": day0,
        "end_date": None,
        "parent_id": None,
    }


def actor_row(actor_id: int, kind: str) -> dict:
    return {
        "id": actor_id,
        "name": f"Actor {actor_id}",
        "kind": kind,
        "role": None,
        "affiliation": None,
        "country": None,
        "notes": "",
    }


def claim_row(claim_id: int, article_id: int, event_id: int, now: datetime, **fields) -> dict:
    """A quantity claim; `fields` gives its text, anchors, figure and speaker."""
    return {
        "id": claim_id,
        "article_id": article_id,
        "event_id": event_id,
        "source_key": f"c{claim_id}",
        "kind": "quantity",
        "proposition": None,
        "attributed_to_id": fields["attributed_to_id"],
        "cites_id": None,
        "stated_on": fields["stated_on"],
        "exact": fields["exact"],
        "prefix": "",
        "suffix": "",
        "anchor_start": fields["anchor_start"],
        "anchor_end": fields["anchor_end"],
        "metric": fields["metric"],
        "category": fields["category"],
        "category_label": fields["category"],
        "qualifier": fields["qualifier"],
        "modality": fields["modality"],
        "value": fields["value"],
        "lower": fields["lower"],
        "upper": fields["upper"],
        "point": fields["point"],
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


def retraction_row(target: dict, retraction_id: int, text: str, start: int, end: int) -> dict:
    """A retraction claim in the same article as the figure it withdraws."""
    return dict(
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


def article_row(
    article_id: int,
    outlet: int,
    event_id: int,
    body: str,
    original: int | None,
    day: date,
    now: datetime,
) -> dict:
    return {
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


def relation_row(relation_id: int, rel_type: str, source: int, target: int, now: datetime) -> dict:
    return {
        "id": relation_id,
        "type": rel_type,
        "source_id": source,
        "target_id": target,
        "note": "",
        "created_by_id": None,
        "created_at": now,
        "withdrawn_at": None,
        "version": 1,
    }
