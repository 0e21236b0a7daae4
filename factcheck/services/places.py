"""Places (DOMAIN.md §10): found by name or alias, added under the place they lie within.

An event covers one or more places; a claim's place lies inside the event's
area. The engine reads the tree an event's claims make: each place with the
place it lies within, up to the event's own places, whose parent is the event's
whole area (None).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import Claim, Event, Place, event_places
from factcheck.services import history, names, queue
from factcheck.services.edit_tokens import check_unchanged
from factcheck.services.id_lists import among
from factcheck.services.json_values import row_dict
from factcheck.services.unit_of_work import transaction


def find_place(name: str) -> Place | None:
    """The place that goes by `name` (its name or an alias), or None."""
    return names.find_named("place", name)


def place_named(name: str, within: Place | None = None) -> Place:
    """The place of this name or alias, or a new one (inside `within`, when given)."""
    with transaction():
        place = find_place(name)
        if place is None:
            place = Place(name=name.strip(), within=within, notes="")
            db.session.add(place)
            db.session.flush()
        elif within is not None and place.within_id is None and place.id != within.id:
            place.within = within  # a place first named alone learns where it lies
    return place


def place_of(name: str | None) -> Place | None:
    """The place so named (added when new), or None: the event's whole area."""
    return place_named(name) if name and name.strip() else None


def event_place_names(event_id: int) -> list[str]:
    """The event's places and every live place known to lie inside them, by name (a place
    merged away is found by its name under the one it was merged into)."""
    within = dict(db.session.execute(sa.select(Place.id, Place.within_id)).all())
    names_by_id = dict(
        db.session.execute(
            sa.select(Place.id, Place.name).where(Place.merged_into_id.is_(None))
        ).all()
    )
    own = set(
        db.session.scalars(
            sa.select(event_places.c.place_id).where(event_places.c.event_id == event_id)
        )
    )
    own |= set(
        db.session.scalars(
            sa.select(Claim.place_id).where(Claim.event_id == event_id, Claim.place_id.is_not(None))
        )
    )
    return sorted(names_by_id[p] for p in names_by_id if _lies_within(p, own, within))


def _lies_within(place_id: int | None, targets: set, within: dict) -> bool:
    """The place is one of `targets` or lies inside one, walking `within` (id -> parent id) up;
    a loop in the tree ends the walk."""
    seen = set()
    while place_id is not None and place_id not in seen:
        if place_id in targets:
            return True
        seen.add(place_id)
        place_id = within.get(place_id)
    return False


def cover(event: Event, places: Iterable[Place]) -> None:
    """Make the event cover these places too (Turkey and Syria)."""
    with transaction():
        for place in places:
            if place not in event.places:
                event.places.append(place)


def parents(event_ids: Iterable[int]) -> dict[int, dict[int, int | None]]:
    """Per event: every place its claims name, with the place it lies within inside the event.

    Walking up `within` from a claim's place, the event's own places (and any place
    with nothing above it) have the event's whole area, None, as parent.
    """
    ids = sorted(set(event_ids))
    if not ids:
        return {}
    within = dict(db.session.execute(sa.select(Place.id, Place.within_id)).all())
    covered: dict[int, set[int]] = {}
    for event_id, place_id in db.session.execute(
        sa.select(event_places.c.event_id, event_places.c.place_id).where(
            among(event_places.c.event_id, ids)
        )
    ):
        covered.setdefault(event_id, set()).add(place_id)
    named: dict[int, set[int]] = {}
    for event_id, place_id in db.session.execute(
        sa.select(Claim.event_id, Claim.place_id)
        .distinct()
        .where(among(Claim.event_id, ids), Claim.place_id.is_not(None))
    ):
        named.setdefault(event_id, set()).add(place_id)
    out: dict[int, dict[int, int | None]] = {}
    for event_id in ids:
        own = covered.get(event_id, set())
        tree: dict[int, int | None] = {}
        for place_id in named.get(event_id, set()):
            seen = set()
            while place_id is not None and place_id not in tree and place_id not in seen:
                seen.add(place_id)
                up = within.get(place_id)
                if place_id in own or up in seen:
                    up = None
                tree[place_id] = up
                place_id = up
        out[event_id] = tree
    return out


def place_depths(event_id: int) -> dict[str | None, int]:
    """How deep each place of the event lies (the whole area 0, Turkey 1, Hatay 2)."""
    tree = parents([event_id]).get(event_id, {})
    names = dict(db.session.execute(sa.select(Place.id, Place.name)).all())  # after the tree
    depth: dict[str | None, int] = {None: 0}
    for place_id in tree:
        n, up, seen = 1, tree[place_id], {place_id}
        while up is not None and up not in seen:
            seen.add(up)
            n, up = n + 1, tree.get(up)
        depth[names[place_id]] = n
    return depth


class PlaceRefused(ValueError):
    """The place cannot be changed as asked; nothing was written."""

    def __init__(self, field_name: str, message: str):
        self.field, self.message = field_name, message
        super().__init__(f"{field_name}: {message}")


@dataclass(frozen=True)
class PlaceChange:
    """What a reviewer may change of a place; None leaves a field as it is."""

    within_id: int | None = None  # the place it lies within; 0: directly in no other place
    aliases: tuple[str, ...] | None = None
    notes: str | None = None
    seen: str | None = None  # the place's edit token as the editor loaded it (edit_tokens.py)


def update_place(place: Place, change: PlaceChange, user_id: int | None, via: str = "web") -> Place:
    """Move a place in the tree, rename it by aliases, note it; the events it is in reconcile again.

    A place cannot lie within itself or within a place inside it (the tree would loop).
    """
    if place.merged_into_id is not None:
        raise PlaceRefused(
            "name", f"{place.name!r} is merged into place {place.merged_into_id}: change that one."
        )
    with transaction() as uow:
        check_unchanged(place, change.seen)
        before = row_dict(place)
        if change.within_id is not None:
            place.within = _new_parent(place, change.within_id)
        if change.notes is not None:
            place.notes = change.notes
        if change.aliases is not None:
            try:
                names.set_aliases("place", place, change.aliases)
            except names.NameTaken as err:
                raise PlaceRefused("aliases", f"{err}.") from err
        db.session.flush()
        history.record(place, "update", before, user_id, via)
        if place.within_id != before["within_id"]:  # the tree changed under these events
            uow.reconcile(_groups_in(_events_with(place)))
    return place


def _new_parent(place: Place, within_id: int) -> Place | None:
    if within_id == 0:
        return None
    parent = db.session.get(Place, within_id)
    if parent is None or parent.merged_into_id is not None:
        raise PlaceRefused("within", f"there is no place {within_id} to lie within.")
    tree = dict(db.session.execute(sa.select(Place.id, Place.within_id)).all())
    if _lies_within(parent.id, {place.id}, tree):
        raise PlaceRefused("within", f"{parent.name} lies within {place.name}: choose another.")
    return parent


def _events_with(place: Place) -> set[int]:
    """Events that cover the place or have a claim in it."""
    covering = db.session.scalars(
        sa.select(event_places.c.event_id).where(event_places.c.place_id == place.id)
    )
    naming = db.session.scalars(sa.select(Claim.event_id).where(Claim.place_id == place.id))
    return {*covering, *naming}


def _groups_in(event_ids: set[int]) -> set:
    if not event_ids:
        return set()
    claims = db.session.scalars(sa.select(Claim).where(Claim.event_id.in_(event_ids)))
    return {g for claim in claims for g in queue.groups_of(claim)}


def places_inside(place: Place) -> list[Place]:
    """The live places directly inside this one, by name."""
    return list(
        db.session.scalars(
            sa.select(Place)
            .where(Place.within_id == place.id, Place.merged_into_id.is_(None))
            .order_by(Place.name)
        )
    )


def place_choices(place: Place) -> list[tuple[int, str]]:
    """Places this one may lie within: every live place but itself and those inside it."""
    rows = db.session.execute(
        sa.select(Place.id, Place.name, Place.within_id)
        .where(Place.merged_into_id.is_(None))
        .order_by(Place.name)
    ).all()
    parent = {row.id: row.within_id for row in rows}
    return [(row.id, row.name) for row in rows if not _lies_within(row.id, {place.id}, parent)]
