"""Who speaks (actors) and who publishes (outlets): found by name one way, created one way.

A name matches a stored record when it is the record's name (ignoring case and
surrounding spaces) or one of its aliases (services/names.py): "Kementerian
Kesehatan" typed in a form, accepted from a suggestion or posted to the API
finds the same row, and a second row of that name is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa

from factcheck.domain.speakers import governs, speaker_kind
from factcheck.extensions import db
from factcheck.models import Actor, Article, Claim, Event, Outlet
from factcheck.services import history, names, queue
from factcheck.services.edit_tokens import check_unchanged
from factcheck.services.json_values import row_dict
from factcheck.services.unit_of_work import transaction


class SourceRefused(ValueError):
    """The actor or outlet cannot be stored as given; nothing was written."""

    def __init__(self, field_name: str, message: str):
        self.field, self.message = field_name, message
        super().__init__(f"{field_name}: {message}")


class DuplicateName(SourceRefused):
    """Another record has this name already (compared ignoring case)."""

    def __init__(self, model: type, existing_id: int, name: str, field_name: str = "name"):
        self.existing_id = existing_id
        super().__init__(field_name, f"{model.__name__} {existing_id} is called {name!r} already.")


@dataclass(frozen=True)
class ActorDraft:
    name: str
    kind: str
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None
    notes: str = ""
    party_to: tuple[int, ...] = field(default_factory=tuple)
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutletDraft:
    name: str
    kind: str
    country: str | None = None
    notes: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorChange:
    """What a reviewer changes about an actor; None leaves a field as it is."""

    kind: str | None = None
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None
    notes: str | None = None
    party_to: tuple[int, ...] | None = None
    aliases: tuple[str, ...] | None = None
    seen: str | None = None  # the actor's edit token as the editor loaded it (edit_tokens.py)


@dataclass(frozen=True)
class OutletChange:
    """What a reviewer changes about an outlet; None leaves a field as it is."""

    kind: str | None = None
    country: str | None = None
    notes: str | None = None
    aliases: tuple[str, ...] | None = None
    seen: str | None = None  # the outlet's edit token as the editor loaded it (edit_tokens.py)


@dataclass(frozen=True)
class SpeakerProposal:
    """The kind a new speaker's name suggests, and whether it is party to the event (§11)."""

    kind: str
    party: bool


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
    if existing is not None:  # named as it is stored, not as it was typed ("MINISTRY OF …")
        same = existing.name.casefold() == name.casefold()
        raise DuplicateName(model, existing.id, existing.name if same else name)
    return name


def _events(ids: Iterable[int]) -> list[Event]:
    wanted = list(dict.fromkeys(ids))
    events = [db.session.get(Event, event_id) for event_id in wanted]
    missing = [str(i) for i, e in zip(wanted, events) if e is None]
    if missing:
        raise SourceRefused("party_to", ", ".join(missing) + " are no events.")
    return events


def _set_aliases(entity_type: str, record, aliases: Iterable[str]) -> None:
    try:
        names.set_aliases(entity_type, record, aliases)
    except names.NameTaken as err:
        # The name asked for: the live holder may go by it as an alias, or as the name of a
        # record merged into it.
        model = names.MODELS[entity_type]
        raise DuplicateName(model, err.holder_id, err.name, "aliases") from err


def create_actor(draft: ActorDraft) -> Actor:
    """Store a new actor; refuse a blank or taken name and unknown events in `party_to`."""
    with transaction():
        name = _name(Actor, draft.name)
        events = _events(draft.party_to)
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
        _set_aliases("actor", actor, draft.aliases)
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
        _set_aliases("outlet", outlet, draft.aliases)
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


def outlet_named(name: str, kind: str = "other", country: str | None = None) -> Outlet:
    """The stored outlet of this name, or a new one (in `country`, when given)."""
    with transaction():
        outlet = find_outlet(name)
        if outlet is None:
            outlet = Outlet(name=name.strip(), kind=kind, country=(country or "").strip() or None)
            db.session.add(outlet)
            db.session.flush()
    return outlet


def _not_merged(entity_type: str, record) -> None:
    if record.merged_into_id is not None:
        raise SourceRefused(
            "name",
            f"{record.name!r} is merged into {entity_type} {record.merged_into_id}: change that one.",
        )


def _actor_groups(actor: Actor) -> set:
    """The groups of the claims the actor speaks or is cited in: its kind and sides shape them."""
    claims = db.session.scalars(
        sa.select(Claim).where(
            sa.or_(Claim.attributed_to_id == actor.id, Claim.cites_id == actor.id)
        )
    )
    return {g for claim in claims for g in queue.groups_of(claim)}


def update_actor(actor: Actor, change: ActorChange, user_id: int | None, via: str = "web") -> Actor:
    """Change an actor's kind, description, sides and aliases; its claims' groups are reconciled again."""
    _not_merged("actor", actor)
    with transaction() as uow:
        check_unchanged(actor, change.seen)
        before = row_dict(actor)
        sides_before = [e.id for e in actor.party_to]
        if change.kind is not None:
            actor.kind = change.kind
        for name in ("role", "affiliation", "country"):
            value = getattr(change, name)
            if value is not None:
                setattr(actor, name, value.strip() or None)
        if change.notes is not None:
            actor.notes = change.notes
        if change.party_to is not None:
            actor.party_to = _events(change.party_to)
        if change.aliases is not None:
            _set_aliases("actor", actor, change.aliases)
        db.session.flush()
        history.record(actor, "update", before, user_id, via)
        if actor.kind != before["kind"] or [e.id for e in actor.party_to] != sides_before:
            uow.reconcile(_actor_groups(actor))
    return actor


def update_outlet(
    outlet: Outlet, change: OutletChange, user_id: int | None, via: str = "web"
) -> Outlet:
    """Change an outlet's kind, country, notes and aliases; its articles' groups are reconciled again."""
    _not_merged("outlet", outlet)
    with transaction() as uow:
        check_unchanged(outlet, change.seen)
        before = row_dict(outlet)
        if change.kind is not None:
            outlet.kind = change.kind
        if change.country is not None:
            outlet.country = change.country.strip() or None
        if change.notes is not None:
            outlet.notes = change.notes
        if change.aliases is not None:
            _set_aliases("outlet", outlet, change.aliases)
        db.session.flush()
        history.record(outlet, "update", before, user_id, via)
        if outlet.kind != before["kind"]:
            claims = db.session.scalars(
                sa.select(Claim)
                .join(Article, Article.id == Claim.article_id)
                .where(
                    sa.or_(
                        Article.outlet_id == outlet.id,
                        Article.republished_from_outlet_id == outlet.id,
                    )
                )
            )
            uow.reconcile({g for claim in claims for g in queue.groups_of(claim)})
    return outlet


def proposed_speaker(name: str, event: Event | None) -> SpeakerProposal:
    """The kind a new speaker's name suggests, and party to `event` when it governs its place."""
    kind = speaker_kind(name)
    if event is None:
        return SpeakerProposal(kind, False)
    places = [[p.name, *p.aliases] for p in event.places]
    if event.place:
        places.append([event.place])
    return SpeakerProposal(kind, governs(name, kind, places))
