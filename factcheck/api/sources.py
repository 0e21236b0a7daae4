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
from factcheck.models import Actor, Outlet
from factcheck.services import sources
from factcheck.services.sources import ActorDraft, DuplicateName, OutletDraft, SourceRefused

bp = ApiBlueprint("sources", __name__, "", "Actors (who said it) and outlets (who published it).")


def _named(model, args: dict) -> sa.Select:
    query = sa.select(model)
    if args.get("q"):
        query = query.where(model.name.ilike(f"%{args['q']}%"))
    if args.get("kind"):
        query = query.where(model.kind == args["kind"])
    return query


def _refused(err: SourceRefused):
    abort(409 if isinstance(err, DuplicateName) else 422, str(err))


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
    draft = ActorDraft(
        name=data["name"],
        kind=data["kind"],
        role=data.get("role"),
        affiliation=data.get("affiliation"),
        country=data.get("country"),
        notes=data["notes"],
        party_to=tuple(data["party_to"]),
    )
    try:
        actor = sources.create_actor(draft)
    except SourceRefused as err:
        _refused(err)
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
    draft = OutletDraft(
        name=data["name"], kind=data["kind"], country=data.get("country"), notes=data["notes"]
    )
    try:
        outlet = sources.create_outlet(draft)
    except SourceRefused as err:
        _refused(err)
    return outlet, 201, {"Location": url_for("api_sources.show_outlet", outlet_id=outlet.id)}


@bp.route(f"/outlets/<{ID}:outlet_id>")
@bp.response(200, OutletSchema)
@documents(bp, 404)
def show_outlet(outlet_id: int):
    """One outlet."""
    return get_or_404(Outlet, outlet_id)
