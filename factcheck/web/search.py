"""Search claims by text, actor, outlet, metric, event, rank and conflict status, page by page."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template, request
from flask_login import login_required

from factcheck.domain.vocabulary import METRICS, RANKS
from factcheck.extensions import db
from factcheck.models import Actor, Article, Claim, Conflict, Event, Outlet

bp = Blueprint("search", __name__, url_prefix="/search")
PAGE_SIZE = 25


def claim_query(args) -> sa.Select:
    """The claims matching the search filters; the API's list uses the same function."""
    query = sa.select(Claim).join(Article, Article.id == Claim.article_id)
    if text := (args.get("q") or "").strip():
        like = f"%{text}%"
        query = query.where(
            sa.or_(
                Claim.exact.ilike(like),
                Claim.proposition.ilike(like),
                Claim.category_label.ilike(like),
            )
        )
    if actor := args.get("actor", type=int):
        query = query.where(sa.or_(Claim.attributed_to_id == actor, Claim.cites_id == actor))
    if outlet := args.get("outlet", type=int):
        query = query.where(
            sa.or_(Article.outlet_id == outlet, Article.republished_from_outlet_id == outlet)
        )
    if metric := args.get("metric"):
        query = query.where(Claim.metric == metric)
    if event := args.get("event", type=int):
        query = query.where(Claim.event_id == event)
    if rank := args.get("rank"):
        query = query.where(Claim.rank == rank)
    if kind := args.get("kind"):
        query = query.where(Claim.kind == kind)
    if status := args.get("conflict"):
        in_conflict = sa.select(Conflict.claim_ids).where(Conflict.status == status)
        ids = {i for (claim_ids,) in db.session.execute(in_conflict) for i in claim_ids}
        query = query.where(Claim.id.in_(ids))
    if args.get("withdrawn") != "1":  # withdrawn as effective_rank reads it: claim or article
        query = query.where(Claim.withdrawn_at.is_(None), Article.withdrawn_at.is_(None))
    return query.order_by(Claim.stated_on.desc(), Claim.id.desc())


@bp.route("/")
@login_required
def claims():
    """The claim search page."""
    page = db.paginate(claim_query(request.args), per_page=PAGE_SIZE, error_out=False)
    return render_template(
        "search/claims.html",
        page=page,
        args=request.args,
        metrics=METRICS,
        ranks=RANKS,
        actors=db.session.scalars(sa.select(Actor).order_by(Actor.name)).all(),
        outlets=db.session.scalars(sa.select(Outlet).order_by(Outlet.name)).all(),
        events=db.session.scalars(sa.select(Event).order_by(Event.title)).all(),
    )
