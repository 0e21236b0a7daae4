"""The records an import's names stand for: found by name or alias, or created once.

domain/annotation_set.py has grouped the declarations of every file (AFAD and
its three other names are one group) and checked them against what is stored,
through `StoredLookup`. Here each group becomes one record: the stored one its
names find, or a new one; its aliases are added, places learn what they lie
within, and events cover their places. Nothing here is written twice: a second
import of the same files finds every record, alias and link already there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from factcheck.domain.annotation import Annotation
from factcheck.domain.annotation_set import ImportNames, NameGroup
from factcheck.extensions import db
from factcheck.models import Actor, Article, Claim, Event, Outlet, Place
from factcheck.services import names
from factcheck.services.places import cover, place_of


class StoredLookup:
    """What is stored already, as domain.annotation_set.Stored asks for it."""

    def record(self, entity: str, name: str) -> int | None:
        found = names.find_named(entity, name)
        return found.id if found is not None else None

    def record_name(self, entity: str, record_id: int) -> str:
        return db.session.get(names.MODELS[entity], record_id).name

    def place_within(self, place_id: int) -> int | None:
        return db.session.scalar(sa.select(Place.within_id).where(Place.id == place_id))

    def event(self, slug: str) -> bool:
        return db.session.scalar(sa.select(Event.id).where(Event.slug == slug)) is not None

    def event_parent(self, slug: str) -> str | None:
        parent = aliased(Event)
        return db.session.scalar(
            sa.select(parent.slug)
            .join(Event, Event.parent_id == parent.id)
            .where(Event.slug == slug)
        )

    def claim(self, file: str, key: str) -> bool:
        return stored_claim(file, key) is not None


def stored_claim(file: str, key: str) -> Claim | None:
    """The claim `key` of the article imported from sidecar `file` (FILE#ID), if stored."""
    return db.session.scalar(
        sa.select(Claim)
        .join(Article, Article.id == Claim.article_id)
        .where(Article.source_name == file, Claim.source_key == key)
        .order_by(Claim.id)
    )


@dataclass
class Records:
    """The stored record of every name the import uses, by entity and name."""

    plan: ImportNames
    made: dict[tuple[str, str], object] = field(default_factory=dict)  # (entity, group) -> row
    events: dict[str, Event] = field(default_factory=dict)

    def of(self, entity: str, name: str | None):
        """The record `name` stands for: its group's, else the stored one (None for no name)."""
        if not name:
            return None
        group = self.plan.group(entity, name)
        if group is not None:
            return self.made[(entity, group.name)]
        if entity == "place":
            return place_of(name)  # stored, or an older sidecar's place as written
        return names.find_named(entity, name)

    def event(self, slug: str | None) -> Event | None:
        if not slug:
            return None
        if slug not in self.events:
            self.events[slug] = db.session.scalar(sa.select(Event).filter_by(slug=slug))
        return self.events[slug]


def store_names(
    plan: ImportNames, annotations: list[Annotation], count, notices: list[str]
) -> Records:
    """Create or find every place, outlet, actor and event the files declare; a new actor or
    outlet that looks like one stored under another name is told in `notices`."""
    records = Records(plan)
    for group in plan.places_parents_first():
        within = group.within
        parent = None
        if within is not None:
            parent = (
                records.made[("place", str(within[1]))]
                if within[0] == "group"
                else db.session.get(Place, within[1])
            )
        place = _record(group, count, lambda g: Place(name=g.name, notes=""))
        if parent is not None and place.within_id is None:
            place.within = parent
        records.made[("place", group.name)] = place
    for group in plan.groups["outlet"].values():
        records.made[("outlet", group.name)] = _record(group, count, _new_outlet, notices)
    for a in annotations:
        for e in a.events:
            _store_event(e, records, count)
    for a in annotations:
        for e in a.events:
            if e.parent and records.events[e.slug].parent_id is None:
                records.events[e.slug].parent = records.event(e.parent)
    for group in plan.groups["actor"].values():
        actor = _record(group, count, _new_actor, notices)
        for slug in dict.fromkeys(s for d in group.specs for s in d.party_to):
            event = records.event(slug)
            if event is not None and event not in actor.party_to:
                actor.party_to.append(event)
        records.made[("actor", group.name)] = actor
    return records


def _new_outlet(group: NameGroup) -> Outlet:
    spec = _main_spec(group)
    return Outlet(name=group.name, kind=spec.kind, country=spec.country, notes=spec.notes)


def _new_actor(group: NameGroup) -> Actor:
    spec = _main_spec(group)
    return Actor(
        name=group.name,
        kind=spec.kind,
        role=spec.role,
        affiliation=spec.affiliation,
        country=spec.country,
    )


def _main_spec(group: NameGroup):
    """The declaration that names the group (the one that gave aliases), for a new record."""
    return next((s for s in group.specs if s.name == group.name), group.specs[0])


def _record(group: NameGroup, count, make, notices: list[str] | None = None):
    """The group's stored record, or a new one; either way every alias is recorded.

    With `notices`, a new record whose names come close to another record's (as the actor
    and outlet pages suggest duplicates) is told there, with where it was declared: the import
    goes on, since a near name may be another body ("Ministry of Health" of two countries).
    """
    model = names.MODELS[group.entity]
    record = db.session.get(model, group.stored_id) if group.stored_id is not None else None
    if record is None:
        record = names.find_named(group.entity, group.name)
    created = record is None
    if created:
        record = make(group)
        db.session.add(record)
        db.session.flush()
    count(model.__tablename__, created=created)
    for name in group.names:
        if names.add_alias(group.entity, record, name) is not None:
            count("aliases", created=True)
    if created and notices is not None:
        _tell_twin(group, record, notices)
    return record


def _tell_twin(group: NameGroup, record, notices: list[str]) -> None:
    twins = names.duplicates_of(group.entity, record)
    if not twins:
        return
    twin = twins[0]
    where = _main_spec(group).where
    message = (
        f"new {group.entity} {record.name!r} looks like the stored {twin.name!r} "
        f"(score {twin.score:.0f}): merge them on its page if they are one"
    )
    notices.append(str(where.problem(message)) if where.file else message)


def _store_event(e, records: Records, count) -> None:
    event = records.event(e.slug)
    if event is None:
        event = Event(slug=e.slug, title=e.title, place=e.place, start_date=e.start, end_date=e.end)
        db.session.add(event)
        db.session.flush()
        records.events[e.slug] = event
        count("events", created=True)
    else:
        count("events", created=False)
    cover(event, [records.of("place", name) for name in e.places])
