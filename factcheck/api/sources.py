"""Who speaks (actors) and who publishes (outlets): list, read, add."""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for

from factcheck.api.auth import allowed
from factcheck.api.base import ApiBlueprint, documents, get_or_404, page_of, page_schema
from factcheck.api.fields import ID
from factcheck.api.inputs import (
    ACTOR_SORTS,
    OUTLET_SORTS,
    ActorFilter,
    ActorIn,
    OutletFilter,
    OutletIn,
)
from factcheck.api.problems import abort
from factcheck.api.schemas import ActorSchema, OutletSchema
from factcheck.extensions import db
from factcheck.models import Actor, Event, Outlet

bp = ApiBlueprint("sources", __name__, "", "Actors (who said it) and outlets (who published it).")


def _named(model, args: dict) -> sa.Select:
    query = sa.select(model)
    if args.get("q"):
        query = query.where(model.name.ilike(f"%{args['q']}%"))
    if args.get("kind"):
        query = query.where(model.kind == args["kind"])
    return query


def _unique_name(model, name: str) -> None:
    if not name:
        abort(422, "name: give a name that is not only spaces.")
    existing = db.session.scalar(sa.select(model.id).where(model.name == name))
    if existing is not None:
        abort(409, f"{model.__name__} {existing} is called {name!r} already.")


@bp.route("/actors")
@bp.arguments(ActorFilter, location="query")
@bp.response(200, page_schema(ActorSchema))
def list_actors(args: dict):
    """Actors by name words and kind."""
    return page_of(_named(Actor, args), args, ACTOR_SORTS, Actor.id)


@bp.route("/actors", methods=["POST"])
@allowed("log")
@bp.arguments(ActorIn)
@bp.response(201, ActorSchema)
@documents(bp, 403, 409)
def create_actor(data: dict):
    """Add a person or an institution; `party_to` lists the events in which it is a side."""
    name = data["name"].strip()
    _unique_name(Actor, name)
    events = [db.session.get(Event, event_id) for event_id in dict.fromkeys(data["party_to"])]
    if None in events:
        abort(
            422,
            "party_to: "
            + ", ".join(str(i) for i, e in zip(data["party_to"], events) if e is None)
            + " are no events.",
        )
    actor = Actor(
        name=name,
        kind=data["kind"],
        role=data.get("role"),
        affiliation=data.get("affiliation"),
        country=data.get("country"),
        notes=data["notes"],
        party_to=events,
    )
    db.session.add(actor)
    db.session.commit()
    return actor, 201, {"Location": url_for("api_sources.show_actor", actor_id=actor.id)}


@bp.route(f"/actors/<{ID}:actor_id>")
@bp.response(200, ActorSchema)
@documents(bp, 404)
def show_actor(actor_id: int):
    """One actor."""
    return get_or_404(Actor, actor_id)


@bp.route("/outlets")
@bp.arguments(OutletFilter, location="query")
@bp.response(200, page_schema(OutletSchema))
def list_outlets(args: dict):
    """Outlets by name words and kind."""
    return page_of(_named(Outlet, args), args, OUTLET_SORTS, Outlet.id)


@bp.route("/outlets", methods=["POST"])
@allowed("log")
@bp.arguments(OutletIn)
@bp.response(201, OutletSchema)
@documents(bp, 403, 409)
def create_outlet(data: dict):
    """Add a publisher: a news agency, state media, a ministry's channel, …"""
    name = data["name"].strip()
    _unique_name(Outlet, name)
    outlet = Outlet(name=name, kind=data["kind"], country=data.get("country"), notes=data["notes"])
    db.session.add(outlet)
    db.session.commit()
    return outlet, 201, {"Location": url_for("api_sources.show_outlet", outlet_id=outlet.id)}


@bp.route(f"/outlets/<{ID}:outlet_id>")
@bp.response(200, OutletSchema)
@documents(bp, 404)
def show_outlet(outlet_id: int):
    """One outlet."""
    return get_or_404(Outlet, outlet_id)
