"""Events with their reconciled figures and conflicts; rebuilds; closing a conflict (an editor's act)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for

from factcheck.api.auth import allowed, current_user
from factcheck.api.base import ApiBlueprint, Detail, documents, get_or_404, page_of, page_schema
from factcheck.api.fields import ID
from factcheck.api.inputs import (
    CONFLICT_SORTS,
    EVENT_SORTS,
    RECONCILIATION_SORTS,
    ConflictClose,
    ConflictFilter,
    ConflictReopen,
    EventFilter,
    EventIn,
    ReconciliationFilter,
)
from factcheck.api.outcome_schemas import (
    ConflictSchema,
    EventDetailSchema,
    JobSchema,
    ReconciliationSchema,
)
from factcheck.api.problems import abort
from factcheck.api.schemas import EventSchema
from factcheck.extensions import db
from factcheck.models import Claim, Conflict, Event, Reconciliation
from factcheck.services import conflicts as conflict_service
from factcheck.services.claims import InvalidChange
from factcheck.services.conflicts import outcomes_for
from factcheck.services.events import DuplicateSlug, EventDraft, create_event
from factcheck.services.rebuild import queue_rebuild
from factcheck.services.text_match import holding

bp = ApiBlueprint(
    "events",
    __name__,
    "",
    "Events, their reconciled figures (low / best / high) and their conflicts.",
)


@bp.route("/events")
@bp.arguments(EventFilter, location="query")
@bp.response(200, page_schema(EventSchema))
def list_events(args: dict):
    """Events, by title words or slug, open (no end date) or ended."""
    query = sa.select(Event)
    if args.get("q"):
        q = args["q"]
        query = query.where(sa.or_(holding(Event.title, q), holding(Event.slug, q)))
    if args.get("open") is not None:
        query = query.where(
            Event.end_date.is_(None) if args["open"] else Event.end_date.is_not(None)
        )
    return page_of(query, args, EVENT_SORTS, Event.id)


@bp.route("/events", methods=["POST"])
@allowed("log")
@bp.arguments(EventIn)
@bp.response(201, EventSchema)
@documents(bp, 403, 409)
def create(data: dict):
    """Add an event that claims can be about."""
    draft = EventDraft(
        title=data["title"],
        slug=data["slug"],
        place=data.get("place"),
        start_date=data.get("start_date"),
        end_date=data.get("end_date"),
    )
    try:
        event = create_event(draft)
    except DuplicateSlug as err:
        abort(409, str(err))
    return event, 201, {"Location": url_for("api_events.show", event_id=event.id)}


@bp.route(f"/events/<{ID}:event_id>")
@bp.response(200, EventDetailSchema)
@documents(bp, 404)
def show(event_id: int):
    """An event with every reconciled figure group and how many conflicts are open, resolved and dismissed."""
    event = get_or_404(Event, event_id)
    results = db.session.scalars(
        sa.select(Reconciliation)
        .where(Reconciliation.event_id == event.id)
        .order_by(Reconciliation.metric, Reconciliation.id)
    ).all()
    counts = dict(
        db.session.execute(
            sa.select(Conflict.status, sa.func.count())
            .where(Conflict.event_id == event.id)
            .group_by(Conflict.status)
        ).all()
    )
    claims = db.session.scalar(
        sa.select(sa.func.count()).select_from(Claim).where(Claim.event_id == event.id)
    )
    conflicts = {status: counts.get(status, 0) for status in ("open", "resolved", "dismissed")}
    return Detail(event, reconciliations=results, conflicts=conflicts, claims=claims)


@bp.route(f"/events/<{ID}:event_id>/reconciliations")
@bp.arguments(ReconciliationFilter, location="query")
@bp.response(200, page_schema(ReconciliationSchema))
@documents(bp, 404)
def reconciliations(args: dict, event_id: int):
    """The engine's answer per figure group (metric, category, place): low / best / high, grade,
    flags, the explanation and the series as it stood on each day a figure arrived."""
    event = get_or_404(Event, event_id)
    query = sa.select(Reconciliation).where(Reconciliation.event_id == event.id)
    for name in ("metric", "category", "grade"):
        if args.get(name):
            query = query.where(getattr(Reconciliation, name) == args[name])
    if args.get("place"):
        query = query.where(Reconciliation.place_id == args["place"])
    if args.get("whole_area") is not None:
        whole = Reconciliation.place_id.is_(None)
        query = query.where(whole if args["whole_area"] else ~whole)
    return page_of(query, args, RECONCILIATION_SORTS, Reconciliation.id)


@bp.route(f"/events/<{ID}:event_id>/conflicts")
@bp.arguments(ConflictFilter(exclude=("event",)), location="query")
@bp.response(200, page_schema(ConflictSchema))
@documents(bp, 404)
def event_conflicts(args: dict, event_id: int):
    """The event's conflicts; settled ones are kept as resolved or dismissed."""
    event = get_or_404(Event, event_id)
    return _conflicts({**args, "event": event.id})


@bp.route(f"/events/<{ID}:event_id>/rebuild", methods=["POST"])
@allowed("log")
@bp.response(202, JobSchema)
@documents(bp, 403, 404)
def rebuild(event_id: int):
    """Queue a rebuild of every figure group of the event; follow the job at /jobs/{id}."""
    event = get_or_404(Event, event_id)
    job = queue_rebuild(event, user_id=current_user().id)
    return job, 202, {"Location": url_for("api_jobs.show", job_id=job.id)}


def _conflicts(args: dict) -> dict:
    query = sa.select(Conflict)
    for name, column in (
        ("event", Conflict.event_id),
        ("status", Conflict.status),
        ("kind", Conflict.kind),
    ):
        if args.get(name):
            query = query.where(column == args[name])
    return page_of(query, args, CONFLICT_SORTS, Conflict.id)


@bp.route("/conflicts")
@bp.arguments(ConflictFilter, location="query")
@bp.response(200, page_schema(ConflictSchema))
def list_conflicts(args: dict):
    """Conflicts of every event, by event, status and kind."""
    return _conflicts(args)


@bp.route(f"/conflicts/<{ID}:conflict_id>")
@bp.response(200, ConflictSchema)
@documents(bp, 404)
def show_conflict(conflict_id: int):
    """One conflict: its kind, claims, detail and status."""
    return get_or_404(Conflict, conflict_id)


@bp.route(f"/conflicts/<{ID}:conflict_id>/close", methods=["POST"])
@allowed("resolve")
@bp.arguments(ConflictClose)
@bp.response(200, ConflictSchema)
@documents(bp, 403, 404, 409)
def close_conflict(data: dict, conflict_id: int):
    """Close a conflict by deciding it (editors): prefer a figure, set one aside, say the figures
    count different things, or dismiss a conflict that decides no figure. It is kept, never
    deleted, and its group is reconciled again with the decision."""
    conflict = get_or_404(Conflict, conflict_id)
    if conflict.status != "open":
        abort(409, f"Conflict {conflict.id} is {conflict.status} already.")
    outcome = data.get("outcome") or ("dismiss" if data.get("status") else None)
    if outcome is None:
        abort(
            422,
            "Say how the conflict is closed: `outcome` ("
            + ", ".join(outcomes_for(conflict))
            + ").",
        )
    try:
        conflict_service.close_conflict(
            conflict,
            outcome,
            data["note"],
            current_user().id,
            claim_id=data.get("claim_id"),
            via="api",
        )
    except InvalidChange as err:
        db.session.rollback()
        abort(422, f"{str(err)[:1].upper()}{str(err)[1:]}.")
    return conflict


@bp.route(f"/conflicts/<{ID}:conflict_id>/reopen", methods=["POST"])
@allowed("resolve")
@bp.arguments(ConflictReopen)
@bp.response(200, ConflictSchema)
@documents(bp, 403, 404, 409)
def reopen_conflict(data: dict, conflict_id: int):
    """Take a reviewer's decision back (editors): the conflict is open again, a preferred or
    set-aside figure goes back to its rank (unless its note was changed since), the
    different-scope links between its figures are withdrawn, and the group is reconciled again.
    A conflict the engine settled cannot be reopened: it opens again by itself."""
    conflict = get_or_404(Conflict, conflict_id)
    try:
        conflict_service.reopen_conflict(conflict, data["note"], current_user().id, via="api")
    except conflict_service.StaleConflict:
        db.session.rollback()
        abort(409, f"Conflict {conflict.id} is open already.")
    except conflict_service.SettledByEngine:
        db.session.rollback()
        abort(409, f"Conflict {conflict.id} was settled by the engine: it opens again by itself.")
    except InvalidChange as err:
        db.session.rollback()
        abort(422, f"{str(err)[:1].upper()}{str(err)[1:]}.")
    return conflict
