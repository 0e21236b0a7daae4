"""What an editor saw of an actor, outlet or place, as a short token, so a save made over
someone else's change is refused instead of quietly undoing it (as claims' versions do).

The token is a digest of the record's stored state: its columns, its aliases and, for an
actor, the events it is a side in. The edit form carries the token it was filled from and
the API hands it out as an ETag; a change quoting a token that is no longer the record's is
refused, and nothing is written.
"""

from __future__ import annotations

import hashlib
import json

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.services.json_values import row_dict


class ChangedSince(Exception):
    """The record changed after the editor loaded it; nothing was written."""

    def __init__(self, record, current: str):
        self.record, self.current = record, current
        super().__init__(f"{record.name!r} changed since it was loaded: it is at {current} now")


def edit_token(record) -> str:
    """The record's state as a 16-character digest."""
    state = [
        row_dict(record),
        sorted(record.aliases),
        sorted(e.id for e in getattr(record, "party_to", ())),
    ]
    return hashlib.sha256(json.dumps(state, sort_keys=True, default=str).encode()).hexdigest()[:16]


def check_unchanged(record, seen: str | None) -> None:
    """Inside the change's transaction: the record, locked and read again, is as `seen` (when
    given); else ChangedSince. The lock makes two saves of one record check one after the other."""
    if seen is None:
        return
    _lock(type(record), record.id)
    db.session.refresh(record)
    for relation in ("alias_rows", "party_to"):
        if hasattr(record, relation):
            db.session.refresh(record, [relation])
    current = edit_token(record)
    if current != seen:
        raise ChangedSince(record, current)


def _lock(model, record_id: int) -> None:
    """Hold the record against other writers until the change commits.

    PostgreSQL locks the row. SQLite ignores FOR UPDATE, and its driver starts no transaction
    before a write, so there a write that changes nothing takes the database's write lock: a
    second save waits at this line (the driver's busy timeout) and then reads the first one's
    change. Plain SQL, so no column's on-update default turns it into a real change.
    """
    if db.session.get_bind().dialect.name == "sqlite":
        table = model.__table__.name
        db.session.execute(sa.text(f"UPDATE {table} SET id = id WHERE id = :id"), {"id": record_id})
        return
    db.session.execute(sa.select(model.id).where(model.id == record_id).with_for_update())
