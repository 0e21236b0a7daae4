"""Export every row as one canonical JSON document, and restore it into an empty database.

Canonical: keys sorted, rows in id order, times in UTC, whole numbers without
".0" — so export → restore → export gives identical bytes, whichever database
(SQLite or PostgreSQL) each step ran on. docs/export-format.md documents it.
"""

from __future__ import annotations

import base64
import hashlib
import json
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
from factcheck.services.backup_rows import (
    RestoreRefused,
    names_in,
    restore_row,
    rows_of,
    shown,
    where,
)
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
    """Load an exported document into an empty database, keeping every id; counts per list.

    Every value is checked against its column before it is inserted (backup_rows), and all
    of it is one transaction: a refused document leaves the database as it was.
    """
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise RestoreRefused(f'not a {FORMAT} document (no "format": "{FORMAT}" at the top)')
    if doc.get("version") not in READABLE_VERSIONS:
        raise RestoreRefused(
            f"export format version {doc.get('version')!r}; this version reads "
            + " and ".join(str(v) for v in READABLE_VERSIONS)
        )
    for section in SECTIONS:
        rows_of(doc, section)  # a list of objects, or absent: checked before any is read
    if not is_empty():
        raise RestoreRefused(
            "the database is not empty; restore only into a freshly migrated database"
        )
    counts = {}
    stage = "the rows"  # what the database was given when it refused, for the message
    try:
        with transaction():
            if doc.get("version") in (1, 2):
                doc = _places_from_text(doc)
            later: list[tuple[sa.Table, dict]] = []
            for section, model in SECTIONS.items():
                stage = section
                renamed = RENAMED.get(section, {})
                rows = [
                    restore_row(section, model.__table__, row, position, renamed)
                    for position, row in enumerate(rows_of(doc, section), start=1)
                ]
                if section == "report_files":
                    _check_files(rows)
                for row in rows:
                    links = {c: row.pop(c, None) for c in SELF_LINKS.get(section, ())}
                    row.update(dict.fromkeys(links))
                    if any(v is not None for v in links.values()):
                        later.append((model.__table__, {"id": row["id"], **links}))
                if rows:
                    db.session.execute(sa.insert(model.__table__), rows)
                counts[section] = len(rows)
            stage = "the links within places, actors and outlets"
            for table, values in later:
                row_id = values.pop("id")
                db.session.execute(sa.update(table).where(table.c.id == row_id).values(**values))
            stage = "events' places"
            covered = [
                {"event_id": e["id"], "place_id": _place_id(doc, name)}
                for position, e in enumerate(rows_of(doc, "events"), start=1)
                for name in names_in("events", e, position, "places")
            ]
            if covered:
                db.session.execute(sa.insert(event_places), covered)
            stage = "actors' party_to"
            links = [
                {"actor_id": a["id"], "event_id": _event_id(doc, slug)}
                for position, a in enumerate(rows_of(doc, "actors"), start=1)
                for slug in names_in("actors", a, position, "party_to")
            ]
            if links:
                db.session.execute(sa.insert(actor_party_to), links)
            _advance_sequences()
    except RestoreRefused:
        raise
    except (sa.exc.StatementError, OverflowError) as err:
        # The last resort, for what only the database checks (a duplicate id, a missing parent).
        raise RestoreRefused(f"{stage} do not fit the database: {_reason(err)}") from err
    except (KeyError, ValueError, TypeError) as err:
        raise RestoreRefused(f"the document does not fit the schema: {err}") from err
    return counts


def _reason(err: Exception) -> str:
    """The database's own words, without the statement and every row's values after them."""
    cause = getattr(err, "orig", None) or err
    return str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__


def _check_files(rows: list[dict]) -> None:
    for row in rows:
        if hashlib.sha256(row["content"]).hexdigest() != row["sha256"]:
            raise RestoreRefused(f"report file {row['id']}: its content does not match its sha256")


def _place_id(doc: dict, name: str) -> int:
    for place in doc.get("places") or []:
        if place["name"] == name:
            return place["id"]
    raise ValueError(f"event places names unknown place {name!r}")


def _places_from_text(doc: dict) -> dict:
    """A version 1-2 document: claims' and events' free-text places become place records."""
    claims, events = rows_of(doc, "claims"), rows_of(doc, "events")
    said = {
        "claims": [_place_text("claims", c, n) for n, c in enumerate(claims, start=1)],
        "events": [_place_text("events", e, n) for n, e in enumerate(events, start=1)],
    }
    texts = sorted(set(said["claims"] + said["events"]) - {""})
    ids = {name: i for i, name in enumerate(texts, start=1)}
    claims = [{**c, "place_id": ids.get(text)} for c, text in zip(claims, said["claims"])]
    events = [{**e, "places": [text] if text else []} for e, text in zip(events, said["events"])]
    places = [{"id": i, "name": name, "notes": ""} for name, i in ids.items()]
    return {**doc, "claims": claims, "events": events, "places": places}


def _place_text(section: str, row: dict, position: int) -> str:
    """A version 1-2 row's free-text place, trimmed ("" for none)."""
    place = row.get("place") or ""
    if not isinstance(place, str):
        raise RestoreRefused(
            f"{where(section, row, position)}: place must be text, not {shown(place)}"
        )
    return place.strip()


def _event_id(doc: dict, slug: str) -> int:
    for event in doc.get("events") or []:
        if event["slug"] == slug:
            return event["id"]
    raise ValueError(f"actor party_to names unknown event {slug!r}")


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
