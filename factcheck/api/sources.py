"""Who speaks (actors) and who publishes (outlets): list, read, add, change, merge duplicates."""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for

from factcheck.api.auth import allowed, current_user
from factcheck.api.base import ApiBlueprint, documents, get_or_404, page_of, page_schema
from factcheck.api.etag import SOURCE_ETAG_HEADER, SOURCE_IF_MATCH, seen_token, source_etag
from factcheck.api.fields import ID
from factcheck.api.inputs import ACTOR_SORTS, OUTLET_SORTS, ActorFilter, OutletFilter
from factcheck.api.problems import abort
from factcheck.api.schemas import ActorSchema, MergeSchema, OutletSchema
from factcheck.api.source_inputs import ActorIn, ActorPatch, OutletIn, OutletPatch
from factcheck.extensions import db
from factcheck.models import Actor, Merge, Outlet
from factcheck.services import merges, names, sources
from factcheck.services.edit_tokens import ChangedSince
from factcheck.services.sources import (
    ActorChange,
    ActorDraft,
    DuplicateName,
    OutletChange,
    OutletDraft,
    SourceRefused,
)

bp = ApiBlueprint("sources", __name__, "", "Actors (who said it) and outlets (who published it).")


def _named(model, args: dict) -> sa.Select:
    query = sa.select(model)
    if args.get("q"):
        query = query.where(names.name_contains(model.__tablename__[:-1], args["q"]))
    if args.get("kind"):
        query = query.where(model.kind == args["kind"])
    return query


def _refused(err: SourceRefused):
    merged = err.field == "name" and "merged into" in err.message
    abort(409 if isinstance(err, DuplicateName) or merged else 422, str(err))


def _change(model, data: dict, seen: str | None):
    """The PATCH body as the service's change; lists become tuples, absent fields stay None."""
    change = ActorChange if model is Actor else OutletChange
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    for name in ("role", "affiliation", "country"):
        if name in values and values[name] is None:
            values[name] = ""  # null clears the field
    return change(**values, seen=seen)


def _kind(model) -> str:
    return model.__tablename__[:-1]


def _with_etag(model, record):
    return record, 200, {"ETag": source_etag(_kind(model), record)}


def _update(model, record_id: int, data: dict):
    record = get_or_404(model, record_id)
    update = sources.update_actor if model is Actor else sources.update_outlet
    seen = seen_token(_kind(model), record)
    try:
        return _with_etag(
            model, update(record, _change(model, data, seen), current_user().id, "api")
        )
    except SourceRefused as err:
        _refused(err)
    except ChangedSince as err:
        db.session.rollback()
        abort(
            412,
            f"{_kind(model).capitalize()} {record_id} changed since you read it; nothing was written. "
            f"Its ETag is {source_etag(_kind(model), record, err.current)}: "
            "GET it again and apply your change.",
        )


def _merge(model, record_id: int, into_id: int):
    record, into = get_or_404(model, record_id), get_or_404(model, into_id)
    try:
        row = merges.merge(model.__tablename__[:-1], record, into, current_user().id, via="api")
    except merges.MergeRefused as err:
        abort(409, str(err))
    return row, 201, {"Location": url_for("api_sources.show_merge", merge_id=row.id)}


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
        aliases=tuple(data["aliases"]),
    )
    try:
        actor = sources.create_actor(draft)
    except SourceRefused as err:
        _refused(err)
    return actor, 201, {"Location": url_for("api_sources.show_actor", actor_id=actor.id)}


@bp.route(f"/actors/<{ID}:actor_id>")
@bp.response(200, ActorSchema, headers=SOURCE_ETAG_HEADER)
@documents(bp, 404)
def show_actor(actor_id: int):
    """One actor, with its ETag to quote in If-Match when changing it."""
    return _with_etag(Actor, get_or_404(Actor, actor_id))


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
        name=data["name"],
        kind=data["kind"],
        country=data.get("country"),
        notes=data["notes"],
        aliases=tuple(data["aliases"]),
    )
    try:
        outlet = sources.create_outlet(draft)
    except SourceRefused as err:
        _refused(err)
    return outlet, 201, {"Location": url_for("api_sources.show_outlet", outlet_id=outlet.id)}


@bp.route(f"/outlets/<{ID}:outlet_id>")
@bp.response(200, OutletSchema, headers=SOURCE_ETAG_HEADER)
@documents(bp, 404)
def show_outlet(outlet_id: int):
    """One outlet, with its ETag to quote in If-Match when changing it."""
    return _with_etag(Outlet, get_or_404(Outlet, outlet_id))


@bp.route(f"/actors/<{ID}:actor_id>", methods=["PATCH"])
@allowed("log")
@bp.arguments(ActorPatch)
@bp.response(200, ActorSchema, headers=SOURCE_ETAG_HEADER)
@bp.doc(parameters=[SOURCE_IF_MATCH])
@documents(bp, 403, 404, 409, 412)
def update_actor(data: dict, actor_id: int):
    """Change an actor's kind, description, sides or aliases; its groups are reconciled again.
    With If-Match, only if it is still as you read it (else 412, nothing written)."""
    return _update(Actor, actor_id, data)


@bp.route(f"/outlets/<{ID}:outlet_id>", methods=["PATCH"])
@allowed("log")
@bp.arguments(OutletPatch)
@bp.response(200, OutletSchema, headers=SOURCE_ETAG_HEADER)
@bp.doc(parameters=[SOURCE_IF_MATCH])
@documents(bp, 403, 404, 409, 412)
def update_outlet(data: dict, outlet_id: int):
    """Change an outlet's kind, country, notes or aliases. With If-Match, only if it is still
    as you read it (else 412, nothing written)."""
    return _update(Outlet, outlet_id, data)


@bp.route(f"/actors/<{ID}:actor_id>/merge-into/<{ID}:other_id>", methods=["POST"])
@allowed("merge")
@bp.response(201, MergeSchema)
@documents(bp, 403, 404, 409)
def merge_actor(actor_id: int, other_id: int):
    """Merge a duplicate actor into another (editors): its claims and names move there."""
    return _merge(Actor, actor_id, other_id)


@bp.route(f"/outlets/<{ID}:outlet_id>/merge-into/<{ID}:other_id>", methods=["POST"])
@allowed("merge")
@bp.response(201, MergeSchema)
@documents(bp, 403, 404, 409)
def merge_outlet(outlet_id: int, other_id: int):
    """Merge a duplicate outlet into another (editors): its articles and names move there."""
    return _merge(Outlet, outlet_id, other_id)


@bp.route(f"/merges/<{ID}:merge_id>", methods=["GET"])
@bp.response(200, MergeSchema)
@documents(bp, 404)
def show_merge(merge_id: int):
    """One merge: what moved, by whom, and whether it was undone."""
    return get_or_404(Merge, merge_id)


@bp.route(f"/merges/<{ID}:merge_id>/undo", methods=["POST"])
@allowed("merge")
@bp.response(200, MergeSchema)
@documents(bp, 403, 404, 409)
def undo_merge(merge_id: int):
    """Undo a merge (editors): what moved goes back where it still points at the survivor."""
    row = get_or_404(Merge, merge_id)
    try:
        merges.undo_merge(row, current_user().id, via="api")
    except merges.MergeRefused as err:
        abort(409, str(err))
    db.session.refresh(row)
    return row
