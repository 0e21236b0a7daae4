"""Who speaks (actors) and who publishes (outlets): found by name one way, created one way.

A name matches a stored record when it is the record's name (ignoring case and
surrounding spaces) or one of its aliases (services/names.py): "Kementerian
Kesehatan" typed in a form, accepted from a suggestion or posted to the API
finds the same row, and a second row of that name is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.extensions import db
from factcheck.models import Actor, Event, Outlet
from factcheck.services import names
from factcheck.services.unit_of_work import transaction


class SourceRefused(ValueError):
    """The actor or outlet cannot be stored as given; nothing was written."""

    def __init__(self, field_name: str, message: str):
        self.field, self.message = field_name, message
        super().__init__(f"{field_name}: {message}")


class DuplicateName(SourceRefused):
    """Another record has this name already (compared ignoring case)."""

    def __init__(self, model: type, existing_id: int, name: str):
        self.existing_id = existing_id
        super().__init__("name", f"{model.__name__} {existing_id} is called {name!r} already.")


@dataclass(frozen=True)
class ActorDraft:
    name: str
    kind: str
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None
    notes: str = ""
    party_to: tuple[int, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class OutletDraft:
    name: str
    kind: str
    country: str | None = None
    notes: str = ""


def find_actor(name: str) -> Actor | None:
    """The actor that goes by this name or alias (ignoring case; after merges), if any."""
    return names.find_named("actor", name)


def find_outlet(name: str) -> Outlet | None:
    """The outlet that goes by this name or alias (ignoring case; after merges), if any."""
    return names.find_named("outlet", name)


def _name(model: type, raw: str) -> str:
    name = (raw or "").strip()
    if not name:
        raise SourceRefused("name", "give a name that is not only spaces.")
    existing = names.holder(model.__tablename__[:-1], name)
    if existing is not None:
        raise DuplicateName(model, existing.id, name)
    return name


def create_actor(draft: ActorDraft) -> Actor:
    """Store a new actor; refuse a blank or taken name and unknown events in `party_to`."""
    with transaction():
        name = _name(Actor, draft.name)
        wanted = list(dict.fromkeys(draft.party_to))
        events = [db.session.get(Event, event_id) for event_id in wanted]
        missing = [str(i) for i, e in zip(wanted, events) if e is None]
        if missing:
            raise SourceRefused("party_to", ", ".join(missing) + " are no events.")
        actor = Actor(
            name=name,
            kind=draft.kind,
            role=draft.role,
            affiliation=draft.affiliation,
            country=draft.country,
            notes=draft.notes,
            party_to=events,
        )
        db.session.add(actor)
        db.session.flush()
    return actor


def create_outlet(draft: OutletDraft) -> Outlet:
    """Store a new outlet; refuse a blank or taken name."""
    with transaction():
        outlet = Outlet(
            name=_name(Outlet, draft.name),
            kind=draft.kind,
            country=draft.country,
            notes=draft.notes,
        )
        db.session.add(outlet)
        db.session.flush()
    return outlet


def actor_named(
    name: str, kind: str = "other", party_to: Event | None = None, notes: str = ""
) -> Actor:
    """The stored actor of this name, or a new one (made party to `party_to` when given)."""
    with transaction():
        actor = find_actor(name)
        if actor is None:
            actor = Actor(name=name.strip(), kind=kind, notes=notes)
            if party_to is not None:
                actor.party_to.append(party_to)
            db.session.add(actor)
            db.session.flush()
    return actor


def outlet_named(name: str, kind: str = "other") -> Outlet:
    """The stored outlet of this name, or a new one."""
    with transaction():
        outlet = find_outlet(name)
        if outlet is None:
            outlet = Outlet(name=name.strip(), kind=kind)
            db.session.add(outlet)
            db.session.flush()
    return outlet
