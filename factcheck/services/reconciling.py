"""Run the engine over stored claims and keep its results and conflicts in the database.

A result is written only when the fingerprint of its inputs changed, so a rerun
on unchanged data writes nothing; conflicts that are no longer found are kept,
marked resolved. Work goes a batch of events at a time, with bulk writes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from factcheck.domain.reconciliation import (
    ConflictFinding,
    GroupResult,
    reconcile_event,
)
from factcheck.extensions import db
from factcheck.models import Change, Conflict, Place, Reconciliation
from factcheck.models.types import utcnow
from factcheck.services import bulk_rows
from factcheck.services.engine_facts import EventInputs, event_inputs
from factcheck.services.id_lists import among
from factcheck.services.json_values import plain

SETTLED_NOTE = "Settled: no longer found when the figures were reconciled again."
RESULT_FIELDS = (
    "low",
    "best",
    "high",
    "grade",
    "flags",
    "explanation",
    "claims_used",
    "claims_set_aside",
    "side_estimates",
    "series",
    "fingerprint",
)
CONFLICT_COLUMNS = (
    "event_id",
    "key",
    "kind",
    "metric",
    "category",
    "place_id",
    "claim_ids",
    "detail",
    "detail_words",
    "status",
    "detected_at",
    "version",
)
# A stored result row as written: the group's key, its place, the engine's answer, when.
RESULT_COLUMNS = (
    "event_id",
    "metric",
    "category",
    "place_key",
    "place_id",
    *RESULT_FIELDS,
    "computed_at",
)

# event id -> (metric, category): those groups in every place; absent: every group of the event.
Groups = Mapping[int, Iterable[tuple[str, str]]]


@dataclass
class Outcome:
    groups: int = 0
    # (event_id, metric, category, place key) of the results rewritten
    written: list[tuple[int, str, str, str]] = field(default_factory=list)
    conflicts_opened: int = 0
    conflicts_settled: int = 0

    def add(self, other: Outcome) -> None:
        self.groups += other.groups
        self.written += other.written
        self.conflicts_opened += other.conflicts_opened
        self.conflicts_settled += other.conflicts_settled


def reconcile_events(
    event_ids: Iterable[int], only: Groups | None = None, today: date | None = None
) -> Outcome:
    """Reconcile the events' groups (`only` narrows an event to some groups) and refresh their conflicts.

    The caller commits.
    """
    today = today or date.today()
    inputs = event_inputs(event_ids)
    results: dict[int, list[GroupResult]] = {}
    findings: dict[int, list[ConflictFinding]] = {}
    scopes: dict[int, set[tuple[str, str]] | None] = {}
    for ev in inputs:
        wanted = set(only[ev.event_id]) if only is not None and ev.event_id in only else None
        results[ev.event_id], findings[ev.event_id] = reconcile_event(
            ev.slug, ev.claims, ev.relations, today, ev.is_open, places=ev.places, only=wanted
        )
        scopes[ev.event_id] = wanted
    outcome = Outcome(groups=sum(len(r) for r in results.values()))
    outcome.written = _store_results(results, scopes)
    outcome.conflicts_opened, outcome.conflicts_settled = _sync_conflicts(inputs, findings)
    return outcome


def place_ids(names: Iterable[str | None]) -> dict[str, int]:
    """Place name -> id for the places results and conflicts name."""
    wanted = sorted({n for n in names if n})
    if not wanted:
        return {}
    return dict(
        db.session.execute(sa.select(Place.name, Place.id).where(Place.name.in_(wanted))).all()
    )


def _store_results(
    results: dict[int, list[GroupResult]], scopes: Mapping[int, set[tuple[str, str]] | None]
) -> list[tuple[int, str, str, str]]:
    """Insert new results, update changed ones, leave unchanged ones untouched (fingerprint).

    A stored group the engine no longer finds (its claims moved to another place or
    category) is removed, within the scope reconciled: the event, or its groups asked for.
    """
    stored = {
        (r.event_id, r.metric, r.category, r.place_key): (r.id, r.fingerprint)
        for r in db.session.execute(
            sa.select(
                Reconciliation.id,
                Reconciliation.event_id,
                Reconciliation.metric,
                Reconciliation.category,
                Reconciliation.place_key,
                Reconciliation.fingerprint,
            ).where(among(Reconciliation.event_id, results))
        )
    }
    ids = place_ids(r.place for rs in results.values() for r in rs)
    now = utcnow()
    rows, written, produced = [], [], set()
    for event_id, group_results in results.items():
        for result in group_results:
            place_id = ids.get(result.place) if result.place else None
            key = (event_id, result.metric, result.category, str(place_id or ""))
            produced.add(key)
            known = stored.get(key)
            if known is not None and known[1] == result.fingerprint:
                continue
            data = result.to_dict()
            rows.append((*key, place_id, *(data[name] for name in RESULT_FIELDS), now))
            written.append(key)
    gone = [
        row_id
        for key, (row_id, _) in stored.items()
        if key not in produced
        and (scopes.get(key[0]) is None or (key[1], key[2]) in scopes[key[0]])
    ]
    if gone:
        db.session.execute(sa.delete(Reconciliation).where(among(Reconciliation.id, gone)))
    # New and changed groups alike: the group is the unique key, so one upsert writes both,
    # and a group another worker stored meanwhile (an edit's reconciliation) is overwritten.
    bulk_rows.upsert(
        Reconciliation.__table__,
        RESULT_COLUMNS,
        rows,
        keys=RESULT_COLUMNS[:4],
        update=RESULT_COLUMNS[4:],
        new=not stored,  # a first build: none of the events' groups is stored yet
    )
    return written


def conflict_key(finding: ConflictFinding) -> str:
    ids = ",".join(str(i) for i in sorted(finding.claim_ids))
    digest = hashlib.sha256(ids.encode()).hexdigest()[:16]
    where = f":{finding.place}" if finding.place else ""  # whole-area keys stay as they were
    return f"{finding.kind}:{finding.metric or '-'}:{finding.category or '-'}{where}:{digest}"


def _sync_conflicts(
    inputs: list[EventInputs], findings: dict[int, list[ConflictFinding]]
) -> tuple[int, int]:
    """Open new conflicts, settle vanished automatic ones; reviewers' resolutions stay as they are."""
    event_ids = [ev.event_id for ev in inputs]
    stored = {
        (r.event_id, r.key): r
        for r in db.session.execute(
            sa.select(
                Conflict.id,
                Conflict.event_id,
                Conflict.key,
                Conflict.status,
                Conflict.resolved_by_id,
                Conflict.note,
                Conflict.resolved_at,
                Conflict.version,
                # The text of a row stored without its structured detail (else NULL, not read).
                sa.case((Conflict.detail_words.is_(None), Conflict.detail)).label("unworded"),
            ).where(among(Conflict.event_id, event_ids))
        )
    }
    found = {(event_id, conflict_key(f)): f for event_id, fs in findings.items() for f in fs}
    ids = place_ids(f.place for f in found.values())
    now = utcnow()
    inserts, changes, worded = [], [], []
    for (event_id, key), f in found.items():
        row = stored.get((event_id, key))
        if row is not None and row.unworded == f.detail and f.words is not None:
            # Found before conflicts kept their detail structured: kept now, so that a page
            # can write it in its reader's language, when it says what the stored text says
            # (a stale conflict's age has moved on since: that one stays as stored).
            worded.append({"row_id": row.id, "words": f.words})
        if row is None:
            place_id = ids.get(f.place) if f.place else None
            inserts.append(
                (event_id, key, f.kind, f.metric, f.category, place_id, sorted(f.claim_ids))
                + (f.detail, f.words, "open", now, 1)
            )
        elif (
            row.status == "resolved" and row.resolved_by_id is None
        ):  # settled by the engine, and back
            changes.append(
                {
                    "id": row.id,
                    "status": "open",
                    "note": None,
                    "resolved_at": None,
                    "version": row.version + 1,
                }
            )
    opened = len(inserts) + len(changes)
    for (event_id, key), row in stored.items():
        if (event_id, key) not in found and row.status == "open":
            changes.append(
                {
                    "id": row.id,
                    "status": "resolved",
                    "note": SETTLED_NOTE,
                    "resolved_at": now,
                    "version": row.version + 1,
                }
            )
    # A conflict an edit's reconciliation stored meanwhile is the same finding: leave it.
    bulk_rows.upsert(
        Conflict.__table__, CONFLICT_COLUMNS, inserts, keys=("event_id", "key"), new=True
    )
    if worded:
        db.session.execute(
            sa.update(Conflict.__table__)
            .where(Conflict.id == sa.bindparam("row_id"))
            .values(detail_words=sa.bindparam("words")),
            worded,
        )
    by_id = {row.id: row for row in stored.values()}
    for change in changes:  # few; plain Core so the version bump is explicit
        db.session.execute(
            sa.update(Conflict.__table__).where(Conflict.id == change["id"]).values(**change)
        )
    if changes:
        db.session.execute(sa.insert(Change), [_history(by_id[c["id"]], c) for c in changes])
    return opened, len(changes) - (opened - len(inserts))


def _history(row: sa.Row, change: dict) -> dict:
    """The history row of an engine's change to a conflict (settled, or open again).

    A conflict's creation is its own row (detected_at, by the engine); every later change is here.
    """
    fields = ("status", "note", "resolved_at", "version")
    return {
        "entity_type": "conflict",
        "entity_id": row.id,
        "action": "resolve" if change["status"] == "resolved" else "update",
        "user_id": None,
        "via": "engine",
        "at": utcnow(),
        "before": {f: plain(getattr(row, f)) for f in fields},
        "after": {f: plain(change[f]) for f in fields},
    }
