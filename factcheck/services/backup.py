"""Export every row as one canonical JSON document, and restore it into an empty database.

Canonical: keys sorted, rows in id order, times in UTC, whole numbers without
".0" — so export → restore → export gives identical bytes, whichever database
(SQLite or PostgreSQL) each step ran on. docs/export-format.md documents it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import (
    Actor,
    Alias,
    Article,
    Change,
    Claim,
    Conflict,
    Event,
    Fetch,
    Merge,
    Outlet,
    Place,
    PublishedVerdict,
    Reconciliation,
    Relation,
    Report,
    Review,
    SuggestedClaim,
    User,
    actor_party_to,
    event_places,
)
from factcheck.models.outcome import ReportFile
from factcheck.models.types import UTCDateTime
from factcheck.services.json_values import plain
from factcheck.services.unit_of_work import transaction

FORMAT = "factcheck-export"
FORMAT_VERSION = 3
# Version 1 had no suggestions and no report files; it restores as it is (those lists empty).
# Version 2 had places as free text on claims and events; they restore as place records.
READABLE_VERSIONS = (1, 2, 3)

# Export list name -> model, in the order restore inserts them (parents first).
SECTIONS: dict[str, type] = {
    "users": User,
    "outlets": Outlet,
    "events": Event,
    "places": Place,
    "actors": Actor,
    "articles": Article,
    "fetches": Fetch,  # an article fetched from its URL: the response bytes kept as evidence
    "claims": Claim,
    "suggestions": SuggestedClaim,
    "relations": Relation,
    "reviews": Review,
    "published_verdicts": PublishedVerdict,  # the public verdict pages (added in version 3's lifetime)
    "reconciliations": Reconciliation,
    "conflicts": Conflict,
    "reports": Report,
    "report_files": ReportFile,  # a published report's bytes, exactly as published
    "changes": Change,
    "aliases": Alias,
    "merges": Merge,
}
# Columns that point at a row of the same table, restored once every row of it is in.
SELF_LINKS = {
    "places": ("within_id", "merged_into_id"),
    "actors": ("merged_into_id",),
    "outlets": ("merged_into_id",),
}
# Not carried: jobs, pending_groups and suggestion_runs (progress and queue state; `factcheck reconcile` after a restore
# recomputes whatever was pending), API tokens and password hashes (secrets: issued anew), and
# submissions (idempotency keys of creates: they matter for minutes, not across a restore).
# Columns exported under a reader's name (DOMAIN.md's words), and back.
RENAMED = {"claims": {"exact": "quote", "anchor_start": "start", "anchor_end": "end"}}
# A backup carries no password hashes: restored accounts get a new password from an admin.
SECRET_COLUMNS = {"users": {"password_hash"}}


class RestoreRefused(ValueError):
    """The document cannot be restored here; nothing was written."""


def export_document() -> dict[str, Any]:
    """Every stored row, with readable names beside the ids (event slug, actor and outlet names)."""
    names = {
        "event": dict(db.session.execute(sa.select(Event.id, Event.slug)).all()),
        "actor": dict(db.session.execute(sa.select(Actor.id, Actor.name)).all()),
        "outlet": dict(db.session.execute(sa.select(Outlet.id, Outlet.name)).all()),
    }
    party_to: dict[int, list[str]] = {}
    for actor_id, event_id in db.session.execute(sa.select(actor_party_to)).all():
        party_to.setdefault(actor_id, []).append(names["event"][event_id])
    place_names = dict(db.session.execute(sa.select(Place.id, Place.name)).all())
    covers: dict[int, list[str]] = {}
    for event_id, place_id in db.session.execute(sa.select(event_places)).all():
        covers.setdefault(event_id, []).append(place_names[place_id])
    doc: dict[str, Any] = {"format": FORMAT, "version": FORMAT_VERSION}
    for section, model in SECTIONS.items():
        rows = [
            _export_row(section, r)
            for r in db.session.execute(sa.select(model.__table__).order_by("id")).mappings()
        ]
        for row in rows:
            _add_readable(section, row, names, party_to)
            if section == "events":
                row["places"] = sorted(covers.get(row["id"], []))
        doc[section] = rows
    return doc


def _export_row(section: str, row: sa.RowMapping) -> dict[str, Any]:
    renamed, secret = RENAMED.get(section, {}), SECRET_COLUMNS.get(section, set())
    return {renamed.get(k, k): _value(v) for k, v in row.items() if k not in secret}


def _value(value: Any) -> Any:
    """Bytes (a report file) as base64 text; everything else as plain() makes it."""
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return plain(value)


def _add_readable(section: str, row: dict, names: dict, party_to: dict[int, list[str]]) -> None:
    if section == "claims":
        row["event"] = names["event"].get(row["event_id"])
        row["attributed_to"] = names["actor"].get(row["attributed_to_id"])
        row["cites"] = names["actor"].get(row["cites_id"])
    elif section == "articles":
        row["outlet"] = names["outlet"].get(row["outlet_id"])
        row["republished_from"] = names["outlet"].get(row["republished_from_outlet_id"])
    elif section == "actors":
        row["party_to"] = sorted(party_to.get(row["id"], []))
    elif section in ("reconciliations", "conflicts", "reports"):
        row["event"] = names["event"].get(row["event_id"])
        if section == "conflicts":
            row["claims"] = row["claim_ids"]


def dumps(doc: dict[str, Any]) -> str:
    """The canonical text of a document."""
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def is_empty() -> bool:
    return all(
        db.session.scalar(sa.select(sa.func.count()).select_from(m)) == 0 for m in SECTIONS.values()
    )


def restore_document(doc: Any) -> dict[str, int]:
    """Load an exported document into an empty database, keeping every id; counts per list."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise RestoreRefused(f'not a {FORMAT} document (no "format": "{FORMAT}" at the top)')
    if doc.get("version") not in READABLE_VERSIONS:
        raise RestoreRefused(
            f"export format version {doc.get('version')!r}; this version reads "
            + " and ".join(str(v) for v in READABLE_VERSIONS)
        )
    if not is_empty():
        raise RestoreRefused(
            "the database is not empty; restore only into a freshly migrated database"
        )
    counts = {}
    try:
        with transaction():
            if doc.get("version") in (1, 2):
                doc = _places_from_text(doc)
            later: list[tuple[sa.Table, dict]] = []
            for section, model in SECTIONS.items():
                rows = [_restore_row(section, model.__table__, r) for r in doc.get(section) or []]
                for row in rows:
                    links = {c: row.pop(c, None) for c in SELF_LINKS.get(section, ())}
                    row.update(dict.fromkeys(links))
                    if any(v is not None for v in links.values()):
                        later.append((model.__table__, {"id": row["id"], **links}))
                if rows:
                    db.session.execute(sa.insert(model.__table__), rows)
                counts[section] = len(rows)
            for table, values in later:
                row_id = values.pop("id")
                db.session.execute(sa.update(table).where(table.c.id == row_id).values(**values))
            covered = [
                {"event_id": e["id"], "place_id": _place_id(doc, name)}
                for e in doc.get("events") or []
                for name in e.get("places") or []
            ]
            if covered:
                db.session.execute(sa.insert(event_places), covered)
            links = [
                {"actor_id": a["id"], "event_id": _event_id(doc, slug)}
                for a in doc.get("actors") or []
                for slug in a.get("party_to") or []
            ]
            if links:
                db.session.execute(sa.insert(actor_party_to), links)
            _advance_sequences()
    except (sa.exc.DBAPIError, KeyError, ValueError, TypeError) as err:
        raise RestoreRefused(f"the document does not fit the schema: {err}") from err
    return counts


def _place_id(doc: dict, name: str) -> int:
    for place in doc.get("places") or []:
        if place["name"] == name:
            return place["id"]
    raise ValueError(f"event places names unknown place {name!r}")


def _places_from_text(doc: dict) -> dict:
    """A version 1-2 document: claims' and events' free-text places become place records."""
    texts = sorted(
        {
            (row.get("place") or "").strip()
            for section in ("claims", "events")
            for row in doc.get(section) or []
        }
        - {""}
    )
    ids = {name: i for i, name in enumerate(texts, start=1)}
    claims = [
        {**c, "place_id": ids.get((c.get("place") or "").strip())} for c in doc.get("claims") or []
    ]
    events = [
        {**e, "places": [e["place"].strip()] if (e.get("place") or "").strip() else []}
        for e in doc.get("events") or []
    ]
    places = [{"id": i, "name": name, "notes": ""} for name, i in ids.items()]
    return {**doc, "claims": claims, "events": events, "places": places}


def _event_id(doc: dict, slug: str) -> int:
    for event in doc.get("events") or []:
        if event["slug"] == slug:
            return event["id"]
    raise ValueError(f"actor party_to names unknown event {slug!r}")


def _restore_row(section: str, table: sa.Table, row: dict) -> dict[str, Any]:
    back = {v: k for k, v in RENAMED.get(section, {}).items()}
    values = {back.get(k, k): v for k, v in row.items()}
    out = {}
    for column in table.columns:
        if column.name not in values:
            continue
        value = values[column.name]
        if value is not None:
            if isinstance(column.type, UTCDateTime):
                value = datetime.fromisoformat(value.replace("Z", "+00:00"))
            elif isinstance(column.type, sa.Date):
                value = date.fromisoformat(value)
            elif isinstance(column.type, sa.Float):
                value = float(value)
            elif isinstance(column.type, sa.LargeBinary):
                value = base64.b64decode(value, validate=True)
        out[column.name] = value
    if section == "report_files" and hashlib.sha256(out["content"]).hexdigest() != out["sha256"]:
        raise ValueError(f"report file {out['id']}: its content does not match its sha256")
    return out


def _advance_sequences() -> None:
    """PostgreSQL hands out ids from sequences; move them past the restored ids."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for model in SECTIONS.values():
        table = model.__table__.name
        db.session.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )
        )
