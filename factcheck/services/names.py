"""Names of actors, outlets and places: found by name or alias, one way, after merges.

A record is found by its own name (ignoring case) or by one of its aliases
(compared as domain.names.name_key compares). A record merged into another
answers with the one it was merged into, so that an origin counts once
however many names it went by (DOMAIN.md §11).
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from factcheck.domain.names import Twin, likely_duplicates, name_key
from factcheck.extensions import db
from factcheck.models import Actor, Alias, Outlet, Place
from factcheck.services.text_match import holding
from factcheck.services.unit_of_work import transaction

MODELS: dict[str, type] = {"actor": Actor, "outlet": Outlet, "place": Place}


class NameTaken(ValueError):
    """Another record goes by this name already; nothing was written."""

    def __init__(self, entity_type: str, name: str, holder_id: int):
        self.holder_id, self.name = holder_id, name
        super().__init__(f"{entity_type} {holder_id} goes by the name {name!r} already")


def survivor(record):
    """The record itself, or the one it was merged into (and so on)."""
    seen = set()
    while record is not None and record.merged_into_id and record.id not in seen:
        seen.add(record.id)
        record = db.session.get(type(record), record.merged_into_id)
    return record


def holder(entity_type: str, name: str):
    """The record (merged or not) whose own name or alias `name` is, or None."""
    model = MODELS[entity_type]
    row = db.session.scalars(
        sa.select(model).where(sa.func.lower(model.name) == name.strip().lower()).order_by(model.id)
    ).first()
    if row is None:
        entity_id = db.session.scalar(
            sa.select(Alias.entity_id).where(
                Alias.entity_type == entity_type, Alias.key == name_key(name)
            )
        )
        row = db.session.get(model, entity_id) if entity_id is not None else None
    return row


def find_named(entity_type: str, name: str):
    """The live record that goes by `name` (its name or an alias, after merges), or None."""
    if not (name or "").strip():
        return None
    return survivor(holder(entity_type, name))


def name_contains(entity_type: str, text: str) -> sa.ColumnElement[bool]:
    """The record's name or one of its other names contains `text`, ignoring case: the one
    rule the lists of actors, outlets and places and the claim search filter by."""
    return MODELS[entity_type].id.in_(ids_named(entity_type, text))


def ids_named(entity_type: str, text: str, distinct: bool = True) -> sa.CompoundSelect:
    """The ids of the records whose name or other name contains `text`, ignoring case.

    Two SELECTs joined by UNION, not one OR: PostgreSQL answers each from its trigram index
    (migration 0020), where an OR over both made it read all 150,000 actors (70 ms). Not
    `distinct`, a record may come twice, and a limit stops the reading early."""
    model = MODELS[entity_type]
    return (sa.union if distinct else sa.union_all)(
        sa.select(model.id).where(holding(model.name, text)),
        sa.select(Alias.entity_id).where(
            Alias.entity_type == entity_type, holding(Alias.name, text)
        ),
    )


def aliases_of(entity_type: str, entity_id: int) -> list[str]:
    """The record's other names, in the order they were added."""
    return list(
        db.session.scalars(
            sa.select(Alias.name)
            .where(Alias.entity_type == entity_type, Alias.entity_id == entity_id)
            .order_by(Alias.id)
        )
    )


def add_alias(entity_type: str, record, name: str) -> Alias | None:
    """Record `name` as another name of `record`; None when it is its name or alias already.

    Refuses (NameTaken) a name another live record goes by: that is a merge, not an alias.
    A name held by a record merged into this one is this one's own: a merged-away record
    keeps its name so that an undo can give it back, and it answers with its survivor.
    """
    name = (name or "").strip()
    if not name or name_key(name) == name_key(record.name):
        return None
    key = name_key(name)
    alias_of = db.session.scalar(
        sa.select(Alias.entity_id).where(Alias.entity_type == entity_type, Alias.key == key)
    )
    alias_holder = db.session.get(MODELS[entity_type], alias_of) if alias_of is not None else None
    for taken in (holder(entity_type, name), alias_holder):
        live = survivor(taken)
        if live is not None and live.id != record.id:
            raise NameTaken(entity_type, name, live.id)
    if alias_of is not None:
        return None
    with transaction():
        alias = Alias(entity_type=entity_type, entity_id=record.id, name=name, key=key)
        db.session.add(alias)
        db.session.flush()
        forget_aliases(record)
    return alias


def forget_aliases(*records) -> None:
    """Drop the records' loaded alias lists, so that they are read again after a change."""
    for record in records:
        if record is not None and "alias_rows" in sa.inspect(type(record)).relationships:
            db.session.expire(record, ["alias_rows"])


def set_aliases(entity_type: str, record, names: Iterable[str]) -> list[str]:
    """Make `names` the record's aliases (added and removed as needed); the aliases now."""
    wanted = {name_key(n): n.strip() for n in names if n and n.strip()}
    with transaction():
        for alias in db.session.scalars(
            sa.select(Alias).where(Alias.entity_type == entity_type, Alias.entity_id == record.id)
        ):
            if alias.key not in wanted:
                db.session.delete(alias)
        db.session.flush()
        for name in wanted.values():
            add_alias(entity_type, record, name)
        forget_aliases(record)
    return aliases_of(entity_type, record.id)


def known_names(entity_type: str) -> list[tuple[int, str]]:
    """(id, name) for every live record's name and alias: what duplicates are looked for among."""
    model = MODELS[entity_type]
    names = list(
        db.session.execute(sa.select(model.id, model.name).where(model.merged_into_id.is_(None)))
    )
    live = {rid for rid, _ in names}
    names += [
        (rid, n)
        for rid, n in db.session.execute(
            sa.select(Alias.entity_id, Alias.name).where(Alias.entity_type == entity_type)
        )
        if rid in live
    ]
    return [(rid, n) for rid, n in names]


def twins_of(entity_type: str, name: str, exclude: int | None = None) -> list[Twin]:
    """Live records whose name or alias is close to `name` (likely duplicates), best first."""
    model = MODELS[entity_type]
    found = likely_duplicates(name, known_names(entity_type), exclude=exclude)
    return [
        Twin(t.record_id, db.session.get(model, t.record_id).name, t.matched, t.score)
        for t in found
    ]


def duplicates_of(entity_type: str, record) -> list[Twin]:
    """Live records likely to be `record` under another name: its name and aliases scored, best first."""
    if record.merged_into_id is not None:
        return []
    best: dict[int, Twin] = {}
    for name in [record.name, *aliases_of(entity_type, record.id)]:
        for twin in twins_of(entity_type, name, exclude=record.id):
            if twin.record_id not in best or twin.score > best[twin.record_id].score:
                best[twin.record_id] = twin
    return sorted(best.values(), key=lambda t: (-t.score, t.record_id))
