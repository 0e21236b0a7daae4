"""Merge two actors, outlets or places into one, and undo it exactly (DOMAIN.md §11).

A merge moves every reference from the duplicate to the record it joins (the
survivor): claims' speakers and cited sources, articles' outlets, claims'
places, places within it, the events it is party to or that cover it. The
duplicate's aliases move too and its own name becomes an alias, so that it is
found under the survivor from then on. The `Merge` row keeps the ids of what
moved, so that an undo puts back exactly that, and only what still points at
the survivor. Origins are counted after merging: the groups of the claims
touched are reconciled again in the same commit.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from factcheck.domain.names import name_key
from factcheck.domain.said import Said
from factcheck.extensions import db
from factcheck.models import Alias, Article, Claim, Event, Merge
from factcheck.models.types import utcnow
from factcheck.services import history, queue
from factcheck.services.json_values import row_dict
from factcheck.services.names import MODELS, forget_aliases
from factcheck.services.unit_of_work import transaction

# Per kind of record: (table, column) pairs that point at it and move with a merge.
COLUMNS: dict[str, tuple[tuple[type, str], ...]] = {
    "actor": ((Claim, "attributed_to_id"), (Claim, "cites_id")),
    "outlet": ((Article, "outlet_id"), (Article, "republished_from_outlet_id")),
    "place": ((Claim, "place_id"),),
}
# Many-to-many links to events that move: the actor's party_to, the events covering the place.
EVENT_LINKS = {"actor": "party_to", "place": "covered_by"}


class MergeRefused(ValueError):
    """The merge or undo cannot be done as asked (a merged record, an undone merge); nothing moved."""


def _events_covering(place) -> list[Event]:
    return list(db.session.scalars(sa.select(Event).where(Event.places.contains(place))))


def _linked_events(entity_type: str, record) -> list[Event]:
    if entity_type == "actor":
        return list(record.party_to)
    return _events_covering(record) if entity_type == "place" else []


def _link(entity_type: str, record, event: Event, on: bool) -> None:
    """Make `record` party to / covered by `event` (on) or not (off)."""
    links = record.party_to if entity_type == "actor" else event.places
    item = event if entity_type == "actor" else record
    if on and item not in links:
        links.append(item)
    elif not on and item in links:
        links.remove(item)


def _record_claims(claims: Iterable[Claim], action: str, user_id: int | None, via: str) -> set:
    """History rows for claims whose speaker or place a merge changed; their groups."""
    groups = set()
    for claim, before in claims:
        db.session.expire(claim, ["place", "attributed_to", "cites"])  # read the moved ones
        history.record(claim, action, before, user_id, via)
        groups |= queue.groups_of(claim)
    return groups


def _event_groups(event_ids: Iterable[int]) -> set:
    """Every group of these events: a place's tree changed under all of them."""
    ids = set(event_ids)
    if not ids:
        return set()
    claims = db.session.scalars(sa.select(Claim).where(Claim.event_id.in_(ids)))
    return {g for claim in claims for g in queue.groups_of(claim)}


def _repoint(model: type, column: str, ids: Iterable[int], old: int, new: int) -> list:
    """Point these rows' `column` from `old` to `new`; (row, before) for those that pointed at old."""
    ids = list(ids)
    if not ids:
        return []
    rows = db.session.scalars(
        sa.select(model).where(model.id.in_(ids), getattr(model, column) == old).order_by(model.id)
    ).all()
    changed = []
    for row in rows:
        before = row_dict(row)
        setattr(row, column, new)
        changed.append((row, before))
    return changed


def _pointing(model: type, column: str, record_id: int) -> list[int]:
    return list(
        db.session.scalars(
            sa.select(model.id).where(getattr(model, column) == record_id).order_by(model.id)
        )
    )


def merge(
    entity_type: str, from_record, into_record, user_id: int | None, via: str = "web"
) -> Merge:
    """Merge `from_record` into `into_record` (a duplicate into the record that stays)."""
    if entity_type not in MODELS:
        raise MergeRefused(Said("%(kind)s records cannot be merged", kind=repr(entity_type)))
    if from_record.id == into_record.id:
        raise MergeRefused(Said("a record cannot be merged into itself"))
    for record in (from_record, into_record):
        if record.merged_into_id is not None:
            raise MergeRefused(
                Said(
                    "%(name)s (%(id)s) is merged into %(into)s (%(into_id)s) already",
                    name=record.name,
                    id=record.id,
                    into=db.session.get(type(record), record.merged_into_id).name,
                    into_id=record.merged_into_id,
                )
            )
    with transaction() as uow:
        before = (row_dict(from_record), row_dict(into_record))
        old, new = from_record.id, into_record.id
        moved: dict[str, list[int] | int | None] = {}
        touched: list = []
        for model, column in COLUMNS[entity_type]:
            ids = _pointing(model, column, old)
            moved[f"{model.__tablename__}.{column}"] = ids
            touched += [(r, b) for r, b in _repoint(model, column, ids, old, new) if model is Claim]
        if entity_type == "place":
            inside = [i for i in _pointing(MODELS["place"], "within_id", old) if i != new]
            moved["places.within_id"] = inside
            _repoint(MODELS["place"], "within_id", inside, old, new)
        if entity_type in EVENT_LINKS:
            linked = _linked_events(entity_type, from_record)
            theirs = {e.id for e in _linked_events(entity_type, into_record)}
            moved["events"] = [e.id for e in linked]
            moved["events_added"] = [e.id for e in linked if e.id not in theirs]
            for event in linked:
                _link(entity_type, from_record, event, on=False)
                _link(entity_type, into_record, event, on=True)
        aliases = db.session.scalars(
            sa.select(Alias).where(Alias.entity_type == entity_type, Alias.entity_id == old)
        ).all()
        moved["aliases"] = [a.id for a in aliases]
        for alias in aliases:
            alias.entity_id = new
        moved["name_alias"] = _name_alias(entity_type, from_record, into_record)
        from_record.merged_into_id = new
        row = Merge(entity_type=entity_type, from_id=old, into_id=new, moved=moved)
        row.merged_by_id = user_id
        db.session.add(row)
        db.session.flush()
        forget_aliases(from_record, into_record)
        history.record(from_record, "merge", before[0], user_id, via)
        history.record(into_record, "merge", before[1], user_id, via)
        groups = _record_claims(touched, "merge", user_id, via)
        uow.reconcile(groups | _groups_moved(entity_type, moved, touched))
    return row


def _name_alias(entity_type: str, from_record, into_record) -> int | None:
    """The duplicate's own name as an alias of the survivor (unless it is one already)."""
    key = name_key(from_record.name)
    if key == name_key(into_record.name):
        return None
    taken = db.session.scalar(
        sa.select(Alias.id).where(Alias.entity_type == entity_type, Alias.key == key)
    )
    if taken is not None:
        return None
    alias = Alias(entity_type=entity_type, entity_id=into_record.id, name=from_record.name, key=key)
    db.session.add(alias)
    db.session.flush()
    return alias.id


def _drop_name_alias(entity_type: str, from_record, into_record) -> None:
    """The duplicate's own name is its own again: the survivor no longer goes by it, whether
    as the alias the merge gave it or as one a reviewer gave it back since (names.add_alias)."""
    for alias in db.session.scalars(
        sa.select(Alias).where(
            Alias.entity_type == entity_type,
            Alias.entity_id == into_record.id,
            Alias.key == name_key(from_record.name),
        )
    ):
        db.session.delete(alias)


def article_groups(article_ids: list[int]) -> set:
    """The groups of every claim in these articles: their outlet is part of each one's origin."""
    if not article_ids:
        return set()
    claims = db.session.scalars(sa.select(Claim).where(Claim.article_id.in_(article_ids)))
    return {g for claim in claims for g in queue.groups_of(claim)}


def _groups_moved(entity_type: str, moved: dict, touched: list) -> set:
    """Groups whose origins or place tree a merge changes beyond the claims it repointed.

    An outlet is part of its articles' claims' origin; an actor's party_to decides
    whether it is partisan in those events; a place's tree (what lies within it,
    which events cover it) shapes every group of the events it is named in.
    """
    if entity_type == "outlet":
        return article_groups(
            moved.get("articles.outlet_id", [])
            + moved.get("articles.republished_from_outlet_id", [])
        )
    event_ids = set(moved.get("events", []))
    if entity_type == "place":
        event_ids |= {claim.event_id for claim, _ in touched}
        inside = moved.get("places.within_id", [])
        if inside:
            event_ids |= set(
                db.session.scalars(sa.select(Claim.event_id).where(Claim.place_id.in_(inside)))
            )
    return _event_groups(event_ids)


def undo_merge(merge_row: Merge, user_id: int | None, via: str = "web") -> None:
    """Put back what the merge moved, where it still points at the survivor; the duplicate lives again."""
    if merge_row.undone_at is not None:
        raise MergeRefused(Said("merge %(id)s was undone already", id=merge_row.id))
    entity_type = merge_row.entity_type
    model = MODELS[entity_type]
    from_record = db.session.get(model, merge_row.from_id)
    into_record = db.session.get(model, merge_row.into_id)
    if into_record.merged_into_id is not None:
        raise MergeRefused(
            Said(
                "%(name)s (%(id)s) was merged into %(into)s (%(into_id)s) since: undo that merge "
                "first",
                name=into_record.name,
                id=into_record.id,
                into=db.session.get(model, into_record.merged_into_id).name,
                into_id=into_record.merged_into_id,
            )
        )
    with transaction() as uow:
        before = (row_dict(from_record), row_dict(into_record))
        old, new = from_record.id, into_record.id
        moved = merge_row.moved or {}
        touched: list = []
        for table_model, column in COLUMNS[entity_type]:
            ids = moved.get(f"{table_model.__tablename__}.{column}", [])
            back = _repoint(table_model, column, ids, new, old)
            touched += [(r, b) for r, b in back if table_model is Claim]
        if entity_type == "place":
            _repoint(model, "within_id", moved.get("places.within_id", []), new, old)
        if entity_type in EVENT_LINKS:
            for event_id in moved.get("events", []):
                event = db.session.get(Event, event_id)
                if event is None:
                    continue
                _link(entity_type, from_record, event, on=True)
                if event_id in moved.get("events_added", []):
                    _link(entity_type, into_record, event, on=False)
        for alias_id in moved.get("aliases", []):
            alias = db.session.get(Alias, alias_id)
            if alias is not None and alias.entity_id == new:
                alias.entity_id = old
        _drop_name_alias(entity_type, from_record, into_record)
        from_record.merged_into_id = None
        merge_row.undone_by_id, merge_row.undone_at = user_id, utcnow()
        db.session.flush()
        forget_aliases(from_record, into_record)
        history.record(from_record, "undo merge", before[0], user_id, via)
        history.record(into_record, "undo merge", before[1], user_id, via)
        groups = _record_claims(touched, "undo merge", user_id, via)
        uow.reconcile(groups | _groups_moved(entity_type, moved, touched))


def merges_of(entity_type: str, record_id: int) -> list[Merge]:
    """The merges this record took part in (as duplicate or survivor), newest first."""
    return list(
        db.session.scalars(
            sa.select(Merge)
            .where(
                Merge.entity_type == entity_type,
                sa.or_(Merge.from_id == record_id, Merge.into_id == record_id),
            )
            .order_by(Merge.id.desc())
        )
    )
