"""Relations: typed links between two claims ("source retracts target"); ranks and results follow."""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for

from factcheck.api.auth import allowed, current_user
from factcheck.api.base import ApiBlueprint, documents, get_or_404, page_of, page_schema
from factcheck.api.fields import ID
from factcheck.api.inputs import RELATION_SORTS, RelationFilter, RelationIn
from factcheck.api.problems import abort, refused
from factcheck.api.schemas import RelationSchema
from factcheck.extensions import db
from factcheck.models import Claim, Relation
from factcheck.services import claims as claim_service
from factcheck.services import relations as relation_service

bp = ApiBlueprint(
    "relations",
    __name__,
    "/relations",
    "Relations between claims: retracts, corrects, supersedes, …",
)


@bp.route("")
@bp.arguments(RelationFilter, location="query")
@bp.response(200, page_schema(RelationSchema))
def list_relations(args: dict):
    """Relations, optionally those from or to one claim, or of one type."""
    query = sa.select(Relation)
    if args.get("claim"):
        query = query.where(
            sa.or_(Relation.source_id == args["claim"], Relation.target_id == args["claim"])
        )
    if args.get("type"):
        query = query.where(Relation.type == args["type"])
    return page_of(query, args, RELATION_SORTS, Relation.id)


@bp.route("", methods=["POST"])
@allowed("log")
@bp.arguments(RelationIn)
@bp.response(201, RelationSchema)
@documents(bp, 403, 409)
def create(data: dict):
    """Link two claims: "source <type> target". Ranks are refreshed and both groups reconciled."""
    source = db.session.get(Claim, data["source_id"])
    target = db.session.get(Claim, data["target_id"])
    for name, claim in (("source_id", source), ("target_id", target)):
        if claim is None:
            abort(422, f"{name}: there is no claim {data[name]}.")
    exists = db.session.scalar(
        sa.select(Relation.id).filter_by(
            type=data["type"], source_id=source.id, target_id=target.id
        )
    )
    if exists is not None:
        abort(
            409, f"Claim {source.id} {data['type']} claim {target.id} already (relation {exists})."
        )
    try:
        relation = relation_service.add_relation(
            source,
            target,
            data["type"],
            data["note"],
            current_user().id,
            via="api",
            confirmed=data["confirmed"],
        )
    except claim_service.InvalidChange as err:
        db.session.rollback()
        abort(422, str(err))
    return relation, 201, {"Location": url_for("api_relations.show", relation_id=relation.id)}


@bp.route(f"/<{ID}:relation_id>")
@bp.response(200, RelationSchema)
@documents(bp, 404)
def show(relation_id: int):
    """One relation."""
    return get_or_404(Relation, relation_id)


def _toggle(relation_id: int, change) -> Relation:
    relation = get_or_404(Relation, relation_id)
    try:
        change(relation, user_id=current_user().id, via="api")
    except claim_service.InvalidChange as err:
        db.session.rollback()
        refused(409, err)
    return relation


@bp.route(f"/<{ID}:relation_id>/withdraw", methods=["POST"])
@allowed("log")
@bp.response(200, RelationSchema)
@documents(bp, 403, 404, 409)
def withdraw(relation_id: int):
    """Take a link back: it stays, marked withdrawn and restorable; ranks and results follow."""
    return _toggle(relation_id, relation_service.withdraw_relation)


@bp.route(f"/<{ID}:relation_id>/restore", methods=["POST"])
@allowed("log")
@bp.response(200, RelationSchema)
@documents(bp, 403, 404, 409)
def restore(relation_id: int):
    """Put a withdrawn link back in force."""
    return _toggle(relation_id, relation_service.restore_relation)
